import STIX

/// Finds and compares ATT&CK release numbers (`18.1`, `9.0`).
public enum ReleaseVersion {
    /// The release of a bundle: its `x-mitre-collection`'s `x_mitre_version` (STIX 2.1
    /// bundles), else a `-18.1.json` style suffix of its file name.
    public static func detect(in bundle: STIXBundle) -> String? {
        if let collection = bundle.objects.first(where: { $0.type == "x-mitre-collection" }),
            let v = collection.properties["x_mitre_version"]?.stringValue
        {
            return v
        }
        return fromFileName(bundle.source)
    }

    /// `18.1` from `.../enterprise-attack-18.1.json`.
    public static func fromFileName(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasSuffix(".json") else { return nil }
        let stem = name.dropLast(5)
        guard let dash = stem.lastIndex(of: "-") else { return nil }
        let candidate = stem[stem.index(after: dash)...]
        let parts = candidate.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        return String(candidate)
    }

    /// Numeric order: `9.0 < 18.1 < 18.10` (as ``AttackVersion`` orders them; text that is not
    /// a version sorts as text).
    public static func isOrderedBefore(_ a: String, _ b: String) -> Bool {
        guard let x = AttackVersion(a), let y = AttackVersion(b) else { return a < b }
        return x < y
    }
}
