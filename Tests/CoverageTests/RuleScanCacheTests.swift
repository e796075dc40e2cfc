import Foundation
import STIX
import Testing
@testable import Coverage

/// The rule-scan cache: a scan that reuses kept outcomes equals one that parses everything;
/// only changed files are parsed again; a damaged, planted or odd cache file is never trusted.
struct RuleScanCacheTests {
    final class Notes: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    /// A rules folder, a cache folder and a scanner using that cache (nothing held back as
    /// recently changed unless `settle` says so).
    struct Setup {
        let rules: TemporaryFolder
        let cacheFolder: TemporaryFolder
        let notes = Notes()
        var scanner: RuleScanner

        init(settle: Int = -5) throws {
            rules = try TemporaryFolder([
                "b/good.yml": RuleScannerTests.sigma,
                "b/two.yml": RuleScannerTests.sigma + "\n---\n" + RuleScannerTests.sigma.replacingOccurrences(of: "title: T", with: "title: U"),
                "a/broken.yml": "title: x\nlogsource: {product: windows\n",
                "a/warned.yml": "title: W\ntags: [attack.t1059.001, 7, attack.t99]\nlogsource: {product: windows}\n",
                "elastic/r.toml": "[rule]\nname = \"E\"\n[[rule.threat]]\nframework = \"MITRE ATT&CK\"\n[[rule.threat.technique]]\nid = \"T1003\"\n",
                "use-cases.csv": "name,technique\nLSASS read,T1003.001\n",
                "README.md": "# rules\n",
            ])
            try rules.write("logo.png", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))
            cacheFolder = try TemporaryFolder()
            scanner = RuleScanner(maxConcurrency: 2)
            let notes = self.notes
            scanner.cache = RuleScanCache(cacheFolder: URL(fileURLWithPath: cacheFolder.path), settleSeconds: settle) { notes.add($0) }
        }

        var cacheFile: URL { scanner.cache!.file(roots: [rules.path]) }

        func scan() async -> (scan: RuleScan, parsed: Int) { await scanner.scanCounting([rules.path]) }
        func uncached() async -> RuleScan { await RuleScanner().scan([rules.path]) }
        func remove() {
            rules.remove()
            cacheFolder.remove()
        }
    }

    @Test func aSecondScanParsesNothingAndGivesTheSameScan() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let first = await setup.scan()
        #expect(first.parsed == 8)
        #expect(FileManager.default.fileExists(atPath: setup.cacheFile.path))
        let written = try FileManager.default.attributesOfItem(atPath: setup.cacheFile.path)[.systemFileNumber] as? Int
        let second = await setup.scan()
        #expect(second.parsed == 1)  // only the binary file, whose failure is never kept
        // Nothing new was kept, so the cache file was not written again.
        #expect(try FileManager.default.attributesOfItem(atPath: setup.cacheFile.path)[.systemFileNumber] as? Int == written)
        #expect(second.scan == first.scan)
        #expect(second.scan == (await setup.uncached()))
        #expect(second.scan.rules.count == 6)
        #expect(!second.scan.warnings.isEmpty)
        #expect(setup.notes.all == [])
    }

    @Test func onlyChangedFilesAreParsedAgain() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = await setup.scan()
        try setup.rules.write("b/good.yml", RuleScannerTests.sigma.replacingOccurrences(of: "title: T", with: "title: Edited"))
        try FileManager.default.removeItem(atPath: setup.rules.path + "/b/two.yml")
        try setup.rules.write("c/new.yml", RuleScannerTests.sigma.replacingOccurrences(of: "title: T", with: "title: New"))
        let after = await setup.scan()
        #expect(after.parsed == 3)  // the edited file, the new one, the binary one
        #expect(after.scan == (await setup.uncached()))
        #expect(after.scan.rules.map(\.title).sorted() == ["E", "Edited", "LSASS read", "New", "W"])
        #expect(await setup.scan().parsed == 1)
    }

    @Test func cacheFilesOfScansNotRunFor30DaysAreRemoved() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let folder = setup.cacheFile.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, age) in [("scan-old.cache", 40.0), ("scan-recent.cache", 3.0), ("notes.txt", 40.0)] {
            let path = folder + "/" + name
            #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age * 86_400)], ofItemAtPath: path)
        }
        _ = await setup.scan()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == ["notes.txt", setup.cacheFile.lastPathComponent, "scan-recent.cache"].sorted())
    }

    @Test func recentlyChangedFilesAreNotKept() async throws {
        let setup = try Setup(settle: 3600)
        defer { setup.remove() }
        _ = await setup.scan()
        let again = await setup.scan()
        #expect(again.parsed == 8)
        #expect(again.scan == (await setup.uncached()))
    }

    @Test(arguments: ["flipped", "truncated", "empty", "writable by others", "fifo", "folder", "other format"])
    func aBadCacheFileIsNeverTrusted(_ damage: String) async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let truth = await setup.scan().scan
        let path = setup.cacheFile.path
        var bytes = try [UInt8](Data(contentsOf: setup.cacheFile))
        switch damage {
        case "flipped": bytes[bytes.count / 2] ^= 0x20
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "empty": bytes = []
        case "other format": bytes = Array("TTPKRULESCAN0\n".utf8) + bytes.dropFirst(RuleScanCache.magic.count)
        default: break
        }
        if damage != "writable by others" && damage != "fifo" && damage != "folder" {
            try Data(bytes).write(to: setup.cacheFile)
        }
        if damage == "writable by others" { #expect(chmod(path, 0o666) == 0) }
        if damage == "fifo" || damage == "folder" {
            try FileManager.default.removeItem(atPath: path)
            #expect((damage == "fifo" ? mkfifo(path, 0o600) : mkdir(path, 0o700)) == 0)
        }
        let scan = await setup.scan()
        #expect(scan.parsed == 8)
        #expect(scan.scan == truth)
        switch damage {
        case "other format": #expect(setup.notes.all == [])
        case "fifo", "folder": #expect(setup.notes.all.count == 1)
        default:
            #expect(setup.notes.all.count == 1)
            // Replaced by a good one.
            #expect(await setup.scan().parsed == 1)
        }
        #expect(setup.notes.all.allSatisfy { $0.hasPrefix("rule cache \(path): ") && $0.hasSuffix("the rules are read again") })
    }

    /// Every field of a rule, issue and skipped file survives the cache's byte layout; a new
    /// field of `DetectionRule` or `RuleLogSource` fails the first check until the sample (and
    /// the layout) carry it.
    @Test func everyFieldSurvivesTheRoundTrip() throws {
        var rule = DetectionRule(
            format: .elastic, path: "r/ü.toml", line: 7, id: "id-1", title: "Títle", status: "test", level: "high",
            enabled: false, maturity: "production", techniqueIDs: ["T1059.001", "T1003"], tactics: ["execution"],
            tacticIDs: ["TA0002"], groupIDs: ["G0016"], softwareIDs: ["S0154"],
            logSource: RuleLogSource(product: "windows", category: "process_creation", service: "sysmon",
                                     dataSources: ["Sysmon EventID 1"], indexes: ["logs-*"], connectors: ["MicrosoftDefender"]),
            tags: ["attack.t1059.001"])
        rule.tagLines = ["T1059.001": 4, "T1003": 5]
        for part in [Mirror(reflecting: rule), Mirror(reflecting: rule.logSource)] {
            for child in part.children {
                let value = "\(child.value)"
                #expect(value != "nil" && value != "[]" && value != "[:]", "\(child.label ?? "?") is not set in the sample")
            }
        }
        var warning = RuleIssue(path: "r/ü.toml", line: 3, reason: "tag 7 is not a string")
        warning.severity = .warning
        let entries: [RuleScanCache.Entry] = [
            .init(path: "r/ü.toml", explicit: true,
                  stamp: FileIdentity(device: 1, inode: UInt64.max, size: 42, modified: "1.5", changed: "2.6", latestSecond: 2),
                  outcome: .parsed(.elastic, RuleParseResult(rules: [rule, DetectionRule(format: .sigma, path: "x", line: 1, title: "")],
                                                             issues: [warning, RuleIssue(path: "x", reason: "no line")]))),
            .init(path: "README.md", explicit: false,
                  stamp: FileIdentity(device: 0, inode: 0, size: 0, modified: "0.0", changed: "0.0", latestSecond: 0),
                  outcome: .skipped(SkippedFile(path: "README.md", reason: "not a rule"))),
        ]
        var writer = RuleScanWriter()
        for entry in entries { writer.entry(entry) }
        // Read from a slice that does not start at index 0, as a cache file's body is.
        var reader = RuleScanReader(([0xAA, 0xBB] + writer.bytes)[2...], from: 0)
        for entry in entries {
            let back = try reader.entry()
            #expect(back.path == entry.path && back.explicit == entry.explicit && back.stamp == entry.stamp)
            switch (back.outcome, entry.outcome) {
            case (.parsed(let f1, let r1), .parsed(let f2, let r2)): #expect(f1 == f2 && r1 == r2)
            case (.skipped(let s1), .skipped(let s2)): #expect(s1 == s2)
            default: Issue.record("outcome kind changed")
            }
        }
        #expect(reader.atEnd)
        // Every truncation throws instead of trapping or reading past the end.
        for cut in stride(from: 0, to: writer.bytes.count, by: 7) {
            var short = RuleScanReader(writer.bytes[..<cut], from: 0)
            #expect(throws: RuleScanReader.Damaged.self) {
                for _ in entries { _ = try short.entry() }
            }
        }
    }
}
