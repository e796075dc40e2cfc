import Foundation
import Navigator
import Testing
import TestSupport

/// Integration checks on Enterprise 18.1. With `NAVIGATOR_SAMPLES_DIR` set, the sample
/// layers and renderings are also written there for `tools/navigator/check.sh`.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct EnterpriseSamples {
    @Test func generatedLayersValidateAndSamplesAreWritten() throws {
        let matrix = try #require(Enterprise.matrix)
        let gen = LayerGenerator(matrix: matrix)
        var samples: [(String, Layer)] = []
        samples.append(("group-apt29", try gen.groups(["APT29"]).layer))
        samples.append(("groups-overlap", try gen.groups(["APT29", "APT28", "Lazarus Group"]).layer))
        samples.append(("group-apt29-software-windows", try gen.groups(["G0016"], options: GeneratorOptions(platforms: ["Windows"], viaSoftware: true)).layer))
        samples.append(("group-apt28-persistence", try gen.groups(["APT28"], options: GeneratorOptions(tactic: "persistence")).layer))
        samples.append(("software-cobalt-strike", try gen.software("S0154").layer))
        samples.append(("campaign-c0024", try gen.campaign("C0024").layer))
        samples.append(("mitigation-m1038", try gen.mitigation("M1038").layer))
        samples.append(("platform-linux", try gen.platform("Linux").layer))
        samples.append(("techniques-list", try gen.techniques(TechniqueList.parse("technique,score\nT1059.001,5\nPhishing,2\nT1086,1\n", source: "list.csv")).layer))
        let a = samples[0].1, b = try gen.groups(["APT28"]).layer
        samples.append(("combine-expression", try LayerCombiner.combine([a, b], .expression("a * 2 + b")).layer))
        samples.append(("combine-union", try LayerCombiner.combine([a, b], .union).layer))
        let validator = LayerValidator(matrix: matrix)
        for (name, layer) in samples {
            let errors = validator.validate(layer).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(name): \(errors.map(\.description))")
        }
        // The group layer's techniques are the knowledge base's answer.
        let apt29 = try Enterprise.kb.map { try $0.resolve("APT29", kind: .group).object }
        let expected = Set(try #require(Enterprise.kb).techniquesUsed(byGroup: try #require(apt29)).map(\.object.attackID))
        #expect(Set(a.techniques.filter { $0.score != nil }.map(\.techniqueID)) == expected)

        guard let dir = ProcessInfo.processInfo.environment["NAVIGATOR_SAMPLES_DIR"], !dir.isEmpty else { return }
        let out = URL(fileURLWithPath: dir, isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var expectedIDs: [String: [String]] = [:]
        for (name, layer) in samples {
            try LayerFile.write([layer], to: out.appendingPathComponent("\(name).json"))
            expectedIDs[name] = Array(Set(layer.techniques.map(\.techniqueID))).sorted()
        }
        try LayerFile.write(samples.prefix(2).map(\.1), to: out.appendingPathComponent("array-of-layers.json"))
        let expectedJSON = try JSONSerialization.data(withJSONObject: expectedIDs, options: [.sortedKeys])
        try expectedJSON.write(to: out.appendingPathComponent("expected-techniques.json.txt"))
        let overlap = samples[1].1
        for format in [RenderFormat.svg, .html, .csv, .markdown] {
            let ext = format == .markdown ? "md" : format.rawValue
            try LayerRenderer.render([overlap], as: format, matrix: matrix).write(to: out.appendingPathComponent("overlap.\(ext)"))
        }
        try (LayerRenderer.render([a, overlap], as: .xlsx, matrix: matrix)).write(to: out.appendingPathComponent("layers.xlsx"))
        let full = Self.fullMatrixLayer(matrix)
        try (Data(HTMLRenderer.render(full, matrix: matrix).utf8)).write(to: out.appendingPathComponent("full.html"))
        try (Data(SVGRenderer.render(full, matrix: matrix).utf8)).write(to: out.appendingPathComponent("full.svg"))
    }

    @Test func samplesInTheCorpusReadAndUpgrade() throws {
        let matrix = try #require(Enterprise.matrix)
        let dir = SharedData.corpora.appendingPathComponent("navigator/layers/samples")
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" } ?? []
        #expect(files.count >= 7)
        for url in files {
            let doc = try LayerFile.read(contentsOf: url)
            #expect(doc.upgrades.contains { $0.path == "version" }, "\(url.lastPathComponent)")
            let (layer, _) = try #require(doc.layer).withExplicitTactics(matrix)
            #expect(layer.techniques.allSatisfy { $0.tactic != nil || matrix.technique($0.techniqueID) == nil })
            _ = LayerValidator(matrix: matrix).validate(doc)
        }
    }

    /// A layer scoring every technique under every tactic, all sub-techniques shown.
    static func fullMatrixLayer(_ matrix: MatrixIndex) -> Layer {
        var layer = Layer(name: "full", domain: matrix.kb.domain, gradient: .navigatorDefault)
        layer.layout = LayerLayout(expandedSubtechniques: "all")
        for (n, (id, tactics)) in matrix.tacticsOfTechnique.sorted(by: { $0.key < $1.key }).enumerated() {
            for t in tactics { layer.techniques.append(LayerTechnique(techniqueID: id, tactic: t, score: Double(n * 37 % 101), comment: "technique \(id)")) }
        }
        return layer
    }
}
