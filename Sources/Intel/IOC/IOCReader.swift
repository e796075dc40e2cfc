import STIX

/// Reads IOCs with their ATT&CK links from a STIX 2.1 bundle, a MISP event export, or CSV.
///
/// ```swift
/// let records = try IOCReader.read(bytes, source: "event.json")   // format detected
/// ```
public enum IOCReader {
    /// Detects the format (JSON with `"type": "bundle"` → STIX; JSON with `Event` → MISP;
    /// anything else → CSV) and reads it.
    public static func read(_ bytes: [UInt8], source: String) throws(IOCError) -> [IOCRecord] {
        let first = bytes.first { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return try IOCCSV.read(bytes, source: source) }
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch {
            throw IOCError(source: source, message: "not valid JSON: byte \(error.offset): expected \(error.expected), found \(error.found)")
        }
        if json["type"]?.stringValue == "bundle" { return try IOCSTIX.read(json, source: source) }
        return try IOCMISP.read(json, source: source)
    }

    /// The ATT&CK ID at the end of a galaxy value such as `PowerShell - T1059.001`, else the value.
    static func galaxyReference(_ value: String) -> String {
        if let dash = value.range(of: " - ", options: .backwards) {
            let tail = value[dash.upperBound...].trimmingCharacters(in: .whitespaces)
            if tail.first.map({ "TGSCM".contains($0) }) == true, tail.dropFirst().first?.isNumber == true || tail.hasPrefix("TA") { return tail }
            return String(value[..<dash.lowerBound])
        }
        return value
    }
}
