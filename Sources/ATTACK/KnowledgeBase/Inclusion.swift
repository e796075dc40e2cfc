/// Which objects a query admits. By default revoked and deprecated objects are left out,
/// as they are on the ATT&CK website and in MITRE's library.
public struct Inclusion: Sendable, Hashable {
    public var revoked: Bool
    public var deprecated: Bool

    public init(revoked: Bool = false, deprecated: Bool = false) {
        self.revoked = revoked
        self.deprecated = deprecated
    }

    /// Active objects only (the default).
    public static let activeOnly = Inclusion()
    /// Everything, revoked and deprecated included.
    public static let all = Inclusion(revoked: true, deprecated: true)

    public func admits(_ object: AttackObject) -> Bool {
        (revoked || !object.isRevoked) && (deprecated || !object.isDeprecated)
    }
}
