import ATTACK
import Foundation
import TestSupport
import Testing
@testable import Coverage

/// Reading waivers files: YAML and JSON, techniques resolved like every technique list, and
/// every malformed file an error at its line.
struct WaiverFileTests {
    static func kb() throws -> KnowledgeBase { try FixtureBundle.sample().knowledgeBase() }

    static func entry(_ technique: String, expires: String = "2027-03-31") -> String {
        "  - technique: \(technique)\n    reason: accepted\n    owner: soc\n    expires: \(expires)\n"
    }

    @Test func idsInAnyCaseAndNamesAreResolved() throws {
        let text = "# ours\nwaivers:\n" + Self.entry("t1059.001") + Self.entry("obfuscated files or information")
        let file = try WaiverFile.parse(text: text, path: "w.yaml", knowledgeBase: try Self.kb())
        #expect(file.waivers.map(\.techniqueID) == ["T1059.001", "T1027"])
        #expect(file.waivers.map(\.line) == [3, 7])
        #expect(file.waivers.map(\.owner) == ["soc", "soc"])
        #expect(file.notes.isEmpty)
    }

    @Test func revokedIDsAreFollowedWithANoteAndJSONReadsLikeYAML() throws {
        let kb = try Self.kb()
        let file = try WaiverFile.parse(text: "waivers:\n" + Self.entry("T1086"), path: "w.yaml", knowledgeBase: kb)
        #expect(file.waivers.first?.techniqueID == "T1059.001")
        #expect(file.waivers.first?.written == "T1086")
        #expect(file.notes.map(\.description) == ["w.yaml:2: warning: T1086 was revoked by T1059.001 PowerShell; the waiver applies to T1059.001"])
        let json = """
            {"waivers": [
              {"technique": "t1027", "reason": "noisy", "owner": "soc", "expires": "2026-12-31"},
              {"technique": "PowerShell", "reason": "EDR", "owner": "edr", "expires": "2027-01-01"}
            ]}
            """
        let read = try WaiverFile.parse(text: json, path: "w.json", knowledgeBase: kb)
        #expect(read.waivers.map(\.techniqueID) == ["T1027", "T1059.001"])
        #expect(read.waivers.map(\.line) == [2, 3])
        #expect(read.waivers.map(\.expires.description) == ["2026-12-31", "2027-01-01"])
    }

    @Test(arguments: [
        ("waivers:\n  - technique: T1027\n    reason: x\n    owner: y\n", 2, "the waiver has no 'expires' (the last day it holds, YYYY-MM-DD)"),
        ("waivers:\n" + entry("T1027", expires: "2027-02-30"), 5, "'expires: 2027-02-30' is not a day written YYYY-MM-DD (2027-03-31)"),
        ("waivers:\n" + entry("T1027", expires: "31/03/2027"), 5, "'expires: 31/03/2027' is not a day written YYYY-MM-DD (2027-03-31)"),
        ("waivers:\n  - technique: T1027\n    reason: x\n    owner: y\n    expiry: 2027-01-01\n", 5,
         "unknown key 'expiry' in a waiver (expected technique, reason, owner, expires)"),
        ("waivers:\n" + entry("T9999"), 2, "waiver technique: no technique 'T9999'"),
        ("waivers:\n" + entry("T1027") + entry("t1027"), 6, "T1027 is already waived at line 2"),
        ("- technique: T1027\n", 1, "expected a mapping with a 'waivers' list of {technique, reason, owner, expires}"),
        ("waivers: T1027\n", 1, "'waivers' is not a list; expected a mapping with a 'waivers' list of {technique, reason, owner, expires}"),
        ("waivers:\n  - T1027\n", 2, "a waiver is a mapping with technique, reason, owner and expires"),
        ("exceptions: []\n", 1, "unknown key 'exceptions'; expected a mapping with a 'waivers' list of {technique, reason, owner, expires}"),
        ("waivers:\n  - technique: [T1027]\n    reason: x\n    owner: y\n    expires: 2027-01-01\n", 2,
         "'technique' is not text (an ATT&CK technique ID or name)"),
    ])
    func malformedFilesAreErrorsAtTheirLine(_ text: String, _ line: Int, _ reason: String) throws {
        let error = #expect(throws: CoverageInputError.self) { try WaiverFile.parse(text: text, path: "w.yaml", knowledgeBase: try Self.kb()) }
        #expect(error?.line == line)
        #expect(error?.reason.hasPrefix(reason) == true, "\(error?.reason ?? "")")
        #expect(error?.kind == .badInput)
    }

    @Test func anUnknownTechniqueNameSuggestsTheClosest() throws {
        let error = #expect(throws: CoverageInputError.self) {
            try WaiverFile.parse(text: "waivers:\n" + Self.entry("PowerShel"), path: "w.yaml", knowledgeBase: try Self.kb())
        }
        #expect(error?.description.hasPrefix("w.yaml:2: waiver technique: no technique 'PowerShel'; did you mean PowerShell (T1059.001)") == true,
                "\(error?.description ?? "")")
    }

    @Test func invalidYAMLAndUnreadableFilesAreErrors() throws {
        let kb = try Self.kb()
        let broken = #expect(throws: CoverageInputError.self) { try WaiverFile.parse(text: "waivers: [\n  {technique: T1027\n", path: "w.yaml", knowledgeBase: kb) }
        #expect(broken?.line != nil)
        let missing = #expect(throws: CoverageInputError.self) { try WaiverFile.load("/nonexistent/waivers.yaml", knowledgeBase: kb) }
        #expect(missing?.description.hasPrefix("/nonexistent/waivers.yaml: cannot read the waivers file") == true)
        #expect(try WaiverFile.parse(text: "waivers:\n", path: "w.yaml", knowledgeBase: kb).waivers.isEmpty)
    }

    @Test func daysAreCheckedAndOrdered() throws {
        #expect(CalendarDay("2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDay("2023-02-29") == nil && CalendarDay("2027-13-01") == nil && CalendarDay("2027-1-01") == nil)
        #expect(CalendarDay("２０２７-01-01") == nil && CalendarDay("0000-01-01") == nil)
        let last = try #require(CalendarDay("2027-03-31"))
        #expect(!Waiver(techniqueID: "T1027", written: "T1027", reason: "", owner: "", expires: last, path: "w", line: 1).isExpired(asOf: last))
        #expect(try last < #require(CalendarDay("2027-04-01")))
        #expect(CalendarDay(Date(timeIntervalSince1970: 0)).description == "1970-01-01")
    }
}
