extension Layer {
    /// The entries a layer marks, with their positions in ``techniques``: the one rule every
    /// reader of "techniques in a layer" follows (observed techniques for `similar`, gate targets,
    /// the layer opened in the web app). An entry counts when it is enabled and, in a layer that
    /// scores any technique, its score is above 0: a scored layer's unscored rows are context
    /// (parents shown to expand their sub-techniques), and 0 means "not this one". A layer with no
    /// scores marks its techniques by listing them.
    public var markedTechniques: [(position: Int, technique: LayerTechnique)] {
        let scored = techniques.contains { $0.score != nil }
        return techniques.enumerated().compactMap { i, t in
            guard t.isEnabled, !scored || (t.score ?? 0) > 0 else { return nil }
            return (i, t)
        }
    }
}
