import STIX

/// STIX 2.1 bundles: indicators and observed data linked by relationships (`indicates`,
/// `related-to`, any type) to attack patterns, malware, tools, intrusion sets and campaigns;
/// sightings counted. References to objects missing from the bundle are an error.
enum IOCSTIX {
    static let linkable: Set<String> = ["attack-pattern", "malware", "tool", "intrusion-set", "campaign", "x-mitre-tactic"]

    static func read(_ bundle: JSONValue, source: String) throws(IOCError) -> [IOCRecord] {
        guard let objects = bundle["objects"]?.arrayValue else { throw IOCError(source: source, message: "STIX bundle has no objects array") }
        var byID: [String: JSONValue] = [:]
        for o in objects { if let id = o["id"]?.stringValue { byID[id] = o } }
        var links: [String: [String]] = [:]
        var sightings: [String: Int] = [:]
        for o in objects {
            let id = o["id"]?.stringValue ?? "?"
            switch o["type"]?.stringValue {
            case "relationship":
                guard let s = o["source_ref"]?.stringValue, let t = o["target_ref"]?.stringValue else {
                    throw IOCError(source: source, message: "\(id): relationship without source_ref or target_ref")
                }
                for ref in [s, t] where byID[ref] == nil {
                    throw IOCError(source: source, message: "\(id): refers to \(ref), which is not in the bundle")
                }
                if let target = byID[t], linkable.contains(target["type"]?.stringValue ?? "") { links[s, default: []].append(reference(target)) }
                if let src = byID[s], linkable.contains(src["type"]?.stringValue ?? "") { links[t, default: []].append(reference(src)) }
            case "sighting":
                guard let ref = o["sighting_of_ref"]?.stringValue, byID[ref] != nil else {
                    throw IOCError(source: source, message: "\(id): sighting_of_ref \(o["sighting_of_ref"]?.stringValue ?? "(missing)") is not in the bundle")
                }
                sightings[ref, default: 0] += Int(o["count"]?.doubleValue ?? 1)
            default: continue
            }
        }
        var records: [IOCRecord] = []
        for o in objects {
            guard let id = o["id"]?.stringValue else { continue }
            switch o["type"]?.stringValue {
            case "indicator":
                let (type, value) = patternValue(o["pattern"]?.stringValue ?? "")
                records.append(IOCRecord(value: value, type: type, references: links[id] ?? [], sightings: sightings[id] ?? 0))
            case "observed-data":
                for ref in o["object_refs"]?.stringArray ?? [] {
                    guard let sco = byID[ref] else { throw IOCError(source: source, message: "\(id): object_refs \(ref) is not in the bundle") }
                    let value = sco["value"]?.stringValue ?? sco["hashes"]?.objectValue?.members.first?.value.stringValue ?? ref
                    records.append(IOCRecord(value: value, type: sco["type"]?.stringValue ?? "?", references: links[id] ?? [], sightings: sightings[id] ?? 0))
                }
            default: continue
            }
        }
        return records
    }

    /// The ATT&CK ID of a linked object (from its `mitre-*attack` reference), else its name.
    static func reference(_ o: JSONValue) -> String {
        for r in o["external_references"]?.arrayValue ?? [] {
            if let s = r["source_name"]?.stringValue, s.hasPrefix("mitre-"), let id = r["external_id"]?.stringValue { return id }
        }
        return o["name"]?.stringValue ?? o["id"]?.stringValue ?? ""
    }

    /// `[ipv4-addr:value = '1.2.3.4']` → (`ipv4-addr`, `1.2.3.4`); `file:hashes.'SHA-256' = '…'` → (`file`, `…`).
    static func patternValue(_ pattern: String) -> (String, String) {
        let body = pattern.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        let type = body.split(separator: ":").first.map(String.init) ?? "pattern"
        if let last = body.range(of: "'", options: .backwards), let open = body[..<last.lowerBound].range(of: "'", options: .backwards) {
            return (type, String(body[open.upperBound..<last.lowerBound]))
        }
        return (type, pattern)
    }
}

import Foundation
