import Foundation
import Navigator
import Testing

@Test func validatorFindsEveryKindOfProblem() {
    let json = #"""
    {"name": "x", "domain": "enterprise-attack", "gradient": {"colors": ["#ffffff", "#ff0000"], "minValue": 0, "maxValue": 10},
     "filters": {"platforms": ["Windows", "Amiga"]},
     "techniques": [
       {"techniqueID": "T9999"},
       {"techniqueID": "T1086", "tactic": "execution"},
       {"techniqueID": "T1000"},
       {"techniqueID": "T1059", "tactic": "persistence"},
       {"techniqueID": "T1566.001", "tactic": "initial-access"},
       {"techniqueID": "T1059", "tactic": "execution", "score": 50},
       {"techniqueID": "T1059.001", "tactic": "execution", "color": "#zzz"}
     ]}
    """#
    let findings = LayerValidator(matrix: Fixture.matrix).validate(data: Data(json.utf8), source: "x.json")
    let lines = findings.map(\.description)
    #expect(lines.contains("techniques[0].techniqueID: error: unknown technique T9999: not in Enterprise ATT&CK 19.0 (perhaps from a newer release)"))
    #expect(lines.contains("techniques[1].techniqueID: error: T1086 is revoked; use T1059.001 PowerShell"))
    #expect(lines.contains("techniques[2].techniqueID: warning: T1000 Old Thing is deprecated in Enterprise ATT&CK 19.0"))
    #expect(lines.contains("techniques[3].tactic: error: T1059 Command and Scripting Interpreter is not in tactic 'persistence'; its tactics: execution"))
    #expect(!lines.contains { $0.hasPrefix("techniques[4]") }, "a sub-technique without its parent is normal, not a finding")
    #expect(lines.contains("techniques[5].score: warning: score 50 is outside the gradient 0…10"))
    #expect(lines.contains("techniques[6].color: error: malformed colour '#zzz'; expected #rrggbb"))
    #expect(lines.contains { $0.hasPrefix("filters.platforms[1]: error: platform 'Amiga'") })
    #expect(!lines.contains { $0.hasPrefix("techniques[6].techniqueID") })
}

@Test func validatorReportsWrongDomainAndNonJSON() {
    let v = LayerValidator(matrix: Fixture.matrix)
    let wrong = v.validate(data: Data(#"{"name": "m", "domain": "mobile-attack"}"#.utf8), source: "m.json")
    #expect(wrong.map(\.description) == ["domain: error: layer is for 'mobile-attack' but the data is 'enterprise-attack'"])
    let notJSON = v.validate(data: Data("nope".utf8), source: "n.json")
    #expect(notJSON.count == 1 && notJSON[0].severity == .error && notJSON[0].description.contains("n.json:1:1"))
}
