extension KnowledgeBase {
    /// Mitigations of a technique.
    public func mitigations(of technique: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        directlyRelated(technique, by: "mitigates", kind: .mitigation, reverse: true, including: inclusion)
    }

    /// Techniques a mitigation mitigates.
    public func techniquesMitigated(by mitigation: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        directlyRelated(mitigation, by: "mitigates", kind: .technique, including: inclusion)
    }

    /// Sub-techniques of a technique.
    public func subtechniques(of technique: AttackObject, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        related(technique, by: "subtechnique-of", kind: .technique, reverse: true, including: inclusion)
            .map(\.object).sorted(by: Self.attackIDOrder)
    }

    /// The parent of a sub-technique.
    public func parent(of subtechnique: AttackObject, including inclusion: Inclusion = .activeOnly) -> AttackObject? {
        related(subtechnique, by: "subtechnique-of", kind: .technique, including: inclusion).first?.object
    }

    /// The tactics of a technique, in matrix order.
    public func tactics(of technique: AttackObject) -> [AttackObject] {
        let names = Set(technique.tacticShortnames)
        return orderedTactics().filter { names.contains($0.shortname) }
    }

    /// The techniques in a tactic (by shortname, any case), in this domain's kill chain.
    public func techniques(inTactic shortname: String, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        let name = shortname.lowercased()
        return objects(.technique, including: inclusion).filter { t in
            t.stix.killChainPhases.contains { $0.phaseName.lowercased() == name && $0.killChainName == domain.killChainName }
        }.sorted(by: Self.attackIDOrder)
    }

    /// The techniques that list a platform (any case).
    public func techniques(onPlatform platform: String, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        objects(.technique, including: inclusion).filter { t in
            t.platforms.contains { $0.caseInsensitiveCompare(platform) == .orderedSame }
        }.sorted(by: Self.attackIDOrder)
    }

    /// The platforms named by this release's techniques, sorted.
    public var platforms: [String] {
        Array(Set(objects(.technique).flatMap(\.platforms))).sorted()
    }

    /// Assets an (ICS) technique targets.
    public func assetsTargeted(by technique: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        directlyRelated(technique, by: "targets", kind: .asset, including: inclusion)
    }

    /// Techniques targeting an asset.
    public func techniquesTargeting(_ asset: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        directlyRelated(asset, by: "targets", kind: .technique, reverse: true, including: inclusion)
    }
}

import Foundation
