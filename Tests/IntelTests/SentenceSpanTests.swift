import Foundation
import Intel
import TestSupport
import Testing

/// Quoting a hit's sentence: the same answers as the scan it replaced, in time linear in the
/// text (a long line without sentence ends made extraction quadratic: 75 s for 512 KB).
@Suite("Sentence spans")
struct SentenceSpanTests {
    /// The scan ``ReportText/sentence(around:length:)`` makes with precomputed boundaries,
    /// done the slow way: back to the previous sentence start, forward to the next stop, for
    /// every hit, reading each rule of ``SentenceBoundaries`` literally.
    static func reference(_ bytes: [UInt8], around offset: Int, length: Int) -> String {
        let n = bytes.count
        func isTerminal(_ b: UInt8) -> Bool { b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") }
        func isBlank(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 13 }
        func isAbbreviation(_ dot: Int) -> Bool {
            guard bytes[dot] == UInt8(ascii: "."), dot >= 3 else { return false }
            let w = String(decoding: bytes[(dot - 3)...dot], as: UTF8.self).lowercased()
            return w == "e.g." || w == "i.e." || w.hasSuffix(" vs.") || w == "etc."
        }
        func isLineMarker(_ i: Int) -> Bool {
            var j = i
            while j < n, bytes[j] == 32 { j += 1 }
            guard j < n else { return false }
            let b = bytes[j]
            return (b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "#") || b == UInt8(ascii: ">"))
                && j + 1 < n && (bytes[j + 1] == 32 || b == UInt8(ascii: "#"))
        }
        func nonBlank(_ i: Int) -> Int {
            var j = i
            while j < n, isBlank(bytes[j]) { j += 1 }
            return j
        }
        func endsAtMark(_ q: Int) -> Bool {
            guard q < n, isTerminal(bytes[q]), !isAbbreviation(q) else { return false }
            return q + 1 >= n || isBlank(bytes[q + 1]) || bytes[q + 1] == 10 || (bytes[q + 1] == 0xC2 && q + 2 < n && bytes[q + 2] == 0xA0)
        }
        func lineContent(endingAt q: Int) -> [UInt8] {
            var s = q
            while s > 0, bytes[s - 1] != 10 { s -= 1 }
            return Array(bytes[s..<q].drop(while: isBlank).reversed().drop(while: isBlank).reversed())
        }
        func breakAfter(_ q: Int) -> Bool {
            guard q < n, bytes[q] == 10 else { return false }
            if isLineMarker(q + 1) { return true }
            let k = nonBlank(q + 1)
            if k < n, bytes[k] == 10 { return true }
            let line = lineContent(endingAt: q)
            guard let last = line.last, line.count <= 60, !Array(",;-(/&".utf8).contains(last), k < n else { return false }
            let c = bytes[k]
            return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c >= 0x80
        }
        func isStart(_ p: Int) -> Bool {
            let q = p - 1
            guard q >= 0 else { return false }
            if bytes[q] == 10 { return breakAfter(q) || (q >= 1 && (lineContent(endingAt: q).isEmpty || endsAtMark(q - 1))) }
            return (isBlank(bytes[q]) && q >= 1 && endsAtMark(q - 1)) || (bytes[q] == 0xA0 && q >= 2 && bytes[q - 1] == 0xC2 && endsAtMark(q - 2))
        }
        let from = min(max(0, offset), n)
        var start = from
        while start > 0, !isStart(start) { start -= 1 }
        var end = min(max(from, offset + max(0, length)), n)
        while end < n {
            if endsAtMark(end) { end += 1; break }
            if breakAfter(end) { break }
            end += 1
        }
        var s = String(decoding: bytes[start..<end], as: UTF8.self)
        s = s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        if s.count > 400 { s = String(s.prefix(399)) + "…" }
        return s
    }

    func expectSameAsReference(_ text: [UInt8], step: Int, length: Int = 5, sourceLocation: SourceLocation = #_sourceLocation) {
        let report = ReportText(text, isHTML: false)
        var mismatches = 0
        for offset in stride(from: 0, through: text.count, by: step) where mismatches < 3 {
            let got = report.sentence(around: offset, length: length)
            let want = Self.reference(text, around: offset, length: length)
            if got != want {
                mismatches += 1
                Issue.record("offset \(offset): \(got.debugDescription) != \(want.debugDescription)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func edgeCasesMatchTheScan() {
        let texts = [
            "", "x", ".", "A. B", "e.g. this. i.e. that! vs. other? etc. end",
            "First line\n\nSecond paragraph. More.\n- item one\n- item two\n# Heading\nText\n  * indented\n> quote",
            "Windows\r\nline endings.\r\nNext\r\n\r\nPara", "Tabs.\tafter\tmarks!\tHere?\tyes",
            "Heading\nThe actor used\nthe loader. Fig.2 Caption\n2 rows, then\ncontinued; here\n\u{A0}\nDone.\u{A0}Next.\u{A0}\nNBSP",
            "A hard-wrapped sentence that runs over a line break and a line of more than sixty bytes\nContinues here.",
            "Café déjà vu. Ünïcödé\u{301} combining. 🇫🇷🇩🇪 flags. 👩‍👩‍👧 family.", String(repeating: "word ", count: 200) + "end.",
            String(repeating: " ", count: 3000) + "late words and more words. " + String(repeating: "x ", count: 300),
            String(repeating: "é ", count: 700) + ". tail", "a\n" + String(repeating: " ", count: 50) + "- b\n\nc",
        ]
        for text in texts { expectSameAsReference(Array(text.utf8), step: 1) }
    }

    @Test func randomTextsMatchTheScan() {
        let pieces = ["word", "T1059", " ", "  ", ". ", ".", "! ", "?\n", "\n", "\n\n", "\t", "\r\n", "e.g. ", " vs. ",
                      "- ", "# ", "é", "\u{301}", "日本", "🇫🇷", ".\t", String(repeating: "long ", count: 30), "Word", "7", ",", "\u{A0}", ".\u{A0}", "\r"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<60 {
            var text = ""
            for _ in 0..<Int.random(in: 1...400, using: &rng) { text += pieces.randomElement(using: &rng) ?? "" }
            expectSameAsReference(Array(text.utf8), step: 3, length: Int.random(in: 0...8, using: &rng))
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func tramReportsMatchTheScan() throws {
        let url = SharedData.root.appendingPathComponent("corpora/tram/reports-dev.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let reports = (object?["reports"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(reports.count > 50)
        for text in reports { expectSameAsReference(Array(text.utf8), step: 13) }
    }

    /// One long line without a sentence end: every hit's sentence is the line's first 400
    /// characters, as before, and the whole extraction is linear (the scan took minutes).
    @Test func longLineWithoutSentenceEndsIsLinear() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()
        let line = Array(String(repeating: "Test Bear used EvilTool and T1059 then moved on ", count: 22_000).utf8)  // ~1 MiB
        let start = ContinuousClock.now
        let result = ReportExtractor(kb: kb).extract(ReportText(line, isHTML: false))
        let elapsed = ContinuousClock.now - start
        #expect(result.hits.count == 66_000)
        let first = Self.reference(Array(line.prefix(4096)), around: 0, length: 4)
        #expect(result.hits.allSatisfy { $0.sentence == first })
        #expect(first.count == 400 && first.hasSuffix("…"))
        #expect(elapsed < .seconds(15), "extraction of a 1 MiB line took \(elapsed)")
    }
}
