import Foundation
import Testing
@testable import ATTACK

/// The fast whitespace trim gives Foundation's answer, on plain and tricky ends alike.
struct TrimmingTests {
    static let samples = [
        "", " ", "\t", "\n", "T1059", " T1059 ", "\tAPT29\n", "APT29\n", "\nAPT29", "\u{00A0}lsass\u{3000}", "é", " é ",
        "\u{2028}x\u{2029}", "x\u{0085}", "\u{000B}x\u{000C}", "\r\nPowerShell\r\n", " \u{301}x", "Lazarus Group", "x ",
    ]

    @Test(arguments: samples)
    func sameAsFoundation(_ text: String) {
        #expect(text.trimmedWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmedWhitespace(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
