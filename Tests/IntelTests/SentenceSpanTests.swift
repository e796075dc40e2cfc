import Foundation
import Intel
import TestSupport
import Testing

/// Quoting a hit's sentence: the same answers as the scan it replaced, in time linear in the
/// text (a long line without sentence ends made extraction quadratic: 75 s for 512 KB).
@Suite("Sentence spans")
struct SentenceSpanTests {
    /// The scan ``ReportText/sentence(around:length:)`` made before it used precomputed
    /// boundaries: back to the previous sentence end, forward to the next, for every hit.
    static func reference(_ bytes: [UInt8], around offset: Int, length: Int) -> String {
        func isTerminal(_ b: UInt8) -> Bool { b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") }
        func isAbbreviation(_ dot: Int) -> Bool {
            guard bytes[dot] == UInt8(ascii: "."), dot >= 3 else { return false }
            let w = String(decoding: bytes[(dot - 3)...dot], as: UTF8.self).lowercased()
            return w == "e.g." || w == "i.e." || w.hasSuffix(" vs.") || w == "etc."
        }
        func isLineMarker(_ i: Int) -> Bool {
            var j = i
            while j < bytes.count, bytes[j] == 32 { j += 1 }
            guard j < bytes.count else { return false }
            let b = bytes[j]
            return (b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "#") || b == UInt8(ascii: ">"))
                && j + 1 < bytes.count && (bytes[j + 1] == 32 || b == UInt8(ascii: "#"))
        }
        var start = min(offset, bytes.count)
        while start > 0 {
            let b = bytes[start - 1]
            if b == 10, start >= 2, bytes[start - 2] == 10 || isLineMarker(start) { break }
            if b == 32 || b == 10 || b == 9, start >= 2, isTerminal(bytes[start - 2]), !isAbbreviation(start - 2) { break }
            start -= 1
        }
        var end = min(offset + length, bytes.count)
        while end < bytes.count {
            let b = bytes[end]
            if isTerminal(b), end + 1 >= bytes.count || bytes[end + 1] == 32 || bytes[end + 1] == 10, !isAbbreviation(end) { end += 1; break }
            if b == 10, end + 1 < bytes.count, bytes[end + 1] == 10 || isLineMarker(end + 1) { break }
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
            "Café déjà vu. Ünïcödé\u{301} combining. 🇫🇷🇩🇪 flags. 👩‍👩‍👧 family.", String(repeating: "word ", count: 200) + "end.",
            String(repeating: " ", count: 3000) + "late words and more words. " + String(repeating: "x ", count: 300),
            String(repeating: "é ", count: 700) + ". tail", "a\n" + String(repeating: " ", count: 50) + "- b\n\nc",
        ]
        for text in texts { expectSameAsReference(Array(text.utf8), step: 1) }
    }

    @Test func randomTextsMatchTheScan() {
        let pieces = ["word", "T1059", " ", "  ", ". ", ".", "! ", "?\n", "\n", "\n\n", "\t", "\r\n", "e.g. ", " vs. ",
                      "- ", "# ", "é", "\u{301}", "日本", "🇫🇷", ".\t", String(repeating: "long ", count: 30)]
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
