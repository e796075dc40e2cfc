import Foundation
import ATTACK
import TestSupport
import Testing

/// `CaseInsensitiveMatch` answers byte by byte where it can; it must answer what Foundation's
/// `range(of:options: .caseInsensitive)` and `caseInsensitiveCompare` answer.
struct CaseInsensitiveMatchTests {
    static func foundation(_ text: String, _ needle: String) -> Bool { text.range(of: needle, options: .caseInsensitive) != nil }

    @Test(arguments: [
        ("Dumping LSASS memory", "lsass"), ("STRASSE", "straße"), ("straße", "STRASSE"), ("die Straße", "strasse"),
        ("\u{212A}erberos", "kerberos"), ("o\u{FB00}set", "offset"), ("di\u{017F}k", "disk"), ("cafe\u{0301}", "cafe"),
        ("cafe\u{0301} latte", "latte"), ("ab\r\ncd", "\ncd"), ("İstanbul", "i"), ("x", "xy"), ("", "a"), ("Mimikatz", "KATZ"),
        ("naïve", "NAÏVE"), ("\u{0600}lsass", "lsass"), ("PowerShell", "power shell"), ("T1059.001", "t1059.001"),
    ])
    func answersAsFoundationDoes(text: String, needle: String) {
        let match = CaseInsensitiveMatch(needle)
        #expect(match.found(in: text) == Self.foundation(text, needle), "\(text) / \(needle)")
        #expect(match.equals(text) == (text.caseInsensitiveCompare(needle) == .orderedSame), "\(text) = \(needle)")
    }

    @Test func asciiFastPathFindsAndRejects() {
        let match = CaseInsensitiveMatch("lsass")
        #expect(match.found(in: "dump LsAsS.exe"))
        #expect(!match.found(in: "lsas s"))
        #expect(CaseInsensitiveMatch("g0016").equals("G0016"))
        #expect(!CaseInsensitiveMatch("g0016").equals("G00161"))
    }
}

@Suite("Case-insensitive search on the shared bundle", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct CaseInsensitiveMatchBundleTests {
    /// Every name, alias and description of Enterprise 18.1 (the bytes of the snapshot-style
    /// lazy text and the decoded string), for needles that hit and miss.
    @Test func everyTextOfTheReleaseAnswersAsFoundationDoes() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        for needle in ["lsass", "Credential", "powershell", "e", "APT", "registry run keys", "ss", "k", "fi"] {
            let match = CaseInsensitiveMatch(needle)
            for o in kb.objects {
                #expect(match.found(in: o.name) == CaseInsensitiveMatchTests.foundation(o.name, needle), "\(o.attackID) name / \(needle)")
                for alias in o.aliases {
                    #expect(match.found(in: alias) == CaseInsensitiveMatchTests.foundation(alias, needle))
                }
                if let text = o.stix.descriptionText {
                    #expect(match.found(in: text) == CaseInsensitiveMatchTests.foundation(text.value, needle), "\(o.attackID) description / \(needle)")
                }
            }
        }
    }
}
