/// An ATT&CK technique or sub-technique ID, parsed and bounded: `T1059`, `T1059.001`, `T0800`.
///
/// Parsing accepts any case and surrounding blanks and nothing else: four digits, then
/// optionally a dot and three digits. Anything longer or shorter is not a technique ID, so
/// hostile input such as `T99999999999999999999` is refused instead of overflowing.
/// Whether the ID exists in a release is a question for ``KnowledgeBase/status(of:)``.
///
/// ```swift
/// let id = TechniqueID("t1059.001")     // T1059.001
/// id?.parent                            // T1059
/// TechniqueID("T99999999999999999999")  // nil
/// ```
public struct TechniqueID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The technique number: 1059 for `T1059.001`.
    public let number: Int
    /// The sub-technique number: 1 for `T1059.001`, nil for a technique.
    public let subNumber: Int?

    /// Parses `T` + 4 digits with an optional `.` + 3 digits (any case, surrounding blanks
    /// ignored); nil for anything else.
    public init?(_ text: some StringProtocol) {
        var bytes = Substring(text).utf8[...]
        while let f = bytes.first, f == 0x20 || f == 0x09 || f == 0x0A || f == 0x0D { bytes = bytes.dropFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x09 || l == 0x0A || l == 0x0D { bytes = bytes.dropLast() }
        let b = Array(bytes.prefix(10))
        guard bytes.count == b.count, b.count == 5 || b.count == 9, b[0] | 0x20 == UInt8(ascii: "t"),
            let number = Self.digits(b[1...4])
        else { return nil }
        if b.count == 9 {
            guard b[5] == UInt8(ascii: "."), let sub = Self.digits(b[6...8]) else { return nil }
            self.init(number: number, subNumber: sub)
        } else {
            self.init(number: number, subNumber: nil)
        }
    }

    /// An ID from its numbers; nil when out of range (0…9999, sub-technique 0…999).
    public init?(number: Int, subNumber: Int?) {
        guard (0...9999).contains(number), subNumber.map({ (0...999).contains($0) }) ?? true else { return nil }
        self.number = number
        self.subNumber = subNumber
    }

    /// `T1059.001`.
    public var description: String {
        let main = "T" + Self.padded(number, 4)
        return subNumber.map { main + "." + Self.padded($0, 3) } ?? main
    }

    /// True for `T1059.001`, false for `T1059`.
    public var isSubtechnique: Bool { subNumber != nil }

    /// The parent technique of a sub-technique (`T1059` for `T1059.001`); nil for a technique.
    public var parent: TechniqueID? {
        subNumber == nil ? nil : TechniqueID(number: number, subNumber: nil)
    }

    /// Numeric order: `T1003 < T1003.001 < T1021`.
    public static func < (a: TechniqueID, b: TechniqueID) -> Bool {
        a.number != b.number ? a.number < b.number : (a.subNumber ?? -1) < (b.subNumber ?? -1)
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for d in bytes {
            guard d >= 48, d <= 57 else { return nil }
            value = value * 10 + Int(d - 48)
        }
        return value
    }

    private static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
