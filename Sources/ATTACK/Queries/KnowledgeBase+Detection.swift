/// What telemetry detects a technique, on any release.
///
/// From ATT&CK v18, techniques are detected by detection strategies, whose analytics name
/// log sources and data components. Earlier releases link data components to techniques
/// directly (`detects`). ``dataComponents`` holds the answer to "what must I collect" in
/// both cases.
public struct TechniqueDetection: Sendable {
    /// v18+: the strategies detecting the technique, each with its analytics.
    public var strategies: [Strategy]
    /// The data components that see the technique (through analytics in v18+, directly before).
    public var dataComponents: [AttackObject]
    /// v18+: distinct log sources (name and channel) of the analytics.
    public var logSources: [LogSourceReference]
    /// Pre-v18 free-text detection advice (`x_mitre_detection`).
    public var detectionText: String?

    /// A detection strategy and its analytics.
    public struct Strategy: Sendable {
        public var strategy: AttackObject
        public var analytics: [AttackObject]
    }

    /// True when the release links the technique to nothing that detects it.
    public var isEmpty: Bool { strategies.isEmpty && dataComponents.isEmpty }
}

extension KnowledgeBase {
    /// Detection strategies detecting a technique (v18 and later).
    public func detectionStrategies(detecting technique: AttackObject, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        related(technique, by: "detects", kind: .detectionStrategy, reverse: true, including: inclusion)
            .map(\.object).sorted(by: Self.attackIDOrder)
    }

    /// Techniques a detection strategy detects.
    public func techniquesDetected(byStrategy strategy: AttackObject, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        related(strategy, by: "detects", kind: .technique, including: inclusion).map(\.object).sorted(by: Self.attackIDOrder)
    }

    /// The analytics of a detection strategy, in the order it lists them.
    public func analytics(of strategy: AttackObject, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        strategy.analyticRefs.compactMap { object(stixID: $0) }.filter { $0.kind == .analytic && inclusion.admits($0) }
    }

    /// Data components linked to a technique by `detects` (releases before v18).
    public func dataComponentsDetecting(_ technique: AttackObject, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        related(technique, by: "detects", kind: .dataComponent, reverse: true, including: inclusion)
            .map(\.object).sorted(by: Self.attackIDOrder)
    }

    /// Techniques a data component detects by `detects` (releases before v18).
    public func techniquesDetected(byDataComponent component: AttackObject, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        related(component, by: "detects", kind: .technique, including: inclusion).map(\.object).sorted(by: Self.attackIDOrder)
    }

    /// The data source a data component belongs to (`x_mitre_data_source_ref`, pre-v18).
    public func dataSource(of component: AttackObject) -> AttackObject? {
        component.dataSourceRef.flatMap { object(stixID: $0) }
    }

    /// Everything that detects a technique, whichever detection model the release uses.
    public func detection(of technique: AttackObject, including inclusion: Inclusion = .activeOnly) -> TechniqueDetection {
        var strategies: [TechniqueDetection.Strategy] = []
        var components: [AttackObject] = []
        var seenComponents = Set<Int>()
        var logSources: [LogSourceReference] = []
        var seenLogSources = Set<LogSourceReference>()
        for s in detectionStrategies(detecting: technique, including: inclusion) {
            let analytics = analytics(of: s, including: inclusion)
            strategies.append(.init(strategy: s, analytics: analytics))
            for a in analytics {
                for ref in a.logSourceReferences {
                    if seenLogSources.insert(ref).inserted { logSources.append(ref) }
                    if let dc = object(stixID: ref.dataComponentRef), inclusion.admits(dc), seenComponents.insert(dc.index).inserted {
                        components.append(dc)
                    }
                }
            }
        }
        for dc in dataComponentsDetecting(technique, including: inclusion) where seenComponents.insert(dc.index).inserted {
            components.append(dc)
        }
        return TechniqueDetection(
            strategies: strategies, dataComponents: components.sorted(by: Self.attackIDOrder),
            logSources: logSources, detectionText: technique.detectionText)
    }
}

extension KnowledgeBase {
    /// The techniques a data component helps detect, on any release: from v18 through the
    /// analytics that reference it and the detection strategies using those analytics,
    /// before v18 through its `detects` relationships.
    public func techniquesSeen(byDataComponent component: AttackObject, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        var result = Set(techniquesDetected(byDataComponent: component, including: inclusion))
        let analytics = Set(objects(.analytic, including: inclusion)
            .filter { a in a.logSourceReferences.contains { $0.dataComponentRef == component.id } }
            .map(\.id))
        if !analytics.isEmpty {
            for s in objects(.detectionStrategy, including: inclusion) where s.analyticRefs.contains(where: analytics.contains) {
                result.formUnion(techniquesDetected(byStrategy: s, including: inclusion))
            }
        }
        return result.sorted(by: Self.attackIDOrder)
    }
}
