import Foundation
import Testing
@testable import Coverage

struct RuleScannerTests {
    static let sigma = """
        title: T
        tags: [attack.execution, attack.t1059.001]
        logsource: {product: windows, category: process_creation}
        detection: {sel: {Image: x}, condition: sel}
        """

    @Test func scanGoesOnPastEveryBadFileAndSortsByPathThenLine() async throws {
        let folder = try TemporaryFolder([
            "b/good.yml": Self.sigma,
            "b/two.yml": Self.sigma + "\n---\n" + Self.sigma.replacingOccurrences(of: "title: T", with: "title: U"),
            "a/broken.yml": "title: x\nlogsource: {product: windows\n",
            "a/untitled.yml": "logsource: {product: windows}\ndetection: {condition: x}\n",
            "a/tactic-only.yml": "title: Tac\ntags: [attack.defense_evasion]\nlogsource: {product: windows}\n",
            "a/untagged.yml": "title: None\nlogsource: {product: windows}\n",
            "elastic/r.toml": "[rule]\nname = \"E\"\n[[rule.threat]]\nframework = \"MITRE ATT&CK\"\n[[rule.threat.technique]]\nid = \"T1003\"\n",
            "elastic/bad.toml": "[rule]\nname = \n",
            "README.md": "# rules\n",
            "notes/config.yml": "retention: 30\n",
            ".git/hidden.yml": Self.sigma,
        ])
        defer { folder.remove() }
        try folder.write("a/image.yml", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))
        try folder.write("logo.png", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))

        let scan = await RuleScanner(maxConcurrency: 2).scan([folder.path])
        let root = folder.path
        #expect(scan.rules.map { $0.path.replacingOccurrences(of: root, with: "") + ":\($0.line)" } == [
            "/a/tactic-only.yml:1", "/a/untagged.yml:1", "/b/good.yml:1", "/b/two.yml:1", "/b/two.yml:6", "/elastic/r.toml:1",
        ])
        #expect(scan.errors.map { "\($0.path.replacingOccurrences(of: root, with: "")):\($0.line ?? 0)" } == [
            "/a/broken.yml:3", "/a/image.yml:0", "/a/untitled.yml:1", "/elastic/bad.toml:2", "/logo.png:0",
        ])
        #expect(scan.errors.map(\.reason).contains("binary file, not detection content"))
        #expect(scan.skipped.map { $0.path.replacingOccurrences(of: root, with: "") } == ["/README.md", "/notes/config.yml"])
        let report = scan.report
        #expect(report.rulesPerFormat == [.sigma: 5, .elastic: 1])
        #expect(report.withTechniques == 4)
        #expect(report.tacticOnly == 1)
        #expect(report.untagged == 1)
        #expect(report.failures == 5)
        #expect(report.skippedFiles == 2)
    }

    @Test func sequentialAndConcurrentScansAgree() async throws {
        var files: [String: String] = [:]
        for index in 0..<40 { files["r/\(index % 7)/rule\(index).yml"] = Self.sigma }
        files["r/bad.yml"] = "title: [\n"
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        let one = await RuleScanner(maxConcurrency: 1).scan([folder.path])
        let four = await RuleScanner(maxConcurrency: 4).scan([folder.path])
        #expect(one == four)
        #expect(one.rules.count == 40)
        #expect(one.errors.count == 1)
    }

    @Test func anUnreadableDirectoryIsAnIssueAndTheScanGoesOn() async throws {
        let folder = try TemporaryFolder(["ok/a.yml": Self.sigma, "locked/b.yml": Self.sigma])
        defer { folder.remove() }
        var scanner = RuleScanner(maxConcurrency: 1)
        let locked = folder.path + "/locked"
        let real = scanner.walker.list
        scanner.walker.list = { path in
            if path == locked { throw CocoaError(.fileReadNoPermission) }
            return try real(path)
        }
        let scan = await scanner.scan([folder.path])
        #expect(scan.rules.map(\.path) == [folder.path + "/ok/a.yml"])
        #expect(scan.errors == [RuleIssue(path: locked, reason: "cannot read directory: permission denied")])
    }

    @Test(.enabled(if: getuid() != 0, "root can read a folder with mode 000"))
    func aFolderWithoutPermissionsIsReported() async throws {
        let folder = try TemporaryFolder(["locked/b.yml": Self.sigma])
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path + "/locked")
            folder.remove()
        }
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.path + "/locked")
        let scan = await RuleScanner().scan([folder.path])
        #expect(scan.errors.map(\.path) == [folder.path + "/locked"])
        #expect(scan.errors.first?.reason.hasPrefix("cannot read directory") == true)
    }

    @Test func aMissingPathIsAnIssue() async {
        let scan = await RuleScanner().scan(["/nonexistent/ttpkit/rules"])
        #expect(scan.errors == [RuleIssue(path: "/nonexistent/ttpkit/rules", reason: "no such file or directory")])
    }

    @Test func anExplicitFileThatIsNotARuleIsAnError() async throws {
        let folder = try TemporaryFolder(["notes.yml": "retention: 30\n"])
        defer { folder.remove() }
        let scan = await RuleScanner().scan([folder.path + "/notes.yml"])
        #expect(scan.errors.first?.reason == "not detection content: YAML that is not a Sigma, Splunk or Sentinel rule")
    }

    @Test func formatsAreDetectedFromContent() {
        let splunk = "name: S\nsearch: '| tstats'\ntags:\n  mitre_attack_id: [T1003]\n"
        let sentinel = "name: S\nqueryFrequency: 1h\nrelevantTechniques: [T1003]\n"
        guard case .parsed(.splunk, let s) = RuleFormatDetector.parse(text: splunk, path: "x.yml"),
              case .parsed(.sentinel, let m) = RuleFormatDetector.parse(text: sentinel, path: "x.yaml"),
              case .parsed(.sigma, _) = RuleFormatDetector.parse(text: Self.sigma, path: "x.yml"),
              case .parsed(.csv, _) = RuleFormatDetector.parse(text: "name,techniques\na,T1003\n", path: "x.csv")
        else {
            Issue.record("a format was not detected")
            return
        }
        #expect(s.rules.first?.techniqueIDs == ["T1003"])
        #expect(m.rules.first?.techniqueIDs == ["T1003"])
    }
}

extension RuleScannerTests {
    @Test func progressReachesTheFileCount() async throws {
        var files: [String: String] = [:]
        for index in 0..<12 { files["r/rule\(index).yml"] = Self.sigma }
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        let last = Counter()
        _ = await RuleScanner(maxConcurrency: 2, progress: { done, total in
            #expect(total == 12)
            last.raise(to: done)
        }).scan([folder.path])
        #expect(last.value == 12)
    }

    @Test func oversizedRuleFilesAreRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("huge.yml", Data(repeating: UInt8(ascii: "#"), count: RuleFileReader.maximumSize + 1))
        let scan = await RuleScanner().scan([folder.path])
        // The size is exact when rounding would make it read like the limit (issue 10).
        #expect(scan.errors.first?.reason
            == "the file is 16777217 bytes, over the 16 MiB limit for this kind of file; a detection rule file is never this large")
    }
}

/// The highest value reported from any task.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var highest = 0

    func raise(to value: Int) {
        lock.lock()
        highest = max(highest, value)
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return highest
    }
}

extension RuleScannerTests {
    @Test func symbolicLinksToFoldersAreNotFollowed() async throws {
        let folder = try TemporaryFolder(["rules/a.yml": Self.sigma])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/rules/loop", withDestinationPath: folder.path + "/rules")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/rules/b.yml", withDestinationPath: folder.path + "/rules/a.yml")
        let scan = await RuleScanner().scan([folder.path])
        #expect(scan.rules.map { $0.path.replacingOccurrences(of: folder.path, with: "") } == ["/rules/a.yml", "/rules/b.yml"])
        #expect(scan.skipped == [SkippedFile(path: folder.path + "/rules/loop", reason: "symbolic link to a folder, not followed")])
    }
}
