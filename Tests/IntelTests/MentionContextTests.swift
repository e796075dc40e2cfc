import ATTACK
import Foundation
import Intel
import TestSupport
import Testing

/// The context that turns a mention into a claim (issue 21): advice, headings and table cells,
/// and paths name techniques a report does not claim were used.
@Suite("Mention context: advice, headings and paths are no claims")
struct MentionContextTests {
    /// The context of the first occurrence of `mention` in `text`.
    static func context(_ text: String, _ mention: String) throws -> MentionContext {
        let bytes = Array(text.utf8), m = Array(mention.utf8)
        let at = try #require((0...(bytes.count - m.count)).first { bytes[$0..<($0 + m.count)].elementsEqual(m) })
        return MentionContext(bytes, offset: at, length: m.count)
    }

    @Test func mitigationAdviceIsNoClaim() throws {
        #expect(try Self.context("Implement multi-factor authentication for all remote access.", "multi-factor authentication") == .advice)
        #expect(try Self.context("- Implement multi-factor authentication.\n", "multi-factor authentication") == .advice)
        #expect(try Self.context("Organizations should disable PowerShell on hosts that do not need it.", "PowerShell") == .advice)
        #expect(try Self.context("The actor ran a script. We recommend monitoring for PowerShell with encoded commands.", "PowerShell") == .advice)
        #expect(try Self.context("Use strong passwords and rotate them.", "passwords") == .advice)
        // What happened is a claim, also next to advice in the same paragraph.
        #expect(try Self.context("The actor used PowerShell to download the payload. Defenders should patch.", "PowerShell") == .prose)
        #expect(try Self.context("Use of valid accounts was observed on three hosts.", "valid accounts") == .prose)
        #expect(try Self.context("The malware deletes shadow copies to prevent recovery of the files.", "shadow copies") == .prose)
    }

    @Test func headingsAndTableCellsAreNoClaim() throws {
        let report = "Indicators\nIP Addresses\nThe implant beaconed to three IP addresses every hour.\n"
        #expect(try Self.context(report, "IP Addresses") == .heading)
        #expect(try Self.context(report, "IP addresses every") == .prose)
        #expect(try Self.context("| IP Addresses | 203.0.113.7 |\n", "IP Addresses") == .heading)
        #expect(try Self.context("Name\tIP Addresses\tCount\n", "IP Addresses") == .heading)
        // A short sentence that ends as one is not a heading.
        #expect(try Self.context("It used PowerShell.\n", "PowerShell") == .prose)
        // A line longer than the window read around a mention is no heading either.
        let long = String(repeating: "The actor moved to the next host. ", count: 100)
        #expect(try Self.context(long + "It used PowerShell " + long, "PowerShell") == .prose)
        #expect(try Self.context(long + "We recommend blocking PowerShell. " + long, "PowerShell") == .advice)
    }

    @Test func aFolderOfAPathIsNoClaim() throws {
        #expect(try Self.context("It dropped its loader in %ProgramFiles%\\MSBuild\\ on each host.", "MSBuild") == .path)
        #expect(try Self.context("Files were staged in /usr/lib/msbuild/cache before upload.", "msbuild") == .path)
        #expect(try Self.context("It wrote %AppData% files and downloaded https://example.com/msbuild/x from the server.", "msbuild") == .path)
        // The program itself, at the end of a path, is a mention of it.
        #expect(try Self.context("It ran C:\\Windows\\Microsoft.NET\\MSBuild.exe to compile the payload.", "MSBuild") == .prose)
        #expect(try Self.context("It compiled the payload with MSBuild on the host.", "MSBuild") == .prose)
    }

    /// Through the classifier: a name in advice, a heading or a path is kept as weak evidence
    /// under the default cut-off; in a sentence about what happened, and as an ID, it is a claim.
    @Test func theClassifierWeighsNamesByContext() throws {
        let kb = try TechniqueClassifierTests.bundle().knowledgeBase()
        let classifier = TechniqueClassifierTests.classifier(kb)
        let report = """
            Screen Capture
            Organizations should block screen capture tools on servers.
            Files were found under C:\\Tools\\Screen Capture\\ on one host.
            Recommended: alert on T1056 events.
            The implant used screen capture to record the desktop.

            """
        let claims = classifier.claims(ReportText(Array(report.utf8)))
        #expect(claims.map(\.confidence) == [0.3, 0.3, 0.3, 1, 0.9])
        #expect(claims.map(\.hit.object.attackID) == ["T1113", "T1113", "T1113", "T1056", "T1113"])
        // The names alone (the learned part held far under the cut-off): a claim only with the
        // sentence about what happened.
        var names = classifier
        names.options.threshold = 100
        func confidence(_ text: String) -> Double? {
            names.classify(ReportText(Array(text.utf8))).findings.first { $0.technique.attackID == "T1113" }?.confidence
        }
        #expect(confidence(report) == 0.9)
        #expect(confidence(String(report.split(separator: "\n").dropLast().joined(separator: "\n"))) == 0.3)
    }

    /// Advice counts less as learned evidence: its words' part of the score is scaled by
    /// ``TechniqueClassifier/Options/adviceWeight``; a sentence about what happened is not.
    @Test func adviceIsWeakerLearnedEvidence() throws {
        let kb = try TechniqueClassifierTests.bundle().knowledgeBase()
        var ruled = TechniqueClassifierTests.classifier(kb)
        var plain = ruled
        ruled.options.adviceWeight = 0.5
        plain.options.adviceWeight = 1
        func score(_ c: TechniqueClassifier, _ text: String) throws -> Double { try #require(c.bestLogits(Array(text.utf8))["T1113"]) }
        let advice = "We recommend blocking tools that take screenshots of the victim's desktop."
        let behaviour = "The implant took screenshots of the victim's desktop every few minutes."
        #expect(try score(ruled, advice) < score(plain, advice))
        #expect(try score(ruled, behaviour) == score(plain, behaviour))
    }

    /// Two corpora in one evaluation, each scored by its own rule: within its labels (TRAM), or
    /// every technique as its parent (labels null, AnnoCTR).
    @Test func evaluationScoresEachCorpusByItsRule() throws {
        let kb = try TechniqueClassifierTests.bundle().knowledgeBase()
        func corpus(_ labels: String, _ reports: [(String, String)]) throws -> AnnotatedReports {
            let items = reports.map { text, id in "{\"text\": \"\(text)\", \"techniques\": {\"\(id)\": [{\"start\": 0, \"end\": 5}]}}" }
            return try AnnotatedReports(data: Data("{\"labels\": \(labels), \"reports\": [\(items.joined(separator: ", "))]}".utf8))
        }
        let tram = try corpus("[\"T1113\"]", [("The implant takes screenshots of the desktop.", "T1113"), ("It logs keystrokes typed by the user.", "T1113")])
        let annoctr = try corpus("null", [("It walks the file system and lists directory contents.", "T1083"), ("Mimikatz dumped LSASS memory.", "T1003"),
                                          ("The implant takes screenshots.", "T1113")])
        var evaluation = ExtractionEvaluation(kb: kb, corpora: [tram, annoctr])
        evaluation.folds = 2
        evaluation.trainer.dimensions = 1 << 16
        let results = evaluation.run()
        #expect(results.count == 2)
        // Every gold pair is found or missed; TRAM's keylogging report finds T1056 outside its labels, which does not count.
        #expect(results[0].truePositives + results[0].falseNegatives == 2)
        #expect(results[1].truePositives + results[1].falseNegatives == 3)
        #expect(results[0].falsePositives == 0)
        #expect(results[1].truePositives >= 2)
        // The per-technique counts add up to the totals.
        for r in results {
            let counts = r.perTechnique.values
            #expect(counts.reduce(0) { $0 + $1.tp } == r.truePositives)
            #expect(counts.reduce(0) { $0 + $1.fp } == r.falsePositives)
            #expect(counts.reduce(0) { $0 + $1.fn } == r.falseNegatives)
            #expect(counts.allSatisfy { $0.fpByID + $0.fpByName <= $0.fp })
        }
    }
}
