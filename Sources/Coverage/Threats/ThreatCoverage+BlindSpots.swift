extension ThreatCoverage {
    /// The blind spots of a report: gaps that are Blind (Logged ones are quick wins, never
    /// both) and, unless included, not pre-compromise — best first.
    public var blindSpots: [Gap] {
        gaps.filter { $0.state == .blind && (includesPreCompromise || preCompromise[$0.techniqueID] == nil) }
    }

    /// The gaps that happen before the compromise (acquiring infrastructure, reconnaissance):
    /// watched with threat intelligence and external monitoring, not in the SOC's own logs.
    /// Empty when they are included among the blind spots.
    public var preCompromiseGaps: [Gap] {
        includesPreCompromise ? [] : gaps.filter { preCompromise[$0.techniqueID] != nil }
    }
}
