import Foundation

/// An sRGB colour read from the forms layers use: `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb()`,
/// `rgba()` and CSS colour names.
///
/// ```swift
/// RGBColor(parsing: "#66b1ff")?.hex   // "#66b1ff"
/// RGBColor(parsing: "red")?.hex       // "#ff0000"
/// ```
public struct RGBColor: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8
    /// 0 (transparent) to 1 (opaque).
    public var alpha: Double

    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Parses a colour string; nil when it is not one.
    public init?(parsing text: String) {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s.hasPrefix("#") {
            let digits = Array(s.utf8.dropFirst())
            guard digits.allSatisfy({ Self.hexValue($0) != nil }) else { return nil }
            let v = digits.compactMap(Self.hexValue)
            switch v.count {
            case 3, 4:
                self.init(red: v[0] * 17, green: v[1] * 17, blue: v[2] * 17, alpha: v.count == 4 ? Double(v[3] * 17) / 255 : 1)
            case 6, 8:
                self.init(
                    red: v[0] << 4 | v[1], green: v[2] << 4 | v[3], blue: v[4] << 4 | v[5],
                    alpha: v.count == 8 ? Double(v[6] << 4 | v[7]) / 255 : 1)
            default: return nil
            }
        } else if s.hasPrefix("rgb(") || s.hasPrefix("rgba("), s.hasSuffix(")"), let open = s.firstIndex(of: "(") {
            let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
            let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 || parts.count == 4 else { return nil }
            let rgb = parts.prefix(3).compactMap { Int($0) }.filter { (0...255).contains($0) }
            guard rgb.count == 3 else { return nil }
            let a = parts.count == 4 ? Double(parts[3]) : 1
            guard let a, (0...1).contains(a) else { return nil }
            self.init(red: UInt8(rgb[0]), green: UInt8(rgb[1]), blue: UInt8(rgb[2]), alpha: a)
        } else if let hex = Self.named[s], let c = RGBColor(parsing: hex) {
            self = c
        } else {
            return nil
        }
    }

    /// `#rrggbb` (alpha dropped).
    public var hex: String {
        "#" + [red, green, blue].map { b in
            let h = String(b, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }

    /// `RRGGBB` for spreadsheet fills.
    public var argbOpaque: String { "FF" + hex.dropFirst().uppercased() }

    /// Relative luminance (0 black … 1 white), alpha blended over white.
    public var luminance: Double {
        func channel(_ c: UInt8) -> Double {
            let v = (Double(c) / 255) * alpha + (1 - alpha)
            return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// The WCAG contrast ratio between this colour and `other` (1 … 21), both blended over white.
    public func contrastRatio(with other: RGBColor) -> Double {
        let a = luminance, b = other.luminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// Black or white, whichever has the higher WCAG contrast ratio on this colour; one of the
    /// two always reaches 4.58:1 (AA for normal text).
    public var contrastingText: String {
        let black = RGBColor(red: 0, green: 0, blue: 0), white = RGBColor(red: 255, green: 255, blue: 255)
        return contrastRatio(with: black) >= contrastRatio(with: white) ? "#000000" : "#ffffff"
    }

    /// This colour blended over white by its alpha, made opaque.
    public var opaqueOverWhite: RGBColor {
        func blend(_ c: UInt8) -> UInt8 { UInt8((Double(c) * alpha + 255 * (1 - alpha)).rounded()) }
        return RGBColor(red: blend(red), green: blend(green), blue: blend(blue))
    }

    /// Linear mix: `fraction` 0 is `self`, 1 is `other`.
    public func mixed(with other: RGBColor, fraction: Double) -> RGBColor {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * fraction).rounded()) }
        return RGBColor(
            red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue),
            alpha: alpha + (other.alpha - alpha) * fraction)
    }

    private static func hexValue(_ u: UInt8) -> UInt8? {
        switch u {
        case 48...57: u - 48
        case 97...102: u - 87
        default: nil
        }
    }

    /// CSS colour names layers use in practice (the Navigator accepts any CSS name).
    static let named: [String: String] = [
        "black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000", "blue": "#0000ff",
        "yellow": "#ffff00", "orange": "#ffa500", "purple": "#800080", "gray": "#808080", "grey": "#808080",
        "silver": "#c0c0c0", "maroon": "#800000", "olive": "#808000", "lime": "#00ff00", "aqua": "#00ffff",
        "cyan": "#00ffff", "teal": "#008080", "navy": "#000080", "fuchsia": "#ff00ff", "magenta": "#ff00ff",
        "pink": "#ffc0cb", "brown": "#a52a2a", "gold": "#ffd700", "lightblue": "#add8e6", "lightgreen": "#90ee90",
        "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3", "darkgray": "#a9a9a9", "darkgrey": "#a9a9a9",
        "darkred": "#8b0000", "darkgreen": "#006400", "darkblue": "#00008b", "darkorange": "#ff8c00",
        "salmon": "#fa8072", "tomato": "#ff6347", "coral": "#ff7f50", "khaki": "#f0e68c", "violet": "#ee82ee",
        "indigo": "#4b0082", "crimson": "#dc143c", "skyblue": "#87ceeb", "steelblue": "#4682b4",
        "transparent": "#00000000",
    ]
}
