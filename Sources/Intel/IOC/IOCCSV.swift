/// CSV with a header naming the columns `ioc` (or `value`, `indicator`), `type`, and
/// `techniques` / `malware` / `groups` / `attack` (IDs or names, separated by `;` or `|`).
enum IOCCSV {
    static func read(_ bytes: [UInt8], source: String) throws(IOCError) -> [IOCRecord] {
        let rows = parse(String(decoding: bytes, as: UTF8.self))
        guard let header = rows.first?.map({ $0.lowercased().trimmingCharacters(in: .whitespaces) }) else {
            throw IOCError(source: source, message: "empty file")
        }
        guard let valueColumn = header.firstIndex(where: { ["ioc", "value", "indicator"].contains($0) }) else {
            throw IOCError(source: source, message: "CSV header has no ioc, value or indicator column (found: \(header.joined(separator: ", ")))")
        }
        let typeColumn = header.firstIndex(of: "type")
        let refColumns = header.indices.filter { ["techniques", "technique", "malware", "software", "groups", "group", "attack"].contains(header[$0]) }
        var records: [IOCRecord] = []
        for (n, row) in rows.dropFirst().enumerated() where !(row.count == 1 && row[0].isEmpty) {
            guard valueColumn < row.count else { throw IOCError(source: source, message: "line \(n + 2): missing the \(header[valueColumn]) column") }
            let refs = refColumns.filter { $0 < row.count }.flatMap { row[$0].split(whereSeparator: { $0 == ";" || $0 == "|" }) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            records.append(IOCRecord(value: row[valueColumn], type: typeColumn.flatMap { $0 < row.count ? row[$0] : nil } ?? "?", references: refs))
        }
        return records
    }

    /// RFC 4180 rows: quoted fields may hold commas, quotes ("") and newlines.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var it = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = it.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n": row.append(field); rows.append(row); row = []; field = ""
            case "\r": continue
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

import Foundation
