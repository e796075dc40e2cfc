import ATTACK
import STIX

/// Turns the JSON of one layer into a ``Layer``, leniently: a field of the wrong type is
/// reported and kept verbatim in `extra` (so it survives a write), older forms are upgraded
/// with a note, and only problems that leave no usable layer are marked fatal.
struct LayerDecoder {
    var findings: [LayerFinding] = []
    var upgrades: [LayerUpgrade] = []
    /// Path prefix: `""` for a single-layer file, `"[2]."` for the third layer of an array.
    let prefix: String

    init(prefix: String) { self.prefix = prefix }

    private func p(_ path: String) -> String { prefix + path }

    private mutating func error(_ path: String, _ message: String, fatal: Bool = false) {
        findings.append(LayerFinding(.error, p(path), message, fatal: fatal))
    }

    private mutating func warning(_ path: String, _ message: String) {
        findings.append(LayerFinding(.warning, p(path), message))
    }

    private mutating func upgrade(_ path: String, _ message: String) {
        upgrades.append(LayerUpgrade(path: p(path), message: message))
    }

    static func describe(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): "string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .number(let n): "number \(JSONValue.number(n).serialized(pretty: false))"
        case .bool(let b): "boolean \(b)"
        default: v.typeName
        }
    }

    private mutating func expect(_ what: String, _ path: String, _ v: JSONValue, fatal: Bool = false) {
        error(path, "expected \(what), found \(Self.describe(v))", fatal: fatal)
    }

    mutating func decode(_ value: JSONValue) -> Layer? {
        guard let obj = value.objectValue else {
            expect("a layer object", "", value, fatal: true)
            return nil
        }
        var extra = JSONObject()
        var name: String?
        var domain: AttackDomain?
        var layer = Layer(name: "", domain: .enterprise)
        var legacyVersion: String?
        var viewMode: Double?

        for (key, v) in obj {
            switch key {
            case "name":
                if let s = v.stringValue { name = s } else { expect("a string", key, v, fatal: true) }
            case "domain":
                guard let s = v.stringValue else { expect("a string", key, v, fatal: true); continue }
                if let d = AttackDomain(parsing: s) {
                    domain = d
                    if s != d.rawValue { upgrade(key, "legacy domain '\(s)' → '\(d.rawValue)'") }
                } else {
                    error(key, "unknown domain '\(s)'; expected enterprise-attack, mobile-attack or ics-attack", fatal: true)
                }
            case "version":
                if let s = v.stringValue { legacyVersion = s } else if let n = v.doubleValue { legacyVersion = String(n) } else {
                    expect("a string", key, v)
                    extra[key] = v
                }
            case "versions": layer.versions = decodeVersions(v)
            case "description":
                if let s = v.stringValue { layer.description = s } else { expect("a string", key, v); extra[key] = v }
            case "customDataURL":
                if let s = v.stringValue { layer.customDataURL = s } else { expect("a string", key, v); extra[key] = v }
            case "filters": layer.filters = decodeFilters(v)
            case "sorting":
                if let n = v.doubleValue, [0, 1, 2, 3].contains(n) { layer.sorting = Int(n) } else {
                    expect("0, 1, 2 or 3", key, v)
                    extra[key] = v
                }
            case "layout": layer.layout = decodeLayout(v)
            case "viewMode":
                if let n = v.doubleValue { viewMode = n } else { expect("a number", key, v) }
            case "hideDisabled", "showTacticRowBackground", "selectTechniquesAcrossTactics",
                "selectSubtechniquesWithParent", "selectVisibleTechniques":
                guard let b = v.boolValue else { expect("a boolean", key, v); extra[key] = v; continue }
                switch key {
                case "hideDisabled": layer.hideDisabled = b
                case "showTacticRowBackground": layer.showTacticRowBackground = b
                case "selectTechniquesAcrossTactics": layer.selectTechniquesAcrossTactics = b
                case "selectSubtechniquesWithParent": layer.selectSubtechniquesWithParent = b
                default: layer.selectVisibleTechniques = b
                }
            case "tacticRowBackground":
                if let s = v.stringValue {
                    layer.tacticRowBackground = s
                    checkColor(s, key)
                } else { expect("a colour string", key, v); extra[key] = v }
            case "techniques":
                guard let items = v.arrayValue else { expect("an array of techniques", key, v, fatal: true); continue }
                for (i, item) in items.enumerated() {
                    if let t = decodeTechnique(item, path: "techniques[\(i)]") { layer.techniques.append(t) }
                }
            case "gradient": layer.gradient = decodeGradient(v) ?? layer.gradient
            case "legendItems": layer.legendItems = decodeLegend(v)
            case "metadata": layer.metadata = decodeMetadata(v, path: key)
            case "links": layer.links = decodeLinks(v, path: key)
            default: extra[key] = v
            }
        }
        if name == nil, obj["name"] == nil { error("name", "missing required field 'name'", fatal: true) }
        if domain == nil, obj["domain"] == nil { error("domain", "missing required field 'domain'", fatal: true) }
        guard let name, let domain else { return nil }
        layer.name = name
        layer.domain = domain
        layer.extra = extra
        normalizeVersions(&layer, legacy: legacyVersion)
        if let viewMode {
            let mapped = viewMode == 2 ? "mini" : (viewMode == 1 ? "flat" : "side")
            var layout = layer.layout ?? LayerLayout()
            if layer.layout == nil { layout.layout = mapped }
            layer.layout = layout
            upgrade("viewMode", "legacy viewMode \(JSONValue.number(viewMode).serialized(pretty: false)) → layout.layout '\(layout.layout)'")
        }
        return layer
    }

    private mutating func normalizeVersions(_ layer: inout Layer, legacy: String?) {
        var versions = layer.versions ?? LayerVersions(navigator: nil, layer: nil)
        if let legacy {
            upgrade("version", "layer format \(legacy) → 4.5 (top-level 'version' replaced by 'versions')")
            versions.layer = LayerFile.formatVersion
        }
        if let l = versions.layer, l != LayerFile.formatVersion {
            upgrade("versions.layer", "layer format \(l) → \(LayerFile.formatVersion)")
        } else if versions.layer == nil, legacy == nil {
            upgrade("versions.layer", "no layer format version → \(LayerFile.formatVersion)")
        }
        versions.layer = LayerFile.formatVersion
        if let n = versions.navigator, !n.hasPrefix("5.") {
            upgrade("versions.navigator", "navigator \(n) → \(LayerFile.navigatorVersion)")
            versions.navigator = LayerFile.navigatorVersion
        } else if versions.navigator == nil {
            versions.navigator = LayerFile.navigatorVersion
        }
        layer.versions = versions
    }

    private mutating func decodeVersions(_ v: JSONValue) -> LayerVersions? {
        guard let obj = v.objectValue else { expect("a versions object", "versions", v); return nil }
        var out = LayerVersions(navigator: nil, layer: nil)
        for (key, value) in obj {
            let s: String? = value.stringValue ?? value.doubleValue.map { JSONValue.number($0).serialized(pretty: false) }
            switch key {
            case "attack": if let s { out.attack = s } else { expect("a string", "versions.attack", value) }
            case "navigator": if let s { out.navigator = s } else { expect("a string", "versions.navigator", value) }
            case "layer": if let s { out.layer = s } else { expect("a string", "versions.layer", value) }
            default: out.extra[key] = value
            }
        }
        return out
    }

    private mutating func decodeFilters(_ v: JSONValue) -> LayerFilters? {
        guard let obj = v.objectValue else { expect("a filters object", "filters", v); return nil }
        var out = LayerFilters()
        for (key, value) in obj {
            switch key {
            case "platforms":
                if let a = value.arrayValue, a.allSatisfy({ $0.stringValue != nil }) { out.platforms = value.stringArray } else {
                    expect("an array of platform names", "filters.platforms", value)
                }
            case "stages": upgrade("filters.stages", "dropped: the PRE-ATT&CK 'stages' filter is not in format 4.x")
            default: out.extra[key] = value
            }
        }
        return out
    }

    private mutating func decodeLayout(_ v: JSONValue) -> LayerLayout? {
        guard let obj = v.objectValue else { expect("a layout object", "layout", v); return nil }
        var out = LayerLayout()
        for (key, value) in obj {
            let path = "layout.\(key)"
            switch key {
            case "layout", "aggregateFunction", "expandedSubtechniques":
                let allowed = key == "layout" ? LayerLayout.layouts
                    : key == "aggregateFunction" ? LayerLayout.aggregateFunctions : LayerLayout.expansions
                guard let s = value.stringValue, allowed.contains(s) else {
                    expect(allowed.map { "'\($0)'" }.joined(separator: ", "), path, value)
                    continue
                }
                if key == "layout" { out.layout = s } else if key == "aggregateFunction" { out.aggregateFunction = s } else { out.expandedSubtechniques = s }
            case "showID", "showName", "showAggregateScores", "countUnscored":
                guard let b = value.boolValue else { expect("a boolean", path, value); continue }
                switch key {
                case "showID": out.showID = b
                case "showName": out.showName = b
                case "showAggregateScores": out.showAggregateScores = b
                default: out.countUnscored = b
                }
            default: out.extra[key] = value
            }
        }
        return out
    }

    private mutating func decodeGradient(_ v: JSONValue) -> Gradient? {
        guard let obj = v.objectValue else { expect("a gradient object", "gradient", v); return nil }
        guard let colors = obj["colors"]?.arrayValue else {
            error("gradient.colors", obj["colors"] == nil ? "missing required field 'colors'" : "expected an array of colours")
            return nil
        }
        var names: [String] = []
        for (i, c) in colors.enumerated() {
            if let s = c.stringValue { checkColor(s, "gradient.colors[\(i)]"); names.append(s) } else { expect("a colour string", "gradient.colors[\(i)]", c) }
        }
        if names.count < 2 { error("gradient.colors", "a gradient needs at least two colours") }
        guard let minV = obj["minValue"]?.doubleValue else { error("gradient.minValue", "expected a number"); return nil }
        guard let maxV = obj["maxValue"]?.doubleValue else { error("gradient.maxValue", "expected a number"); return nil }
        if maxV <= minV { error("gradient.maxValue", "maxValue \(JSONValue.number(maxV).serialized()) must be greater than minValue \(JSONValue.number(minV).serialized())") }
        return Gradient(colors: names, minValue: minV, maxValue: maxV)
    }

    private mutating func decodeLegend(_ v: JSONValue) -> [LegendItem]? {
        decodeArray(v, path: "legendItems", of: "legend items") { d, item, path in
            guard let label = item["label"]?.stringValue, let color = item["color"]?.stringValue else {
                d.error(path, "a legend item needs a string 'label' and 'color'")
                return nil
            }
            d.checkColor(color, path + ".color")
            return LegendItem(label: label, color: color)
        }
    }

    mutating func decodeMetadata(_ v: JSONValue, path: String) -> [LayerMetadata]? {
        decodeArray(v, path: path, of: "metadata", divider: .divider) { d, item, path in
            guard let name = item["name"]?.stringValue, let value = item["value"]?.stringValue else {
                d.error(path, "metadata needs a string 'name' and 'value' (or 'divider': true)")
                return nil
            }
            return .item(name: name, value: value)
        }
    }

    mutating func decodeLinks(_ v: JSONValue, path: String) -> [LayerLink]? {
        decodeArray(v, path: path, of: "links", divider: .divider) { d, item, path in
            guard let label = item["label"]?.stringValue, let url = item["url"]?.stringValue else {
                d.error(path, "a link needs a string 'label' and 'url' (or 'divider': true)")
                return nil
            }
            if !url.contains("://") && !url.hasPrefix("mailto:") {
                d.warning(path + ".url", "URL '\(url)' has no protocol prefix (https://)")
            }
            return .link(label: label, url: url)
        }
    }

    /// An array of `what` at `path`, element by element: `element` decodes one (given its path),
    /// or reports it and returns nil to leave it out; `{"divider": true}` is `divider` where the
    /// list allows dividers. Not an array: reported, nil.
    private mutating func decodeArray<T>(
        _ v: JSONValue, path: String, of what: String, divider: T? = nil,
        _ element: (inout LayerDecoder, JSONValue, String) -> T?
    ) -> [T]? {
        guard let items = v.arrayValue else { expect("an array of \(what)", path, v); return nil }
        var out: [T] = []
        for (i, item) in items.enumerated() {
            if let divider, item["divider"]?.boolValue == true {
                out.append(divider)
            } else if let decoded = element(&self, item, "\(path)[\(i)]") {
                out.append(decoded)
            }
        }
        return out
    }

    private mutating func checkColor(_ s: String, _ path: String) {
        if !s.isEmpty, RGBColor(parsing: s) == nil { error(path, "malformed colour '\(s)'; expected #rrggbb") }
    }

    private mutating func decodeTechnique(_ v: JSONValue, path: String) -> LayerTechnique? {
        guard let obj = v.objectValue else { expect("a technique object", path, v, fatal: true); return nil }
        guard let idValue = obj["techniqueID"] else {
            error(path + ".techniqueID", "missing required field 'techniqueID'", fatal: true)
            return nil
        }
        guard let id = idValue.stringValue else { expect("a technique ID string", path + ".techniqueID", idValue, fatal: true); return nil }
        if !Self.looksLikeTechniqueID(id) {
            error(path + ".techniqueID", "'\(id)' is not a technique ID (T#### or T####.###)", fatal: true)
        }
        var t = LayerTechnique(techniqueID: id)
        for (key, value) in obj {
            let fp = "\(path).\(key)"
            switch key {
            case "techniqueID": continue
            case "tactic":
                if let s = value.stringValue { t.tactic = s } else { expect("a tactic shortname", fp, value); t.extra[key] = value }
            case "score":
                if let n = value.doubleValue { t.score = n } else if value == .null { continue } else {
                    expect("a number", fp, value, fatal: true)
                    t.extra[key] = value
                }
            case "color":
                if let s = value.stringValue { t.color = s; checkColor(s, fp) } else { expect("a colour string", fp, value); t.extra[key] = value }
            case "comment":
                if let s = value.stringValue { t.comment = s } else { expect("a string", fp, value); t.extra[key] = value }
            case "enabled", "showSubtechniques":
                guard let b = value.boolValue else { expect("a boolean", fp, value); t.extra[key] = value; continue }
                if key == "enabled" { t.enabled = b } else { t.showSubtechniques = b }
            case "metadata": t.metadata = decodeMetadata(value, path: fp)
            case "links": t.links = decodeLinks(value, path: fp)
            default: t.extra[key] = value
            }
        }
        return t
    }

    /// `T1234` or `T1234.001` (any case).
    static func looksLikeTechniqueID(_ s: String) -> Bool {
        let u = Array(s.uppercased().utf8)
        guard u.count == 5 || u.count == 9, u[0] == UInt8(ascii: "T") else { return false }
        let digits = { (r: Range<Int>) in u[r].allSatisfy { (48...57).contains($0) } }
        return digits(1..<5) && (u.count == 5 || (u[5] == UInt8(ascii: ".") && digits(6..<9)))
    }
}
