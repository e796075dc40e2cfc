import Foundation
import TestSupport
import Testing

/// What `serve` and `extract` refuse before doing any work: token files others can change,
/// an unreachable database (exit 3 within the bound), inputs that are not files.
@Suite struct ServeSafetyCommandTests {
    let bundle: URL

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
    }

    static func tokenFile(mode: Int) throws -> URL {
        let url = try CommandRunner.temporaryFile("token", "0123456789abcdef-token\n")
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url
    }

    @Test func tokenFilesOthersCanChangeAreRefusedAndOnesTheyCanReadWarned() throws {
        for (mode, flag) in [(0o666, "--token-file"), (0o620, "--read-token-file")] {
            let token = try Self.tokenFile(mode: mode)
            let r = try InProcess.run(["serve", "--data", bundle.path, flag, token.path, "--port", "1"])
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr.contains("other users can change this token file"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
        // Readable by others: a warning, and the push goes on.
        let server = try LoopbackHTTPServer()
        server.route("/api/coverage/") { _ in .json(#"{"id": 7, "tactics": []}"#, status: 201) }
        let coverage = try CommandRunner.temporaryFile("coverage.json", #"{"techniques": []}"#)
        let token = try Self.tokenFile(mode: 0o644)
        let r = try InProcess.run(["coverage", "push", coverage.path, "--server", server.baseURL.absoluteString, "--token-file", token.path,
                                   "--repository", "r", "--branch", "b", "--commit", "c"])
        #expect(r.stderr.contains("ttpkit: warning: \(token.path): other users can read this token file"), "\(r.stderr)")
        #expect(server.requests.count == 1)
    }

    @Test func anUnreachableDatabaseStopsStartUpWithExit3() throws {
        let start = Date()
        // Port 1 on loopback: nothing listens there.
        let r = try CommandRunner.run(["serve", "--data", bundle.path, "--port", "1", "--db", "postgres://ttpkit:secret@127.0.0.1:1/ttpkit",
                                       "--db-timeout", "1", "--log-level", "error"])
        #expect(r.status == 3, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("ttpkit: error: ") }
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(lines.first?.contains("postgres://ttpkit:***@127.0.0.1:1/ttpkit") == true, "\(r.stderr)")
        #expect(!r.stderr.contains("secret"))
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test func extractReadsOnlyFilesWithinTheLimit() throws {
        let folder = FileManager.default.temporaryDirectory.path
        for (path, reason) in [("/dev/zero", "expected a file, found a device"), (folder, "expected a file, found a folder")] {
            let r = try InProcess.run(["extract", path, "--data", bundle.path])
            #expect(r.status == 2, "\(path): \(r.stderr)")
            #expect(r.stderr == "ttpkit: error: \(path): \(reason)\n", "\(r.stderr)")
        }
    }
}
