import STIX

/// Tells which ATT&CK domain a bundle holds, from its matrix, `x_mitre_domains`, or the
/// kill chain its techniques use, in that order.
enum DomainDetector {
    static func domain(of bundle: STIXBundle) -> AttackDomain? {
        for o in bundle.objects where o.type == "x-mitre-matrix" {
            if let id = o.externalReferences.first?.externalID, let d = AttackDomain(parsing: id) { return d }
        }
        var counts: [AttackDomain: Int] = [:]
        for o in bundle.objects where o.type == "attack-pattern" {
            for d in o.properties["x_mitre_domains"]?.stringArray ?? [] {
                if let domain = AttackDomain(parsing: d) { counts[domain, default: 0] += 1 }
            }
            for phase in o.killChainPhases {
                if let domain = AttackDomain.allCases.first(where: { $0.killChainName == phase.killChainName }) {
                    counts[domain, default: 0] += 1
                }
            }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}

/// Tells the STIX version of a bundle.
enum StixVersion {
    static func detect(in bundle: STIXBundle) -> String {
        bundle.specVersion ?? bundle.objects.first(where: { $0.specVersion != nil })?.specVersion ?? "2.1"
    }
}
