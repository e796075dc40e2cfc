import ATTACK
import Foundation
import Navigator

extension ExtractionResult {
    /// The techniques mentioned exactly (by ID, name or alias) in `report` (the text this
    /// result was extracted from), as findings: confidence 1 for an ID mention, 0.9 otherwise;
    /// their first mentions as evidence, ID mentions first (`ttpkit extract --no-learned`).
    /// Deprecated techniques, and revoked ones without a replacement, are left out (their hits
    /// keep a note saying so).
    public func exactFindings(in report: ReportText, maxEvidence: Int = 5) -> [TechniqueFinding] {
        byObject.filter { $0.object.kind == .technique && $0.object.isActive }.map { object, hits in
            func method(_ h: ExtractionHit) -> TechniqueFinding.Method { h.via == .id ? .id : h.via == .name ? .name : .alias }
            let methods = Set(hits.map(method)).sorted()
            let evidence = hits.sorted { (method($0), $0.offset) < (method($1), $1.offset) }.prefix(maxEvidence).map { h in
                TechniqueFinding.Evidence(
                    sentence: h.sentence, start: report.positions.scalarOffset(ofByte: h.offset, in: report.bytes),
                    end: report.positions.scalarOffset(ofByte: h.offset + h.text.utf8.count, in: report.bytes),
                    confidence: method(h) == .id ? 1 : 0.9, method: method(h), weak: nil)
            }
            return TechniqueFinding(
                technique: object, confidence: methods.contains(.id) ? 1 : 0.9, methods: methods, evidence: Array(evidence), impliedParent: nil)
        }
    }
}

extension TechniqueFinding {
    /// The findings of one report as a Navigator layer: score = confidence (two decimals),
    /// comment = `comment` of the finding (by default its strongest evidence sentence), a heat
    /// gradient over 0…1; with `provenance`, what the answer was computed from in the layer's
    /// metadata (`provenance`, `model`).
    ///
    /// ```swift
    /// let layer = try TechniqueFinding.layer(findings, report: "apt-report.pdf", knowledgeBase: kb).layer
    /// ```
    public static func layer(
        _ findings: [TechniqueFinding], report name: String, knowledgeBase kb: KnowledgeBase, provenance: Provenance? = nil,
        comment: (TechniqueFinding) -> String = { $0.evidence.first?.sentence ?? "" }
    ) throws(GeneratorError) -> GeneratedLayer {
        var scored = ScoredTechniques()
        for finding in findings {
            scored.add(finding.technique, score: (finding.confidence * 100).rounded() / 100, comment: comment(finding))
        }
        var options = GeneratorOptions()
        options.name = "Techniques in \((name as NSString).lastPathComponent)"
        options.description = "Techniques described in \(name), extracted by ttpkit; score = confidence."
        var generated = try LayerGenerator(kb: kb).layer(of: scored, options: options)
        generated.layer.gradient = .heat(max: 1)
        if let provenance {
            generated.layer.metadata = (generated.layer.metadata ?? []) + [.item(name: "provenance", value: provenance.summary)]
                + (provenance.model.map { [.item(name: "model", value: $0.id)] } ?? [])
        }
        return generated
    }
}
