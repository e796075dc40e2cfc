/// STIX 2.0 objects as STIX 2.1 (the TAXII server's objects, `ttpkit extract --format stix`), the way MITRE converts its ATT&CK bundles
/// (`attack-stix-data`'s 2.1 files, checked against ICS 18.1 object by object):
/// `spec_version: "2.1"` on every object, and malware gets `is_family: true` in place of
/// its `labels`. Objects that already carry a `spec_version` are left as they are.
///
/// ```swift
/// let object21 = STIX21Conversion.converted(kb.objects(.software)[0].stix)
/// object21.specVersion   // "2.1"
/// ```
public enum STIX21Conversion {
    /// `object` as STIX 2.1.
    public static func converted(_ object: STIXObject) -> STIXObject {
        guard object.specVersion == nil else { return object }
        var o = object
        o.specVersion = "2.1"
        if o.type == "malware" {
            o.labels = []
            o.statedDefaults.remove(.labels)
            if o.properties["is_family"] == nil { o.properties["is_family"] = .bool(true) }
        }
        return o
    }
}
