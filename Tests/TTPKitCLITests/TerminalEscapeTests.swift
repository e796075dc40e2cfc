import Foundation
import TestSupport
import Testing

/// Issue 10 item 8: terminal escape sequences in file names, rule titles and layer names are
/// printed neutralised (through Output's `Escape.terminal`), never raw.
@Suite struct TerminalEscapeTests {
    /// Sets the window title and clears the screen when printed raw.
    static let hostile = "\u{1B}]0;owned\u{07}\u{1B}[2J"

    static func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" }
    }

    let bundle: URL

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
    }

    @Test func fileNamesAndTitlesInRuleFindingsAreNeutralised() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("title: [unclosed\n".utf8).write(to: folder.appendingPathComponent("bad\(Self.hostile).yml"))
        try Data("title: \"Evil \\e]0;owned\\a title\"\ntags: [attack.t1059.1]\nlogsource: {product: windows}\ndetection: {s: {a: b}, condition: s}\n".utf8)
            .write(to: folder.appendingPathComponent("rule\(Self.hostile).yml"))
        for format in ["table", "json"] {
            let r = try InProcess.run(["rules", "scan", folder.path, "--limit", "0", "--format", format, "--data", bundle.path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!Self.hasControls(r.stdout), "\(format): \(r.stdout.debugDescription)")
            #expect(!Self.hasControls(r.stderr), "\(r.stderr.debugDescription)")
        }
        let table = try InProcess.run(["rules", "scan", folder.path, "--limit", "0", "--data", bundle.path])
        #expect(table.stdout.contains("bad.yml"), "the name is still shown, without its controls: \(table.stdout)")
    }

    @Test func layerNamesAndPathsInValidationAndErrorsAreNeutralised() throws {
        let layer = try CommandRunner.temporaryFile("layer\(Self.hostile).json", #"""
            {"name": "\u001b]0;owned\u0007", "domain": "enterprise-attack", "versions": {"layer": "4.5"},
             "techniques": [{"techniqueID": "T9999", "score": 1, "tactic": "\u001b[2Jexecution"}]}
            """#)
        let r = try InProcess.run(["layer", "validate", layer.path, "--data", bundle.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("techniques[0]"))
        #expect(!Self.hasControls(r.stdout) && !Self.hasControls(r.stderr), "\(r.stdout.debugDescription) \(r.stderr.debugDescription)")

        let badID = try CommandRunner.temporaryFile("id.json", #"{"name": "x", "domain": "enterprise-attack", "techniques": [{"techniqueID": "T1\u001b[2J"}]}"#)
        for file in ["/nonexistent/\(Self.hostile).json", badID.path] {
            let unreadable = try InProcess.run(["layer", "validate", file, "--data", bundle.path])
            #expect(unreadable.status == 2)
            #expect(unreadable.stderr.hasPrefix("ttpkit: error: "))
            #expect(!Self.hasControls(unreadable.stderr), "\(unreadable.stderr.debugDescription)")
        }
    }
}
