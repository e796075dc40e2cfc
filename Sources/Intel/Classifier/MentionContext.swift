/// Where a mention of a technique stands in a report, which decides whether the report claims
/// the technique was used.
///
/// A name in a sentence about what happened is a claim. The same name in mitigation advice or
/// detection guidance ("Implement multi-factor authentication", "Organizations should disable
/// PowerShell", "We recommend monitoring for…"), in a heading or a table cell ("IP Addresses"),
/// or as a folder of a file path (`%ProgramFiles%\MSBuild\`) is not: such mentions are kept as
/// weak evidence, under the default cut-off. An ATT&CK ID is always a claim — a report's own
/// table of techniques is the strongest evidence it gives.
///
/// ```swift
/// let bytes = Array("Implement multi-factor authentication for remote access.".utf8)
/// MentionContext(bytes, offset: 10, length: 27)   // .advice
/// ```
public enum MentionContext: String, Sendable, Hashable {
    /// A sentence about what happened.
    case prose
    /// Advice or detection guidance: what defenders should do, not what the actor did.
    case advice
    /// A heading, a table cell or another short line that is not a sentence.
    case heading
    /// A folder of a file path or a part of a URL.
    case path

    /// How far either side of a mention its line and sentence are looked for (bytes).
    static let window = 1000

    /// Whether a mention in this context is a claim that the technique was used.
    public var isClaim: Bool { self == .prose }

    /// The context of the mention at `offset..<offset + length` (bytes of `bytes`).
    public init(_ bytes: [UInt8], offset: Int, length: Int) {
        let start = max(0, min(offset, bytes.count)), end = max(start, min(offset + length, bytes.count))
        if Self.isPathPart(bytes, start, end) {
            self = .path
            return
        }
        // The line, read at most `window` bytes either side: a mention's context costs the
        // same however long the line (a 2 MB line of prose with many mentions stays linear).
        var lineStart = start, lineEnd = end
        let first = max(0, start - Self.window), last = min(bytes.count, end + Self.window)
        while lineStart > first, bytes[lineStart - 1] != 10 { lineStart -= 1 }
        while lineEnd < last, bytes[lineEnd] != 10 { lineEnd += 1 }
        // A table cell: the part of the line between separators (`|` or a tab).
        var cellStart = start, cellEnd = end
        while cellStart > lineStart, bytes[cellStart - 1] != UInt8(ascii: "|"), bytes[cellStart - 1] != 9 { cellStart -= 1 }
        while cellEnd < lineEnd, bytes[cellEnd] != UInt8(ascii: "|"), bytes[cellEnd] != 9 { cellEnd += 1 }
        if Self.isHeading(bytes[cellStart..<cellEnd]) {
            self = .heading
            return
        }
        let sentence = Self.sentence(bytes, around: start, end, in: lineStart..<lineEnd)
        self = Self.isAdvice(bytes[sentence]) ? .advice : .prose
    }

    /// A folder of a path (`\MSBuild\`, `/bin/`), an environment variable (`%AppData%`) or a
    /// part of a URL; a file name at the end of a path (`\MSBuild.exe`) is not.
    static func isPathPart(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let before = start > 0 ? bytes[start - 1] : 32, after = end < bytes.count ? bytes[end] : 32
        let slash: (UInt8) -> Bool = { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "/") }
        if after == UInt8(ascii: "\\") || (slash(before) && slash(after)) { return true }
        if before == UInt8(ascii: "%") || after == UInt8(ascii: "%") { return true }
        // Inside a URL: the whitespace-delimited chunk holds "://".
        var a = start, b = end
        let first = max(0, start - window), last = min(bytes.count, end + window)
        while a > first, !TextFeatures.isSpace(bytes[a - 1]) { a -= 1 }
        while b < last, !TextFeatures.isSpace(bytes[b]) { b += 1 }
        let chunk = bytes[a..<b]
        return chunk.count > 3 && zip(chunk, chunk.dropFirst()).contains { $0 == UInt8(ascii: ":") && $1 == UInt8(ascii: "/") }
    }

    /// A short line or cell (at most 5 words) that does not end as a sentence does.
    static func isHeading(_ text: ArraySlice<UInt8>) -> Bool {
        var end = text.endIndex
        while end > text.startIndex, TextFeatures.isSpace(text[end - 1]) { end -= 1 }
        guard end > text.startIndex else { return true }
        if ReportText.isTerminal(text[end - 1]) { return false }
        return words(text[text.startIndex..<end]).count <= 5
    }

    /// The sentence of the line holding `start..<end`: from the last sentence end before it to
    /// the first after it.
    static func sentence(_ bytes: [UInt8], around start: Int, _ end: Int, in line: Range<Int>) -> Range<Int> {
        var a = start, b = end
        while a > line.lowerBound, !(ReportText.isTerminal(bytes[a - 1]) && a < bytes.count && TextFeatures.isSpace(bytes[a])) { a -= 1 }
        while b < line.upperBound, !(ReportText.isTerminal(bytes[b]) && (b + 1 == line.upperBound || TextFeatures.isSpace(bytes[b + 1]))) { b += 1 }
        return a..<min(line.upperBound, b + 1)
    }

    /// Verbs that open an instruction to defenders ("Implement…", "Monitor for…").
    static let imperatives: Set<String> = [
        "implement", "use", "enable", "disable", "restrict", "monitor", "consider", "ensure", "apply", "require",
        "limit", "block", "audit", "review", "keep", "update", "patch", "deploy", "configure", "enforce", "prevent",
        "segment", "maintain", "educate", "train", "remove", "avoid", "install", "upgrade", "reset", "harden",
        "isolate", "filter", "allowlist", "whitelist", "encrypt", "protect", "verify", "validate", "hunt", "search",
        "prioritize", "prioritise", "establish", "adopt", "mitigate", "inspect",
    ]

    /// Phrases of advice anywhere in a sentence.
    static let advicePhrases: [[String]] = [
        ["should"], ["recommend"], ["recommends"], ["recommended"], ["recommendations"], ["we", "advise"], ["are", "advised"],
        ["are", "encouraged"], ["encourages"], ["best", "practice"], ["best", "practices"], ["mitigation"], ["mitigations"],
        ["to", "mitigate"], ["can", "be", "detected"], ["monitor", "for"], ["hunt", "for"], ["mitigate"],
    ]

    /// A sentence that advises defenders: it opens with an instruction (after any list mark), or
    /// it says what should be done, recommended, mitigated or detected.
    static func isAdvice(_ sentence: ArraySlice<UInt8>) -> Bool {
        let w = words(sentence)
        guard let first = w.first else { return false }
        // "Use of valid accounts" names a behaviour; "Use strong passwords" advises.
        if imperatives.contains(first), !(first == "use" && w.count > 1 && w[1] == "of") { return true }
        for phrase in advicePhrases where phrase.count <= w.count {
            for i in 0...(w.count - phrase.count) where w[i] == phrase[0] && Array(w[i..<(i + phrase.count)]) == phrase { return true }
        }
        return false
    }

    /// Lower-case ASCII words (runs of letters and digits; a leading list mark or number is not one).
    static func words(_ text: ArraySlice<UInt8>) -> [String] {
        var out: [String] = [], current: [UInt8] = []
        func flush() {
            if !current.isEmpty, current.contains(where: { $0 >= 97 && $0 <= 122 }) { out.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for b in text {
            let l = b | 0x20
            if (l >= 97 && l <= 122) || (b >= 48 && b <= 57) { current.append(b >= 65 && b <= 90 ? l : b) } else { flush() }
        }
        flush()
        return out
    }
}
