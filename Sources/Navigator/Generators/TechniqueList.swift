import Foundation
import STIX

/// A list of techniques given by a user: IDs or names, one a line; a JSON array of strings
/// (or of `{"techniqueID", "score", "comment"}` objects); or CSV with a technique column and
/// optional `score` and `comment` columns. `#` starts a comment line in the plain form.
///
/// ```swift
/// let list = try TechniqueList.parse("T1059.001\nPhishing\n", source: "list.txt")
/// list.items.map(\.query)   // ["T1059.001", "Phishing"]
/// ```
public struct TechniqueList: Sendable, Hashable {
    /// One listed technique.
    public struct Item: Sendable, Hashable {
        /// The ID or name as written.
        public var query: String
        public var score: Double?
        public var comment: String?
        /// 1-based line (or array position for JSON).
        public var line: Int

        public init(query: String, score: Double? = nil, comment: String? = nil, line: Int) {
            self.query = query
            self.score = score
            self.comment = comment
            self.line = line
        }
    }

    public var source: String
    public var items: [Item]

    public init(source: String, items: [Item]) {
        self.source = source
        self.items = items
    }

    /// Reads a list file.
    public static func read(contentsOf url: URL) throws(GeneratorError) -> TechniqueList {
        let data: Data
        do { data = try FileBytes.read(path: url.path, limit: LayerFile.sizeLimit) } catch {
            throw GeneratorError.techniqueList(source: url.path, line: 0, message: "cannot read the file: \(error.reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GeneratorError.techniqueList(source: url.path, line: 0, message: "expected UTF-8 text")
        }
        return try parse(text, source: url.path)
    }

    /// Parses list text in any of the three forms (detected from the first character and line).
    public static func parse(_ text: String, source: String) throws(GeneratorError) -> TechniqueList {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("[") { return try parseJSON(trimmed, source: source) }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let firstLine = lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") } ?? ""
        if firstLine.contains(",") || firstLine.contains(";") || firstLine.contains("\t") {
            return try parseCSV(lines, source: source)
        }
        var items: [Item] = []
        for (i, line) in lines.enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("#") { continue }
            items.append(Item(query: t, line: i + 1))
        }
        return TechniqueList(source: source, items: items)
    }

    static func parseJSON(_ text: String, source: String) throws(GeneratorError) -> TechniqueList {
        let value: JSONValue
        do { value = try JSONValue.parse(Data(text.utf8)) } catch {
            throw GeneratorError.techniqueList(source: source, line: 1, message: "not JSON at byte \(error.offset): expected \(error.expected)")
        }
        guard let array = value.arrayValue else {
            throw GeneratorError.techniqueList(source: source, line: 1, message: "expected a JSON array of technique IDs or names")
        }
        var items: [Item] = []
        for (i, v) in array.enumerated() {
            if let s = v.stringValue {
                items.append(Item(query: s, line: i + 1))
            } else if let id = v["techniqueID"]?.stringValue ?? v["id"]?.stringValue ?? v["name"]?.stringValue {
                if let s = v["score"], s.doubleValue == nil {
                    throw GeneratorError.techniqueList(source: source, line: i + 1, message: "[\(i)].score: expected a number, found \(s.typeName)")
                }
                items.append(Item(query: id, score: v["score"]?.doubleValue, comment: v["comment"]?.stringValue, line: i + 1))
            } else {
                throw GeneratorError.techniqueList(source: source, line: i + 1, message: "[\(i)]: expected a technique ID or name")
            }
        }
        return TechniqueList(source: source, items: items)
    }

    static func parseCSV(_ lines: [String], source: String) throws(GeneratorError) -> TechniqueList {
        var items: [Item] = []
        var idColumn = 0
        var scoreColumn: Int? = 1
        var commentColumn: Int? = 2
        var sawHeader = false
        for (i, line) in lines.enumerated() {
            let raw = line.trimmingCharacters(in: .whitespaces)
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            let separator: Character = raw.contains("\t") ? "\t" : (raw.contains(";") && !raw.contains(",") ? ";" : ",")
            let cells = CSVLine.split(raw, separator: separator)
            if !sawHeader {
                sawHeader = true
                let lower = cells.map { $0.lowercased() }
                if let id = lower.firstIndex(where: { ["technique", "techniqueid", "technique id", "id", "name", "technique_id"].contains($0) }) {
                    idColumn = id
                    scoreColumn = lower.firstIndex(of: "score")
                    commentColumn = lower.firstIndex(of: "comment")
                    continue
                }
            }
            guard idColumn < cells.count, !cells[idColumn].isEmpty else {
                throw GeneratorError.techniqueList(source: source, line: i + 1, message: "no technique in column \(idColumn + 1)")
            }
            var score: Double?
            if let c = scoreColumn, c < cells.count, !cells[c].isEmpty {
                guard let s = Double(cells[c]) else {
                    throw GeneratorError.techniqueList(source: source, line: i + 1, message: "score '\(cells[c])' is not a number")
                }
                score = s
            }
            let comment = commentColumn.flatMap { $0 < cells.count && !cells[$0].isEmpty ? cells[$0] : nil }
            items.append(Item(query: cells[idColumn], score: score, comment: comment, line: i + 1))
        }
        return TechniqueList(source: source, items: items)
    }
}

/// Splits one CSV line, honouring double quotes.
enum CSVLine {
    static func split(_ line: String, separator: Character) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            if c == "\"" {
                if quoted, let n = chars.next() {
                    if n == "\"" { cell.append("\"") } else {
                        quoted = false
                        if n == separator { cells.append(cell.trimmingCharacters(in: .whitespaces)); cell = "" } else { cell.append(n) }
                    }
                } else { quoted.toggle() }
            } else if c == separator, !quoted {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(c)
            }
        }
        cells.append(cell.trimmingCharacters(in: .whitespaces))
        return cells
    }
}
