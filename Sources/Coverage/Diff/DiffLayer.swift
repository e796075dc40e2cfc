import ATTACK
import Navigator

extension CoverageDiff {
    /// Colours of the diff layer: green gained, red lost, light green Blind → Logged,
    /// orange Logged → Blind, grey techniques only one release has.
    public static let layerColors: [Kind: String] = [
        .gained: "#31a354", .lost: "#e34a33", .improved: "#a1d99b", .worsened: "#fdae6b",
        .added: "#d9d9d9", .removed: "#bdbdbd",
    ]

    /// The diff as a Navigator 4.5 layer over `kb` (the new result's release): each changed
    /// technique coloured by its kind (score +1 gained, −1 lost, 0.5 improved, −0.5 worsened,
    /// 0 otherwise), commented `gained: Blind → Detected`, with a legend. Techniques the release
    /// does not know are left out and listed in the notes.
    public func layer(knowledgeBase kb: KnowledgeBase, name: String = "Coverage diff") throws(GeneratorError) -> GeneratedLayer {
        if let domain, domain != kb.domain {
            throw GeneratorError.empty("the diff is \(domain.rawValue) coverage, the loaded release is \(kb.domain.rawValue)")
        }
        let scores: [Kind: Double] = [.gained: 1, .lost: -1, .improved: 0.5, .worsened: -0.5, .added: 0, .removed: 0]
        var notes: [String] = []
        var scored = ScoredTechniques()
        for change in changes {
            guard let technique = kb.status(ofAttackID: change.techniqueID, kind: .technique).current, technique.attackID == change.techniqueID else {
                notes.append("\(change.techniqueID) (\(change.kind.rawValue)) is not in \(kb.title); left out of the layer")
                continue
            }
            let from = change.old?.rawValue ?? "absent"
            let to = change.new?.rawValue ?? "absent"
            scored.add(
                technique, score: scores[change.kind], comment: "\(change.kind.rawValue): \(from) → \(to)",
                color: Self.layerColors[change.kind])
        }
        var options = GeneratorOptions()
        options.name = name
        options.description = "Detected \(detectedBefore) → \(detectedAfter); gained \(gained.count), lost \(lost.count) (\(oldSource) → \(newSource))"
        var generated: GeneratedLayer
        if scored.isEmpty {
            var layer = Layer(name: name, domain: kb.domain, description: options.description)
            layer.versions = LayerVersions(attack: kb.attackVersion)
            generated = GeneratedLayer(layer: layer, notes: ["no technique changed state"])
        } else {
            generated = try LayerGenerator(kb: kb).layer(of: scored, options: options)
        }
        generated.layer.gradient = Gradient(colors: ["#e34a33", "#ffffff", "#31a354"], minValue: -1, maxValue: 1)
        generated.layer.legendItems = Kind.allCases.compactMap { kind in
            Self.layerColors[kind].map { LegendItem(label: kind.rawValue, color: $0) }
        }
        generated.notes += notes
        return generated
    }
}
