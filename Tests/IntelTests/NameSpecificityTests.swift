import ATTACK
import Foundation
import Intel
import STIX
import TestSupport
import Testing

/// Technique names that name a thing, not a behaviour ("IP Addresses"), are no claim on their
/// own: the release's own prose uses them mostly for other techniques (issue 21).
@Suite("Name specificity: names the release uses for other techniques are weak evidence")
struct NameSpecificityTests {
    /// "IP Addresses" (T1590.005) appears in three procedures of another technique and in none
    /// of its own; "Process Hollowing" (T1055.012) in its own procedures, and as a link label in
    /// other techniques' procedures (links do not count).
    static func bundle() -> FixtureBundle {
        var b = FixtureBundle()
        let recon = b.tactic("TA0043", "Reconnaissance", shortname: "reconnaissance")
        let c2 = b.tactic("TA0011", "Command and Control", shortname: "command-and-control")
        let evasion = b.tactic("TA0005", "Defense Evasion", shortname: "defense-evasion")
        b.matrix(tactics: [recon, evasion, c2])
        let gather = b.technique("T1590", "Gather Victim Network Information", tactics: ["reconnaissance"])
        let ips = b.technique("T1590.005", "IP Addresses", tactics: ["reconnaissance"])
        b.relate(ips, "subtechnique-of", gather)
        let web = b.technique("T1071", "Application Layer Protocol", tactics: ["command-and-control"])
        let injection = b.technique("T1055", "Process Injection", tactics: ["defense-evasion"])
        let hollowing = b.technique("T1055.012", "Process Hollowing", tactics: ["defense-evasion"])
        b.relate(hollowing, "subtechnique-of", injection)
        let g = b.group("G0001", "APT Test")
        for text in ["The backdoor beacons over HTTP to hard-coded IP addresses.",
                     "The implant rotates between several IP addresses for its C2 traffic.",
                     "It sends its web requests to IP addresses kept in its configuration.",
                     "The loader used [Process Hollowing](https://attack.mitre.org/techniques/T1055/012) and then talked HTTP.",
                     "After [Process Hollowing](https://attack.mitre.org/techniques/T1055/012) it beaconed over HTTPS.",
                     "Its HTTP traffic followed [Process Hollowing](https://attack.mitre.org/techniques/T1055/012) of svchost."] {
            b.relate(g, "uses", web, description: text)
        }
        for text in ["APT Test used process hollowing to run its payload inside svchost.exe.",
                     "The loader performs process hollowing on a suspended process.",
                     "It injects its code through process hollowing of explorer.exe."] {
            b.relate(g, "uses", hollowing, description: text)
        }
        b.relate(g, "uses", ips, description: "APT Test scanned the victim's network ranges.")
        return b
    }

    @Test func aNameUsedMostlyForOtherTechniquesIsUnspecific() throws {
        let kb = try Self.bundle().knowledgeBase()
        let names = NameSpecificity(extractor: ReportExtractor(kb: kb))
        #expect(names.unspecificForms.map { "\($0.0) \($0.1)" } == ["T1590.005 ip addresses"])
    }

    @Test func theModelKeepsItsNamesAndTheClassifierWeighsThem() throws {
        let kb = try Self.bundle().knowledgeBase()
        var trainer = TechniqueModelTrainer()
        trainer.dimensions = 1 << 16
        let model = trainer.train(TrainingCorpus(kb: kb))
        #expect(model.names.unspecificForms.map(\.0) == ["T1590.005"])
        let decoded = try #require(TechniqueModel(decoding: model.encoded()))
        #expect(decoded.names.unspecificForms.map { "\($0.0) \($0.1)" } == ["T1590.005 ip addresses"])

        var options = TechniqueClassifier.Options()
        options.threshold = 100   // names only
        let classifier = TechniqueClassifier(model: decoded, extractor: ReportExtractor(kb: kb), options: options)
        func confidence(_ text: String, _ id: String) -> Double? {
            classifier.claims(ReportText(Array(text.utf8))).first { $0.hit.object.attackID == id }?.confidence
        }
        // A thing named in passing: weak evidence, kept under the cut-off, and it says why.
        #expect(confidence("The malware connected to two IP addresses in the Netherlands.", "T1590.005") == options.weakNameConfidence)
        #expect(classifier.claims(ReportText(Array("It connected to two IP addresses.".utf8))).first?.weak == .unspecificName)
        // The qualified form names the technique; a specific name is a claim.
        #expect(confidence("The actor ran Gather Victim Network Information: IP Addresses against the target.", "T1590.005") == options.nameConfidence)
        #expect(confidence("The loader used process hollowing against a new process.", "T1055.012") == options.nameConfidence)
        // Turned off, every name in prose is a claim again.
        options.judgeNameSpecificity = false
        let plain = TechniqueClassifier(model: decoded, extractor: ReportExtractor(kb: kb), options: options)
        #expect(plain.claims(ReportText(Array("It connected to two IP addresses.".utf8))).first?.confidence == options.nameConfidence)
    }

    /// The answer says why: the table row and the JSON evidence name the weakness.
    @Test func theAnswerSaysWhyANameIsWeak() throws {
        let kb = try Self.bundle().knowledgeBase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-names-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var trainer = TechniqueModelTrainer()
        trainer.dimensions = 1 << 16
        let model = ExtractionModel.load(knowledgeBase: kb, training: [], cache: TechniqueModelCache(directory: folder, trainer: trainer))
        func row(_ text: String, _ id: String) throws -> (table: [String], evidence: [JSONValue]) {
            let answer = ExtractionAnswer(report: ReportText(Array(text.utf8)), knowledgeBase: kb, model: model, options: .init(all: true))
            let json = ExtractionJSON.value(answer)["findings"]?.arrayValue ?? []
            return (try #require(answer.table().rows.first { $0[1] == id }), json.first { $0["id"]?.stringValue == id }?["evidence"]?.arrayValue ?? [])
        }
        let weak = try row("The malware connected to two IP addresses in the Netherlands.", "T1590.005")
        #expect(weak.table[6].contains("(weak: unspecific-name)"))
        #expect(weak.evidence.contains { $0["via"]?.stringValue == "name" && $0["weak"]?.stringValue == "unspecific-name" })
        // A claim by name: no note, no reason.
        let claim = try row("The loader used process hollowing against a new process.", "T1055.012")
        #expect(!claim.table[6].contains("(weak:"))
        #expect(claim.evidence.allSatisfy { $0["weak"] == nil })
    }

    /// On the real release: object-like sub-technique names are unspecific, behaviour names
    /// and tool names are not.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func onEnterprise181() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let names = NameSpecificity(extractor: ReportExtractor(kb: kb))
        let forms = Set(names.unspecificForms.map { "\($0.0) \($0.1)" })
        for expected in ["T1590.005 ip addresses", "T1593.001 social media", "T1021.007 cloud services", "T1087.003 email account"] {
            #expect(forms.contains(expected), "\(expected)")
        }
        for technique in kb.objects(.technique) where ["T1055.012", "T1218.011", "T1059.001", "T1003.001", "T1486", "T1566"].contains(technique.attackID) {
            #expect(!forms.contains { $0.hasPrefix(technique.attackID + " ") }, "\(technique.attackID) \(technique.name)")
        }
    }
}
