import STIX

/// Serves STIX 2.0 objects as STIX 2.1 the way MITRE converts its ATT&CK bundles
/// (`attack-stix-data`'s 2.1 files, checked against ICS 18.1 object by object):
/// `spec_version: "2.1"` on every object, and malware gets `is_family: true` in place of
/// its `labels`. Objects that already carry a `spec_version` are left as they are.
enum STIX21Conversion {
    static func converted(_ object: STIXObject) -> STIXObject {
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
