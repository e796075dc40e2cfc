import Foundation

/// Number and date formatting for reports: fixed, locale-independent, short.
///
/// ```swift
/// ReportText.count(3141)              // "3,141"
/// ReportText.percent(214, of: 691)    // "31%"
/// ReportText.plural(1, "rule")        // "1 rule"
/// ```
public enum ReportText {
    /// An integer with thousands separators.
    public static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// `part` of `whole` as a whole percentage; "<1%" for a small non-zero share, "0%" for an
    /// empty whole.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        let value = Double(part) * 100 / Double(whole)
        if part > 0 && value < 1 { return "<1%" }
        if part < whole && value > 99 { return ">99%" }
        return "\(Int(value.rounded()))%"
    }

    /// "1 rule", "2 rules" (with thousands separators).
    public static func plural(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(count(n)) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    /// A date as `2025-11-23` (UTC).
    public static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    /// Names joined for a sentence, the rest counted: "APT29, FIN7 and 3 more".
    public static func list(_ names: [String], limit: Int = 3) -> String {
        guard names.count > limit else {
            if names.count <= 1 { return names.first ?? "" }
            return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }
        return names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more"
    }
}
