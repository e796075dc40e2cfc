/// The `gradient` object: colours spread evenly from `minValue` to `maxValue`; a score is
/// coloured by linear interpolation between the two nearest stops, clamped at the ends.
///
/// ```swift
/// let g = Gradient(colors: ["#ffffff", "#ff0000"], minValue: 0, maxValue: 10)
/// g.color(for: 5)?.hex   // "#ff8080"
/// ```
public struct Gradient: Sendable, Hashable {
    public var colors: [String]
    public var minValue: Double
    public var maxValue: Double

    public init(colors: [String], minValue: Double, maxValue: Double) {
        self.colors = colors
        self.minValue = minValue
        self.maxValue = maxValue
    }

    /// The Navigator's default: red, yellow, green over 0–100.
    public static let navigatorDefault = Gradient(colors: ["#ff6666", "#ffe766", "#8ec843"], minValue: 0, maxValue: 100)

    /// White to red over `0...max`, for heatmaps where more is hotter (overlaps, counts).
    public static func heat(max: Double) -> Gradient {
        let top = Swift.max(max, 1)
        return top >= 2
            ? Gradient(colors: ["#ffffff", "#ffe766", "#ff6666"], minValue: 0, maxValue: top)
            : Gradient(colors: ["#ffffff", "#ff6666"], minValue: 0, maxValue: top)
    }

    /// White to blue over `0...max`, for "used / not used" layers.
    public static func usage(max: Double) -> Gradient {
        Gradient(colors: ["#ffffff", "#66b1ff"], minValue: 0, maxValue: Swift.max(max, 1))
    }

    /// The colour of `score`, or nil when the gradient's colours cannot be read.
    public func color(for score: Double) -> RGBColor? {
        let stops = colors.compactMap(RGBColor.init(parsing:))
        guard let first = stops.first else { return nil }
        guard stops.count > 1, maxValue > minValue, !score.isNaN else { return first }
        // Ends at ±1e308 make the span overflow to infinity; such a gradient still colours
        // (its ends), it never traps.
        let span = maxValue - minValue
        var t = span.isFinite ? (score - minValue) / span : (score <= minValue ? 0 : score >= maxValue ? 1 : 0.5)
        if !t.isFinite { t = score <= minValue ? 0 : 1 }
        t = Swift.min(Swift.max(t, 0), 1)
        let position = t * Double(stops.count - 1)
        let i = Swift.min(Int(position), stops.count - 2)
        return stops[i].mixed(with: stops[i + 1], fraction: position - Double(i))
    }

    /// True when `score` lies within `minValue...maxValue`.
    public func contains(_ score: Double) -> Bool { score >= minValue && score <= maxValue }
}
