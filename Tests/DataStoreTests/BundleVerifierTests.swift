import Foundation
import Testing
@testable import DataStore
import TestSupport

@Suite struct BundleVerifierTests {
    @Test func acceptsACompleteATTACKBundle() throws {
        let summary = try BundleVerifier.verify(data: Data(Fixture.bundle().utf8), source: "b.json")
        #expect(summary == BundleVerifier.Summary(objectCount: 4, matrixCount: 1))
    }

    @Test func rejectsWrongShapesNamingTheSource() {
        #expect(throws: BundleVerificationError.notABundle(path: "layer.json", found: "\"type\": \"layer\"")) {
            try BundleVerifier.verify(data: Data(#"{"type": "layer"}"#.utf8), source: "layer.json")
        }
        #expect(throws: BundleVerificationError.missingObjects(path: "b.json")) {
            try BundleVerifier.verify(data: Data(#"{"type": "bundle"}"#.utf8), source: "b.json")
        }
        #expect(throws: BundleVerificationError.noMatrix(path: "b.json", objectCount: 1)) {
            try BundleVerifier.verify(data: Data(Fixture.bundleWithoutMatrix.utf8), source: "b.json")
        }
        #expect(throws: BundleVerificationError.notABundle(path: "a.json", found: "a JSON value that is not an object")) {
            try BundleVerifier.verify(data: Data("[]".utf8), source: "a.json")
        }
    }

    @Test func truncatedJSONIsInvalid() {
        let cut = Data(Fixture.bundle().utf8).prefix(100)
        do {
            _ = try BundleVerifier.verify(data: cut, source: "cut.json")
            Issue.record("a truncated bundle must be rejected")
        } catch {
            guard case .invalidJSON(let path, let bytes, _) = error else {
                Issue.record("expected invalidJSON, got \(error)")
                return
            }
            #expect(path == "cut.json")
            #expect(bytes == 100)
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func acceptsMITREsICSBundle() throws {
        let summary = try BundleVerifier.verify(fileAt: SharedData.bundle("ics-attack-18.1.json"))
        #expect(summary.matrixCount >= 1)
        #expect(summary.objectCount > 1000)
    }
}
