import Foundation
import Testing
@testable import Coverage

/// Reproducers of issue 10 for rule files: each becomes a finding at its file and line and the
/// scan goes on, never a crash.
@Suite("Hostile rule files")
struct HostileRuleTests {
    static let elastic = "[rule]\nname = \"E\"\n[[rule.threat]]\nframework = \"MITRE ATT&CK\"\n[[rule.threat.technique]]\nid = \"T1003\"\n"

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
