import ATTACK

/// The changes between two releases of one ATT&CK domain, per object type and category,
/// as MITRE's changelog (`diffStix`) classifies them. Objects are matched by STIX id.
///
/// Rules, for an object present in both releases: newly revoked → revocation (with the
/// object that revokes it); else newly deprecated → deprecation; else if neither, by
/// `x_mitre_version` (missing is 0.0): next major (x+1.0) → major, next minor (x.y+1) →
/// minor, any other difference → other; same version but a different `modified` or
/// description → patch; otherwise unchanged. Objects revoked (or deprecated) in both are not
/// changes. Unlike diffStix, "newly deprecated" means `x_mitre_deprecated` was not true
/// before (diffStix tests for the key, so an explicit `false` hides a deprecation).
///
/// ```swift
/// let diff = ReleaseDiff(old: kb171, new: kb181)
/// print(diff.count(.techniques, .additions))   // 24
/// ```
public struct ReleaseDiff: Sendable {
    public let old: KnowledgeBase
    public let new: KnowledgeBase
    /// Changes per type and category, sorted by ATT&CK ID.
    public let changes: [DiffObjectType: [ChangeCategory: [ObjectChange]]]
    /// Objects present and unchanged in both, per type.
    public let unchanged: [DiffObjectType: Int]

    public init(old: KnowledgeBase, new: KnowledgeBase, types: [DiffObjectType] = DiffObjectType.allCases) {
        self.old = old
        self.new = new
        var changes: [DiffObjectType: [ChangeCategory: [ObjectChange]]] = [:]
        var unchanged: [DiffObjectType: Int] = [:]
        for type in types {
            let oldObjects = Self.objects(of: type, in: old)
            let newObjects = Self.objects(of: type, in: new)
            var byCategory: [ChangeCategory: [ObjectChange]] = [:]
            var same = 0
            for (id, n) in newObjects {
                guard let o = oldObjects[id] else {
                    byCategory[.additions, default: []].append(ObjectChange(
                        category: .additions, object: n, previous: nil, oldVersion: nil, newVersion: n.version,
                        replacement: nil, details: []))
                    continue
                }
                if let category = Self.classify(old: o, new: n) {
                    let replacement = category == .revocations ? new.revokingObject(of: n) : nil
                    byCategory[category, default: []].append(ObjectChange(
                        category: category, object: n, previous: o, oldVersion: o.version, newVersion: n.version,
                        replacement: replacement, details: Self.details(old: o, new: n)))
                } else if !(n.isRevoked || n.isDeprecated) {
                    same += 1
                }
            }
            for (id, o) in oldObjects where newObjects[id] == nil {
                byCategory[.deletions, default: []].append(ObjectChange(
                    category: .deletions, object: o, previous: o, oldVersion: o.version, newVersion: nil,
                    replacement: nil, details: []))
            }
            changes[type] = byCategory.mapValues { $0.sorted { KnowledgeBase.attackIDLess($0.object.attackID, $1.object.attackID) } }
            unchanged[type] = same
        }
        self.changes = changes
        self.unchanged = unchanged
    }

    /// The changes of one type and category.
    public func changes(_ type: DiffObjectType, _ category: ChangeCategory) -> [ObjectChange] {
        changes[type]?[category] ?? []
    }

    /// How many objects of a type fall in a category.
    public func count(_ type: DiffObjectType, _ category: ChangeCategory) -> Int {
        changes(type, category).count
    }

    /// The types in report order that have any change.
    public var changedTypes: [DiffObjectType] {
        DiffObjectType.allCases.filter { t in ChangeCategory.allCases.contains { count(t, $0) > 0 } }
    }

    /// The changelog's sections: each changed type in report order with its non-empty
    /// categories in order — what every rendering (Markdown, HTML) lists.
    public var sections: [(type: DiffObjectType, lists: [(category: ChangeCategory, changes: [ObjectChange])])] {
        changedTypes.map { type in
            (type, ChangeCategory.allCases.map { ($0, changes(type, $0)) }.filter { !$0.1.isEmpty })
        }
    }

    static func objects(of type: DiffObjectType, in kb: KnowledgeBase) -> [String: AttackObject] {
        var result: [String: AttackObject] = [:]
        for o in kb.objects where type.stixTypes.contains(o.stix.type) { result[o.id] = o }
        return result
    }

    /// The category of an object present in both releases; nil when it did not change.
    static func classify(old o: AttackObject, new n: AttackObject) -> ChangeCategory? {
        if n.isRevoked { return o.isRevoked ? nil : .revocations }
        if n.isDeprecated { return o.isDeprecated ? nil : .deprecations }
        let ov = ObjectVersion(o.version)
        let nv = ObjectVersion(n.version)
        if nv == ObjectVersion(major: ov.major + 1, minor: 0) { return .majorVersionChanges }
        if nv == ObjectVersion(major: ov.major, minor: ov.minor + 1) { return .minorVersionChanges }
        if nv != ov { return .otherVersionChanges }
        if o.modified != n.modified || o.description != n.description { return .patches }
        return nil
    }

    static func details(old o: AttackObject, new n: AttackObject) -> [ObjectChange.Detail] {
        var d: [ObjectChange.Detail] = []
        if o.name != n.name { d.append(.renamed(from: o.name, to: n.name)) }
        let (ta, tr) = setDelta(o.tacticShortnames, n.tacticShortnames)
        if !ta.isEmpty || !tr.isEmpty { d.append(.tactics(added: ta, removed: tr)) }
        let (pa, pr) = setDelta(o.platforms, n.platforms)
        if !pa.isEmpty || !pr.isEmpty { d.append(.platforms(added: pa, removed: pr)) }
        if o.stix.type == "attack-pattern", o.isSubtechnique != n.isSubtechnique { d.append(.subtechniqueStatus(now: n.isSubtechnique)) }
        if o.description != n.description { d.append(.description) }
        return d
    }

    static func setDelta(_ old: [String], _ new: [String]) -> ([String], [String]) {
        let o = Set(old)
        let n = Set(new)
        return (new.filter { !o.contains($0) }, old.filter { !n.contains($0) })
    }
}

/// `x_mitre_version` as major.minor; missing or unreadable is 0.0, as in diffStix.
struct ObjectVersion: Hashable {
    let major: Int
    let minor: Int

    init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    init(_ text: String?) {
        let parts = (text ?? "").split(separator: ".")
        major = parts.first.flatMap { Int($0) } ?? 0
        minor = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    }
}
