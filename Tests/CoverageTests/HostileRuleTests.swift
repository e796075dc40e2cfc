import Foundation
import Testing
@testable import Coverage

/// Reproducers of issue 10 for rule files: each becomes a finding at its file and line and the
/// scan goes on, never a crash.
@Suite("Hostile rule files")
struct HostileRuleTests {
    static let elastic = "[rule]\nname = \"E\"\n[[rule.threat]]\nframework = \"MITRE ATT&CK\"\n[[rule.threat.technique]]\nid = \"T1003\"\n"

    @Test func aByteOrderMarkDoesNotHideACutHeaderFromThePrecheck() {
        // Found by the elastic fuzz target: BOM, then `[`, then a line break aborted toml++.
        #expect(TOMLPrecheck.problem(in: "\u{FEFF}[\n")?.line == 1)
        let result = ElasticParser.parse(text: "\u{FEFF}[\n\u{1}", path: "bom.toml")
        #expect(result.rules.isEmpty)
    }

    @Test func aBraceWhereAnArrayValueShouldStartIsAFinding() {
        // Found by the elastic fuzz target in CI's bounded run: `}` in an array aborted toml++.
        for text in ["a = [\n}\n", "tags = [ 1, } ]\n", "a = [ [ } ] ]\n", "[rule]\nname = \"x\"\ntags = [\n  }\\\\RunAs\"\n"] {
            let problem = TOMLPrecheck.problem(in: text)
            #expect(problem?.expected == "a value or ']' in the array", "\(text)")
            #expect(problem?.found == "'}'", "\(text)")
            let result = ElasticParser.parse(text: text, path: "x.toml")
            #expect(result.rules.isEmpty)
        }
        #expect(TOMLPrecheck.problem(in: "w = { a = [1, 2] }\nv = [ { b = 1 }, {} ]\n") == nil)
        #expect(TOMLPrecheck.problem(in: "w = { a = ] }\n")?.expected == "a key or '}' in the inline table")
    }

    @Test func aTableHeaderCutAfterItsBracketIsAFindingAndTheScanGoesOn() async throws {
        // `printf '[\n' > r/x.toml; ttpkit rules scan r` aborted in a toml++ assertion.
        let folder = try TemporaryFolder([
            "r/x.toml": "[\n", "r/y.toml": "[rule]\nname = \"A\"\n\n[[ \n", "r/z.toml": "[[\t#\n", "r/ok.toml": Self.elastic,
        ])
        defer { folder.remove() }
        let scan = await RuleScanner(maxConcurrency: 1).scan([folder.path + "/r"])
        #expect(scan.rules.map(\.title) == ["E"])
        let found = scan.errors.map { "\($0.path.split(separator: "/").last ?? ""):\($0.line ?? 0): \($0.reason)" }
        #expect(found == [
            "x.toml:1: invalid TOML: expected a table name after '[', found a line break",
            "y.toml:4: invalid TOML: expected a table name after '[', found a line break",
            "z.toml:1: invalid TOML: expected a table name after '[', found '#'",
        ])
    }

    @Test func bracketsInsideValuesAreNotMistakenForHeaders() {
        let valid = [
            "a = [\n  [\n    1, 2\n  ],\n]\n[rule]\nname = \"x\"\n",
            "s = \"\"\"\n[\n\"\"\"\nt = '''\n[[\n'''\n[rule]\n",
            "u = \"\\\"[\"\n[ rule ]\n['quoted key']\n[\"x\".y]\n",
            "v = \"\"\"a\"\"\"\"\n[rule] # c\n",
            "# [\n[rule]\nw = { a = [1, [2]] }\n[[rule.threat]]\n",
        ]
        for text in valid {
            #expect(TOMLPrecheck.problem(in: text) == nil, "\(text)")
            if case .parsed(_, let result) = ElasticParser.read(text: text, path: "v.toml") {
                #expect(!result.issues.contains { $0.reason.contains("table name") }, "\(text)")
            }
        }
        #expect(TOMLPrecheck.problem(in: "a = 1\n[\r\n")?.line == 2)
        #expect(TOMLPrecheck.problem(in: "a = [\n1,\n]\n[ =\n")?.found == "'='")
    }
}

/// Issue 10 item 8 and issue 12 item 11: input that used to vanish without a word.
@Suite("Rule input never lost silently")
struct SilentLossTests {
    @Test func aMalformedAttackTagIsAWarningAtItsLine() {
        let text = "title: T\ntags:\n  - attack.execution\n  - attack.t1059.1\n  - attack.g16\n  - attack.t1059.001\nlogsource: {product: windows}\ndetection: {s: {a: b}, condition: s}\n"
        let result = SigmaParser.parse(text: text, path: "r.yml")
        #expect(result.rules.first?.techniqueIDs == ["T1059.001"])
        #expect(result.issues.map(\.description) == [
            "r.yml:4: warning: tag 'attack.t1059.1' is not a technique ID (attack.t1234 or attack.t1234.001); ignored",
            "r.yml:5: warning: tag 'attack.g16' is not a group ID (attack.g0001); ignored",
        ])
        #expect(result.rules.first?.tagLines == ["T1059.001": 6])
    }

    @Test func findingsAboutATechniquePointAtItsTag() {
        var rule = DetectionRule(format: .sigma, path: "r.yml", line: 1, title: "T", techniqueIDs: ["T9999"])
        rule.tagLines = ["T9999": 7]
        #expect(RuleFinding(rule: rule, kind: .unknown, techniqueID: "T9999", message: "unknown").line == 7)
        #expect(RuleFinding(rule: rule, kind: .tacticOnly, techniqueID: nil, message: "x").line == 1)
        let splunk = SplunkParser.parse(text: "name: S\nsearch: x\ntags:\n  mitre_attack_id:\n  - T1003\n  - T1059\n", path: "s.yml")
        #expect(splunk.rules.first?.tagLines == ["T1003": 5, "T1059": 6])
    }

    @Test func aTOMLTechniqueWrittenAsAStringIsAWarning() {
        let text = "[rule]\nname = \"E\"\n[[rule.threat]]\nframework = \"MITRE ATT&CK\"\ntechnique = \"T1059\"\n"
        let result = ElasticParser.parse(text: text, path: "e.toml")
        #expect(result.rules.count == 1)
        #expect(result.issues.map(\.description) == [
            "e.toml:1: warning: rule.threat.technique is the string 'T1059', expected [[rule.threat.technique]] tables with an id; ignored",
        ])
    }

    @Test func aTitleWithAControlCharacterIsKeptWhole() {
        let result = SigmaParser.parse(text: "title: \"Who\\0ami \\e[31m\"\nlogsource: {product: windows}\n", path: "r.yml")
        #expect(result.rules.first?.title == "Who\u{FFFD}ami \u{FFFD}[31m")
        #expect(result.issues.map(\.description) == ["r.yml:1: warning: title contains control characters (U+0000, U+001B); shown as \u{FFFD}"])
    }

    @Test func oneBadDocumentDoesNotLoseTheOthers() {
        let good = "title: A\ntags: [attack.t1003]\nlogsource: {product: windows}\ndetection: {s: {a: b}, condition: s}\n"
        let text = good + "---\ntitle: B\nlogsource: {product: windows\n---\n" + good.replacingOccurrences(of: "title: A", with: "title: C")
        let result = SigmaParser.parse(text: text, path: "multi.yml")
        #expect(result.rules.map(\.title) == ["A", "C"])
        #expect(result.rules.map(\.line) == [1, 9])
        #expect(result.issues.count == 1)
        #expect(result.issues.first.map { ($0.line ?? 0) >= 6 && ($0.line ?? 0) <= 8 } == true)
        if case .parsed(let format, let detected) = RuleFormatDetector.parse(text: text, path: "multi.yml") {
            #expect(format == .sigma && detected.rules.count == 2 && detected.issues.count == 1)
        } else {
            Issue.record("the file is Sigma")
        }
    }

    @Test func documentsFarDownABrokenFileAreNotEachReadBehindTheWholeFile() {
        // 100,000 blank lines, then 400 broken documents: splitting would read 40 M lines.
        let text = String(repeating: "\n", count: 100_000) + String(repeating: "---\ntitle: [x\n", count: 400)
        let result = SigmaParser.parse(text: text, path: "far.yml")
        #expect(result.rules.isEmpty)
        #expect(result.issues.count == 1, "the whole file's error alone: the split would cost more than the budget")
        // The same documents near the top are still read one by one.
        let near = String(repeating: "---\ntitle: [x\n", count: 3)
        #expect(SigmaParser.parse(text: near, path: "near.yml").issues.count == 3)
    }

    @Test func aFileNameThatIsNotUTF8IsReported() async throws {
        let folder = try TemporaryFolder(["ok.yml": "title: A\nlogsource: {product: windows}\n"])
        defer { folder.remove() }
        let bad = folder.path + "/" + String(decoding: [0x62, 0xFF, 0x2E, 0x79, 0x6D, 0x6C], as: UTF8.self)
        // Create the file with the raw bytes (a String path cannot hold 0xFF).
        var raw = Array(folder.path.utf8) + [0x2F, 0x62, 0xFF, 0x2E, 0x79, 0x6D, 0x6C, 0]
        let fd = raw.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)
        let scan = await RuleScanner(maxConcurrency: 1).scan([folder.path])
        #expect(scan.rules.map(\.title) == ["A"])
        #expect(scan.errors.map(\.description) == ["\(bad): file name is not UTF-8 text (shown with \u{FFFD}); not read"])
    }

    @Test func linkLoopsAndFoldersAreSaidInPlainWords() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/loop.yml", withDestinationPath: folder.path + "/loop.yml")
        let scan = await RuleScanner(maxConcurrency: 1).scan([folder.path + "/loop.yml"])
        #expect(scan.errors.map(\.reason) == ["symbolic links loop (a link points back at itself)"])
    }
}
