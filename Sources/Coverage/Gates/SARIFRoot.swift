import Foundation

/// The folder SARIF artifact URIs are relative to — the repository root, as GitHub code
/// scanning expects — and the making of those URIs.
///
/// The root is an explicit folder (`--sarif-root`), else the git top-level of the rules
/// folder (the nearest folder above it holding `.git`, a folder or a worktree's file), else
/// the current folder. Every URI is relative to it (`rules/windows/x.yml`, with `uriBaseId`
/// `%SRCROOT%`); a file outside it gets `../` segments, never an absolute path.
///
/// ```swift
/// let root = SARIFRoot.locate(rules: "rules/windows", currentDirectory: "/src/detections/rules")
/// root.directory                      // "/src/detections" when /src/detections/.git exists
/// root.uri("windows/proc.yml")        // "rules/windows/proc.yml"
/// ```
public struct SARIFRoot: Sendable, Hashable {
    /// The `uriBaseId` of every artifact location.
    public static let baseID = "%SRCROOT%"

    /// The root folder, absolute, without `.` or `..` segments.
    public let directory: String
    /// The folder relative paths are read from, absolute.
    public let currentDirectory: String

    /// A root at `directory` (relative to `currentDirectory` when not absolute).
    public init(directory: String, currentDirectory: String = FileManager.default.currentDirectoryPath) {
        let current = Self.components(currentDirectory, relativeTo: [])
        self.currentDirectory = "/" + current.joined(separator: "/")
        self.directory = "/" + Self.components(directory, relativeTo: current).joined(separator: "/")
    }

    /// The root for a run: `explicit` when given, else the git top-level of `rules`, else the
    /// current folder.
    public static func locate(explicit: String? = nil, rules: String?,
                              currentDirectory: String = FileManager.default.currentDirectoryPath) -> SARIFRoot {
        if let explicit { return SARIFRoot(directory: explicit, currentDirectory: currentDirectory) }
        let current = SARIFRoot(directory: currentDirectory, currentDirectory: currentDirectory)
        guard let rules else { return current }
        var folder = components(rules, relativeTo: components(currentDirectory, relativeTo: []))
        while !folder.isEmpty {
            let path = "/" + folder.joined(separator: "/")
            if FileManager.default.fileExists(atPath: path + "/.git") { return SARIFRoot(directory: path, currentDirectory: currentDirectory) }
            folder.removeLast()
        }
        return current
    }

    /// The URI of `path` relative to the root: `/`-separated, percent-encoded, `..` segments
    /// for a file outside the root, `.` for the root itself.
    public func uri(_ path: String) -> String {
        let root = Self.components(directory, relativeTo: [])
        let target = Self.components(path, relativeTo: Self.components(currentDirectory, relativeTo: []))
        var common = 0
        while common < root.count, common < target.count, root[common] == target[common] { common += 1 }
        let segments = Array(repeating: "..", count: root.count - common) + target[common...]
        let relative = segments.isEmpty ? "." : segments.joined(separator: "/")
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? relative
    }

    /// The segments of `path` made absolute against `base`, with `.`, `..` and empty segments resolved.
    static func components(_ path: String, relativeTo base: [String]) -> [String] {
        var parts = path.hasPrefix("/") ? [] : base
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(segment))
            }
        }
        return parts
    }
}
