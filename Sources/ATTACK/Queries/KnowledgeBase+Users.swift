extension KnowledgeBase {
    /// Who uses `target` (a technique or software): objects of `kind` with a `uses`
    /// relationship to it; for groups, also the groups that campaigns using it are
    /// attributed to (MITRE's campaign inheritance).
    public func users(of target: AttackObject, kind: ObjectKind, including inclusion: Inclusion = .activeOnly) -> [Related] {
        var pairs = related(target, by: "uses", kind: kind, reverse: true, including: inclusion)
            .map { ($0.object, Related.Path(via: .direct, relationship: $0.relationship)) }
        if kind == .group {
            for campaign in related(target, by: "uses", kind: .campaign, reverse: true, including: inclusion) {
                for g in related(campaign.object, by: "attributed-to", kind: .group, including: inclusion) {
                    pairs.append((g.object, Related.Path(via: .campaign(campaign.object.attackID), relationship: campaign.relationship)))
                }
            }
        }
        return collect(pairs)
    }

    /// Groups using a technique or software (directly or through attributed campaigns).
    public func groupsUsing(_ target: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        users(of: target, kind: .group, including: inclusion)
    }

    /// Software using a technique.
    public func softwareUsing(_ technique: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        users(of: technique, kind: .software, including: inclusion)
    }

    /// Campaigns using a technique or software.
    public func campaignsUsing(_ target: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        users(of: target, kind: .campaign, including: inclusion)
    }

    /// Techniques used by a software or campaign (its own `uses` relationships).
    public func techniquesUsed(by subject: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        directlyRelated(subject, by: "uses", kind: .technique, including: inclusion)
    }

    /// Software used by a campaign.
    public func softwareUsed(byCampaign campaign: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        directlyRelated(campaign, by: "uses", kind: .software, including: inclusion)
    }

    /// Every `uses` relationship to a technique from an active group, software or campaign:
    /// the procedure examples shown on its ATT&CK page.
    public func procedureExamples(of technique: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        collect([ObjectKind.group, .software, .campaign].flatMap { kind in
            related(technique, by: "uses", kind: kind, reverse: true, including: inclusion)
                .map { ($0.object, Related.Path(via: .direct, relationship: $0.relationship)) }
        })
    }
}
