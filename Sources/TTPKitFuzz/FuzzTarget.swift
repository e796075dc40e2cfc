import ATTACK
import Coverage
import DataStore
import Foundation
import Intel
import Navigator
import STIX

/// One reader of untrusted input, fed whatever bytes the fuzzer makes. A target only returns
/// or throws a typed error; a trap, overflow, assertion or memory error is a finding.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// `STIXBundle.parse`, then a knowledge base built from what it read.
    case bundle
    /// `LayerFile` reading, `LayerValidator`, and every renderer.
    case layer
    /// `ScoreExpression` parsing and evaluation.
    case expression
    /// The coverage-document reader (coverage files and coverage layers), alone and aligned to a release.
    case coverageFile = "coverage-file"
    case sigma, elastic, splunk, sentinel, csv
    /// A telemetry inventory (YAML).
    case telemetry
    /// DeTT&CT administration files (YAML).
    case dettect
    /// Waivers files (YAML or JSON), checked against the fixture release.
    case waivers
    /// TAXII 2.1 envelopes.
    case taxii
    /// MITRE's release index.
    case releaseIndex = "release-index"
    /// The knowledge-base snapshot reader (``FuzzSnapshot``).
    case snapshot
    /// Annotated reports (TRAM, AnnoCTR): `data import`, `extract --training-reports`.
    case annotatedReports = "annotated-reports"
    /// The MISP threat-actor galaxy: `data import misp-galaxy`, `--galaxy`.
    case galaxy

    /// The target chosen on the command line (set once, before the fuzzer starts).
    nonisolated(unsafe) static var selected = FuzzTarget.bundle

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let data = Data(buffer: bytes)
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .bundle:
            guard let bundle = try? STIXBundle.parse(data, source: "fuzz.json") else { return }
            _ = try? KnowledgeBase(bundles: [bundle])
        case .layer:
            let matrix = FuzzFixture.matrix
            let findings = LayerValidator(matrix: matrix).validate(data: data, source: "fuzz.json")
            guard !findings.contains(where: \.isFatal),
                  let document = try? LayerFile.parse(data, source: "fuzz.json") else { return }
            // XLSX (zip and deflate) is slow; it is exercised on a sixteenth of the inputs.
            let formats = RenderFormat.allCases.filter { $0 != .xlsx || data.count % 16 == 0 }
            for format in formats {
                _ = try? LayerRenderer.render(document.layers, as: format, matrix: matrix)
            }
        case .expression:
            guard let expression = try? ScoreExpression(text, variables: 3) else { return }
            _ = expression.evaluate([1, -2.5, 1e308])
        case .coverageFile:
            _ = try? CoverageDocument.parse(data, source: "fuzz.json", knowledgeBase: nil)
            _ = try? CoverageDocument.parse(data, source: "fuzz.json", knowledgeBase: FuzzFixture.kb)
        case .sigma: _ = SigmaParser.parse(text: text, path: "fuzz.yml")
        case .elastic: _ = ElasticParser.parse(text: text, path: "fuzz.toml")
        case .splunk: _ = SplunkParser.parse(text: text, path: "fuzz.yml")
        case .sentinel: _ = SentinelParser.parse(text: text, path: "fuzz.yaml")
        case .csv: _ = CSVRuleParser.parse(text: text, path: "fuzz.csv")
        case .telemetry: _ = TelemetryInventory.parse(text: text, path: "fuzz.yml")
        case .dettect:
            _ = try? TechniqueAdministration.parse(text: text, path: "fuzz.yaml")
            _ = try? DataSourceAdministration.parse(text: text, path: "fuzz.yaml")
            _ = try? GroupAdministration.parse(text: text, path: "fuzz.yaml")
        case .waivers:
            _ = try? WaiverFile.parse(text: text, path: "fuzz.yaml", knowledgeBase: FuzzFixture.kb)
        case .taxii:
            _ = try? TAXIIPage(envelope: data, url: FuzzFixture.url)
        case .releaseIndex:
            _ = try? ReleaseIndex(data: data, source: "fuzz.json")
        case .snapshot:
            FuzzSnapshot.run(bytes)
        case .annotatedReports:
            guard let reports = try? AnnotatedReports(data: data, source: "fuzz.json") else { return }
            for i in reports.reports.indices {
                _ = reports.passages(of: i)
                _ = reports.sentences(of: i)
            }
        case .galaxy:
            guard let galaxy = try? ThreatActorGalaxy(data: data, source: "fuzz.json") else { return }
            _ = try? GroupSelection.choose(.sector("Financial"), galaxy: galaxy, knowledgeBase: FuzzFixture.kb)
        }
    }
}
