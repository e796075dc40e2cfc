import ATTACK
import ArgumentParser
import Coverage
import DataStore
import Foundation
import Navigator
import Output

/// The exit codes of `ttpkit`.
enum ExitStatus: Int32 {
    /// Done.
    case success = 0
    /// A gate failed: the command ran, and its findings fail the check asked for.
    case gateFailed = 1
    /// Bad input or usage: an unknown name, a malformed or unreadable file, a wrong option; a
    /// coverage push the team server refuses or that does not reach it in time.
    case badInput = 2
    /// Bad, missing or unreachable ATT&CK data: a bundle that does not load, a release not
    /// cached, a download or TAXII fetch that failed.
    case badReferenceData = 3
}

/// Turns any error a command throws into the line printed on standard error and the exit
/// code: the one place that decides both. Library errors describe the problem; the hints that
/// name `ttpkit` options and commands are added here.
struct ErrorReport {
    let message: String
    let status: ExitStatus

    init(_ error: Error, arguments: [String] = []) {
        switch error {
        case let error as CLIError:
            self.init(error.message, error.exitCode)
        case let error as LookupError:
            self.init(Self.hint(for: error), .badInput)
        case let error as LoadError:
            self.init(Self.hint(for: error), .badReferenceData)
        case let error as CoverageInputError:
            self.init(Self.hint(for: error), error.kind == .badInput ? .badInput : .badReferenceData)
        case let error as OutputError:
            self.init(error.description, .badInput)
        case let error as DataLocatorError:
            switch error {
            case .pathNotFound, .noBundles, .unreadable, .invalidVersion: self.init(Self.hint(for: error), .badInput)
            case .versionNotCached, .noDataConfigured: self.init(Self.hint(for: error), .badReferenceData)
            }
        case let error as CorpusError:
            if case .download = error { self.init(error.description, .badReferenceData) } else { self.init(error.description, .badInput) }
        case is DownloadError, is TAXIIError, is ReleaseIndexError, is BundleVerificationError, is CacheError:
            self.init("\(error)", .badReferenceData)
        case let error as ExitCode:
            self.init(message: "", status: ExitStatus(rawValue: error.rawValue) ?? (error.isSuccess ? .success : .badInput))
        default:
            self.init(argumentParser: error, arguments: arguments)
        }
    }

    private init(_ message: String, _ status: ExitStatus) {
        self.init(message: "ttpkit: error: " + message, status: status)
    }

    private init(message: String, status: ExitStatus) {
        self.message = message
        self.status = status
    }

    /// ArgumentParser's errors: help and version (exit 0, printed as they are), usage and
    /// validation errors (exit 2, `ttpkit: error:` and the usage hint), and anything else a
    /// command threw (exit 2 with its description).
    private init(argumentParser error: Error, arguments: [String]) {
        let code = TTPKit.exitCode(for: error)
        if code == .success {
            self.init(message: TTPKit.fullMessage(for: error), status: .success)
            return
        }
        if code == .validationFailure {
            var lines = TTPKit.fullMessage(for: error).components(separatedBy: "\n")
            if let first = lines.first {
                var text = first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
                if let suggestion = Self.subcommandSuggestion(arguments) { text = suggestion }
                lines[0] = "ttpkit: error: " + text
            }
            self.init(message: lines.joined(separator: "\n").trimmingCharacters(in: .newlines), status: .badInput)
            return
        }
        self.init(TTPKit.message(for: error), .badInput)
    }

    /// "unknown command 'grup'; did you mean 'group'?" when a word where a subcommand belongs
    /// names none.
    static func subcommandSuggestion(_ arguments: [String]) -> String? {
        var command: ParsableCommand.Type = TTPKit.self
        for argument in arguments {
            if argument.hasPrefix("-") { return nil }
            var names: [String] = []
            var next: ParsableCommand.Type?
            for subcommand in command.configuration.subcommands {
                let name = commandName(of: subcommand)
                names.append(name)
                if name == argument { next = subcommand }
            }
            guard !names.isEmpty else { return nil }
            if let next {
                command = next
                continue
            }
            if command.configuration.defaultSubcommand != nil { return nil }
            var best: (name: String, distance: Int)?
            for name in names {
                let d = distance(Array(argument.lowercased()), Array(name))
                if let current = best, current.distance <= d { continue }
                best = (name, d)
            }
            guard let best, best.distance <= max(2, argument.count / 3) else {
                return "unknown command '\(argument)'; the commands are \(names.joined(separator: ", "))"
            }
            return "unknown command '\(argument)'; did you mean '\(best.name)'?"
        }
        return nil
    }

    private static func commandName(of command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }

    /// Levenshtein distance of two short words.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    // MARK: Hints naming options, added to library messages

    static let noDataHint = "pass --data PATH (a bundle file or folder), set TTPKIT_DATA, or run `ttpkit data update` when online"

    static func hint(for error: LookupError) -> String {
        guard case .excluded(_, _, let reason) = error else { return error.description }
        switch reason {
        case .revoked: return error.description + "; use --include-revoked to see it"
        case .deprecated: return error.description + "; use --include-deprecated to see it"
        }
    }

    static func hint(for error: LoadError) -> String {
        switch error {
        case .domainNotLoaded(let domain, _):
            return error.description + "; add it with --data or `ttpkit data update --domain \(domain.shortName)`"
        case .mixedReleases:
            return error.description + " (choose with --domain and --attack-version)"
        default:
            return error.description
        }
    }

    static func hint(for error: CoverageInputError) -> String {
        switch error.remedy {
        case .loadFileDomain?: return error.description + " (choose the domain with --domain)"
        case .writeCoverageFile?: return error.description + "; `ttpkit coverage --format json` writes one"
        case nil: return error.description
        }
    }

    static func hint(for error: DataLocatorError) -> String {
        switch error {
        case .versionNotCached(let domain, let version, _, _):
            return error.description + "; run `ttpkit data update" + (domain.map { " --domain \($0.rawValue)" } ?? "") + " --version \(version)`"
        case .noDataConfigured:
            return error.description + "; " + noDataHint
        case .pathNotFound(_, .option), .noBundles(_, .option, _):
            return error.description + " (given by --data)"
        default:
            return error.description
        }
    }
}
