import ATTACK
import Intel
import TestSupport
import Testing

/// IOC analysis and the pre-compromise split on the real releases.
@Suite("IOC analysis on the shared releases", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct IOCAnalysisSharedTests {
    @Test func preCompromiseIsReadFromTheRelease() throws {
        let enterprise = try SharedKnowledge.enterprise181.get()
        let pre = enterprise.preCompromise()
        #expect(pre.tactics.map(\.attackID) == ["TA0043", "TA0042"], "Reconnaissance and Resource Development, found by M1056 alone")
        #expect(pre.mitigation?.attackID == "M1056")
        let domains = try #require(enterprise.objects(attackID: "T1583.001").first)
        let powershell = try #require(enterprise.objects(attackID: "T1059.001").first)
        #expect(pre.contains(domains) && !pre.contains(powershell))
        #expect(pre.reason(domains) == "Resource Development")
        let mobile = try SharedKnowledge.mobile181.get()
        #expect(mobile.preCompromise().tactics.isEmpty, "Mobile has no pre-compromise tactic")
    }

    @Test func mimikatzAloneIsAWeakLeadAndTheHuntHasNoPreCompromiseOrNoneChannel() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let linked = IOCLinker(knowledgeBases: [kb]).link([
            IOCRecord(value: "d41d8cd98f00b204e9800998ecf8427e", type: "md5", references: ["Mimikatz"]),
            IOCRecord(value: "198.51.100.23", type: "ip-dst", references: ["APT29"]),
        ])
        let a = IOCAnalysis(linked: linked, huntLimit: 50)
        #expect(a.actors.map(\.object.name) == ["APT29"])
        #expect(a.weakLeads.count > 20 && !a.weakLeads.contains { $0.object.name == "APT29" }, "groups using Mimikatz are leads apart")
        #expect(a.weakLeads.allSatisfy { $0.evidence == .software && $0.sharedBy > 20 })
        let pre = kb.preCompromise()
        #expect(!a.hunt.isEmpty && a.hunt.allSatisfy { !pre.contains($0.technique) })
        #expect(a.preCompromiseLeftOut > 0)
        #expect(a.hunt.map(\.specificity) == a.hunt.map(\.specificity).sorted(by: >))
        let sources = kb.objects(.technique).flatMap { IOCAnalysis.logSources(of: $0, in: kb) }
        #expect(!sources.isEmpty && !sources.contains { $0.contains("None") }, "MITRE's 'None' channel is never printed")
    }
}
