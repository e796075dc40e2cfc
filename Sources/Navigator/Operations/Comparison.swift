import Foundation
import ATTACK
import STIX

/// Compares the technique sets of several groups (or layers): techniques common to all,
/// unique to each, pairwise Jaccard similarity and counts per tactic.
///
/// ```swift
/// let c = try Comparison.groups(["APT29", "APT28"], kb: kb)
/// print(c.common.count, c.jaccard[0][1])
/// print(c.table())          // aligned text; c.csv(), c.json() for the other formats
/// ```
public struct Comparison: Sendable {
    /// One compared group or layer.
    public struct Member: Sendable, Hashable {
        /// ATT&CK ID of a group, or the layer's file/name.
        public var id: String
        public var name: String
        /// Technique IDs (upper case).
        public var techniques: Set<String>
    }

    /// Techniques counted per tactic for each member.
    public struct TacticCount: Sendable, Hashable {
        public var shortname: String
        public var name: String
        /// One count per member, in member order.
        public var counts: [Int]
    }

    public var members: [Member]
    /// Technique IDs every member uses, in ATT&CK ID order.
    public var common: [String]
    /// Per member (same order): IDs only that member uses.
    public var unique: [[String]]
    /// `jaccard[i][j]` = |Ti ∩ Tj| / |Ti ∪ Tj| (1 on the diagonal; 0 when both are empty).
    public var jaccard: [[Double]]
    /// Per tactic in matrix order.
    public var perTactic: [TacticCount]

    /// Compares members given directly.
    public init(members: [Member], matrix: MatrixIndex) {
        self.members = members
        let sets = members.map(\.techniques)
        let all = sets.reduce(into: Set<String>()) { $0.formUnion($1) }
        let sorted = all.sorted(by: KnowledgeBase.attackIDLess)
        common = sets.isEmpty ? [] : sorted.filter { id in sets.allSatisfy { $0.contains(id) } }
        unique = sets.indices.map { i in
            sets[i].sorted(by: KnowledgeBase.attackIDLess).filter { id in !sets.indices.contains { $0 != i && sets[$0].contains(id) } }
        }
        jaccard = sets.map { a in
            sets.map { b in
                let union = a.union(b).count
                return union == 0 ? (a == b ? 1 : 0) : Double(a.intersection(b).count) / Double(union)
            }
        }
        perTactic = matrix.tactics.map { tactic in
            TacticCount(shortname: tactic.shortname, name: tactic.name, counts: sets.map { set in
                set.filter { matrix.tactics(of: $0).contains(tactic.shortname) }.count
            })
        }
    }

    /// Compares groups by name, ID or alias (techniques as MITRE counts them: direct and via
    /// campaigns; `viaSoftware` adds their software's).
    public static func groups(_ queries: [String], kb: KnowledgeBase, viaSoftware: Bool = false) throws(GeneratorError) -> Comparison {
        let matrix = MatrixIndex(kb)
        var members: [Member] = []
        for q in queries {
            let g: AttackObject
            do { g = try kb.resolve(q, kind: .group).object } catch { throw GeneratorError.lookup(error) }
            let ids = kb.techniquesUsed(byGroup: g, viaSoftware: viaSoftware).map { $0.object.attackID.uppercased() }
            members.append(Member(id: g.attackID, name: g.name, techniques: Set(ids)))
        }
        return Comparison(members: members, matrix: matrix)
    }

    /// Compares layers: a member's techniques are the IDs its layer annotates.
    public static func layers(_ layers: [(label: String, layer: Layer)], matrix: MatrixIndex) -> Comparison {
        Comparison(members: layers.map { item in
            Member(id: item.label, name: item.layer.name, techniques: Set(item.layer.techniques.filter(\.isAnnotated).map { $0.techniqueID.uppercased() }))
        }, matrix: matrix)
    }

    // MARK: Output

    /// `{"members": [...], "common": [...], "unique": {id: [...]}, "jaccard": [[...]], "per_tactic": [...]}`.
    public func json() -> JSONValue {
        var unique = JSONObject()
        for (m, ids) in zip(members, self.unique) { unique[m.id] = .array(ids.map(JSONValue.string)) }
        return .object(JSONObject([
            ("members", .array(members.map { .object(JSONObject([("id", .string($0.id)), ("name", .string($0.name)), ("techniques", .number(Double($0.techniques.count)))])) })),
            ("common", .array(common.map(JSONValue.string))),
            ("unique", .object(unique)),
            ("jaccard", .array(jaccard.map { .array($0.map { .number(Self.round3($0)) }) })),
            ("per_tactic", .array(perTactic.map { t in
                .object(JSONObject([("tactic", .string(t.shortname)), ("counts", .array(t.counts.map { .number(Double($0)) }))]))
            })),
        ]))
    }

    /// CSV: the Jaccard matrix, then per-tactic counts, then common and unique techniques.
    public func csv() -> String {
        var lines = ["section,item," + members.map { CSVRenderer.escape($0.id) }.joined(separator: ",")]
        for (i, m) in members.enumerated() {
            lines.append("jaccard,\(CSVRenderer.escape(m.id))," + jaccard[i].map { String(Self.round3($0)) }.joined(separator: ","))
        }
        for t in perTactic { lines.append("tactic,\(t.shortname)," + t.counts.map(String.init).joined(separator: ",")) }
        lines.append("total,techniques," + members.map { String($0.techniques.count) }.joined(separator: ","))
        for id in common { lines.append("common,\(id)," + members.map { _ in "1" }.joined(separator: ",")) }
        for (i, ids) in unique.enumerated() {
            for id in ids { lines.append("unique,\(id)," + members.indices.map { $0 == i ? "1" : "0" }.joined(separator: ",")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An aligned text report: members, Jaccard matrix, per-tactic counts, common and unique.
    public func table() -> String {
        var out = ""
        let headers = members.map { $0.id.isEmpty ? $0.name : $0.id }
        let width = max(8, headers.map(\.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
        out += "Members\n"
        for m in members { out += "  \(pad(m.id, width))  \(m.name)  (\(m.techniques.count) techniques)\n" }
        out += "\nJaccard similarity\n  " + pad("", width) + "  " + headers.map { pad($0, width) }.joined(separator: "  ") + "\n"
        for (i, row) in jaccard.enumerated() {
            out += "  " + pad(headers[i], width) + "  " + row.map { pad(String(format: "%.3f", $0), width) }.joined(separator: "  ") + "\n"
        }
        let tw = max(10, perTactic.map(\.name.count).max() ?? 0)
        out += "\nTechniques per tactic\n  " + pad("", tw) + "  " + headers.map { pad($0, width) }.joined(separator: "  ") + "\n"
        for t in perTactic {
            out += "  " + pad(t.name, tw) + "  " + t.counts.map { pad(String($0), width) }.joined(separator: "  ") + "\n"
        }
        out += "\nCommon to all (\(common.count)): " + (common.isEmpty ? "none" : common.joined(separator: ", ")) + "\n"
        for (m, ids) in zip(members, unique) {
            out += "Only \(m.name) (\(ids.count)): " + (ids.isEmpty ? "none" : ids.joined(separator: ", ")) + "\n"
        }
        return out
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
