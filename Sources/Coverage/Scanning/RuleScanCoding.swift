import STIX

/// The byte layout of a ``RuleScanCache`` file's body: every field of every kept outcome in a
/// fixed order (integers as 8 little-endian bytes, strings as a length and UTF-8 bytes,
/// optionals behind a presence byte). Reading a file back costs a few milliseconds where a
/// JSON decoding of the same outcomes costs a hundred and fifty; the rule cache's tests check
/// that every field of a rule survives the round trip.
struct RuleScanWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout RuleScanWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    mutating func entry(_ entry: RuleScanCache.Entry) {
        string(entry.path)
        bool(entry.explicit)
        let stamp = entry.stamp
        for number in [stamp.device, stamp.inode] { int(Int(truncatingIfNeeded: number)) }
        int(Int(stamp.size))
        string(stamp.modified)
        string(stamp.changed)
        int(Int(stamp.latestSecond))
        switch entry.outcome {
        case .parsed(let format, let result):
            bytes.append(0)
            string(format.rawValue)
            int(result.rules.count)
            for rule in result.rules { self.rule(rule) }
            int(result.issues.count)
            for issue in result.issues { self.issue(issue) }
        case .skipped(let skipped):
            bytes.append(1)
            string(skipped.path)
            string(skipped.reason)
        }
    }

    mutating func rule(_ rule: DetectionRule) {
        string(rule.format.rawValue)
        string(rule.path)
        int(rule.line)
        for text in [rule.id, rule.status, rule.level, rule.maturity] { optional(text) { $0.string($1) } }
        string(rule.title)
        optional(rule.enabled) { $0.bool($1) }
        for list in [rule.techniqueIDs, rule.tactics, rule.tacticIDs, rule.groupIDs, rule.softwareIDs, rule.tags] { strings(list) }
        let source = rule.logSource
        for text in [source.product, source.category, source.service] { optional(text) { $0.string($1) } }
        for list in [source.dataSources, source.indexes, source.connectors] { strings(list) }
        optional(rule.tagLines) { writer, lines in
            writer.int(lines.count)
            for (tag, line) in lines.sorted(by: { $0.key < $1.key }) {
                writer.string(tag)
                writer.int(line)
            }
        }
    }

    mutating func issue(_ issue: RuleIssue) {
        string(issue.path)
        optional(issue.line) { $0.int($1) }
        string(issue.reason)
        string(issue.severity.rawValue)
    }
}

/// Reads what ``RuleScanWriter`` wrote; any byte out of place (a count past the end, an unknown
/// format) throws rather than trapping.
struct RuleScanReader {
    struct Damaged: Error {}

    private let bytes: ArraySlice<UInt8>
    /// The index of the next byte in `bytes`.
    private var offset: Int

    /// Reads `bytes` from `offset` bytes past their start.
    init(_ bytes: ArraySlice<UInt8>, from offset: Int) {
        self.bytes = bytes
        self.offset = bytes.startIndex + min(max(0, offset), bytes.count)
    }

    var atEnd: Bool { offset == bytes.endIndex }

    mutating func int() throws(Damaged) -> Int {
        guard bytes.endIndex - offset >= 8 else { throw Damaged() }
        var value: UInt64 = 0
        for i in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
        offset += 8
        return Int(truncatingIfNeeded: Int64(bitPattern: value))
    }

    /// A count of things each at least one byte long, so never more than the bytes left.
    mutating func count() throws(Damaged) -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.endIndex - offset else { throw Damaged() }
        return n
    }

    mutating func bool() throws(Damaged) -> Bool {
        guard offset < bytes.endIndex, bytes[offset] <= 1 else { throw Damaged() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    mutating func byte() throws(Damaged) -> UInt8 {
        guard offset < bytes.endIndex else { throw Damaged() }
        offset += 1
        return bytes[offset - 1]
    }

    mutating func string() throws(Damaged) -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
    }

    mutating func optionalString() throws(Damaged) -> String? {
        try bool() ? try string() : nil
    }

    mutating func strings() throws(Damaged) -> [String] {
        let n = try count()
        var values: [String] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try string()) }
        return values
    }

    mutating func format() throws(Damaged) -> RuleFormat {
        guard let format = RuleFormat(rawValue: try string()) else { throw Damaged() }
        return format
    }

    mutating func entry() throws(Damaged) -> RuleScanCache.Entry {
        let path = try string()
        let explicit = try bool()
        let stamp = FileIdentity(
            device: UInt64(truncatingIfNeeded: try int()), inode: UInt64(truncatingIfNeeded: try int()), size: Int64(try int()),
            modified: try string(), changed: try string(), latestSecond: Int64(try int()))
        let outcome: RuleScanCache.Outcome
        switch try byte() {
        case 0:
            let format = try format()
            var result = RuleParseResult()
            let rules = try count()
            result.rules.reserveCapacity(rules)
            for _ in 0..<rules { result.rules.append(try rule()) }
            let issues = try count()
            for _ in 0..<issues { result.issues.append(try issue()) }
            outcome = .parsed(format, result)
        case 1:
            outcome = .skipped(SkippedFile(path: try string(), reason: try string()))
        default:
            throw Damaged()
        }
        return RuleScanCache.Entry(path: path, explicit: explicit, stamp: stamp, outcome: outcome)
    }

    mutating func rule() throws(Damaged) -> DetectionRule {
        let format = try format()
        let path = try string()
        let line = try int()
        let id = try optionalString(), status = try optionalString(), level = try optionalString(), maturity = try optionalString()
        var rule = DetectionRule(
            format: format, path: path, line: line, id: id, title: try string(), status: status, level: level,
            enabled: try bool() ? try bool() : nil, maturity: maturity)
        rule.techniqueIDs = try strings()
        rule.tactics = try strings()
        rule.tacticIDs = try strings()
        rule.groupIDs = try strings()
        rule.softwareIDs = try strings()
        rule.tags = try strings()
        rule.logSource.product = try optionalString()
        rule.logSource.category = try optionalString()
        rule.logSource.service = try optionalString()
        rule.logSource.dataSources = try strings()
        rule.logSource.indexes = try strings()
        rule.logSource.connectors = try strings()
        if try bool() {
            let n = try count()
            var lines: [String: Int] = [:]
            for _ in 0..<n {
                let tag = try string()
                lines[tag] = try int()
            }
            rule.tagLines = lines
        }
        return rule
    }

    mutating func issue() throws(Damaged) -> RuleIssue {
        let path = try string()
        let line: Int? = try bool() ? try int() : nil
        let reason = try string()
        guard let severity = RuleIssue.Severity(rawValue: try string()) else { throw Damaged() }
        var issue = RuleIssue(path: path, line: line, reason: reason)
        issue.severity = severity
        return issue
    }
}
