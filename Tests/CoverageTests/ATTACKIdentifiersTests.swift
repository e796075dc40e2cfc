import Testing
@testable import Coverage

struct ATTACKIdentifiersTests {
    @Test func techniqueIDsAreNormalisedToUpperCase() {
        #expect(ATTACKIdentifiers.techniqueID("attack.t1059.001") == "T1059.001")
        #expect(ATTACKIdentifiers.techniqueID(" t1059 ") == "T1059")
        #expect(ATTACKIdentifiers.techniqueID("T1059.1") == nil)
        #expect(ATTACKIdentifiers.techniqueID("T105") == nil)
        #expect(ATTACKIdentifiers.techniqueID("attack.execution") == nil)
    }

    @Test func tacticNamesBecomeHyphenatedShortnames() {
        #expect(ATTACKIdentifiers.tacticShortname("attack.defense_evasion") == "defense-evasion")
        #expect(ATTACKIdentifiers.tacticShortname("defense-evasion") == "defense-evasion")
        #expect(ATTACKIdentifiers.tacticShortname("DefenseEvasion") == "defense-evasion")
        #expect(ATTACKIdentifiers.tacticShortname("Command and Control") == "command-and-control")
        #expect(ATTACKIdentifiers.tacticShortname("CommandAndControl") == "command-and-control")
        #expect(ATTACKIdentifiers.tacticShortname("stealth") == "stealth")
        #expect(ATTACKIdentifiers.tacticShortname("") == nil)
    }

    @Test func tacticIDsComeFromReferences() {
        #expect(ATTACKIdentifiers.tacticID(fromReference: "https://attack.mitre.org/tactics/TA0005/") == "TA0005")
        #expect(ATTACKIdentifiers.tacticID("ta0112") == "TA0112")
    }

    @Test func sigmaTagsAreClassified() {
        #expect(ATTACKTag(sigmaTag: "attack.t1003.001") == .technique("T1003.001"))
        #expect(ATTACKTag(sigmaTag: "attack.credential_access") == .tactic("credential-access"))
        #expect(ATTACKTag(sigmaTag: "attack.g0016") == .group("G0016"))
        #expect(ATTACKTag(sigmaTag: "attack.s0154") == .software("S0154"))
        #expect(ATTACKTag(sigmaTag: "attack.ds0005") == .other)
        #expect(ATTACKTag(sigmaTag: "car.2013-05-004") == nil)
    }
}
