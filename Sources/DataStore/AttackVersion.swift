import Foundation

/// An ATT&CK release number such as `18.1`, ordered numerically (`18.1 > 9.0`).
///
/// Versions compare component by component as integers, missing components count as zero, so
/// `18 == 18.0`. The text is kept as written (without a leading `v`) for file names:
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

    /// Parses `18.1`, `v18.1`, `9`; `nil` when any component is not a non-negative integer.
    public init?(_ string: String) {
        var trimmed = Substring(string.trimmingCharacters(in: .whitespaces))
        if trimmed.first == "v" || trimmed.first == "V" { trimmed = trimmed.dropFirst() }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                  let value = Int(part) else { return nil }
            numbers.append(value)
        }
        guard !numbers.isEmpty else { return nil }
        components = numbers
        text = String(trimmed)
    }

    /// The components without trailing zeros, so that `18` and `18.0` are equal.
    private var normalized: ArraySlice<Int> {
        var end = components.count
        while end > 1, components[end - 1] == 0 { end -= 1 }
        return components[0..<end]
    }

    public static func == (lhs: AttackVersion, rhs: AttackVersion) -> Bool {
        lhs.normalized == rhs.normalized
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(normalized))
    }

    public static func < (lhs: AttackVersion, rhs: AttackVersion) -> Bool {
        let count = max(lhs.components.count, rhs.components.count)
        for index in 0..<count {
            let left = index < lhs.components.count ? lhs.components[index] : 0
            let right = index < rhs.components.count ? rhs.components[index] : 0
            if left != right { return left < right }
        }
        return false
    }

    /// The version as written, e.g. `18.1`.
    public var description: String { text }
}
