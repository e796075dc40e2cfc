import ATTACK
import Foundation
import STIX

/// Checks layers against the 4.5 format and against the ATT&CK release of a knowledge base.
///
/// Format problems come from the reader (types, required fields, colours, enums); the
/// knowledge-base checks find unknown, revoked (with the replacement) and deprecated
/// techniques, tactics a technique does not belong to, scores outside the gradient, platforms the release does not name and a domain
/// other than the data's. Each finding is one line with its JSON path.
///
/// ```swift
/// let findings = LayerValidator(kb: kb).validate(contentsOf: url)
/// findings.forEach { print($0.line(file: url.path)) }
/// // apt.json: techniques[3].techniqueID: error: T1086 is revoked; use T1059.001 (PowerShell)
/// let ok = !findings.contains { $0.severity == .error }
/// ```
public struct LayerValidator: Sendable {
    public let matrix: MatrixIndex
    public var kb: KnowledgeBase { matrix.kb }

    public init(kb: KnowledgeBase) { matrix = MatrixIndex(kb) }

    public init(matrix: MatrixIndex) { self.matrix = matrix }

    /// Reads and checks a file; a file that cannot be read or parsed gives one error finding.
    public func validate(contentsOf url: URL) -> [LayerFinding] {
        do {
            return validate(data: try FileBytes.read(path: url.path, limit: LayerFile.sizeLimit), source: url.path)
        } catch {
            return [LayerFinding(.error, "", "cannot read the file: \(error.reason)", fatal: true)]
        }
    }

    /// Checks layer JSON.
    public func validate(data: Data, source: String) -> [LayerFinding] {
        validate(LayerFile.parseLeniently(data, source: source).document)
    }

    /// Checks a document already read: its reader findings plus the knowledge-base checks.
    public func validate(_ document: LayerDocument) -> [LayerFinding] {
        var findings = document.findings
        for (i, layer) in document.layers.enumerated() {
            findings += validate(layer, prefix: document.isArray ? "[\(i)]." : "")
        }
        return findings
    }

    /// The knowledge-base checks for one layer; `prefix` is put before every path.
    public func validate(_ layer: Layer, prefix: String = "") -> [LayerFinding] {
        var out: [LayerFinding] = []
        func add(_ s: LayerFinding.Severity, _ path: String, _ message: String) { out.append(LayerFinding(s, prefix + path, message)) }

        if layer.domain != kb.domain {
            add(.error, "domain", "layer is for '\(layer.domain.rawValue)' but the data is '\(kb.domain.rawValue)'")
        }
        if let attack = layer.versions?.attack, let have = kb.attackVersion, Self.major(attack) != Self.major(have) {
            add(.warning, "versions.attack", "layer made for ATT&CK \(attack); checked against \(have)")
        }
        let platforms = kb.platforms
        for (i, p) in (layer.filters?.platforms ?? []).enumerated()
        where !platforms.contains(where: { $0.caseInsensitiveCompare(p) == .orderedSame }) {
            add(.error, "filters.platforms[\(i)]", "platform '\(p)' is not in \(kb.title) (it has \(platforms.joined(separator: ", ")))")
        }
        let gradient = layer.effectiveGradient
        var seen: [CellKey: Int] = [:]
        for (i, t) in layer.techniques.enumerated() {
            let path = "techniques[\(i)]"
            let id = t.techniqueID.uppercased()
            if let first = seen[t.cellKey] {
                add(.warning, path, "\(t.techniqueID)\(t.tactic.map { " under \($0)" } ?? "") repeats techniques[\(first)]; the Navigator keeps the last")
            } else {
                seen[t.cellKey] = i
            }
            if let s = t.score, !gradient.contains(s) {
                add(.warning, path + ".score", "score \(JSONValue.number(s).serialized()) is outside the gradient \(JSONValue.number(gradient.minValue).serialized())…\(JSONValue.number(gradient.maxValue).serialized())")
            }
            guard let technique = matrix.technique(id) else {
                let status = kb.status(ofAttackID: id, kind: .technique)
                let deprecated = if case .deprecated = status { true } else { false }
                add(deprecated ? .warning : .error, path + ".techniqueID", describeMissing(t.techniqueID, status))
                continue
            }
            if let tactic = t.tactic {
                let tactics = matrix.tactics(of: id)
                if matrix.tactic(tactic) == nil {
                    add(.error, path + ".tactic", "unknown tactic '\(tactic)' in \(kb.title)")
                } else if !tactics.contains(where: { $0.caseInsensitiveCompare(tactic) == .orderedSame }) {
                    add(.error, path + ".tactic", "\(technique.label) is not in tactic '\(tactic)'; its tactics: \(tactics.joined(separator: ", "))")
                }
            }
            // A sub-technique without an entry for its parent is normal (the Navigator draws the
            // parent unscored; MITRE's own sample layers do it), so it is not a finding.
            if technique.parentAttackID == nil, t.showSubtechniques == true, (matrix.subtechniquesByParent[id] ?? []).isEmpty {
                add(.warning, path + ".showSubtechniques", "\(technique.attackID) has no sub-techniques")
            }
        }
        return out
    }

    /// Explains why an ID is not an active technique: not an ID at all, revoked (with the
    /// replacement), deprecated, or unknown to this release.
    func describeMissing(_ id: String, _ status: IdentityStatus) -> String {
        switch status {
        case .remapped(_, let current): return "\(id) is revoked; use \(current.label)"
        case .revoked: return "\(id) is revoked with no replacement"
        case .deprecated(let object): return "\(object.label) is deprecated in \(kb.title)"
        case .active(let object): return "\(object.label) is not in the matrix of \(kb.title)"
        case .unknown:
            if TechniqueID(id) == nil { return "'\(id)' is not a technique ID (T#### or T####.###)" }
            return "unknown technique \(id): not in \(kb.title) (perhaps from a newer release)"
        }
    }

    static func major(_ version: String) -> String {
        String(version.drop { !$0.isNumber }.prefix { $0.isNumber })
    }
}
