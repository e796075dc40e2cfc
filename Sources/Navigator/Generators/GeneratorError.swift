import ATTACK

/// Why a layer could not be generated; one line each, with suggestions where there are some.
public enum GeneratorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A group, software, campaign, mitigation or technique name did not resolve.
    case lookup(LookupError)
    /// A platform the release does not name.
    case unknownPlatform(String, available: [String])
    /// A tactic the release does not have.
    case unknownTactic(String, available: [String])
    /// A colour that is not `#rrggbb` or another colour form.
    case invalidColor(String)
    /// A technique list line that names no technique, or has a bad score.
    case techniqueList(source: String, line: Int, message: String)
    /// Nothing to build from.
    case empty(String)
    /// A group uses no technique in this release's domain; `viaSoftware` counts the techniques
    /// its software uses here.
    case noTechniques(subject: String, release: String, viaSoftware: Int)

    public var description: String {
        switch self {
        case .lookup(let e): e.description
        case .unknownPlatform(let p, let available):
            "unknown platform '\(p)'; this release has: \(available.joined(separator: ", "))"
        case .unknownTactic(let t, let available):
            "unknown tactic '\(t)'; this release has: \(available.joined(separator: ", "))"
        case .invalidColor(let c): "malformed colour '\(c)'; expected #rrggbb"
        case .techniqueList(let source, let line, let message): "\(source):\(line): \(message)"
        case .empty(let what): what
        case let .noTechniques(subject, release, viaSoftware):
            "\(subject) uses no technique in \(release)"
                + (viaSoftware > 0 ? "; its software uses \(viaSoftware) here" : "")
        }
    }
}
