/// Why a name or ID given by a user did not resolve, with suggestions for a miss.
public enum LookupError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Nothing matched; `suggestions` are the closest names.
    case notFound(query: String, kind: ObjectKind?, suggestions: [Suggestion])
    /// Several active objects match the name equally.
    case ambiguous(query: String, candidates: [Suggestion])
    /// The object exists but is deprecated (or revoked with no replacement) and was not asked for.
    case excluded(query: String, object: Suggestion, reason: Exclusion)

    /// Why an existing object was not admitted.
    public enum Exclusion: Sendable, Equatable {
        /// Revoked, and no replacement is recorded.
        case revoked
        /// Deprecated.
        case deprecated
    }

    /// A candidate shown to the user: `APT29 (G0016)`.
    public struct Suggestion: Sendable, Equatable, CustomStringConvertible {
        public let attackID: String
        public let name: String
        public let kind: ObjectKind
        public var description: String { attackID.isEmpty ? name : "\(name) (\(attackID))" }
    }

    public var description: String {
        switch self {
        case .notFound(let query, let kind, let suggestions):
            let what = kind?.displayName ?? "object"
            let base = "no \(what) '\(query)'"
            if suggestions.isEmpty { return base }
            return base + "; did you mean " + Self.list(suggestions.map(\.description)) + "?"
        case .ambiguous(let query, let candidates):
            return "'\(query)' matches several objects: " + candidates.map(\.description).joined(separator: ", ")
                + "; give an ATT&CK ID"
        case .excluded(let query, let object, let reason):
            let why = reason == .revoked ? "revoked (no replacement is recorded)" : "deprecated"
            return "'\(query)' is \(object.description), which is \(why)"
        }
    }

    private static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + (items.last ?? "")
    }
}
