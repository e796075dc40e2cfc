/// A STIX external reference: a citation, or an object's ID in an outside system.
///
/// ATT&CK puts an object's ATT&CK ID in the reference whose `sourceName` is `mitre-attack`
/// (or `mitre-mobile-attack`, `mitre-ics-attack`), and cites sources by `sourceName` in
/// descriptions: `(Citation: Mandiant APT29)`.
public struct ExternalReference: Sendable, Hashable {
    public var sourceName: String
    public var externalID: String?
    public var url: String?
    public var description: String?
}
