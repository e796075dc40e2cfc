import Foundation
import Yams

/// The Atomic Red Team tests available per technique, read from an `atomics/` folder
/// (`atomics/T1059.001/T1059.001.yaml`).
///
/// ```swift
/// let index = AtomicIndex.load(folder: "../shared/corpora/atomic-red-team/atomics")
/// index.tests["T1059.001"]?.first?.name   // "Mimikatz"
/// index.tests["T1059.001"]?.count         // number of atomic tests for the technique
/// ```
public struct AtomicIndex: Sendable, Hashable {
    /// Tests by technique ID (`T1059.001`), in file order.
    public var tests: [String: [AtomicTest]] = [:]
    /// Files that could not be read, with path, line and reason.
    public var issues: [RuleIssue] = []

    /// The technique IDs that have at least one test, sorted.
    public var techniqueIDs: [String] { tests.keys.filter { !(tests[$0]?.isEmpty ?? true) }.sorted() }

    /// Reads the tests of `folder`; a folder without any readable test is an error (with the
    /// problems met as ``CoverageInputError/related``).
    public static func loadTests(folder: String) throws(CoverageInputError) -> AtomicIndex {
        let index = load(folder: folder)
        if index.tests.isEmpty {
            throw CoverageInputError(
                path: folder, reason: "no Atomic Red Team test could be read (expected T*/T*.yaml files)", related: index.issues)
        }
        return index
    }

    /// Reads every `T*/T*.yaml` file under `folder`.
    public static func load(folder: String) -> AtomicIndex {
        var index = AtomicIndex()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            index.issues.append(RuleIssue(path: folder, reason: "cannot read directory: \(DirectoryWalker.reason(error))"))
            return index
        }
        for name in names.sorted() where ATTACKIdentifiers.techniqueID(name) != nil {
            let path = folder + "/" + name + "/" + name + ".yaml"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8) else {
                index.issues.append(RuleIssue(path: path, reason: "cannot read file as UTF-8 text"))
                continue
            }
            index.add(parse(text: text, path: path))
        }
        return index
    }

    /// Parses one atomics YAML file: `attack_technique` and `atomic_tests[]` with `name`,
    /// `auto_generated_guid` and `supported_platforms`.
    public static func parse(text: String, path: String) -> AtomicIndex {
        var index = AtomicIndex()
        let document: Node?
        do { document = try YAMLSupport.firstDocument(text, path: path) } catch {
            index.issues.append(error)
            return index
        }
        guard let root = document,
              let technique = root.text("attack_technique").flatMap(ATTACKIdentifiers.techniqueID) else {
            index.issues.append(RuleIssue(path: path, line: 1, reason: "no attack_technique with a technique ID"))
            return index
        }
        var tests: [AtomicTest] = []
        if case .sequence(let entries)? = root.value("atomic_tests") {
            for entry in entries {
                guard let name = entry.text("name") else {
                    index.issues.append(RuleIssue(path: path, line: entry.line, reason: "atomic test has no name", severity: .warning))
                    continue
                }
                tests.append(AtomicTest(
                    techniqueID: technique, name: name, guid: entry.text("auto_generated_guid"),
                    platforms: entry.strings("supported_platforms", path: path, strict: false, issues: &index.issues),
                    line: entry.line ?? 1))
            }
        }
        index.tests[technique] = tests
        return index
    }

    mutating func add(_ other: AtomicIndex) {
        tests.merge(other.tests) { $0 + $1 }
        issues += other.issues
    }
}

/// One Atomic Red Team test.
public struct AtomicTest: Sendable, Hashable, Codable {
    /// The technique the test exercises (`T1059.001`).
    public var techniqueID: String
    /// The test's name.
    public var name: String
    /// `auto_generated_guid`, when present.
    public var guid: String?
    /// `supported_platforms` (`windows`, `linux`, `macos`...).
    public var platforms: [String] = []
    /// The 1-based line of the test in its file.
    public var line: Int = 1
}
