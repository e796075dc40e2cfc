import ArgumentParser
import DataStore
import Foundation
import Output
import STIX

/// `ttpkit coverage push FILE --server URL`: stores a coverage file in a team server's history.
struct CoveragePushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Store a coverage file in a `ttpkit serve` history, labelled with repository, branch and commit.",
        discussion: """
            The server must have been started with --token-file; send the same token with \
            --token-file (or $TTPKIT_SERVER_TOKEN). Labels default to the git repository, branch \
            and commit of the current folder when it is a clone. Prints the stored snapshot id.

            The push is sent over http(s) only; --timeout bounds it in all (connecting, sending, \
            the answer), and an answer over 1 MB is cut off. A redirect is followed only when it \
            keeps the POST (307, 308). Exit status 2 when the file or token cannot be read, the \
            server cannot be reached or does not answer in time, or it refuses the push (its \
            message is printed).

            Examples:
              ttpkit coverage push coverage.json --server http://127.0.0.1:8080 --token-file token
              ttpkit coverage push coverage.json --server https://ttpkit.example.org --repository detections --branch main --commit $GITHUB_SHA
              ttpkit coverage push coverage.json --server http://127.0.0.1:8080 --token-file token --timeout 30
            """)

    @Argument(help: "A coverage file (ttpkit coverage -o) or coverage layer.") var file: String
    @Option(help: "The server's base URL, e.g. http://127.0.0.1:8080.") var server: String
    @Option(name: .customLong("token-file"), help: "A file holding the server's token (default: $TTPKIT_SERVER_TOKEN).") var tokenFile: String?
    @Option(help: "Repository label (default: the git remote's name).") var repository: String?
    @Option(help: "Branch label (default: the current git branch).") var branch: String?
    @Option(help: "Commit label (default: the current git commit).") var commit: String?
    @Option(help: "Seconds the whole push may take.") var timeout: Double = 120

    /// The largest answer accepted from the server (a stored push answers a few hundred bytes).
    static let answerLimit: Int64 = 1_000_000

    func run() throws {
        guard let base = URL(string: server), ["http", "https"].contains(base.scheme ?? ""), base.host != nil else {
            throw CLIError("--server '\(server)': expected an http(s) URL such as http://127.0.0.1:8080")
        }
        try TimeoutArgument.validate(timeout)
        let token: String
        if let tokenFile {
            token = try ServeCommand.readToken(tokenFile)
        } else if let value = CommandContext.current.environment["TTPKIT_SERVER_TOKEN"], !value.isEmpty {
            token = value
        } else {
            throw CLIError("a push needs the server's token: pass --token-file FILE or set TTPKIT_SERVER_TOKEN")
        }
        let body: Data
        do { body = try FileBytes.read(path: file, limit: FileBytes.bundleLimit) } catch { throw CLIError("\(error)") }
        let labels = [
            ("repository", repository ?? Self.git(["rev-parse", "--show-toplevel"]).map { URL(fileURLWithPath: $0).lastPathComponent }),
            ("branch", branch ?? Self.git(["rev-parse", "--abbrev-ref", "HEAD"])),
            ("commit", commit ?? Self.git(["rev-parse", "HEAD"])),
        ]
        var components = URLComponents(url: base.appendingPathComponent("api/coverage/"), resolvingAgainstBaseURL: false)
        var items: [URLQueryItem] = []
        for (name, value) in labels {
            guard let value, !value.isEmpty else { throw CLIError("no \(name) label: pass --\(name) (not in a git clone?)") }
            items.append(URLQueryItem(name: name, value: value))
        }
        items.append(URLQueryItem(name: "name", value: URL(fileURLWithPath: file).lastPathComponent))
        components?.queryItems = items
        guard let url = components?.url else { throw CLIError("--server '\(server)': cannot build the push URL") }
        let transport = HTTPTransport(limits: TransferLimits(total: timeout, maxBytes: Self.answerLimit))
        let headers = ["Content-Type": "application/json", "Authorization": "Bearer \(token)"]
        let result: HTTPResult
        do {
            result = try Blocking.run { try await transport.post(url, body: body, headers: headers) }
        } catch let error as TransportError {
            // Cut off after the file went out: the server may have stored it all the same.
            switch error {
            case .timedOut, .truncated:
                throw CLIError("\(server): the push failed: \(error.reason) (the server may have stored it: look at /api/coverage/history before pushing again)")
            default:
                throw CLIError("\(server): the push failed: \(error.reason)")
            }
        }
        let answer = (try? JSONSerialization.jsonObject(with: result.body)) as? [String: Any]
        guard result.status == 201, let id = answer?["id"] as? Int else {
            if result.isSuccess {
                throw CLIError("\(server): the server answered \(result.status) but named no snapshot id: is it `ttpkit serve`?")
            }
            let message = ((answer?["error"] as? [String: Any])?["message"] as? String).map { Escape.terminal(String($0.prefix(500)), singleLine: true) }
            throw CLIError("\(server): the push was refused: " + (message ?? "HTTP \(result.status)"))
        }
        Terminal.standardOutput.write("stored snapshot \(id)\t\(url.host ?? server)\n")
    }

    /// One line of `git ARGS` output in the current folder, or nil.
    static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(data: output, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
