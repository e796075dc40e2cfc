import ATTACK
import Crypto
import Foundation
import STIX

/// An extraction as a STIX 2.1 bundle for a threat-intelligence platform (OpenCTI, MISP): a
/// `report` whose `object_refs` name the techniques kept (`attack-pattern`, by their ATT&CK
/// STIX ids of the loaded release) and the groups (`intrusion-set`), software (`malware`,
/// `tool`) and campaigns (`campaign`) named, with those objects themselves (converted to 2.1
/// as MITRE converts its bundles) and the identity and markings they refer to, so the bundle
/// imports on its own.
///
/// The same report text gives the same bundle: the report's and the bundle's ids are UUIDv5
/// of the text's SHA-256; `created`, `modified` and `published` are the `published` asked for,
/// else the release's date (its matrix's `modified`). What the answer was computed from goes in
/// the report's `x_ttpkit_provenance`, each technique's confidence, line and quote in
/// `x_ttpkit_findings` (custom properties, `x_`-prefixed as STIX 2.1 asks).
///
/// ```swift
/// let bundle = try ExtractionSTIX.bundle(answer, name: "apt-report.html", knowledgeBase: kb)
/// print(bundle.serialized(pretty: true))
/// ```
public enum ExtractionSTIX {
    /// Why no bundle can be made.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// No technique kept and nothing else named: a report must refer to something.
        case nothingFound
        public var description: String { "no techniques, groups, software or campaigns found; no STIX bundle written" }
    }

    /// The namespace of the UUIDv5 ids (the one STIX 2.1 gives for deterministic ids).
    static let namespace: [UInt8] = [0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c, 0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7]

    /// The bundle of `answer` for the report called `name`; `published` is an RFC 3339 UTC
    /// timestamp (``timestamp(_:)`` reads a user's), nil for the release's date.
    public static func bundle(_ answer: ExtractionAnswer, name: String, knowledgeBase kb: KnowledgeBase, published: String? = nil) throws(Failure) -> JSONValue {
        var refs: [AttackObject] = answer.findings.map(\.technique)
        refs += answer.extraction.byObject.map(\.object).filter { [.group, .software, .campaign].contains($0.kind) }
        guard !refs.isEmpty else { throw .nothingFound }
        let digest = SHA256.hash(data: answer.report.bytes).map { String(format: "%02x", $0) }.joined()
        let when = published ?? kb.objects(.matrix).first?.stix.modified ?? "1970-01-01T00:00:00.000Z"
        let tool = "identity--" + uuid5("ttpkit")
        let cutOff = answer.provenance.options.first { $0.name == "min_confidence" }.map { "the techniques at confidence \($0.value) and up" }
            ?? "the techniques mentioned by ID, name or alias"
        var report = JSONObject([
            ("type", .string("report")), ("spec_version", .string("2.1")), ("id", .string("report--" + uuid5("report:" + digest))),
            ("created_by_ref", .string(tool)), ("created", .string(when)), ("modified", .string(when)), ("name", .string(name)),
            ("description", .string("What ttpkit extract found in \(name) with \(kb.title): \(cutOff), and the groups, software and campaigns named.")),
            ("report_types", .array([.string("threat-report")])), ("published", .string(when)),
            ("object_refs", .array(refs.map { .string($0.id) })),
        ])
        report["x_ttpkit_provenance"] = answer.provenance.json()
        report["x_ttpkit_findings"] = .array(answer.triaged.filter { !$0.belowThreshold }.map { t in
            .object(JSONObject([
                ("ref", .string(t.finding.technique.id)), ("attack_id", .string(t.finding.technique.attackID)),
                ("confidence", .number((t.finding.confidence * 1000).rounded() / 1000)),
                ("found_by", .array(t.finding.methods.map { .string($0.rawValue) })),
                ("line", t.line.map { .number(Double($0)) } ?? .null), ("evidence", t.evidence.first.map { .string($0.quote.text) } ?? .null),
            ]))
        })
        let identity = JSONObject([
            ("type", .string("identity")), ("spec_version", .string("2.1")), ("id", .string(tool)), ("created", .string(when)),
            ("modified", .string(when)), ("name", .string("ttpkit")), ("identity_class", .string("system")),
        ])
        var objects: [JSONValue] = [.object(identity), .object(report)]
        var seen = Set<String>()
        var referenced: [String] = []
        for o in refs where seen.insert(o.id).inserted {
            let converted = STIX21Conversion.converted(o.stix)
            objects.append(.object(converted.json))
            referenced += (converted.createdByRef.map { [$0] } ?? []) + converted.objectMarkingRefs
            if let by = converted.properties["x_mitre_modified_by_ref"]?.stringValue { referenced.append(by) }
        }
        for id in referenced where seen.insert(id).inserted {
            if let other = kb.otherObject(id: id) { objects.append(.object(STIX21Conversion.converted(other).json)) }
        }
        return .object(JSONObject([("type", .string("bundle")), ("id", .string("bundle--" + uuid5("bundle:" + digest))), ("objects", .array(objects))]))
    }

    /// A user's publication date as an RFC 3339 UTC timestamp: `2024-05-01` (midnight UTC) or
    /// `2024-05-01T12:30:00Z` / `…00.123Z`; nil for anything else (ASCII digits only).
    public static func timestamp(_ text: String) -> String? {
        let b = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= b.count && b[r].allSatisfy { $0 >= 48 && $0 <= 57 } }
        guard b.count >= 10, digits(0..<4), b[4] == UInt8(ascii: "-"), digits(5..<7), b[7] == UInt8(ascii: "-"), digits(8..<10) else { return nil }
        let month = Int(text.dropFirst(5).prefix(2)) ?? 0, day = Int(text.dropFirst(8).prefix(2)) ?? 0
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        if b.count == 10 { return text + "T00:00:00.000Z" }
        guard b.count >= 20, b[10] == UInt8(ascii: "T"), digits(11..<13), b[13] == UInt8(ascii: ":"), digits(14..<16), b[16] == UInt8(ascii: ":"),
            digits(17..<19), b[b.count - 1] == UInt8(ascii: "Z")
        else { return nil }
        let hour = Int(text.dropFirst(11).prefix(2)) ?? 99, minute = Int(text.dropFirst(14).prefix(2)) ?? 99, second = Int(text.dropFirst(17).prefix(2)) ?? 99
        guard hour < 24, minute < 60, second < 61 else { return nil }
        if b.count == 20 { return String(text.dropLast()) + ".000Z" }
        guard b[19] == UInt8(ascii: "."), b.count <= 30, digits(20..<(b.count - 1)), b.count > 21 else { return nil }
        return text
    }

    /// A UUIDv5 (RFC 9562) of `name` in ``namespace``, lower-case.
    static func uuid5(_ name: String) -> String {
        var bytes = Array(Insecure.SHA1.hash(data: namespace + Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let h = Array(hex)
        return [h[0..<8], h[8..<12], h[12..<16], h[16..<20], h[20..<32]].map { String($0) }.joined(separator: "-")
    }
}
