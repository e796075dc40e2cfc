import ATTACK

/// How often techniques are seen in the wild, from DeTT&CT group-administration files —
/// typically the vendor threat reports of DeTT&CT's `threat-actor-data` (Red Canary, Mandiant,
/// Talos...).
///
/// ## How a technique's prevalence is computed
/// Every enabled group entry of every file is one **report**. Within a report, a technique's
/// weight is its observed count divided by the report's highest count (so each report weighs
/// the same whatever its sample size); a report that lists IDs without counts gives each
/// listed technique weight 1. A technique's **prevalence** is the mean of its weights over all
/// reports (0 in a report that does not list it), between 0 and 1. IDs match exactly: a
/// report's `T1059` does not count for `T1059.001`.
///
/// Unknown technique IDs are skipped with a warning at their line; revoked ones count for
/// their replacement.
///
/// ```swift
/// let prevalence = try Prevalence.load(["20210331-RedCanary.yaml", "20210413-FireEye-Mandiant.yaml"], knowledgeBase: kb)
/// prevalence.value("T1059.001")   // 0.45
/// ```
public struct Prevalence: Sendable, Hashable {
    /// One report's weights.
    public struct Report: Sendable, Hashable {
        /// The group entry's label.
        public var label: String
        /// The file.
        public var path: String
        /// Technique ID → weight in 0…1.
        public var weights: [String: Double]
    }

    /// The reports, in the order read.
    public var reports: [Report]
    /// Warnings (unknown and revoked IDs), with file and line.
    public var warnings: [RuleIssue]

    /// Creates prevalence from reports.
    public init(reports: [Report], warnings: [RuleIssue] = []) {
        self.reports = reports
        self.warnings = warnings
    }

    /// Reads files; a file that cannot be read, of an unknown version or of another domain is
    /// an error.
    public static func load(_ paths: [String], knowledgeBase kb: KnowledgeBase) throws(CoverageInputError) -> Prevalence {
        var files: [GroupAdministration] = []
        for path in paths { files.append(try GroupAdministration.load(path)) }
        return try Prevalence(files: files, knowledgeBase: kb)
    }

    /// Prevalence from parsed files.
    public init(files: [GroupAdministration], knowledgeBase kb: KnowledgeBase) throws(CoverageInputError) {
        var reports: [Report] = []
        var warnings: [RuleIssue] = []
        for file in files {
            try DeTTECTReader.requireDomain(file.domain, path: file.path, kb: kb)
            for group in file.enabledGroups {
                var counts: [String: Double] = [:]
                for mention in group.techniques {
                    guard let id = PrevalenceIDs.resolve(mention, path: file.path, kb: kb, warnings: &warnings) else { continue }
                    counts[id] = max(counts[id] ?? 0, mention.count ?? 1)
                }
                let highest = counts.values.max() ?? 0
                let weights = highest > 0 ? counts.mapValues { $0 / highest } : counts.mapValues { _ in 1 }
                reports.append(Report(label: group.label, path: file.path, weights: weights))
            }
        }
        self.init(reports: reports, warnings: warnings)
    }

    /// The prevalence of a technique, 0…1.
    public func value(_ techniqueID: String) -> Double {
        guard !reports.isEmpty else { return 0 }
        return reports.reduce(0) { $0 + ($1.weights[techniqueID] ?? 0) } / Double(reports.count)
    }

    /// The reports listing a technique.
    public func reports(listing techniqueID: String) -> [String] {
        reports.filter { $0.weights[techniqueID] != nil }.map(\.label)
    }

    /// Every technique with a prevalence above 0.
    public var techniqueIDs: Set<String> { Set(reports.flatMap(\.weights.keys)) }
}
