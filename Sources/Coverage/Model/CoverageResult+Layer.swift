import ATTACK
import Navigator

extension CoverageResult {
    /// The coverage as a Navigator 4.5 layer: every technique scored (100 Detected, 50 Logged,
    /// 0 Blind by default), a red → yellow → green gradient over the configured scores, a
    /// legend of the three states, and comments naming the rules or the telemetry.
    ///
    /// ```swift
    /// let layer = try analysis.layer(knowledgeBase: kb).layer
    /// try LayerFile.write([layer], to: url)
    /// ```
    public func layer(knowledgeBase kb: KnowledgeBase, name: String = "Detection coverage") throws(GeneratorError) -> GeneratedLayer {
        var scored = ScoredTechniques()
        var notes: [String] = []
        for coverage in techniques {
            guard let technique = kb.status(ofAttackID: coverage.techniqueID, kind: .technique).current else {
                notes.append("warning: \(coverage.techniqueID) is not in \(kb.title); left out of the layer")
                continue
            }
            scored.add(technique, score: coverage.score, comment: comment(for: coverage))
        }
        let scores = options.scores
        var generatorOptions = GeneratorOptions()
        generatorOptions.name = name
        generatorOptions.description =
            "Detected \(count(.detected)), Logged \(count(.logged)), Blind \(count(.blind)) of \(techniques.count) techniques in \(kb.title)"
        var generated = try LayerGenerator(kb: kb).layer(of: scored, options: generatorOptions)
        generated.notes = notes + generated.notes
        let low = min(scores.blind, scores.logged, scores.detected)
        let high = max(scores.blind, scores.logged, scores.detected)
        let gradient = Gradient(colors: Gradient.navigatorDefault.colors, minValue: low, maxValue: high > low ? high : low + 1)
        generated.layer.gradient = gradient
        generated.layer.legendItems = [
            ("Detected: a rule that can fire", scores.detected),
            ("Logged: telemetry collected, no rule", scores.logged),
            ("Blind", scores.blind),
        ].map { LegendItem(label: $0.0, color: gradient.color(for: $0.1)?.hex ?? "#ffffff") }
        return generated
    }

    /// The comment of one technique: its state, then its rules or telemetry.
    func comment(for coverage: TechniqueCoverage) -> String {
        switch coverage.state {
        case .detected:
            let rules = coverage.rules.prefix(10).map { reference -> String in
                let rule = reference.rule
                let facts = [rule.level, rule.status].compactMap { $0 }.joined(separator: ", ")
                var text = facts.isEmpty ? rule.title : "\(rule.title) (\(facts))"
                switch reference.appliedAs {
                case .direct: break
                case .revokedID(let id): text += " [tagged \(id), revoked]"
                case .parent(let id): text += " [rule on parent \(id)]"
                }
                return text
            }
            let more = coverage.rules.count > 10 ? "\n… and \(coverage.rules.count - 10) more" : ""
            return "Detected by \(coverage.rules.count) rule\(coverage.rules.count == 1 ? "" : "s"):\n"
                + rules.joined(separator: "\n") + more
        case .logged:
            return "Logged by: " + coverage.telemetry.map(\.label).joined(separator: "; ")
        case .blind:
            return "Blind: no rule and no collected telemetry that ATT&CK links to it"
        }
    }
}
