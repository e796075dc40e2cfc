import ATTACK

/// One object's change between two releases, with what changed in it.
public struct ObjectChange: Sendable {
    public let category: ChangeCategory
    /// The object in the new release (the old one for deletions).
    public let object: AttackObject
    /// The object in the old release (nil for additions).
    public let previous: AttackObject?
    /// `x_mitre_version` before and after ("1.0", "2.0"); missing counts as 0.0.
    public let oldVersion: String?
    public let newVersion: String?
    /// For revocations: the replacing object in the new release.
    public let replacement: AttackObject?
    /// Field-level differences, for objects present in both releases.
    public let details: [Detail]

    /// One field-level difference.
    public enum Detail: Sendable, Hashable, CustomStringConvertible {
        case renamed(from: String, to: String)
        case tactics(added: [String], removed: [String])
        case platforms(added: [String], removed: [String])
        case subtechniqueStatus(now: Bool)
        case description

        public var description: String {
            switch self {
            case .renamed(let from, let to): return "renamed from \"\(from)\" to \"\(to)\""
            case .tactics(let added, let removed): return "tactics " + Self.delta(added, removed)
            case .platforms(let added, let removed): return "platforms " + Self.delta(added, removed)
            case .subtechniqueStatus(let now): return now ? "became a sub-technique" : "is no longer a sub-technique"
            case .description: return "description changed"
            }
        }

        /// A key for JSON: `name`, `tactics`, `platforms`, `subtechnique`, `description`.
        public var key: String {
            switch self {
            case .renamed: "name"
            case .tactics: "tactics"
            case .platforms: "platforms"
            case .subtechniqueStatus: "subtechnique"
            case .description: "description"
            }
        }

        static func delta(_ added: [String], _ removed: [String]) -> String {
            (added.map { "+" + $0 } + removed.map { "−" + $0 }).joined(separator: " ")
        }
    }

    /// "1.0 → 2.0" when the version changed.
    public var versionChange: String? {
        guard let o = oldVersion ?? (previous != nil ? "0.0" : nil), let n = newVersion, o != n else { return nil }
        return "\(o) → \(n)"
    }
}
