import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `ttpkit coverage push FILE --server URL`: stores a coverage file in a team server's history.
struct CoveragePushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Store a coverage file in a `ttpkit serve` history, labelled with repository, branch and commit.",
        discussion: """
            The server must have been started with --token-file; send the same token with \
            --token-file (or $TTPKIT_SERVER_TOKEN). Labels default to the git repository, branch \
            and commit of the current folder when it is a clone. Prints the stored snapshot id.

            Examples:
              ttpkit coverage push coverage.json --server http://127.0.0.1:8080 --token-file token
              ttpkit coverage push coverage.json --server https://ttpkit.example.org --repository detections --branch main --commit $GITHUB_SHA
            """)

    @Argument(help: "A coverage file (ttpkit coverage -o) or coverage layer.") var file: String
    @Option(help: "The server's base URL, e.g. http://127.0.0.1:8080.") var server: String
    @Option(name: .customLong("token-file"), help: "A file holding the server's token (default: $TTPKIT_SERVER_TOKEN).") var tokenFile: String?
    @Option(help: "Repository label (default: the git remote's name).") var repository: String?
    @Option(help: "Branch label (default: the current git branch).") var branch: String?
    @Option(help: "Commit label (default: the current git commit).") var commit: String?

    func run() throws {
        guard let base = URL(string: server), ["http", "https"].contains(base.scheme ?? ""), base.host != nil else {
            throw CLIError("--server '\(server)': expected an http(s) URL such as http://127.0.0.1:8080")
        }
        let token: String
        if let tokenFile {
            token = try ServeCommand.readToken(tokenFile)
        } else if let value = ProcessInfo.processInfo.environment["TTPKIT_SERVER_TOKEN"], !value.isEmpty {
            token = value
        } else {
            throw CLIError("a push needs the server's token: pass --token-file FILE or set TTPKIT_SERVER_TOKEN")
        }
        guard let body = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read coverage file") }
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
        var request = URLRequest(url: url, timeoutInterval: 120)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let prepared = request
        let (data, status) = try Blocking.run { () async throws -> (Data, Int) in
            do {
                let (data, response) = try await URLSession.shared.data(for: prepared)
                return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
            } catch {
                throw CLIError("\(server): \(error.localizedDescription)")
            }
        }
        let answer = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        guard status == 201, let id = answer?["id"] as? Int else {
            let message = ((answer?["error"] as? [String: Any])?["message"] as? String) ?? "HTTP \(status)"
            throw CLIError("\(server): the push was refused: \(message)")
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
