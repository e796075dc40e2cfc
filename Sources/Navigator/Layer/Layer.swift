import ATTACK
import STIX

/// One ATT&CK Navigator layer (format 4.5): a set of technique annotations with the view
/// settings the Navigator shows them with.
///
/// Every field of the 4.5 format is a property; `nil` means "absent in the file" and the
/// writer fills the format's default. Fields the model does not know are kept in ``extra``
/// and written back, so a read–write round trip loses nothing.
///
/// ```swift
/// var layer = Layer(name: "APT29", domain: .enterprise)
/// layer.techniques.append(LayerTechnique(techniqueID: "T1059.001", tactic: "execution", score: 1))
/// print(LayerFile.serialize([layer]))   // {"name": "APT29", "versions": {...}, ...}
/// ```
public struct Layer: Sendable, Hashable {
    public var name: String
    public var versions: LayerVersions?
    public var description: String?
    public var domain: AttackDomain
    /// The URL of a custom collection or bundle the layer was built from (4.4+).
    public var customDataURL: String?
    public var filters: LayerFilters?
    /// 0 name ascending, 1 name descending, 2 score ascending, 3 score descending.
    public var sorting: Int?
    public var layout: LayerLayout?
    public var hideDisabled: Bool?
    public var techniques: [LayerTechnique]
    public var gradient: Gradient?
    public var legendItems: [LegendItem]?
    public var showTacticRowBackground: Bool?
    public var tacticRowBackground: String?
    public var selectTechniquesAcrossTactics: Bool?
    public var selectSubtechniquesWithParent: Bool?
    public var selectVisibleTechniques: Bool?
    public var metadata: [LayerMetadata]?
    public var links: [LayerLink]?
    /// Top-level fields this model does not know, in file order.
    public var extra: JSONObject

    public init(
        name: String, domain: AttackDomain, description: String? = nil, techniques: [LayerTechnique] = [],
        gradient: Gradient? = nil, extra: JSONObject = JSONObject()
    ) {
        self.name = name
        self.domain = domain
        self.description = description
        self.techniques = techniques
        self.gradient = gradient
        self.extra = extra
    }

    /// The gradient scores are coloured with: the layer's, else the Navigator's default.
    public var effectiveGradient: Gradient { gradient ?? .navigatorDefault }

    /// The layout with the format's defaults filled in.
    public var effectiveLayout: LayerLayout { layout ?? LayerLayout() }
}

/// The `versions` object: ATT&CK release, Navigator version and layer format version.
public struct LayerVersions: Sendable, Hashable {
    /// ATT&CK release the layer was made for (`"18.1"`, `"18"`).
    public var attack: String?
    /// Navigator version; must be at least 4.9.0 (mitreattack-python wants 5.x).
    public var navigator: String?
    /// Layer format version; `"4.5"` when written.
    public var layer: String?
    public var extra: JSONObject

    public init(attack: String? = nil, navigator: String? = LayerFile.navigatorVersion, layer: String? = LayerFile.formatVersion, extra: JSONObject = JSONObject()) {
        self.attack = attack
        self.navigator = navigator
        self.layer = layer
        self.extra = extra
    }
}

/// The `filters` object: which platforms the matrix shows.
public struct LayerFilters: Sendable, Hashable {
    /// Platform names as the bundle spells them; `nil` shows every platform.
    public var platforms: [String]?
    public var extra: JSONObject = JSONObject()
}

/// A legend entry: a label and its colour.
public struct LegendItem: Sendable, Hashable {
    public var label: String
    public var color: String

    public init(label: String, color: String) {
        self.label = label
        self.color = color
    }
}
