import ATTACK
import Testing
@testable import DataStore

@Suite struct AttackVersionTests {
    @Test func ordersNumericallyNotAlphabetically() throws {
        let versions = ["9.0", "18.1", "10.0", "1.0", "18.0", "8.2"].compactMap(AttackVersion.init)
        #expect(versions.sorted().map(\.text) == ["1.0", "8.2", "9.0", "10.0", "18.0", "18.1"])
        #expect(try #require(AttackVersion("18.1")) > #require(AttackVersion("9.0")))
    }

    @Test func leadingVAndTrailingZerosAreTheSameVersion() throws {
        #expect(AttackVersion("v18.1") == AttackVersion("18.1"))
        #expect(AttackVersion("v18.1")?.text == "18.1")
        #expect(AttackVersion("18") == AttackVersion("18.0"))
        #expect(Set([AttackVersion("18"), AttackVersion("18.0")]).count == 1)
    }

    @Test func preReleasesSortBeforeTheirRelease() throws {
        let beta = try #require(AttackVersion("11.2-beta"))
        #expect(beta.prerelease == "beta")
        #expect(beta.text == "11.2-beta")
        #expect(try beta < #require(AttackVersion("11.2")))
        #expect(try beta > #require(AttackVersion("11.1")))
        #expect(beta != AttackVersion("11.2"))
    }

    @Test(arguments: ["", "v", "18.x", "18..1", "-1", "18.1-", "18.1-be ta", "1٨"])
    func rejectsNonNumericVersions(_ text: String) {
        #expect(AttackVersion(text) == nil)
    }

    @Test func domainsParseAsUsersTypeThem() {
        #expect(AttackDomain(argument: "Enterprise") == .enterprise)
        #expect(AttackDomain(argument: "ics-attack") == .ics)
        #expect(AttackDomain(argument: "Mobile ATT&CK") == .mobile)
        #expect(AttackDomain(argument: "pre") == nil)
        #expect(AttackDomain(collectionID: "x-mitre-collection--90c00720-636b-4485-b342-8751d232bf09") == .ics)
        #expect(AttackDomain.mobile.fileName(version: "17.1") == "mobile-attack-17.1.json")
    }
}
