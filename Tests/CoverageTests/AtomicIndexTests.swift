import Testing
import TestSupport
@testable import Coverage

struct AtomicIndexTests {
    @Test func readsTestsPerTechnique() throws {
        let text = """
            attack_technique: T1059.001
            display_name: 'Command and Scripting Interpreter: PowerShell'
            atomic_tests:
            - name: Mimikatz
              auto_generated_guid: f3132740-55bc-48c4-bcc0-758a459cd027
              supported_platforms:
              - windows
              executor: {name: command_prompt, command: 'powershell.exe ...'}
            - name: Run BloodHound from local disk
              auto_generated_guid: a21bb23e-e677-4ee7-af90-6931b57b6350
              supported_platforms: [windows]
            """
        let index = AtomicIndex.parse(text: text, path: "T1059.001.yaml")
        let tests = try #require(index.tests["T1059.001"])
        #expect(tests.map(\.name) == ["Mimikatz", "Run BloodHound from local disk"])
        #expect(tests[0].guid == "f3132740-55bc-48c4-bcc0-758a459cd027")
        #expect(tests[0].platforms == ["windows"])
        #expect(tests.map(\.line) == [4, 9])
    }

    @Test func aFileWithoutATechniqueIsAnIssue() {
        let index = AtomicIndex.parse(text: "display_name: x\n", path: "T1.yaml")
        #expect(index.issues == [RuleIssue(path: "T1.yaml", line: 1, reason: "no attack_technique with a technique ID")])
    }

    /// 341 technique files with 1,819 tests, counted with PyYAML.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func readsTheAtomicRedTeamCorpus() {
        let index = AtomicIndex.load(folder: SharedData.corpora.appendingPathComponent("atomic-red-team/atomics").path)
        #expect(index.issues.isEmpty)
        #expect(index.techniqueIDs.count == 341)
        #expect(index.tests.values.map(\.count).reduce(0, +) == 1819)
    }
}
