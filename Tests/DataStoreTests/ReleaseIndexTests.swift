import ATTACK
import Foundation
import Testing
@testable import DataStore
import TestSupport

@Suite struct ReleaseIndexTests {
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func parsesMITREsPublishedIndex() throws {
        let file = SharedData.attackData.appendingPathComponent("stix21/index.json")
        let index = try ReleaseIndex(data: Data(contentsOf: file), source: file.path)
        #expect(index.name == "MITRE ATT&CK")
        #expect(index.collections.map(\.domain) == [.enterprise, .mobile, .ics])
        let latest = try index.latest(.enterprise)
        #expect(latest.version.text == "18.1")
        #expect(latest.url.absoluteString.hasSuffix("/enterprise-attack/enterprise-attack-18.1.json"))
        let mobile = try index.release(.mobile, version: "17.1")
        #expect(mobile.url.lastPathComponent == "mobile-attack-17.1.json")
        for domain in AttackDomain.allCases {
            let versions = index.releases(domain).map(\.version)
            #expect(versions == versions.sorted(by: >), "\(domain) releases are newest first")
        }
        // 18.1 > 9.0 > 1.0 numerically; alphabetical order would put 9.0 first.
        let enterprise = index.releases(.enterprise).map(\.version.text)
        #expect(try #require(enterprise.firstIndex(of: "10.0")) < #require(enterprise.firstIndex(of: "9.0")))
        #expect(enterprise.last == "1.0")
        // Mobile lists pre-releases (11.2-beta); they sort below 11.2's neighbours, above 11.0.
        let mobileVersions = index.releases(.mobile).map(\.version.text)
        #expect(mobileVersions.contains("11.2-beta"))
        #expect(try #require(mobileVersions.firstIndex(of: "11.3")) < #require(mobileVersions.firstIndex(of: "11.2-beta")))
    }

    @Test func sortsVersionsNewestFirstWhateverTheFileOrder() throws {
        let base = try #require(URL(string: "http://127.0.0.1:9"))
        let index = try ReleaseIndex(data: Data(Fixture.index(base: base, enterprise: ["9.0", "18.1", "10.0"]).utf8),
                                     source: "fixture")
        #expect(index.releases(.enterprise).map(\.version.text) == ["18.1", "10.0", "9.0"])
        #expect(try index.latest(.enterprise).version.text == "18.1")
        #expect(try index.release(.enterprise, version: "v10").version.text == "10.0")
    }

    @Test func missingVersionListsWhatIsAvailable() throws {
        let base = try #require(URL(string: "http://127.0.0.1:9"))
        let index = try ReleaseIndex(data: Data(Fixture.index(base: base, enterprise: ["18.1", "17.1"]).utf8),
                                     source: "fixture.json")
        #expect(throws: ReleaseIndexError.versionNotFound(domain: .enterprise, version: "99.0",
                                                          available: ["18.1", "17.1"], source: "fixture.json")) {
            try index.release(.enterprise, version: "99.0")
        }
        #expect(throws: ReleaseIndexError.noReleases(domain: .ics, source: "fixture.json")) {
            try index.latest(.ics)
        }
    }

    @Test func malformedEntryNamesItsJSONPath() {
        let text = """
            {"collections": [{"id": "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019", "name": "Enterprise ATT&CK",
              "versions": [{"version": "18.1", "url": "https://example.org/e.json"}, {"version": "18.0"}]}]}
            """
        #expect(throws: ReleaseIndexError.unexpected(source: "idx.json", path: "$.collections[0].versions[1].url",
                                                     expected: "an http or https URL")) {
            try ReleaseIndex(data: Data(text.utf8), source: "idx.json")
        }
        do {
            _ = try ReleaseIndex(data: Data("{\"collections\": [".utf8), source: "cut.json")
            Issue.record("a truncated index must not parse")
        } catch {
            #expect(String(describing: error).hasPrefix("cut.json: expected the ATT&CK release index as JSON"))
        }
    }

    @Test func indexURLComesFromParameterThenEnvironmentThenMITRE() throws {
        let explicit = try #require(URL(string: "http://127.0.0.1:1/explicit.json"))
        let environment = ["TTPKIT_INDEX_URL": "http://127.0.0.1:2/env.json"]
        #expect(ReleaseIndex.url(explicit: explicit, environment: environment) == explicit)
        #expect(ReleaseIndex.url(environment: environment).absoluteString == "http://127.0.0.1:2/env.json")
        #expect(ReleaseIndex.url(environment: [:]) == ReleaseIndex.defaultURL)
        #expect(ReleaseIndex.defaultURL.absoluteString
            == "https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/index.json")
    }
}
