import Foundation
import ATTACK
import TestSupport
import Testing

/// Integration tests over MITRE's published bundles in ../shared/attack-data.
@Suite("Shared ATT&CK bundles", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct SharedBundleTests {
    @Test func enterprise181CountsMatchTheWebsite() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        #expect(kb.domain == .enterprise)
        #expect(kb.attackVersion == "18.1")
        #expect(kb.objects(.tactic).count == 14)
        #expect(kb.objects(.technique).filter { !$0.isSubtechnique }.count == 216)
        #expect(kb.objects(.technique).filter(\.isSubtechnique).count == 475)
        #expect(kb.objects(.group).count == 172)
        #expect(kb.danglingRelationships.isEmpty)
    }

    @Test func apt29TechniquesIncludeSolarWindsCampaign() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let apt29 = try kb.resolve("cozy bear", kind: .group).object
        #expect(apt29.attackID == "G0016")
        let used = kb.techniquesUsed(byGroup: apt29)
        #expect(used.contains { $0.vias.contains(.campaign("C0024")) })
        #expect(used.allSatisfy { $0.object.isActive })
    }

    @Test func directSoftwareIsNotHiddenBehindACampaign() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let apt29 = try kb.resolve("APT29", kind: .group).object
        let mimikatz = try #require(kb.softwareUsed(byGroup: apt29).first { $0.object.attackID == "S0002" })
        #expect(mimikatz.vias.contains(.direct))
        #expect(mimikatz.viaSummary == "direct; also via campaign C0024")
        let direct = try #require(kb.softwareUsed(byGroup: apt29).first { $0.vias == [.direct] })
        #expect(direct.viaSummary == nil)
    }

    /// `Citation.stripped` works on UTF-8 bytes for speed; it must give what the earlier
    /// Foundation version gave on every description and relationship text of the release.
    @Test func citationStrippingMatchesTheFoundationVersion() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        func reference(_ text: String) -> String {
            var out = ""
            var rest = text[...]
            while let open = rest.range(of: "(Citation:") {
                out += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].firstIndex(of: ")") else { rest = rest[rest.endIndex...]; break }
                rest = rest[rest.index(after: close)...]
            }
            out += rest
            while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
            return out.replacingOccurrences(of: " .", with: ".").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var texts = kb.objects.map(\.description) + kb.relationships.map(\.description)
        texts += ["  a  (Citation: X)  .\u{00A0}", "(Citation: open", "é (Citation: Ü) ü .", "\u{2028}x\u{3000}", "", "   "]
        var differing = 0
        for t in texts where Citation.stripped(t) != reference(t) { differing += 1 }
        #expect(texts.count > 20000)
        #expect(differing == 0)
    }

    /// `Citation.citationNames` works on UTF-8 bytes too; it must give what the Foundation
    /// version gave on every text of the release.
    @Test func citationNamesMatchTheFoundationVersion() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        func reference(_ text: String) -> [String] {
            var names: [String] = []
            var rest = text[...]
            while let open = rest.range(of: "(Citation:") {
                guard let close = rest[open.upperBound...].firstIndex(of: ")") else { break }
                names.append(rest[open.upperBound..<close].trimmingCharacters(in: .whitespaces))
                rest = rest[rest.index(after: close)...]
            }
            return names
        }
        var texts = kb.objects.map(\.description) + kb.relationships.map(\.description)
        texts += ["(Citation:\u{00A0}Ü Report 2020\u{3000}) é (Citation: open", "(Citation:)(Citation: a)", "(Citation", ""]
        #expect(texts.count > 20000)
        #expect(texts.filter { Citation.citationNames(in: $0) != reference($0) }.count == 0)
        #expect(Citation.citationNames(in: "x (Citation: A B ) y (Citation:C)") == ["A B", "C"])
    }

    @Test func subTechniquesResolveAsParentColonName() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        #expect(try kb.resolve("OS Credential Dumping: LSASS Memory").object.attackID == "T1003.001")
        #expect(try kb.resolve("phishing: spearphishing link", kind: .technique).object.attackID == "T1566.002")
        #expect(try kb.resolve("Phishing for Information: Spearphishing Link").object.attackID == "T1598.003")
        #expect(throws: LookupError.self) { try kb.resolve("Spearphishing Link", kind: .technique) }
    }

    @Test func searchPutsTheTechniqueBeforeDetectionContent() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let hits = kb.search("credential dumping")
        #expect(hits.first?.object.attackID == "T1003")
        let firstDetection = hits.firstIndex { $0.object.kind == .detectionStrategy || $0.object.kind == .analytic }
        let technique = hits.firstIndex { $0.object.attackID == "T1003" }
        if let firstDetection, let technique { #expect(technique < firstDetection) }
    }

    @Test func revokedTechniqueResolvesToReplacement() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let r = try kb.resolve("T1086", kind: .technique)
        #expect(r.object.attackID == "T1059.001")
        #expect(r.note == "T1086 was revoked by T1059.001 PowerShell")
    }

    @Test func v18DetectionAnswersWithLogSources() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let d = kb.detection(of: try kb.resolve("T1059.001").object)
        #expect(!d.strategies.isEmpty)
        #expect(!d.logSources.isEmpty)
        #expect(!d.dataComponents.isEmpty)
    }

    @Test func preV18ReleaseAnswersWithDataComponents() throws {
        let kb = try SharedKnowledge.enterprise140.get()
        let d = kb.detection(of: try kb.resolve("T1059.001").object)
        #expect(d.strategies.isEmpty)
        #expect(d.dataComponents.contains { $0.name == "Process Creation" })
    }

    @Test func mobileAndICSAndSTIX21Load() throws {
        let mobile = try SharedKnowledge.mobile181.get()
        #expect(mobile.domain == .mobile)
        #expect(mobile.tacticsByMatrix().count == 1, "the deprecated Network-Based Effects matrix is left out")
        #expect(mobile.tacticsByMatrix(including: .all).count == 2)
        let ics = try SharedKnowledge.ics181.get()
        #expect(ics.domain == .ics)
        #expect(!ics.objects(.asset).isEmpty)
        let ics21 = try SharedKnowledge.ics181stix21.get()
        #expect(ics21.stixVersion == "2.1")
        #expect(ics21.attackVersion == "18.1")
        #expect(ics21.objects(.technique).count == ics.objects(.technique).count)
        let mobile21 = try SharedKnowledge.mobile171stix21.get()
        #expect(mobile21.attackVersion == "17.1")
    }
}
