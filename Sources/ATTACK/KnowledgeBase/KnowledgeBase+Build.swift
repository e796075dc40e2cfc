import STIX

extension KnowledgeBase {
    /// Builds a knowledge base from bundles of one domain.
    ///
    /// Objects with the same STIX id in several bundles are merged, keeping the most recently
    /// modified. Relationships with a missing end are skipped and listed in
    /// ``danglingRelationships``.
    ///
    /// - Parameters:
    ///   - domain: the domain; detected from the bundles when nil.
    ///   - attackVersion: the release; detected from the bundles (or their file names) when nil.
    /// - Throws: ``LoadError`` when the domain cannot be told or the bundles mix domains.
    public convenience init(bundles: [STIXBundle], domain: AttackDomain? = nil, attackVersion: String? = nil) throws(LoadError) {
        guard let first = bundles.first else { throw LoadError.noData("no bundles given") }
        var detected: AttackDomain? = domain
        for bundle in bundles {
            guard let d = DomainDetector.domain(of: bundle) else {
                if domain != nil { continue }
                throw LoadError.unknownDomain(source: bundle.source)
            }
            if let known = detected, known != d, domain == nil {
                throw LoadError.mixedDomains(first: known, second: d, source: bundle.source)
            }
            detected = detected ?? d
        }
        guard let resolvedDomain = detected else { throw LoadError.unknownDomain(source: first.source) }
        let version = attackVersion ?? bundles.lazy.compactMap { ReleaseVersion.detect(in: $0) }.first
        let stixVersion = StixVersion.detect(in: first)

        var stixObjects: [STIXObject] = []
        if bundles.count == 1 {
            stixObjects = first.objects
        } else {
            var position: [String: Int] = [:]
            for bundle in bundles {
                for object in bundle.objects {
                    if let i = position[object.id] {
                        if (object.modified ?? "") > (stixObjects[i].modified ?? "") { stixObjects[i] = object }
                    } else {
                        position[object.id] = stixObjects.count
                        stixObjects.append(object)
                    }
                }
            }
        }
        self.init(
            built: Builder(objects: stixObjects), domain: resolvedDomain, attackVersion: version,
            stixVersion: stixVersion, sources: bundles.map(\.source), sourceDigests: bundles.map(\.sha256))
    }

    private convenience init(
        built b: Builder, domain: AttackDomain, attackVersion: String?, stixVersion: String, sources: [String], sourceDigests: [String?]
    ) {
        self.init(
            domain: domain, attackVersion: attackVersion, stixVersion: stixVersion, sources: sources, sourceDigests: sourceDigests,
            objects: b.objects, relationships: b.relationships, otherObjects: b.otherObjects,
            danglingRelationships: b.dangling, byStixID: b.byStixID, byAttackID: b.byAttackID, byName: b.byName,
            byKind: b.byKind, outgoing: b.outgoing, incoming: b.incoming, revokedBy: b.revokedBy)
    }
}

/// Builds the objects, relationships and indexes in two passes over the STIX objects.
private struct Builder {
    var objects: [AttackObject] = []
    var relationships: [Relationship] = []
    var otherObjects: [STIXObject] = []
    var dangling: [STIXObject] = []
    var byStixID: [String: Int] = [:]
    var byAttackID: [String: [Int]] = [:]
    var byName: [String: [Int]] = [:]
    var byKind: [ObjectKind: [Int]] = [:]
    var outgoing: [[Int]] = []
    var incoming: [[Int]] = []
    var revokedBy: [Int: Int] = [:]

    init(objects stixObjects: [STIXObject]) {
        var relationshipObjects: [Int] = []
        relationshipObjects.reserveCapacity(stixObjects.count)
        objects.reserveCapacity(stixObjects.count / 4)
        byStixID.reserveCapacity(stixObjects.count / 4)
        var attackStix: [(ObjectKind, Int, String)] = []  // kind, position in stixObjects, ATT&CK ID
        for (position, stix) in stixObjects.enumerated() {
            if stix.type == "relationship" {
                relationshipObjects.append(position)
                continue
            }
            guard let kind = ObjectKind(stixType: stix.type) else {
                otherObjects.append(stix)
                continue
            }
            attackStix.append((kind, position, AttackObject.attackID(of: stix)))
        }
        let keys = attackStix.map { AttackIDOrder($0.2) }
        let ranked = attackStix.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : a < b }
        var rank = Array(repeating: 0, count: attackStix.count)
        for (r, i) in ranked.enumerated() { rank[i] = r }
        for (i, entry) in attackStix.enumerated() {
            let stix = stixObjects[entry.1]
            let object = AttackObject(index: objects.count, kind: entry.0, stix: stix, attackID: entry.2, sortRank: rank[i])
            byStixID[stix.id] = object.index
            if !object.attackID.isEmpty { byAttackID[object.attackID.uppercased(), default: []].append(object.index) }
            byKind[entry.0, default: []].append(object.index)
            for key in KnowledgeBase.nameKeys(of: stix) { byName[key, default: []].append(object.index) }
            objects.append(object)
        }
        outgoing = Array(repeating: [], count: objects.count)
        incoming = Array(repeating: [], count: objects.count)
        relationships.reserveCapacity(relationshipObjects.count)
        for position in relationshipObjects {
            let stix = stixObjects[position]
            guard let type = stix.relationshipType, let s = stix.sourceRef.flatMap({ byStixID[$0] }),
                let t = stix.targetRef.flatMap({ byStixID[$0] })
            else {
                dangling.append(stix)
                continue
            }
            let r = Relationship(index: relationships.count, stix: stix, type: type, source: s, target: t)
            outgoing[s].append(r.index)
            incoming[t].append(r.index)
            if type == "revoked-by" { revokedBy[s] = t }
            relationships.append(r)
        }
    }
}
