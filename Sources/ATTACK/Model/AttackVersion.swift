import Foundation

/// An ATT&CK release number such as `18.1`, ordered numerically (`18.1 > 9.0`).
///
/// Versions compare component by component as integers, missing components count as zero, so
/// `18 == 18.0`. A pre-release suffix, as in MITRE's index (`11.2-beta`), sorts before the
/// release it precedes. The text is kept as written (without a leading `v`) for file names:
///
/// ```swift
/// AttackVersion("v9.0")! < AttackVersion("18.1")!   // true
/// AttackVersion("18.1")!.text                       // "18.1"
/// ```
public struct AttackVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numeric components, e.g. `[18, 1]`.
    public let components: [Int]
    /// The version as written, without a leading `v` (e.g. `18.1`).
    public let text: String
    /// The pre-release label after `-` (`beta` in `11.2-beta`), if any.
    public let prerelease: String?

    /// Parses `18.1`, `v18.1`, `9`, `11.2-beta`; `nil` when a component is not a non-negative
    /// integer or the pre-release label is empty or not made of ASCII letters, digits and dots.
    public init?(_ string: String) {
        var trimmed = Substring(string.trimmingCharacters(in: .whitespaces))
        if trimmed.first == "v" || trimmed.first == "V" { trimmed = trimmed.dropFirst() }
        var numeric = trimmed
        var label: String?
        if let dash = trimmed.firstIndex(of: "-") {
            let suffix = trimmed[trimmed.index(after: dash)...]
            guard !suffix.isEmpty,
                  suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }) else { return nil }
            label = String(suffix)
            numeric = trimmed[..<dash]
        }
        let parts = numeric.split(separator: ".", omittingEmptySubsequences: false)
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                  let value = Int(part) else { return nil }
            numbers.append(value)
        }
        guard !numbers.isEmpty else { return nil }
        components = numbers
        prerelease = label
        text = String(trimmed)
    }

    /// The components without trailing zeros, so that `18` and `18.0` are equal.
    private var normalized: ArraySlice<Int> {
        var end = components.count
        while end > 1, components[end - 1] == 0 { end -= 1 }
        return components[0..<end]
    }

    public static func == (lhs: AttackVersion, rhs: AttackVersion) -> Bool {
        lhs.normalized == rhs.normalized && lhs.prerelease == rhs.prerelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(normalized))
        hasher.combine(prerelease)
    }

    public static func < (lhs: AttackVersion, rhs: AttackVersion) -> Bool {
        let count = max(lhs.components.count, rhs.components.count)
        for index in 0..<count {
            let left = index < lhs.components.count ? lhs.components[index] : 0
            let right = index < rhs.components.count ? rhs.components[index] : 0
            if left != right { return left < right }
        }
        switch (lhs.prerelease, rhs.prerelease) {
        case (nil, _): return false
        case (_?, nil): return true
        case (let left?, let right?): return left < right
        }
    }

    /// The version as written, e.g. `18.1`.
    public var description: String { text }
}
