import ATTACK

/// What to collect next: log sources (from v18 analytics) or data components (before v18)
/// that would turn Blind techniques into Logged, picked greedily so that each pick adds the
/// most of the chosen groups' techniques not already made visible by earlier picks, then the
/// most of all.
///
/// ```swift
/// let picks = TelemetryRecommendations(coverage: result, knowledgeBase: kb, focus: study.chosenTechniques, limit: 5)
/// picks.recommendations[0].description
/// // "Collect WinEventLog:Sysmon EventCode=1 (Process Creation): 57 blind techniques become visible, 12 of them used by the chosen groups (57 after this pick)"
/// ```
public struct TelemetryRecommendations: Sendable {
    /// One pick.
    public struct Recommendation: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The log source (`WinEventLog:Sysmon`), or the data component name before v18.
        public var source: String
        /// The channel (`EventCode=1`), when the pick is a log source.
        public var channel: String?
        /// The data components the log source carries in ATT&CK's analytics.
        public var dataComponents: [String]
        /// Blind techniques this pick makes visible that earlier picks did not.
        public var newlyVisible: [String]
        /// How many of those the focus set (the chosen groups' techniques) holds.
        public var newlyVisibleInFocus: Int
        /// Blind techniques made visible by this pick and all before it.
        public var cumulative: Int

        /// One sentence for reports.
        public var description: String {
            let name = channel.map { "\(source) \($0)" } ?? source
            let components = dataComponents.isEmpty ? "" : " (\(dataComponents.joined(separator: ", ")))"
            let count = newlyVisible.count == 1 ? "1 blind technique becomes" : "\(newlyVisible.count) blind techniques become"
            return "Collect \(name)\(components): \(count) visible, "
                + "\(newlyVisibleInFocus) of them used by the chosen groups (\(cumulative) after this pick)"
        }
    }

    /// The picks, best first.
    public let recommendations: [Recommendation]

    /// Picks up to `limit` sources for the Blind techniques of `coverage` not in `excluding`
    /// (pre-compromise ones, watched outside the network): each pick makes the most `focus`
    /// techniques (the chosen groups') visible that earlier picks did not, then the most of all,
    /// so a source that helps none of the chosen groups never comes before one that helps them.
    public init(coverage: CoverageResult, knowledgeBase kb: KnowledgeBase, focus: Set<String> = [], limit: Int = 10, excluding: Set<String> = []) {
        struct Candidate {
            var source: String
            var channel: String?
            var components: Set<String>
            var techniques: Set<String>
        }
        var candidates: [String: Candidate] = [:]
        for coverage in coverage.techniques where coverage.state == .blind && !excluding.contains(coverage.techniqueID) {
            guard let technique = kb.objects(attackID: coverage.techniqueID).first(where: \.isActive) else { continue }
            let detection = kb.detection(of: technique)
            if !detection.logSources.isEmpty {
                for reference in detection.logSources {
                    let channel = LogSourceName.meaningfulChannel(reference.channel)
                    let key = reference.name + "\u{1F}" + (channel ?? "")
                    var candidate = candidates[key] ?? Candidate(
                        source: reference.name, channel: channel,
                        components: [], techniques: [])
                    candidate.techniques.insert(coverage.techniqueID)
                    if let component = kb.object(stixID: reference.dataComponentRef) { candidate.components.insert(component.name) }
                    candidates[key] = candidate
                }
            } else {
                for component in detection.dataComponents {
                    let key = "dc\u{1F}" + component.id
                    var candidate = candidates[key] ?? Candidate(source: component.name, channel: nil, components: [], techniques: [])
                    candidate.techniques.insert(coverage.techniqueID)
                    candidates[key] = candidate
                }
            }
        }
        var remaining = Array(candidates.values)
        var visible = Set<String>()
        var picks: [Recommendation] = []
        while picks.count < limit {
            var best: (index: Int, gain: Set<String>, focus: Int)?
            for (index, candidate) in remaining.enumerated() {
                let gain = candidate.techniques.subtracting(visible)
                guard !gain.isEmpty else { continue }
                let inFocus = gain.intersection(focus).count
                if let current = best {
                    let better = (inFocus, gain.count) > (current.focus, current.gain.count)
                        || ((inFocus, gain.count) == (current.focus, current.gain.count)
                            && (candidate.source, candidate.channel ?? "") < (remaining[current.index].source, remaining[current.index].channel ?? ""))
                    if !better { continue }
                }
                best = (index, gain, inFocus)
            }
            guard let chosen = best else { break }
            let candidate = remaining.remove(at: chosen.index)
            visible.formUnion(chosen.gain)
            picks.append(Recommendation(
                source: candidate.source, channel: candidate.channel, dataComponents: candidate.components.sorted(),
                newlyVisible: chosen.gain.sorted(), newlyVisibleInFocus: chosen.focus, cumulative: visible.count))
        }
        recommendations = picks
    }
}
