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
            --token-file (or $TTPKIT_SERVER_TOKEN). Labels not given with --repository, --branch \
            and --commit are read from the git clone the coverage file's rules came from (the \
            first rules folder the file records, `inputs.rules`), never from the current folder; \
            when the file records none in a clone, pass all three. Prints one line naming the \
            stored snapshot, its labels and where they came from (--format json: the same as \
            JSON).

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
    @Option(help: "Repository label (default: the name of the git clone holding the coverage file's rules).") var repository: String?
    @Option(help: "Branch label (default: that clone's branch).") var branch: String?
    @Option(help: "Commit label (default: that clone's commit).") var commit: String?
    @Option(help: "Seconds the whole push may take.") var timeout: Double = 120
    @Option(help: "text (one line) or json.") var format: PushFormat = .text

    /// How the push reports what it stored.
    enum PushFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

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
        let (labels, origin) = try resolvedLabels(body)
        var components = URLComponents(url: base.appendingPathComponent("api/coverage/"), resolvingAgainstBaseURL: false)
        var items: [URLQueryItem] = []
        for (name, value) in labels { items.append(URLQueryItem(name: name, value: value)) }
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
        let value = { (name: String) in labels.first { $0.0 == name }?.1 ?? "" }
        switch format {
        case .text:
            let line = "Stored snapshot \(id) on \(server): repository \(value("repository")), branch \(value("branch")), "
                + "commit \(value("commit").prefix(12)) (labels \(origin.description))"
            Terminal.standardOutput.write(Escape.terminal(line, singleLine: true) + "\n")
        case .json:
            let json = JSONValue.object(JSONObject([
                ("id", .number(Double(id))), ("server", .string(server)),
                ("labels", .object(JSONObject(labels.map { ($0.0, JSONValue.string($0.1)) }))),
                ("labels_from", .string(origin.json)),
            ]))
            Terminal.standardOutput.write(json.serialized(pretty: false) + "\n")
        }
    }

    /// Where the labels came from.
    enum LabelOrigin {
        /// All three given as options.
        case options
        /// Some or all read from the git clone at this folder (the rules').
        case rules(String)

        var description: String {
            switch self {
            case .options: "as given"
            case .rules(let folder): "from the git clone of the rules at \(folder)"
            }
        }

        var json: String {
            switch self {
            case .options: "options"
            case .rules(let folder): "rules:" + folder
            }
        }
    }

    /// Repository, branch and commit: the options, and for those not given the git clone the
    /// coverage file's rules came from. Never the current folder's clone.
    func resolvedLabels(_ document: Data) throws -> ([(String, String)], LabelOrigin) {
        let given = [("repository", repository), ("branch", branch), ("commit", commit)]
        if given.allSatisfy({ $0.1 != nil }) {
            return (given.map { ($0.0, $0.1 ?? "") }, .options)
        }
        let missing = given.filter { $0.1 == nil }.map { "--" + $0.0 }.joined(separator: ", ")
        guard let folder = Self.rulesClone(document: document, file: file) else {
            throw CLIError("labels missing: pass \(missing) (the coverage file names no rules folder inside a git clone, and the current folder's is never used)")
        }
        let fromGit = [
            ("repository", Self.git(["rev-parse", "--show-toplevel"], in: folder).map { URL(fileURLWithPath: $0).lastPathComponent }),
            ("branch", Self.git(["rev-parse", "--abbrev-ref", "HEAD"], in: folder)),
            ("commit", Self.git(["rev-parse", "HEAD"], in: folder)),
        ]
        var labels: [(String, String)] = []
        for ((name, option), (_, found)) in zip(given, fromGit) {
            guard let value = option ?? found, !value.isEmpty else {
                throw CLIError("no \(name) label: pass --\(name) (the git clone at \(folder) has none)")
            }
            labels.append((name, value))
        }
        return (labels, .rules(folder))
    }

    /// The top folder of the git clone holding the first rules path the coverage file records
    /// (`inputs.rules`) that exists — as recorded, then beside the coverage file — or nil.
    static func rulesClone(document: Data, file: String) -> String? {
        guard let root = (try? JSONSerialization.jsonObject(with: document)) as? [String: Any],
              let rules = (root["inputs"] as? [String: Any])?["rules"] as? [String] else { return nil }
        let beside = URL(fileURLWithPath: file).deletingLastPathComponent()
        for rule in rules.prefix(100) where !rule.isEmpty {
            let candidates = rule.hasPrefix("/") ? [URL(fileURLWithPath: rule)] : [URL(fileURLWithPath: rule), beside.appendingPathComponent(rule)]
            for url in candidates {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
                let folder = isFolder.boolValue ? url : url.deletingLastPathComponent()
                if let top = git(["rev-parse", "--show-toplevel"], in: folder.standardizedFileURL.path) { return top }
            }
        }
        return nil
    }

    /// One line of `git -C FOLDER ARGS` output, or nil.
    static func git(_ arguments: [String], in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
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
