/// The object a user's name or ID resolved to, with a note when it was not a direct hit
/// ("T1086 was revoked by T1059.001 (PowerShell)").
public struct Resolution: Sendable {
    public let object: AttackObject
    /// Explains a redirect through the revoked-by chain, or that the object is deprecated.
    public let note: String?

    public init(object: AttackObject, note: String?) {
        self.object = object
        self.note = note
    }
}
