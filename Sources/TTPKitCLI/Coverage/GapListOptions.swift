import ATTACK
import ArgumentParser
import Coverage
import Foundation

/// What is taken out of the one gap list, the same in `gaps`, `report coverage`, `coverage
/// gate` and `coverage --fail-on-gaps`: pre-compromise techniques (unless
/// `--include-pre-compromise`) and the techniques a waivers file accepts (`--waivers`, judged
/// on `--as-of`, default today).
struct GapListOptions: ParsableArguments {
    @Flag(name: .customLong("include-pre-compromise"), help: ArgumentHelp(
        "Count pre-compromise techniques (Reconnaissance, Resource Development, those only mitigated before the compromise) as gaps, in the collection plan and in the gaps gate; by default they are listed apart, to watch with threat intelligence."))
    var includePreCompromise = false

    @Option(name: .customLong("waivers"), help: ArgumentHelp(
        "Accepted gaps (YAML or JSON: a 'waivers' list of technique, reason, owner, expires: YYYY-MM-DD). A waived gap is listed apart and not counted; an expired waiver stops waiving and is warned about; an unused one is reported.",
        valueName: "file"))
    var waivers: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Judge waiver expiry on this day instead of today (UTC), e.g. to see which waivers lapse by the end of the quarter.",
        valueName: "YYYY-MM-DD"))
    var asOf: String?

    func validate() throws {
        if let asOf, CalendarDay(asOf) == nil { throw ValidationError("--as-of: expected a day written YYYY-MM-DD, got '\(asOf)'") }
    }

    /// True when an option of this group is given.
    var isGiven: Bool { includePreCompromise || waivers != nil || asOf != nil }

    /// The day waiver expiry is judged on.
    var day: CalendarDay { asOf.flatMap(CalendarDay.init) ?? CalendarDay(Date()) }

    /// The waivers file, read against `kb` (nil without --waivers); a bad file is exit 2.
    func loadWaivers(_ kb: KnowledgeBase) throws -> WaiverFile? {
        try waivers.map { path throws(CoverageInputError) in try WaiverFile.load(path, knowledgeBase: kb) }
    }

    /// Prints the waivers' notes, expired and unused waivers, each with its file and line.
    static func printWarnings(_ review: WaiverReview) {
        for warning in review.warnings { Terminal.standardError.write("ttpkit: \(warning)\n") }
    }
}
