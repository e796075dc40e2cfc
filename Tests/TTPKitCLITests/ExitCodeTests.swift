import Foundation
import TestSupport
import Testing

/// The error contract, end to end on the built binary: 0 ok, 1 a gate failed, 2 bad input or
/// usage, 3 bad/missing/unreachable ATT&CK data; one `ttpkit: error:` line (plus the usage
/// hint for usage errors); output written where `-o` points without replacing devices.
@Suite("Exit codes and output streams of the binary")
struct ExitCodeTests {
    let bundle: URL

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
    }

    func ttpkit(_ args: String..., environment: [String: String] = [:]) throws -> CommandRunner.Result {
        try CommandRunner.run(args, environment: environment.merging(["TTPKIT_DATA": bundle.path]) { a, _ in a })
    }

    @Test func helpIsZero() throws {
        let r = try ttpkit("--help")
        #expect(r.status == 0)
        #expect(r.stdout.contains("OVERVIEW:") && r.stderr.isEmpty)
        #expect(try ttpkit("group", "--help").status == 0)
    }

    @Test func aFailedGateIsOne() throws {
        let layer = try CommandRunner.temporaryFile("bad.json", #"{"name":"x","domain":"enterprise-attack","techniques":[{"techniqueID":"T9999"}]}"#)
        let r = try ttpkit("layer", "validate", layer.path)
        #expect(r.status == 1, "\(r.stderr)")
    }

    @Test func usageErrorsAreTwoWithTheUsageHint() throws {
        let r = try ttpkit("grup", "APT29")
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("ttpkit: error: unknown command 'grup'; did you mean 'group'?"))
        #expect(r.stderr.contains("Usage: ttpkit"))
        let missing = try ttpkit("group")
        #expect(missing.status == 2 && missing.stderr.hasPrefix("ttpkit: error: "))
        #expect(!missing.stderr.contains("Error:"))
        let option = try ttpkit("techniques", "--no-such-option")
        #expect(option.status == 2 && option.stderr.hasPrefix("ttpkit: error: "))
    }

    @Test func badInputIsTwo() throws {
        let r = try ttpkit("group", "no such group at all")
        #expect(r.status == 2)
        #expect(r.stderr == "ttpkit: error: no group 'no such group at all'\n" || r.stderr.hasPrefix("ttpkit: error: no group"))
        let excluded = try ttpkit("technique", "T1999")
        #expect(excluded.status == 2 && excluded.stderr.contains("use --include-deprecated to see it"), "the CLI adds the option hint")
    }

    @Test func badReferenceDataIsThree() throws {
        let notABundle = try CommandRunner.temporaryFile("x.json", "{\"type\": \"bundle\", \"objects\": [")
        let r = try CommandRunner.run(["groups", "--data", notABundle.path])
        #expect(r.status == 3 && r.stderr.hasPrefix("ttpkit: error: "))
        let unreachable = try CommandRunner.run(["data", "update"], environment: ["TTPKIT_INDEX_URL": "http://127.0.0.1:9/index.json"])
        #expect(unreachable.status == 3, "a network failure is a data problem, not a failed gate: \(unreachable.stderr)")
        #expect(unreachable.stderr.hasPrefix("ttpkit: error: "))
    }

    @Test func aFullDiskIsAnErrorNotATrap() throws {
        let r = try Subprocess.run(CommandRunner.executable.path, ["techniques", "--format", "json", "--data", bundle.path],
                                   environment: CommandRunner.testEnvironment(), stdoutPath: "/dev/full")
        let stderr = r.stderr
        #expect(!r.signaled)
        #expect(r.status == 2)
        #expect(stderr == "ttpkit: error: standard output: No space left on device\n")
    }

    @Test func dashIsStandardOutputAndDevicesAreWrittenThrough() throws {
        let r = try ttpkit("layer", "group", "G0001", "-o", "-")
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"techniqueID\""))
        let null = try ttpkit("layer", "group", "G0001", "-o", "/dev/null")
        #expect(null.status == 0)
        var info = stat()
        stat("/dev/null", &info)
        #expect(info.st_mode & 0o170000 == 0o020000, "/dev/null is still a character device")
        let full = try ttpkit("layer", "group", "G0001", "-o", "/dev/full")
        #expect(full.status == 2 && full.stderr.contains("/dev/full: No space left on device"))
    }
}
