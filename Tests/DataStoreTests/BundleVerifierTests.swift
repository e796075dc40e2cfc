import ATTACK
import Foundation
import Testing
@testable import DataStore
import STIX
import TestSupport

@Suite struct BundleVerifierTests {
    @Test func acceptsACompleteATTACKBundle() throws {
        let summary = try BundleVerifier.verify(data: Data(Fixture.bundle().utf8), source: "b.json")
        #expect(summary == BundleVerifier.Summary(objectCount: 4, matrixCount: 1, domain: .enterprise,
                                                  version: AttackVersion("18.1")))
    }

    /// The STIX reader's message for `text`, or `nil` when it was not rejected as a bundle.
    static func problem(_ text: String, source: String) -> STIXError? {
        do {
            _ = try BundleVerifier.verify(data: Data(text.utf8), source: source)
            return nil
        } catch {
            guard case .invalidBundle(let path, let bytes, let problem) = error else { return nil }
            #expect(path == source)
            #expect(bytes == text.utf8.count)
            return problem
        }
    }

    @Test func rejectsWrongShapesNamingTheSource() throws {
        let layer = try #require(Self.problem(#"{"type": "layer"}"#, source: "layer.json"))
        #expect(layer.source == "layer.json")
        #expect(layer.message.contains("\"layer\""))
        #expect(try #require(Self.problem(#"{"type": "bundle"}"#, source: "b.json")).message.contains("objects"))
        #expect(try #require(Self.problem("[]", source: "a.json")).message.contains("array"))
        #expect(throws: BundleVerificationError.noMatrix(path: "b.json", objectCount: 1)) {
            try BundleVerifier.verify(data: Data(Fixture.bundleWithoutMatrix.utf8), source: "b.json")
        }
    }

    @Test func truncatedJSONIsRejectedWithItsOffset() throws {
        let cut = String(Fixture.bundle().prefix(100))
        let problem = try #require(Self.problem(cut, source: "cut.json"))
        #expect(try #require(problem.offset) <= 100)
        #expect(problem.message.contains("end of input"))
        #expect(String(describing: BundleVerificationError.invalidBundle(path: "cut.json", bytes: 100, problem: problem))
            .hasPrefix("cut.json: byte "))
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func acceptsMITREsICSBundle() throws {
        let summary = try BundleVerifier.verify(fileAt: SharedData.bundle("ics-attack-18.1.json"))
        #expect(summary.matrixCount >= 1)
        #expect(summary.objectCount > 1000)
    }
}
