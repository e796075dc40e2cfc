extension KnowledgeBase {
    /// The techniques a group uses.
    ///
    /// By default this is MITRE's definition — the group's own `uses` relationships plus
    /// those of the campaigns attributed to it — as on the ATT&CK website and in
    /// `mitreattack-python`. `viaSoftware` adds the techniques of the software the group
    /// uses. Each entry lists every way it was reached with the relationship carrying the
    /// procedure example.
    public func techniquesUsed(
        byGroup group: AttackObject, viaCampaigns: Bool = true, viaSoftware: Bool = false,
        including inclusion: Inclusion = .activeOnly
    ) -> [Related] {
        var pairs: [(AttackObject, Related.Path)] = related(group, by: "uses", kind: .technique, including: inclusion)
            .map { ($0.object, Related.Path(via: .direct, relationship: $0.relationship)) }
        if viaCampaigns {
            for campaign in related(group, by: "attributed-to", kind: .campaign, reverse: true, including: inclusion) {
                for t in related(campaign.object, by: "uses", kind: .technique, including: inclusion) {
                    pairs.append((t.object, Related.Path(via: .campaign(campaign.object.attackID), relationship: t.relationship)))
                }
            }
        }
        if viaSoftware {
            for software in softwareUsed(byGroup: group, including: inclusion) {
                for t in related(software.object, by: "uses", kind: .technique, including: inclusion) {
                    pairs.append((t.object, Related.Path(via: .software(software.object.attackID), relationship: t.relationship)))
                }
            }
        }
        return collect(pairs)
    }

    /// The software a group uses: its own `uses` and those of campaigns attributed to it.
    public func softwareUsed(byGroup group: AttackObject, viaCampaigns: Bool = true, including inclusion: Inclusion = .activeOnly) -> [Related] {
        var pairs = related(group, by: "uses", kind: .software, including: inclusion)
            .map { ($0.object, Related.Path(via: .direct, relationship: $0.relationship)) }
        if viaCampaigns {
            for campaign in related(group, by: "attributed-to", kind: .campaign, reverse: true, including: inclusion) {
                for s in related(campaign.object, by: "uses", kind: .software, including: inclusion) {
                    pairs.append((s.object, Related.Path(via: .campaign(campaign.object.attackID), relationship: s.relationship)))
                }
            }
        }
        return collect(pairs)
    }

    /// The techniques of the software a group uses (the optional, indirect view).
    public func techniquesUsedByGroupSoftware(_ group: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        var pairs: [(AttackObject, Related.Path)] = []
        for software in related(group, by: "uses", kind: .software, including: inclusion) {
            for t in related(software.object, by: "uses", kind: .technique, including: inclusion) {
                pairs.append((t.object, Related.Path(via: .software(software.object.attackID), relationship: t.relationship)))
            }
        }
        return collect(pairs)
    }

    /// The campaigns attributed to a group.
    public func campaignsAttributed(toGroup group: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        directlyRelated(group, by: "attributed-to", kind: .campaign, reverse: true, including: inclusion)
    }

    /// The groups a campaign is attributed to.
    public func groupsAttributed(fromCampaign campaign: AttackObject, including inclusion: Inclusion = .activeOnly) -> [Related] {
        directlyRelated(campaign, by: "attributed-to", kind: .group, including: inclusion)
    }
}
