/// A `metadata` entry of a layer or technique: a name–value pair or a divider.
public enum LayerMetadata: Sendable, Hashable {
    case item(name: String, value: String)
    /// `{"divider": true}`: a separator line in the tooltip.
    case divider
}

/// A `links` entry of a layer or technique: a labelled URL or a divider.
public enum LayerLink: Sendable, Hashable {
    /// The URL must carry a protocol prefix (`https://`).
    case link(label: String, url: String)
    /// `{"divider": true}`: a separator in the links menu.
    case divider

    /// The URL of a link entry.
    public var url: String? {
        if case .link(_, let url) = self { return url }
        return nil
    }
}
