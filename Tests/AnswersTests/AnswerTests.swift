import Answers
import ATTACK
import Navigator
import STIX
import TestSupport
import Testing

/// The answer layer: one JSON shape with provenance, one release rule, one observed-input rule.
@Suite struct AnswerTests {
    func sample() throws -> KnowledgeBase {
        var b = FixtureBundle()
        b.tactic("TA0002", "Execution", shortname: "execution")
        let t = b.technique("T1059", "Command and Scripting Interpreter", tactics: ["execution"])
        let t2 = b.technique("T1027", "Obfuscated Files or Information", tactics: ["execution"])
        let g = b.group("G0001", "APT Test")
        let g2 = b.group("G0002", "Other Group")
        b.relate(g, "uses", t, description: "APT Test ran scripts.")
        b.relate(g2, "uses", t2, description: "Other Group hid files.")
        return try b.knowledgeBase()
    }

    @Test func listAnswersAreWrappedWithCountAndProvenance() throws {
        let kb = try sample()
        let json = Questions.objects(.group, matching: "test", in: kb).json
        #expect(json["groups"]?.arrayValue?.count == 1)
        #expect(json["count"]?.doubleValue == 1)
        #expect(json["provenance"]?["domain"]?.stringValue == "enterprise-attack")
        #expect(json["provenance"]?["options"]?["match"]?.stringValue == "test")
        #expect(json["provenance"]?["files"]?.arrayValue?.first?["sha256"]?.stringValue?.count == 64)
    }

    @Test func objectAnswersKeepTheirMembersAndGainProvenanceAndNotes() throws {
        let kb = try sample()
        let group = try Questions.resolve("apt test", .group, kb)
        let json = Questions.group(group, in: kb).json
        #expect(json["id"]?.stringValue == "G0001")
        #expect(json["provenance"]?["options"]?["via_campaigns"]?.stringValue == "true")
        let similar = try Questions.similar(ObservedInput(techniques: ["T1059", "T9999"]), in: kb)
        #expect(similar.json["warnings"]?.arrayValue?.count == 1)
        #expect(similar.json["notes"] == nil)
        #expect(similar.value.matches.first?.object.attackID == "G0001")
    }

    @Test func unknownNamesAndMalformedQuestionsAreTypedFailures() throws {
        let kb = try sample()
        #expect(throws: QuestionError.self) { try Questions.resolve("Nobody", .group, kb) }
        #expect(throws: QuestionError.self) { try Questions.search("  ", in: kb) }
        #expect(throws: QuestionError.self) { try Questions.techniques(TechniqueFilter(createdAfter: "yesterday"), in: kb) }
        #expect(throws: QuestionError.self) { try Questions.similar(ObservedInput(techniques: ["T9999"]), in: kb) }
    }

    @Test func datesAreASCIIDigitsAndAnEmptyFieldIsNoDate() throws {
        #expect(try Questions.checkedDate("") == nil)
        #expect(try Questions.checkedDate(nil) == nil)
        #expect(try Questions.checkedDate("2024-10-01") == "2024-10-01")
        #expect(try Questions.checkedDate("2024-10-01T12:00:00Z") == "2024-10-01T12:00:00Z")
        for bad in ["2024-10-01x", " 2024-10-01", "２０２４-10-01", "2024/10/01", "2024-1-01"] {
            #expect(throws: QuestionError.self, "\(bad)") { try Questions.checkedDate(bad) }
        }
    }

    @Test func listsSplitAtEveryCommaEvenOneACombiningMarkFollows() {
        // ",\u{1F3FB}" (a comma and an emoji modifier) is one Character: split by scalars.
        #expect(ObservedInput.names("APT29,\u{1F3FB}FIN7") == ["APT29", "\u{1F3FB}FIN7"])
        #expect(ObservedInput.names(" APT29 , apt29,, Sandworm Team ") == ["APT29", "Sandworm Team"])
        #expect(ObservedInput.items("T1059,\u{301}T1027 T1003\nT1003") == ["T1059", "\u{301}T1027", "T1003"])
    }

    struct Release: AttackRelease, Equatable {
        let domain: AttackDomain
        let releaseNumber: String?
    }

    @Test func oneRuleChoosesTheRelease() throws {
        let loaded = [Release(domain: .enterprise, releaseNumber: "18.1"), Release(domain: .enterprise, releaseNumber: "17.1"),
                      Release(domain: .ics, releaseNumber: "18.1")]
        #expect(try ReleaseChoice.choose(loaded, domain: nil, version: nil) == loaded[0])
        #expect(try ReleaseChoice.choose(loaded, domain: .enterprise, version: "17.1") == loaded[1])
        #expect(try ReleaseChoice.choose(loaded, domain: .ics, version: nil) == loaded[2])
        // A release asked for that is not loaded is an error, never another release.
        #expect(throws: ReleaseChoice.Failure.self) { try ReleaseChoice.choose(loaded, domain: .enterprise, version: "16.1") }
        #expect(throws: ReleaseChoice.Failure.self) { try ReleaseChoice.choose(loaded, domain: .mobile, version: nil) }
        // A document made against a release not loaded is read with the newest, and says so.
        let (release, note) = try ReleaseChoice.forDocument(loaded, domain: .enterprise, version: "16.1")
        #expect(release == loaded[0])
        #expect(note?.contains("16.1") == true)
        #expect(try ReleaseChoice.forDocument(loaded, domain: .enterprise, version: "17.1").note == nil)
        #expect(ReleaseChoice.defaultDomain([Release(domain: .ics, releaseNumber: nil), Release(domain: .mobile, releaseNumber: nil)]) == .mobile)
    }

    @Test func aLayerMarksEnabledTechniquesScoredAboveZero() {
        var scored = Layer(name: "seen", domain: .enterprise)
        scored.techniques = [
            LayerTechnique(techniqueID: "T1059", score: 2), LayerTechnique(techniqueID: "T1027", score: 0),
            LayerTechnique(techniqueID: "T1003"), LayerTechnique(techniqueID: "T1566", score: 1, enabled: false),
        ]
        #expect(scored.markedTechniques.map(\.technique.techniqueID) == ["T1059"])
        var listed = Layer(name: "listed", domain: .enterprise)
        listed.techniques = [LayerTechnique(techniqueID: "T1059"), LayerTechnique(techniqueID: "T1027", enabled: false)]
        #expect(listed.markedTechniques.map(\.position) == [0])
        #expect(ObservedInput.techniqueTokens(in: "ran t1059.001, T1027 and XT1111 then T1059.001") == ["T1059.001", "T1027"])
    }

    /// `similar` skips an ID of another domain saying so (the reason extract gives), and one
    /// it cannot place as possibly newer.
    @Test func similarSaysWhyItSkipsAnUnknownID() throws {
        let kb = try sample()
        let skipped = ObservedInput(techniques: ["T1626", "T1999", "T1059"]).resolved(in: kb).skipped
        #expect(skipped == [
            "skipped T1626: a Mobile ATT&CK ID, not in \(kb.title) (read Mobile data: --domain mobile)",
            "skipped T1999: not in \(kb.title) (newer release? `ttpkit data update`)",
        ])
    }
}
