import STIX

/// MISP event exports: `{"Event": {...}}` or `{"response": [{"Event": ...}]}`. Attributes
/// (also inside objects) take their own tags and galaxies plus the event's; tags such as
/// `misp-galaxy:mitre-attack-pattern="PowerShell - T1059.001"` or
/// `misp-galaxy:threat-actor="APT29"` become references.
enum IOCMISP {
    static func read(_ json: JSONValue, source: String) throws(IOCError) -> [IOCRecord] {
        let event: JSONValue
        if let e = json["Event"], e.objectValue != nil {
            event = e
        } else if let e = json["response"]?[0]?["Event"], e.objectValue != nil {
            event = e
        } else {
            throw IOCError(source: source, message: "not a MISP event export (no \"Event\" object) and not a STIX bundle")
        }
        let eventRefs = references(event)
        var attributes = event["Attribute"]?.arrayValue ?? []
        for o in event["Object"]?.arrayValue ?? [] { attributes += o["Attribute"]?.arrayValue ?? [] }
        return attributes.compactMap { a in
            guard let value = a["value"]?.stringValue else { return nil }
            var refs = eventRefs
            for r in references(a) where !refs.contains(r) { refs.append(r) }
            return IOCRecord(value: value, type: a["type"]?.stringValue ?? "?", references: refs)
        }
    }

    /// References from an event's or attribute's `Tag` names and `Galaxy[].GalaxyCluster[].value`.
    static func references(_ o: JSONValue) -> [String] {
        var refs: [String] = []
        for t in o["Tag"]?.arrayValue ?? [] {
            guard let name = t["name"]?.stringValue, name.hasPrefix("misp-galaxy:"), let eq = name.firstIndex(of: "=") else { continue }
            let value = name[name.index(after: eq)...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            refs.append(IOCReader.galaxyReference(value))
        }
        for g in o["Galaxy"]?.arrayValue ?? [] {
            for c in g["GalaxyCluster"]?.arrayValue ?? [] {
                if let v = c["value"]?.stringValue { refs.append(IOCReader.galaxyReference(v)) }
            }
        }
        var seen = Set<String>()
        return refs.filter { seen.insert($0).inserted }
    }
}

import Foundation
