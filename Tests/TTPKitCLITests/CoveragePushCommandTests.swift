import Foundation
import TestSupport
import Testing

/// `ttpkit coverage push` against a loopback server this test starts: what is sent, and one
/// line with exit 2 when the server refuses, never answers, or answers too much.
@Suite struct CoveragePushCommandTests {
    static let token = "0123456789abcdef-push-token"
    static let document = #"{"domain": "enterprise-attack", "techniques": [{"techniqueID": "T1059", "state": "detected"}]}"#

    /// `coverage push` of a small coverage file to `server`, with every label given.
    static func push(_ server: LoopbackHTTPServer, _ extra: [String] = []) throws -> CommandRunner.Result {
        let file = try CommandRunner.temporaryFile("coverage.json", document)
        let token = try CommandRunner.temporaryFile("token", token + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token.path)   // a token file only its owner reads
        return try InProcess.run(["coverage", "push", file.path, "--server", server.baseURL.absoluteString, "--token-file", token.path,
                                  "--repository", "detections", "--branch", "main", "--commit", "abc123"] + extra)
    }

    @Test func aStoredPushPrintsTheSnapshotID() throws {
        let server = try LoopbackHTTPServer()
        server.route("/api/coverage/") { _ in .json(#"{"id": 42, "tactics": []}"#, status: 201) }
        let r = try Self.push(server)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "Stored snapshot 42 on \(server.baseURL.absoluteString): repository detections, branch main, commit abc123 (labels as given)\n")
        #expect(r.stderr == "")
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.body == Data(Self.document.utf8))
        #expect(request.headers["authorization"] == "Bearer \(Self.token)")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.query == ["repository": "detections", "branch": "main", "commit": "abc123", "name": "coverage.json"])
    }

    @Test func jsonNamesTheSnapshotAndItsLabelsForMachines() throws {
        let server = try LoopbackHTTPServer()
        server.route("/api/coverage/") { _ in .json(#"{"id": 7, "tactics": []}"#, status: 201) }
        let r = try Self.push(server, ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["id"] as? Int == 7)
        #expect(json["labels"] as? [String: String] == ["repository": "detections", "branch": "main", "commit": "abc123"])
        #expect(json["labels_from"] as? String == "options")
    }

    /// The test runs inside ttpkit's own clone: a push without labels must not take that
    /// clone's (the old behaviour labelled a team's snapshot with ttpkit's commit).
    @Test func withoutLabelsNorARulesCloneThePushIsRefusedNotLabelledFromTheCurrentFolder() throws {
        let server = try LoopbackHTTPServer()
        server.route("/api/coverage/") { _ in .json(#"{"id": 1, "tactics": []}"#, status: 201) }
        let file = try CommandRunner.temporaryFile("coverage.json", Self.document)
        let r = try InProcess.run(["coverage", "push", file.path, "--server", server.baseURL.absoluteString],
                                  environment: ["TTPKIT_SERVER_TOKEN": Self.token])
        #expect(r.status == 2)
        #expect(r.stderr == "ttpkit: error: labels missing: pass --repository, --branch, --commit "
            + "(the coverage file names no rules folder inside a git clone, and the current folder's is never used)\n")
        #expect(server.requests.isEmpty)
    }

    @Test func labelsComeFromTheCloneTheRulesCameFrom() throws {
        let clone = FileManager.default.temporaryDirectory.appendingPathComponent("detections-\(UUID().uuidString.prefix(8))")
        let rules = clone.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try Data("title: x\n".utf8).write(to: rules.appendingPathComponent("r.yml"))
        defer { try? FileManager.default.removeItem(at: clone) }
        func git(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", clone.path, "-c", "user.name=t", "-c", "user.email=t@example.org"] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let out = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try git(["init", "-q", "-b", "release"])
        _ = try git(["add", "."])
        _ = try git(["commit", "-qm", "rules"])
        #expect(try git(["rev-parse", "HEAD"]).count == 40)
        let document: [String: Any] = ["domain": "enterprise-attack", "inputs": ["rules": [rules.path]],
                                       "techniques": [["techniqueID": "T1059", "state": "detected"]]]
        let file = try CommandRunner.temporaryFile("coverage.json", String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self))
        let server = try LoopbackHTTPServer()
        server.route("/api/coverage/") { _ in .json(#"{"id": 3, "tactics": []}"#, status: 201) }
        let r = try InProcess.run(["coverage", "push", file.path, "--server", server.baseURL.absoluteString, "--commit", "given"],
                                  environment: ["TTPKIT_SERVER_TOKEN": Self.token])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(server.requests.first?.query == ["repository": clone.lastPathComponent, "branch": "release", "commit": "given", "name": "coverage.json"])
        #expect(r.stdout.hasPrefix("Stored snapshot 3 on \(server.baseURL.absoluteString): repository \(clone.lastPathComponent), branch release, commit given"))
        #expect(r.stdout.contains("from the git clone of the rules at "))
    }

    @Test func aRefusalPrintsTheServersMessageOnOneLine() throws {
        let server = try LoopbackHTTPServer()
        server.route("/api/coverage/") { _ in
            .json(#"{"error": {"status": 401, "message": "a coverage push needs\n`Authorization: Bearer TOKEN`"}}"#, status: 401)
        }
        let r = try Self.push(server)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "ttpkit: error: \(server.baseURL.absoluteString): the push was refused: "
            + "a coverage push needs `Authorization: Bearer TOKEN`\n")
    }

    @Test func aCreatedAnswerWithoutAnIDIsNotTakenForAStoredPush() throws {
        let server = try LoopbackHTTPServer()
        server.route("/api/coverage/") { _ in .json(#"{"id": "42"}"#, status: 201) }
        let r = try Self.push(server)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "ttpkit: error: \(server.baseURL.absoluteString): the server answered 201 but named no snapshot id: is it `ttpkit serve`?\n")
    }

    @Test(.timeLimit(.minutes(5)))
    func aServerThatNeverAnswersIsCutOffAtTheTimeout() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.route("/api/coverage/") { _ in .init(body: .silent) }
        let r = try Self.push(server, ["--timeout", "5"])
        #expect(r.status == 2)
        #expect(r.stderr == "ttpkit: error: \(server.baseURL.absoluteString): the push failed: not finished in the time allowed; stopped (the server may have stored it: look at /api/coverage/history before pushing again)\n")
        #expect(server.requests.first?.body == Data(Self.document.utf8), "the push was sent before the wait")
    }

    @Test func anAnswerOverTheCapIsCutOff() throws {
        let server = try LoopbackHTTPServer()
        let chunk = Data(repeating: 0x20, count: 64 * 1024)
        server.route("/api/coverage/") { _ in .init(status: 201, body: .chunked(Array(repeating: chunk, count: 32))) }
        let r = try Self.push(server)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "ttpkit: error: \(server.baseURL.absoluteString): the push failed: the answer went past 1.0 MB, "
            + "the most accepted; stopped\n")
    }

    @Test func anUnreachableServerIsOneLine() throws {
        let file = try CommandRunner.temporaryFile("coverage.json", Self.document)
        // Port 9 (discard) is privileged and below the ephemeral range: nothing listens there.
        let r = try InProcess.run(["coverage", "push", file.path, "--server", "http://127.0.0.1:9", "--repository", "r", "--branch", "b",
                                   "--commit", "c"], environment: ["TTPKIT_SERVER_TOKEN": Self.token])
        #expect(r.status == 2)
        #expect(r.stderr == "ttpkit: error: http://127.0.0.1:9: the push failed: the connection failed: Connection refused\n")
    }

    @Test(arguments: ["0", "nan", "86401"])
    func aTimeoutOutOfRangeIsRefusedBeforeConnecting(timeout: String) throws {
        let server = try LoopbackHTTPServer()
        let r = try Self.push(server, ["--timeout", timeout])
        #expect(r.status == 2)
        #expect(r.stderr == "ttpkit: error: --timeout must be between 1 and 86400 seconds\n")
        #expect(server.requests.isEmpty)
    }
}
