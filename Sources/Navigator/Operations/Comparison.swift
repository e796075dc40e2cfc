import Foundation
import ATTACK
import Output
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
        var t = Table(columns: ["section", "item"] + members.map(\.id))
        for (i, m) in members.enumerated() { t.rows.append(["jaccard", m.id] + jaccard[i].map { String(Self.round3($0)) }) }
        for c in perTactic { t.rows.append(["tactic", c.shortname] + c.counts.map(String.init)) }
        t.rows.append(["total", "techniques"] + members.map { String($0.techniques.count) })
        for id in common { t.rows.append(["common", id] + members.map { _ in "1" }) }
        for (i, ids) in unique.enumerated() {
            for id in ids { t.rows.append(["unique", id] + members.indices.map { $0 == i ? "1" : "0" }) }
        }
        return t.csv()
    }

    /// An aligned text report: members, Jaccard matrix, per-tactic counts, common and unique.
    public func table() -> String {
        let headers = members.map { $0.id.isEmpty ? $0.name : $0.id }
        let numeric = Set(1...max(1, headers.count))
        var out = "Members\n"
        out += Table(columns: ["id", "name", "techniques"], rows: members.map { [$0.id, $0.name, String($0.techniques.count)] }, numericColumns: [2]).text()
        out += "\nJaccard similarity\n"
        out += Table(columns: [""] + headers, rows: jaccard.enumerated().map { i, row in [headers[i]] + row.map { String(format: "%.3f", $0) } }, numericColumns: numeric).text()
        out += "\nTechniques per tactic\n"
        out += Table(columns: ["tactic"] + headers, rows: perTactic.map { [$0.name] + $0.counts.map(String.init) }, numericColumns: numeric).text()
        out += "\nCommon to all (\(common.count)): " + (common.isEmpty ? "none" : Escape.terminal(common.joined(separator: ", "), singleLine: true)) + "\n"
        for (m, ids) in zip(members, unique) {
            out += Escape.terminal("Only \(m.name) (\(ids.count)): ", singleLine: true) + (ids.isEmpty ? "none" : Escape.terminal(ids.joined(separator: ", "), singleLine: true)) + "\n"
        }
        return out
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
