import ATTACK
import Intel
import TestSupport
import Testing

@Suite("Report extraction")
struct ReportExtractorTests {
    func extract(_ text: String, html: Bool? = nil) throws -> ExtractionResult {
        let kb = try FixtureBundle.sample().knowledgeBase()
        return ReportExtractor(kb: kb).extract(ReportText(Array(text.utf8), isHTML: html))
    }

    @Test func findsIDsNamesAndAliasesWithSentences() throws {
        let r = try extract("First sentence. Test Bear ran obfuscated files or information with EvilTool. Then T1059.001 ran.")
        #expect(r.hits.map(\.object.attackID) == ["G0001", "T1027", "S0001", "T1059.001"])
        #expect(r.hits[0].via == .alias)
        #expect(r.hits[0].sentence == "Test Bear ran obfuscated files or information with EvilTool.")
        #expect(r.hits[3].sentence == "Then T1059.001 ran.")
    }

    /// Names are matched through a hash of their ASCII bytes; a name with other characters is
    /// still found however its accents are composed (the text's "é" as e + U+0301).
    @Test func namesMatchWhateverTheirAccentsComposition() throws {
        var b = FixtureBundle()
        let execution = b.tactic("TA0002", "Execution", shortname: "execution")
        b.matrix(tactics: [execution])
        b.group("G0001", "Caf\u{E9} Bear")
        let kb = try b.knowledgeBase()
        let extractor = ReportExtractor(kb: kb)
        for text in ["Caf\u{E9} Bear struck again.", "Cafe\u{301} Bear struck again."] {
            #expect(extractor.extract(ReportText(Array(text.utf8))).hits.map(\.object.attackID) == ["G0001"], "\(text)")
        }
        #expect(extractor.extract(ReportText(Array("Cafe Bear struck again.".utf8))).hits.isEmpty)
    }

    @Test func revokedIDsMapForwardAndUnknownIDsAreListed() throws {
        let r = try extract("They used T1086 and T9999.")
        #expect(r.hits.map(\.object.attackID) == ["T1059.001"])
        #expect(r.hits.first?.note == "T1086 was revoked by T1059.001 PowerShell")
        #expect(r.unknownIDs.map(\.id) == ["T9999"])
    }

    /// A deprecated technique's ID is a hit that says it is not counted, and no finding: not in
    /// the exact findings, not among the classifier's claims, not in the answer.
    @Test func aDeprecatedTechniqueIsNotedNotCounted() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()
        let report = ReportText(Array("They used T1999 and T1027 on the host.".utf8))
        let r = ReportExtractor(kb: kb).extract(report)
        #expect(r.hits.map(\.object.attackID) == ["T1999", "T1027"])
        #expect(r.hits.first?.note?.hasSuffix("is deprecated in \(kb.title): not counted") == true)
        #expect(r.exactFindings(in: report).map(\.technique.attackID) == ["T1027"])
        #expect(ExtractionAnswer(report: report, knowledgeBase: kb, model: nil).findings.map(\.technique.attackID) == ["T1027"])
        var trainer = TechniqueModelTrainer()
        trainer.dimensions = 1 << 16
        let classifier = TechniqueClassifier(model: trainer.train(TrainingCorpus(kb: kb)), extractor: ReportExtractor(kb: kb))
        #expect(classifier.claims(report).map(\.hit.object.attackID) == ["T1027"])
        #expect(!classifier.classify(report).findings.contains { $0.technique.attackID == "T1999" })
    }

    @Test func longestNameWinsAndWordBoundariesHold() throws {
        // "Command and Scripting Interpreter: PowerShell" is the sub-technique, not the parent;
        // "EvilTools" and "xT1027" are not matches; "powershell" is a technique name in any case.
        let r = try extract("Command and Scripting Interpreter: PowerShell. EvilTools xT1027 powershell")
        #expect(r.hits.map(\.object.attackID) == ["T1059.001", "T1059.001"])
    }

    @Test func oneWordSoftwareNamesMustBeCapitalisedAsWritten() throws {
        let r = try extract("the eviltool and EvilTool")
        #expect(r.hits.count == 1)
    }

    @Test func htmlIsStrippedOfTagsScriptsAndEntities() throws {
        let html = "<html><head><script>var x = 'T1027';</script><style>p{}</style></head><body><p>APT&nbsp;Test used <b>T1027</b>.</p></body></html>"
        let r = try extract(html)
        #expect(r.hits.map(\.object.attackID) == ["G0001", "T1027"])
        #expect(r.hits[1].sentence == "APT Test used T1027 .")
    }

    @Test func emptyTextIsBlank() {
        #expect(ReportText(Array(" \n\t".utf8)).isBlank)
        #expect(ReportText(Array("<html><body> </body></html>".utf8)).isBlank)
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func extractsFromAnEnterpriseSizedReport() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let extractor = ReportExtractor(kb: kb)
        let r = extractor.extract(ReportText(Array("APT29 used Mimikatz for DCSync (T1003.006) and Phishing: Spearphishing Link delivery (a bare \"spearphishing link\" is ambiguous); Cozy Bear also ran rundll32.".utf8)))
        #expect(Set(r.hits.map(\.object.attackID)) == ["G0016", "S0002", "T1003.006", "T1566.002", "T1218.011"])
        // About 200 KB of report-like prose: descriptions of groups, software and techniques.
        let big = Array((kb.objects(.group) + kb.objects(.software) + kb.objects(.technique)).lazy
            .flatMap { Array("\($0.name) (\($0.attackID)). \($0.description)\n\n".utf8) }.prefix(200_000))
        #expect(big.count == 200_000)
        #expect(extractor.extract(ReportText(big)).hits.count > 1000)
    }
}
