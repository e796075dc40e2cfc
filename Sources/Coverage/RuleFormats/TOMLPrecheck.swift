/// Finds the TOML that must not reach toml++ (under TOMLKit): toml++ 3.4 asserts — aborting
/// the whole process — when a table header's `[` or `[[` is followed by anything but a key or
/// `]` (for example `[` and then a line break), and when a value in an array starts with `}`
/// (for example `a = [ } ]`).
///
/// The check walks the text the way TOML does (comments, single- and multi-line strings,
/// arrays spanning lines), so only real table headers are looked at and a `[` inside a value
/// is left alone. Text the walk cannot follow is left to toml++, which reports it as an error
/// before it reaches anything later.
///
/// ```swift
/// TOMLPrecheck.problem(in: "[\n")   // (line: 1, expected: "a table name after '['", found: "a line break")
/// ```
enum TOMLPrecheck {
    /// The first construct toml++ would abort on: its 1-based line, what TOML expects there and
    /// what stands there instead; nil when there is none.
    static func problem(in text: String) -> (line: Int, expected: String, found: String)? {
        var bytes = Array(text.utf8)
        // A byte-order mark is skipped as toml++ skips it, so the header after it is checked too.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var walker = Walker(bytes: bytes)
        return walker.run()
    }

    private struct Walker {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        /// Set by `keyValue()` when a closing bracket does not match the innermost open one.
        var mismatch: (line: Int, expected: String, found: String)?

        private var current: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func run() -> (line: Int, expected: String, found: String)? {
            while let c = current {
                switch c {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    i += 1
                case UInt8(ascii: "\n"):
                    line += 1
                    i += 1
                case UInt8(ascii: "#"):
                    skipComment()
                case UInt8(ascii: "["):
                    if let problem = header() { return problem }
                default:
                    guard keyValue() else { return mismatch }
                }
            }
            return nil
        }

        /// Checks a header's first key character, then skips the rest of its line.
        private mutating func header() -> (line: Int, expected: String, found: String)? {
            i += 1
            skipBlanks()
            if current == UInt8(ascii: "[") {
                i += 1
                skipBlanks()
            }
            guard let c = current else { return nil }
            let isKeyStart = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "]")
            guard isKeyStart else { return (line, "a table name after '['", Self.describe(c)) }
            while let c = current, c != UInt8(ascii: "\n") {
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    guard skipString() else { return nil }
                } else if c == UInt8(ascii: "#") {
                    skipComment()
                } else {
                    i += 1
                }
            }
            return nil
        }

        /// Skips `key = value` up to the line break that ends the value; false when the walk
        /// cannot follow the text (toml++ reports it).
        private mutating func keyValue() -> Bool {
            while let c = current, c != UInt8(ascii: "=") {
                if c == UInt8(ascii: "\n") || c == UInt8(ascii: "#") { return false }
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    guard skipString() else { return false }
                } else {
                    i += 1
                }
            }
            guard current != nil else { return false }
            i += 1
            var open: [UInt8] = []
            while let c = current {
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    guard skipString() else { return false }
                case UInt8(ascii: "#"):
                    skipComment()
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    open.append(c)
                    i += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    // A closer that does not match the innermost opener is invalid TOML; `}` in an
                    // array aborts toml++ (found by the elastic fuzz target), so it is reported here.
                    if let last = open.last {
                        let opener = c == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                        guard last == opener else {
                            let expected = last == UInt8(ascii: "[") ? "a value or ']' in the array" : "a key or '}' in the inline table"
                            mismatch = (line, expected, Self.describe(c))
                            return false
                        }
                        open.removeLast()
                    }
                    i += 1
                case UInt8(ascii: "\n"):
                    line += 1
                    i += 1
                    if open.isEmpty { return true }
                default:
                    i += 1
                }
            }
            return true
        }

        /// Skips a basic or literal string, single- or multi-line, opening at `i`; false when
        /// it does not close.
        private mutating func skipString() -> Bool {
            guard let quote = current else { return false }
            let basic = quote == UInt8(ascii: "\"")
            let multiLine = i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote
            i += multiLine ? 3 : 1
            while let c = current {
                if basic, c == UInt8(ascii: "\\") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { line += 1 }
                    i += 2
                    continue
                }
                if c == UInt8(ascii: "\n") {
                    guard multiLine else { return false }
                    line += 1
                }
                if c == quote {
                    if !multiLine {
                        i += 1
                        return true
                    }
                    if i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote {
                        // Up to two more quotes belong to the string (`""""` ends with a quote).
                        i += 3
                        var extra = 0
                        while extra < 2, current == quote {
                            i += 1
                            extra += 1
                        }
                        return true
                    }
                }
                i += 1
            }
            return false
        }

        private mutating func skipBlanks() {
            while current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { i += 1 }
        }

        private mutating func skipComment() {
            while let c = current, c != UInt8(ascii: "\n") { i += 1 }
        }

        private static func describe(_ c: UInt8) -> String {
            switch c {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): "a line break"
            case 0x20...0x7E: "'\(Character(Unicode.Scalar(c)))'"
            default: "byte 0x\(String(c, radix: 16))"
            }
        }
    }
}
