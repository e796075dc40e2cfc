/// The sort key of any ATT&CK ID (`T1059.001`, `G0016`, `TA0002`, `DET0001`): prefix, number,
/// sub-number. Digits past the fifteenth are ignored, so an absurdly long ID from a user's file
/// sorts after the real ones instead of overflowing.
struct AttackIDOrder: Comparable {
    let prefix: String
    let number: Int
    let sub: Int

    /// `T1059.001` → (`T`, 1059, 1); `G0016` → (`G`, 16, -1).
    init(_ id: String) {
        var prefix = ""
        var number = 0
        var sub = -1
        var inSub = false
        var seenDigit = false
        for u in id.utf8 {
            switch u {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                let d = Int(u - 48)
                if inSub {
                    sub = Self.append(d, to: sub)
                } else {
                    number = Self.append(d, to: number)
                }
            case UInt8(ascii: "."):
                inSub = true
                sub = 0
            default:
                if !seenDigit && !inSub && prefix.utf8.count < 8 { prefix.unicodeScalars.append(Unicode.Scalar(u)) }
            }
        }
        self.prefix = prefix
        self.number = number
        self.sub = sub
    }

    /// `value * 10 + digit`, saturating at 10¹⁵.
    private static func append(_ digit: Int, to value: Int) -> Int {
        let limit = 1_000_000_000_000_000
        return value >= limit / 10 ? limit : value * 10 + digit
    }

    static func < (x: AttackIDOrder, y: AttackIDOrder) -> Bool {
        if x.prefix != y.prefix { return x.prefix < y.prefix }
        if x.number != y.number { return x.number < y.number }
        return x.sub < y.sub
    }
}
