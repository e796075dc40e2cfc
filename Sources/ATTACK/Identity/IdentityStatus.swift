/// What an ATT&CK ID (or an object read from a file) stands for in one release: the one
/// answer every reader of user input asks for (``KnowledgeBase/status(of:)``).
///
/// ```swift
/// switch kb.status(of: TechniqueID("T1086")!) {
/// case .active(let t): print(t.label)
/// case .remapped(let old, let new): print("\(old.attackID) was revoked by \(new.label)")
/// case .revoked(let old, _): print("\(old.label) is revoked with no active replacement")
/// case .deprecated(let t): print("\(t.label) is deprecated")
/// case .unknown: print("not in \(kb.title); a newer release?")
/// }
/// ```
public enum IdentityStatus: Sendable, Equatable {
    /// A current object of this release.
    case active(AttackObject)
    /// Revoked; the `revoked-by` chain ends at `replacement`, an active object of the same kind.
    case remapped(from: AttackObject, to: AttackObject)
    /// Revoked with no active replacement: the chain stops (or loops) at a revoked object, or
    /// ends at `lastReplacement`, which is deprecated or of another kind.
    case revoked(AttackObject, lastReplacement: AttackObject?)
    /// Deprecated (and not revoked): no longer maintained and has no replacement.
    case deprecated(AttackObject)
    /// Not in this release: mistyped, from another domain, or newer than the release.
    case unknown

    /// The active object to use: the object itself or its replacement; nil otherwise.
    public var current: AttackObject? {
        switch self {
        case .active(let o): o
        case .remapped(_, let to): to
        case .revoked, .deprecated, .unknown: nil
        }
    }

    /// The object the ID names in the release, active or not; nil when unknown.
    public var object: AttackObject? {
        switch self {
        case .active(let o), .remapped(let o, _), .revoked(let o, _), .deprecated(let o): o
        case .unknown: nil
        }
    }

    /// True for ``active(_:)``.
    public var isActive: Bool {
        if case .active = self { true } else { false }
    }

    /// Why the ID is not simply active, in words ("T1086 was revoked by T1059.001 (PowerShell)");
    /// nil when it is active. `release` names the release for an unknown ID.
    public func explanation(of id: String, in release: String) -> String? {
        switch self {
        case .active: nil
        case .remapped(_, let to): "\(id) was revoked by \(to.label)"
        case .revoked(let o, _): "\(o.label) is revoked with no active replacement in \(release)"
        case .deprecated(let o): "\(o.label) is deprecated in \(release)"
        case .unknown: "\(id) is not in \(release) (a newer release?)"
        }
    }
}
