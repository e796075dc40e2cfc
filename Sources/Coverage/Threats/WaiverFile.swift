import ATTACK
import Foundation
import STIX
import Yams

/// One accepted gap: a technique the team chose not to detect, why, who decided, and until
/// when — the coverage counterpart of a GitHub code-scanning dismissal.
public struct Waiver: Sendable, Hashable {
    /// The waived technique, resolved against the loaded release (`T1583.001`).
    public var techniqueID: String
    /// The technique as the file writes it (`t1086`, `Domains`).
    public var written: String
    /// Why the gap is accepted.
    public var reason: String
    /// Who accepted it.
    public var owner: String
    /// The last day the waiver holds; from the next day on it no longer waives.
    public var expires: CalendarDay
    /// The waivers file.
    public var path: String
    /// The line of the entry.
    public var line: Int

    /// True when `today` is after the expiry day.
    public func isExpired(asOf today: CalendarDay) -> Bool { expires < today }

    /// The entry's place in the waivers file.
    public var location: RuleLocation { RuleLocation(path: path, line: line, title: techniqueID) }
}

/// A waivers file: the gaps a team accepts, each with a reason, an owner and an expiry day.
///
/// YAML, or the same shape in JSON:
///
/// ```yaml
/// waivers:
///   - technique: T1583.001          # an ID in any case, or a name; revoked IDs are followed
///     reason: Domain registrations are watched by the threat-intelligence team
///     owner: ti-team@example.com
///     expires: 2027-03-31           # the last day it holds
/// ```
///
/// Every entry needs all four keys and no other; a technique the release does not know is an
/// error with the closest names (``KnowledgeBase/listedTechnique(_:)``, as for every technique
/// list), a revoked ID is followed to its replacement with a note, and a technique waived
/// twice is an error. Errors name the file and line.
///
/// ```swift
/// let waivers = try WaiverFile.load("waivers.yaml", knowledgeBase: kb)
/// waivers.waivers.map(\.techniqueID)   // ["T1583.001"]
/// waivers.notes                        // "waivers.yaml:4: warning: T1086 was revoked by T1059.001 PowerShell; ..."
/// ```
public struct WaiverFile: Sendable, Hashable {
    /// The file.
    public var path: String
    /// The waivers, in file order.
    public var waivers: [Waiver]
    /// Warnings met while reading (revoked IDs followed, newer sub-techniques counted as their parent).
    public var notes: [RuleIssue]

    /// Creates a file's contents.
    public init(path: String, waivers: [Waiver], notes: [RuleIssue] = []) {
        self.path = path
        self.waivers = waivers
        self.notes = notes
    }

    /// The largest waivers file read (1 MiB).
    public static let maximumSize = 1 << 20
    /// The most entries a file may hold.
    public static let maximumWaivers = 5_000
    /// The longest reason or owner, in characters.
    public static let maximumText = 2_000
    /// The keys of an entry.
    static let keys = ["technique", "reason", "owner", "expires"]

    /// Reads a waivers file against `kb`.
    public static func load(_ path: String, knowledgeBase kb: KnowledgeBase) throws(CoverageInputError) -> WaiverFile {
        let data: Data
        do { data = try FileBytes.read(path: path, limit: maximumSize) } catch {
            throw CoverageInputError(path: path, reason: "cannot read the waivers file: \(error.reason)")
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw CoverageInputError(path: path, reason: "the waivers file is not UTF-8 text")
        }
        return try parse(text: text, path: path, knowledgeBase: kb)
    }

    /// Parses the text of a waivers file (YAML or JSON) against `kb`.
    public static func parse(text: String, path: String, knowledgeBase kb: KnowledgeBase) throws(CoverageInputError) -> WaiverFile {
        let document: Node?
        do { document = try YAMLSupport.firstDocument(text, path: path) } catch {
            throw CoverageInputError(path: path, line: error.line, reason: error.reason)
        }
        let expected = "expected a mapping with a 'waivers' list of {technique, reason, owner, expires}"
        guard let root = document, case .mapping(let top) = root else {
            throw CoverageInputError(path: path, line: document?.line ?? 1, reason: expected)
        }
        for pair in top where pair.key.scalar?.string != "waivers" {
            throw CoverageInputError(path: path, line: pair.key.line, reason: "unknown key '\(pair.key.scalar?.string ?? "?")'; \(expected)")
        }
        guard let list = root.value("waivers") else { throw CoverageInputError(path: path, line: root.line, reason: expected) }
        if list.isNull { return WaiverFile(path: path, waivers: []) }
        guard case .sequence(let entries) = list else {
            throw CoverageInputError(path: path, line: list.line, reason: "'waivers' is not a list; \(expected)")
        }
        guard entries.count <= maximumWaivers else {
            throw CoverageInputError(path: path, line: list.line, reason: "more than \(maximumWaivers) waivers")
        }
        var waivers: [Waiver] = []
        var notes: [RuleIssue] = []
        var seen: [String: Int] = [:]
        for entry in entries {
            let waiver = try self.waiver(entry, path: path, kb: kb, notes: &notes)
            if let first = seen[waiver.techniqueID] {
                throw CoverageInputError(path: path, line: waiver.line, reason: "\(waiver.techniqueID) is already waived at line \(first)")
            }
            seen[waiver.techniqueID] = waiver.line
            waivers.append(waiver)
        }
        return WaiverFile(path: path, waivers: waivers, notes: notes)
    }

    /// One entry, checked.
    static func waiver(_ entry: Node, path: String, kb: KnowledgeBase, notes: inout [RuleIssue]) throws(CoverageInputError) -> Waiver {
        let line = entry.line ?? 1
        guard case .mapping(let mapping) = entry else {
            throw CoverageInputError(path: path, line: line, reason: "a waiver is a mapping with technique, reason, owner and expires")
        }
        for pair in mapping where !keys.contains(pair.key.scalar?.string ?? "") {
            throw CoverageInputError(
                path: path, line: pair.key.line ?? line,
                reason: "unknown key '\(pair.key.scalar?.string ?? "?")' in a waiver (expected technique, reason, owner, expires)")
        }
        func text(_ key: String, _ what: String) throws(CoverageInputError) -> String {
            guard let value = entry.value(key) else {
                throw CoverageInputError(path: path, line: line, reason: "the waiver has no '\(key)' (\(what))")
            }
            guard let text = value.text else {
                throw CoverageInputError(path: path, line: value.line ?? line, reason: "'\(key)' is not text (\(what))")
            }
            guard text.count <= maximumText else {
                throw CoverageInputError(path: path, line: value.line ?? line, reason: "'\(key)' is longer than \(maximumText) characters")
            }
            return text
        }
        let written = try text("technique", "an ATT&CK technique ID or name")
        let reason = try text("reason", "why the gap is accepted")
        let owner = try text("owner", "who accepted it")
        let day = try text("expires", "the last day it holds, YYYY-MM-DD")
        guard let expires = CalendarDay(day) else {
            throw CoverageInputError(path: path, line: entry.value("expires")?.line ?? line,
                                     reason: "'expires: \(day)' is not a day written YYYY-MM-DD (2027-03-31)")
        }
        let techniqueLine = entry.value("technique")?.line ?? line
        let resolved: Resolution
        do { resolved = try kb.listedTechnique(written) } catch {
            throw CoverageInputError(path: path, line: techniqueLine, reason: "waiver technique: \(error)")
        }
        if let note = resolved.note {
            notes.append(RuleIssue(path: path, line: techniqueLine, reason: "\(note); the waiver applies to \(resolved.object.attackID)", severity: .warning))
        }
        return Waiver(techniqueID: resolved.object.attackID, written: written, reason: reason, owner: owner,
                      expires: expires, path: path, line: line)
    }
}
