import Foundation
import STIX
import TestSupport
import Testing

/// Commands read snapshots: `data snapshot` builds them, every answer is the same with and
/// without them (`--no-snapshot`), and a bad snapshot is rebuilt with one note.
@Suite("Snapshots from the command line")
struct SnapshotCommandTests {
    let cache: URL
    let bundle: URL

    init() throws {
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-snapshot-cache-\(UUID().uuidString)")
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
    }

    func ttpkit(_ args: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(args, environment: ["TTPKIT_CACHE": cache.path])
    }

    @Test func dataSnapshotBuildsThenReportsUpToDate() throws {
        let first = try ttpkit(["data", "snapshot", "--data", bundle.path, "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        let rows = try #require(try JSONValue.parse(Array(first.stdout.utf8)).arrayValue)
        #expect(rows.count == 1)
        #expect(rows.first?["state"]?.stringValue == "written")
        #expect(rows.first?["version"]?.stringValue == "18.1")
        let path = try #require(rows.first?["snapshot"]?.stringValue)
        #expect(path.hasPrefix(cache.appendingPathComponent("snapshots").path))
        #expect(FileManager.default.fileExists(atPath: path))
        let again = try ttpkit(["data", "snapshot", "--data", bundle.path])
        #expect(again.status == 0 && again.stdout.contains("up to date"), "\(again.stdout)")
        let forced = try ttpkit(["data", "snapshot", "--data", bundle.path, "--force", "--format", "json"])
        #expect(forced.stdout.contains("\"written\""))
        #expect(try ttpkit(["data", "snapshot", "--help"]).stdout.contains("Examples:"))
    }

    @Test func answersAreTheSameWithAndWithoutTheSnapshot() throws {
        for args in [["group", "APT Test", "--format", "json"], ["technique", "T1059.001"], ["techniques", "--tactic", "execution"],
                     ["search", "powershell"], ["debug", "answers"]] {
            let parsed = try ttpkit(args + ["--data", bundle.path, "--no-snapshot"])
            let cold = try ttpkit(args + ["--data", bundle.path])
            let warm = try ttpkit(args + ["--data", bundle.path])
            #expect(parsed.status == 0, "\(args): \(parsed.stderr)")
            #expect(cold.stdout == parsed.stdout && warm.stdout == parsed.stdout, "\(args)")
            #expect(warm.stderr == parsed.stderr, "\(args)")
        }
    }

    /// Without TTPKIT_SNAPSHOT_BACKGROUND=0 the first run answers from the parsed bundle and a
    /// child `ttpkit data snapshot` writes the snapshot (and removes its marker); the answer is
    /// the same, and so is the next one, read from that snapshot.
    @Test func theFirstRunHasTheSnapshotWrittenInTheBackground() throws {
        let env = ["TTPKIT_CACHE": cache.path, "TTPKIT_SNAPSHOT_BACKGROUND": "1"]
        let expected = try ttpkit(["group", "APT Test", "--format", "json", "--data", bundle.path, "--no-snapshot"])
        let first = try CommandRunner.run(["group", "APT Test", "--format", "json", "--data", bundle.path], environment: env)
        #expect(first.status == 0 && first.stdout == expected.stdout, "\(first.stderr)")
        let folder = cache.appendingPathComponent("snapshots")
        // The child's end is an event this test cannot wait on: look for the file and the marker's
        // removal, for at most 60 s.
        let deadline = Date().addingTimeInterval(60)
        var files: [String] = []
        while Date() < deadline {
            files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if files.contains(where: { $0.hasSuffix(".snapshot") }), !files.contains(where: { $0.hasSuffix(".building") }) { break }
            usleep(20_000)
        }
        #expect(files.contains { $0.hasSuffix(".snapshot") } && !files.contains { $0.hasSuffix(".building") }, "\(files)")
        let warm = try CommandRunner.run(["group", "APT Test", "--format", "json", "--data", bundle.path], environment: env)
        #expect(warm.stdout == expected.stdout && warm.stderr == expected.stderr)
    }

    @Test func aDamagedSnapshotIsRebuiltWithOneNote() throws {
        _ = try ttpkit(["data", "snapshot", "--data", bundle.path])
        let folder = cache.appendingPathComponent("snapshots")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".snapshot") })
        let path = folder.appendingPathComponent(file).path
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.dropLast(100).write(to: URL(fileURLWithPath: path))
        let expected = try ttpkit(["groups", "--data", bundle.path, "--no-snapshot"])
        let r = try ttpkit(["groups", "--data", bundle.path])
        #expect(r.status == 0)
        #expect(r.stdout == expected.stdout)
        #expect(r.stderr == "ttpkit: note: snapshot \(path): it is \(bytes.count - 100) bytes, its header says \(bytes.count) (cut short or extended); rebuilt from \(bundle.path)\n")
        let after = try ttpkit(["groups", "--data", bundle.path])
        #expect(after.stderr.isEmpty)
    }
}

/// The shared releases answer byte for byte the same from their snapshots.
@Suite("Snapshots of the shared releases", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct SharedSnapshotCommandTests {
    @Test func enterpriseAnswersAreTheSame() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-snapshot-cache-\(UUID().uuidString)")
        let data = SharedData.bundle("enterprise-attack-18.1.json").path
        func run(_ args: [String]) throws -> CommandRunner.Result { try CommandRunner.run(args + ["--data", data], environment: ["TTPKIT_CACHE": cache.path]) }
        for args in [["debug", "answers"], ["group", "APT29", "--format", "json"], ["search", "lsass", "--format", "json"]] {
            let parsed = try run(args + ["--no-snapshot"])
            let first = try run(args)
            let warm = try run(args)
            #expect(parsed.status == 0 && parsed.stdout.count > 1000, "\(args): \(parsed.stderr)")
            #expect(first.stdout == parsed.stdout && warm.stdout == parsed.stdout, "\(args)")
        }
    }
}
