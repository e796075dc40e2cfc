/// A STIX kill-chain phase; in ATT&CK the phase name is a tactic's shortname.
public struct KillChainPhase: Sendable, Hashable {
    /// `mitre-attack`, `mitre-mobile-attack` or `mitre-ics-attack` in ATT&CK.
    public var killChainName: String
    /// The tactic shortname, e.g. `defense-evasion`.
    public var phaseName: String
}
