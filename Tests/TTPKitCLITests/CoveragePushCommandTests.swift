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
        #expect(r.stdout == "stored snapshot 42\t127.0.0.1\n")
        #expect(r.stderr == "")
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.body == Data(Self.document.utf8))
        #expect(request.headers["authorization"] == "Bearer \(Self.token)")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.query == ["repository": "detections", "branch": "main", "commit": "abc123", "name": "coverage.json"])
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

    @Test(.timeLimit(.minutes(1)))
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
