import ATTACK
import Foundation
import Intel
import Output
import STIX
import TestSupport
import Testing

/// Evidence an analyst can triage (issue 21): lines, the shortest sentence span, tactic
/// grouping, `all`, CSV, the STIX bundle and IDs of other domains.
@Suite("Extraction triage")
struct TriageTests {
    let kb: KnowledgeBase

    init() throws { kb = try FixtureBundle.sample().knowledgeBase() }

    func answer(_ text: String, html: Bool? = nil, model: ExtractionModel? = nil, options: ExtractionAnswer.Options = .init()) -> ExtractionAnswer {
        ExtractionAnswer(report: ReportText(Array(text.utf8), isHTML: html), knowledgeBase: kb, model: model, options: options)
    }

    func model() throws -> ExtractionModel {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-triage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        return ExtractionModel.load(knowledgeBase: kb, training: [], cache: TechniqueModelCache(directory: folder))
    }

    @Test func evidenceHasTheLineOfTheFileAndScalarOffsets() throws {
        // A hard-wrapped sentence (a line of more than 60 bytes, so not a heading).
        let text = "Intro line.\n\nÉtude: after the first stage the actors ran the packer they had\nT1027 on hosts.\nThen EvilTool ran.\n"
        let a = answer(text)
        let t1027 = try #require(a.triaged.first { $0.finding.technique.attackID == "T1027" })
        #expect(t1027.line == 4)
        let e = try #require(t1027.evidence.first)
        // Unicode scalar offsets: "É" is one scalar of two bytes.
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[e.support.start..<e.support.end])) == "T1027")
        #expect(e.quote.text == "Étude: after the first stage the actors ran the packer they had T1027 on hosts.", "a sentence runs over a single line break")
        let json = ExtractionJSON.value(a)
        let tool = json["findings"]?.arrayValue?.first { $0["id"]?.stringValue == "S0001" }
        #expect(tool?["line"]?.doubleValue == 5)
        #expect(tool?["hits"]?[0]?["line"]?.doubleValue == 5)
    }

    /// Positions across the remembered scalar offsets (every 256th): scalar ↔ byte round-trips
    /// and lines, against a direct count, in text with one- to four-byte characters.
    @Test func positionsMatchADirectCount() {
        let pieces = ["a", "é", "日", "🇫🇷", "\n", " ", "\r\n", "x\u{301}"]
        var rng = SystemRandomNumberGenerator()
        let text = (0..<3000).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
        let bytes = Array(text.utf8)
        let report = ReportText(bytes, isHTML: false)
        var scalar = 0, line = 1
        for (i, b) in bytes.enumerated() {
            if b & 0xC0 != 0x80 {
                #expect(report.positions.byteOffset(ofScalar: scalar, in: bytes) == i)
                #expect(report.positions.scalarOffset(ofByte: i, in: bytes) == scalar)
                scalar += 1
            }
            #expect(report.positions.line(ofByte: i) == line)
            if b == 10 { line += 1 }
        }
        #expect(report.positions.byteOffset(ofScalar: scalar, in: bytes) == bytes.count)
        #expect(report.positions.scalarOffset(ofByte: bytes.count, in: bytes) == scalar)
    }

    @Test func htmlEvidenceHasTheLineOfTheSource() throws {
        let html = "<html>\n<body>\n<p>Intro &amp; more.</p>\n<!-- a\ncomment -->\n<p>The actors\nran <b>T1027</b> twice.</p>\n<p>They used\nEvilTool (T1218).</p></body></html>"
        let a = answer(html, html: true)
        let t = try #require(a.triaged.first { $0.finding.technique.attackID == "T1027" })
        #expect(t.line == 7)
        #expect(t.evidence.first?.quote.text == "The actors ran T1027 twice.")
        // In HTML a short source line before a capital is the source's wrapping, not a heading.
        let t1218 = try #require(a.triaged.first { $0.finding.technique.attackID == "T1218" })
        #expect(t1218.line == 9 && t1218.evidence.first?.quote.text == "They used EvilTool (T1218).")
    }

    /// A byte range that starts or ends inside a character (any caller may give one) quotes
    /// the character whole, never a broken one or a crash.
    @Test func aSupportInsideACharacterQuotesItWhole() {
        let report = ReportText(Array("Le groupe a utilisé PowerShell.\nSuite: ça.".utf8), isHTML: false)
        let e = Array("Le groupe a utilis".utf8).count   // the first byte of "é"
        for support in [(e + 1)..<(e + 1), (e + 1)..<(e + 2), e..<(e + 1), 0..<(e + 1)] {
            let q = report.evidenceQuote(support: support)
            #expect(q.text == "Le groupe a utilisé PowerShell.", "\(support)")
            #expect(q.line == 1)
        }
    }

    @Test func blankLinesListsAndHeadingsStillEndSentences() {
        let report = ReportText(Array("Execution\nAPT Test used T1027.\n\nNext paragraph T1059.\n- item with T1218\n".utf8), isHTML: false)
        #expect(report.evidenceQuote(support: 24..<29).text == "APT Test used T1027.")
        #expect(report.evidenceQuote(support: 47..<52).text == "Next paragraph T1059.")
        #expect(report.evidenceQuote(support: 66..<71).text == "- item with T1218")
        // A support ending with its sentence's mark (a scored passage) quotes that sentence only.
        #expect(report.evidenceQuote(support: 10..<30).text == "APT Test used T1027.")
        // A short line continued in lower case is one sentence.
        let wrapped = ReportText(Array("They ran\nthe packer T1027 twice.".utf8), isHTML: false)
        #expect(wrapped.evidenceQuote(support: 20..<25).text == "They ran the packer T1027 twice.")
        #expect(wrapped.evidenceQuote(support: 20..<25).line == 2)
    }

    @Test func longSentencesAreCutAroundTheSupport() throws {
        let before = String(repeating: "alpha beta gamma ", count: 60)
        let after = String(repeating: " delta epsilon", count: 60)
        let text = "Short one. " + before + "they ran T1027" + after + ". Last."
        let a = answer(text)
        let q = try #require(a.triaged.first?.evidence.first?.quote)
        #expect(q.text.count <= EvidenceQuote.maxCharacters)
        #expect(q.text.contains("they ran T1027 delta"))
        #expect(q.text.hasPrefix("…") && q.text.hasSuffix("…"))
        #expect(!q.text.dropFirst().hasPrefix(" "), "cut at a word boundary")
        // A whole sentence when it fits.
        #expect(answer("Short one. They ran T1027 here. Last.").triaged.first?.evidence.first?.quote.text == "They ran T1027 here.")
    }

    @Test func techniquesAreGroupedUnderTheirFirstTacticInMatrixOrder() throws {
        // T1218 is defense-evasion then execution in its kill chain; the matrix puts Execution first.
        let a = answer("They used T1027, then T1218 and T1059.001.")
        #expect(a.byTactic.map { $0.tactic?.shortname } == ["execution", "defense-evasion"])
        let execution = try #require(a.byTactic.first)
        #expect(Set(execution.findings.map(\.finding.technique.attackID)) == ["T1218", "T1059.001"])
        let t1218 = try #require(execution.findings.first { $0.finding.technique.attackID == "T1218" })
        #expect(t1218.otherTactics.map(\.shortname) == ["defense-evasion"])
        let rows = a.table().rows
        #expect(rows.first?[0] == "Execution" && rows.first?.count == 7)
        #expect(rows.contains { $0[1] == "T1218" && $0[6].hasPrefix("[also Defense Evasion]") })
        let groups = ExtractionJSON.value(a)["by_tactic"]?.arrayValue ?? []
        #expect(groups.map { $0["tactic"]?.stringValue } == ["execution", "defense-evasion"])
    }

    @Test func allListsWhatTheCutOffDropsMarked() throws {
        let model = try model()
        let text = "APT Test ran obfuscated files or information, then T1059.001."
        let cut = answer(text, model: model, options: .init(minConfidence: 0.95))
        #expect(cut.triaged.allSatisfy { !$0.belowThreshold && $0.finding.confidence >= 0.95 })
        #expect(cut.triaged.map(\.finding.technique.attackID).contains("T1059.001"))
        #expect(!cut.triaged.map(\.finding.technique.attackID).contains("T1027"), "a name mention scores 0.9")
        let all = answer(text, model: model, options: .init(minConfidence: 0.95, all: true))
        let below = all.triaged.filter(\.belowThreshold)
        #expect(below.map(\.finding.technique.attackID).contains("T1027"))
        #expect(below.allSatisfy { $0.finding.confidence < 0.95 })
        #expect(all.findings.map(\.technique.attackID) == cut.findings.map(\.technique.attackID), "the layer and bundle keep the cut-off")
        let json = ExtractionJSON.value(all)["findings"]?.arrayValue ?? []
        #expect(json.first { $0["id"]?.stringValue == "T1027" }?["below_threshold"]?.boolValue == true)
        #expect(json.first { $0["id"]?.stringValue == "T1059.001" }?["below_threshold"] == nil)
        #expect(all.table().rows.contains { $0[1] == "T1027" && $0[3] == "(0.90)" })
        #expect(all.provenance.options.contains { $0.name == "all" && $0.value == "true" })
    }

    /// A name that is no claim says why in the JSON's evidence (`weak`); the table's note is
    /// tested in `NameSpecificityTests`, where the name is a finding's strongest evidence.
    @Test func weakNameEvidenceSaysWhy() throws {
        let model = try model()
        let text = "We recommend blocking obfuscated files or information at the mail gateway.\nThe actor then ran T1059.001 on the host."
        let a = answer(text, model: model, options: .init(all: true))
        let t1027 = try #require(a.triaged.first { $0.finding.technique.attackID == "T1027" })
        #expect(t1027.evidence.first { $0.support.method == .name }?.support.weak == .advice)
        let json = ExtractionJSON.value(a)["findings"]?.arrayValue ?? []
        let evidence = json.first { $0["id"]?.stringValue == "T1027" }?["evidence"]?.arrayValue ?? []
        #expect(evidence.contains { $0["via"]?.stringValue == "name" && $0["weak"]?.stringValue == "advice" })
        let id = json.first { $0["id"]?.stringValue == "T1059.001" }?["evidence"]?.arrayValue ?? []
        #expect(!id.isEmpty && id.allSatisfy { $0["weak"] == nil }, "an ID is a claim")
    }

    @Test func csvHasAHeaderQuotesAndNeutralisesFormulas() throws {
        let a = answer("=HYPERLINK(\"x\") and T1027, \"quoted\".\n@SUM(1) EvilTool")
        let csv = a.csvTable().csv(formulaSafe: true)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.first == "id,name,type,tactic,other_tactics,confidence,below_threshold,found_by,line,evidence")
        let t1027 = try #require(lines.first { $0.hasPrefix("T1027,") })
        #expect(t1027.contains(#","'=HYPERLINK(""x"") and T1027, ""quoted""."#), "quoted, quotes doubled, formula neutralised: \(t1027)")
        let tool = try #require(lines.first { $0.hasPrefix("S0001,") })
        #expect(tool.hasSuffix(",2,'@SUM(1) EvilTool"))
        #expect(Escape.spreadsheetCell("-1+2") == "'-1+2" && Escape.spreadsheetCell("\tx") == "'\tx" && Escape.spreadsheetCell("T1027") == "T1027")
    }

    @Test func idsOfOtherDomainsAreSaidToBeThem() {
        #expect(OtherDomainIDs.domain(of: "T1626") == .mobile)
        #expect(OtherDomainIDs.domain(of: "t1626.001") == .mobile)
        #expect(OtherDomainIDs.domain(of: "T0866") == .ics)
        #expect(OtherDomainIDs.domain(of: "TA0105") == .ics)
        #expect(OtherDomainIDs.domain(of: "T1059") == nil)
        #expect(OtherDomainIDs.domain(of: "T1564") == nil)
        #expect(OtherDomainIDs.unknownMessage("T1626", in: kb).hasPrefix("T1626 is a Mobile ATT&CK ID, not in Enterprise ATT&CK"))
        #expect(!OtherDomainIDs.unknownMessage("T1626", in: kb).contains("newer release"))
        #expect(OtherDomainIDs.unknownMessage("T1999", in: kb).contains("newer release?"))
    }

    /// The table of Mobile IDs is the Mobile 18.1 bundle's, and names no Enterprise ID.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func otherDomainTableMatchesTheBundles() throws {
        let data = SharedData.root.appendingPathComponent("attack-data")
        for (file, domain) in [("mobile-attack-18.1.json", AttackDomain.mobile), ("ics-attack-18.1.json", .ics)] {
            let other = try AttackLibrary.load([data.appendingPathComponent(file)]).knowledgeBase()
            for kind in [ObjectKind.technique, .tactic] {
                for o in other.objects(kind, including: .all) {
                    #expect(OtherDomainIDs.domain(of: o.attackID) == domain, "\(o.attackID) of \(file)")
                }
            }
        }
        let enterprise = try SharedKnowledge.enterprise181.get()
        for kind in [ObjectKind.technique, .tactic, .mitigation] {
            for o in enterprise.objects(kind, including: .all) where !o.attackID.isEmpty {
                #expect(OtherDomainIDs.domain(of: o.attackID) == nil, "\(o.attackID) is Enterprise's")
            }
        }
    }

    /// The STIX bundle: a report referring to the techniques' attack-patterns of the release
    /// and the groups and software named, those objects present, spec-valid custom properties,
    /// the same bundle for the same report.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func stixBundleRefersToTheReleaseObjects() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let text = Array("APT29 used Mimikatz and PowerShell (T1059.001) to dump LSASS memory (T1003.001).".utf8)
        let make = { ExtractionAnswer(report: ReportText(text, isHTML: false), knowledgeBase: kb, model: nil) }
        let bundle = try ExtractionSTIX.bundle(make(), name: "apt29.txt", knowledgeBase: kb, published: "2024-05-01T00:00:00.000Z")
        #expect(bundle["type"]?.stringValue == "bundle")
        let objects = bundle["objects"]?.arrayValue ?? []
        let report = try #require(objects.first { $0["type"]?.stringValue == "report" })
        #expect(report["spec_version"]?.stringValue == "2.1" && report["name"]?.stringValue == "apt29.txt")
        #expect(report["published"]?.stringValue == "2024-05-01T00:00:00.000Z")
        let refs = report["object_refs"]?.stringArray ?? []
        let t1059 = try #require(kb.objects(attackID: "T1059.001").first)
        let apt29 = try #require(kb.objects(attackID: "G0016").first)
        #expect(refs.contains(t1059.id) && refs.contains(apt29.id))
        let ids = Set(objects.compactMap { $0["id"]?.stringValue })
        for ref in refs {
            #expect(ids.contains(ref), "\(ref) is in the bundle")
            #expect(kb.object(stixID: ref) != nil, "\(ref) is an object of the release")
        }
        #expect(refs.filter { $0.hasPrefix("attack-pattern--") }.count == 2)
        // Every object is STIX 2.1, every reference resolves, every custom property is x_-prefixed.
        let standard: Set<String> = ["type", "spec_version", "id", "created", "modified", "created_by_ref", "name", "description", "report_types",
                                     "published", "object_refs", "identity_class", "revoked", "labels", "external_references", "object_marking_refs",
                                     "kill_chain_phases", "aliases", "is_family", "definition_type", "definition", "first_seen", "last_seen"]
        for o in objects {
            #expect(o["spec_version"]?.stringValue == "2.1", "\(o["id"]?.stringValue ?? "")")
            for key in o.objectValue?.keys ?? [] { #expect(standard.contains(key) || key.hasPrefix("x_"), "\(key)") }
            for ref in [o["created_by_ref"]?.stringValue].compactMap({ $0 }) + (o["object_marking_refs"]?.stringArray ?? []) {
                #expect(ids.contains(ref), "\(ref) resolves")
            }
        }
        #expect(report["x_ttpkit_provenance"]?["release"]?.stringValue == "18.1")
        #expect(try ExtractionSTIX.bundle(make(), name: "apt29.txt", knowledgeBase: kb, published: "2024-05-01T00:00:00.000Z") == bundle)
        let other = ExtractionAnswer(report: ReportText(text + Array(" Again.".utf8), isHTML: false), knowledgeBase: kb, model: nil)
        #expect(try ExtractionSTIX.bundle(other, name: "apt29.txt", knowledgeBase: kb)["id"] != bundle["id"])
        #expect(ExtractionSTIX.timestamp("2024-05-01") == "2024-05-01T00:00:00.000Z")
        #expect(ExtractionSTIX.timestamp("2024-13-01") == nil && ExtractionSTIX.timestamp("２０２４-05-01") == nil)
        let uuid = String(report["id"]?.stringValue?.dropFirst("report--".count) ?? "")
        #expect(uuid.count == 36 && Array(uuid)[14] == "5" && "89ab".contains(Array(uuid)[19]), "a UUIDv5: \(uuid)")
    }
}
