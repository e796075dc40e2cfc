import ATTACK
import Foundation

extension TechniqueAdministration {
    /// The file as coverage on the loaded release: every active technique, Detected / Logged /
    /// Blind by its current scores (techniques the file does not list are Blind), with the
    /// scores kept for a faithful export and the detection `location`s as rules. Revoked IDs
    /// are followed to their replacement and unknown ones skipped, each with a warning at its
    /// line (in ``CoverageResult/issues``). A file of another domain is an error.
    public func coverage(knowledgeBase kb: KnowledgeBase) throws(CoverageInputError) -> CoverageResult {
        try DeTTECTReader.requireDomain(domain, path: path, kb: kb)
        var warnings: [RuleIssue] = []
        var byID: [String: (scores: DeTTECTScores, rules: [RuleReference])] = [:]
        var order: [String] = []
        let release = "ATT&CK \(kb.attackVersion ?? "(unknown release)")"
        for technique in techniques {
            guard let canonical = ATTACKIdentifiers.techniqueID(technique.techniqueID),
                  let id = kb.status(ofAttackID: canonical, kind: .technique).current?.attackID else {
                warnings.append(RuleIssue(path: path, line: technique.line,
                                          reason: "\(technique.techniqueID) is not in \(release) (a newer release?); ignored", severity: .warning))
                continue
            }
            if id != canonical {
                warnings.append(RuleIssue(path: path, line: technique.line, reason: "\(canonical) was revoked by \(id); scores moved to \(id)", severity: .warning))
            }
            let scores = technique.scores
            let rules = technique.detection.filter { ($0.current?.score ?? -1) >= 1 }.flatMap(\.location)
                .filter { !$0.isEmpty }
                .map { location in
                    RuleReference(rule: DetectionRule(format: .csv, path: path, line: technique.line, title: location,
                                                      status: "imported", techniqueIDs: [id]))
                }
            if let existing = byID[id] {
                byID[id] = (DeTTECTScores(detection: max(existing.scores.detection, scores.detection),
                                          visibility: max(existing.scores.visibility, scores.visibility)),
                            existing.rules + rules)
            } else {
                byID[id] = (scores, rules)
                order.append(id)
            }
        }
        let defaults = CoverageOptions.Scores()
        let listed = order.compactMap { id -> TechniqueCoverage? in
            guard let found = byID[id] else { return nil }
            let state = found.scores.state
            return TechniqueCoverage(
                techniqueID: id, name: "", state: state, score: defaults.score(state),
                rules: state == .detected ? found.rules : [], dettect: found.scores)
        }
        return CoverageResult(
            source: path, origin: .dettect, domain: kb.domain, release: kb.attackVersion, techniques: listed, issues: warnings)
    }

    /// A technique-administration file (version 1.2) for a coverage result: every technique
    /// that is not Blind, with one detection and one visibility object applicable to `all`,
    /// each with one logbook entry dated `date`.
    ///
    /// Scores: those imported from DeTT&CT are kept as they were. Otherwise a Detected
    /// technique gets detection 1 (basic) with no known rule, 2 (fair) with one rule, 3 (good)
    /// with two or more; Logged gets detection −1. Visibility is 2 (medium) when two or more
    /// telemetry sources see the technique, otherwise 1 (minimal) for Detected and Logged,
    /// 0 for Blind. `location` lists the rule files. ttpkit cannot judge detection quality:
    /// review the scores in DeTT&CT's editor.
    public static func export(_ result: CoverageResult, name: String = "ttpkit coverage", date: Date = Date(),
                              path: String = "techniques-administration.yaml") -> TechniqueAdministration {
        let day = YAMLText.day(date)
        let techniques = result.techniques.filter { $0.state != .blind || ($0.dettect.map { $0.detection >= 0 || $0.visibility > 0 } ?? false) }
            .map { entry -> Technique in
                let scores = entry.dettect ?? exportScores(entry)
                // DeTT&CT locations travel as rule titles; scanned rules are named by their files.
                let files = Array(Set(entry.rules.map { entry.dettect != nil && !$0.rule.title.isEmpty ? $0.rule.title : $0.rule.path })).sorted()
                let detectionComment = entry.dettect == nil && entry.state == .detected
                    ? "ttpkit: detected by \(entry.rules.count) rule\(entry.rules.count == 1 ? "" : "s")" : ""
                return Technique(
                    techniqueID: entry.techniqueID, name: entry.name,
                    detection: [ScoreObject(location: files, comment: detectionComment,
                                            scoreLogbook: [ScoreEntry(date: day, score: scores.detection)])],
                    visibility: [ScoreObject(scoreLogbook: [ScoreEntry(date: day, score: scores.visibility, autoGenerated: false)])])
            }
        return TechniqueAdministration(path: path, name: name, domain: result.domain ?? .enterprise, techniques: techniques)
    }

    /// Scores for an entry that did not come from DeTT&CT.
    static func exportScores(_ entry: TechniqueCoverage) -> DeTTECTScores {
        let visibility = entry.telemetry.count >= 2 ? 2 : 1
        switch entry.state {
        case .detected: return DeTTECTScores(detection: min(3, 1 + entry.rules.count), visibility: visibility)
        case .logged: return DeTTECTScores(detection: -1, visibility: visibility)
        case .blind: return DeTTECTScores(detection: -1, visibility: 0)
        }
    }

    /// The file as YAML text DeTT&CT loads: DeTT&CT's field names and order, strings
    /// single-quoted, dates plain.
    public func yaml() -> String {
        var out = YAMLText(.techniqueAdministration, name: name, domain: domain)
        out.list(0, "platform", platforms.isEmpty ? ["all"] : platforms)
        out.open(0, "techniques")
        for technique in techniques {
            out.plain(2, "technique_id", technique.techniqueID, dash: true)
            out.quoted(2, "technique_name", technique.name)
            write(technique.detection, key: "detection", detection: true, into: &out)
            write(technique.visibility, key: "visibility", detection: false, into: &out)
        }
        return out.text
    }

    private func write(_ objects: [ScoreObject], key: String, detection: Bool, into out: inout YAMLText) {
        out.open(2, key)
        for object in objects {
            out.list(6, "applicable_to", object.applicableTo.isEmpty ? ["all"] : object.applicableTo, dash: true)
            if detection { out.list(6, "location", object.location) }
            out.quoted(6, "comment", object.comment)
            out.open(6, "score_logbook")
            for entry in object.scoreLogbook {
                out.plain(10, "date", entry.date ?? "", dash: true)
                out.plain(10, "score", String(entry.score))
                out.quoted(10, "comment", entry.comment)
                if !detection { out.plain(10, "auto_generated", (entry.autoGenerated ?? false) ? "true" : "false") }
            }
        }
    }
}
