import Foundation

/// Lists the files under the paths given to the scanner: recursively, skipping hidden files and
/// folders (names starting with `.`), not following symbolic links to folders (so a link
/// cannot loop), and turning every folder it cannot read into an issue.
struct DirectoryWalker: Sendable {
    /// One entry of a folder.
    struct Entry: Sendable {
        var name: String
        var isDirectory: Bool
        /// A symbolic link to a folder: listed as skipped, never followed.
        var isLinkToDirectory = false
    }

    /// Lists a folder; throws when it cannot be read. Replaceable in tests.
    var list: @Sendable (String) throws -> [Entry] = DirectoryWalker.listFolder

    /// What a walk found.
    struct Listing: Sendable {
        /// Files to read, with whether they were named explicitly (not found by walking).
        var files: [(path: String, explicit: Bool)] = []
        var issues: [RuleIssue] = []
        var skipped: [SkippedFile] = []
    }

    func walk(_ roots: [String]) -> Listing {
        var listing = Listing()
        for root in roots {
            let path = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                listing.issues.append(RuleIssue(path: path, reason: "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                walkFolder(path, into: &listing)
            } else {
                listing.files.append((path, true))
            }
        }
        return listing
    }

    private func walkFolder(_ path: String, into listing: inout Listing) {
        let entries: [Entry]
        do {
            entries = try list(path)
        } catch {
            listing.issues.append(RuleIssue(path: path, reason: "cannot read directory: \(Self.reason(error))"))
            return
        }
        for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
            let child = path == "/" ? "/" + entry.name : path + "/" + entry.name
            if entry.isLinkToDirectory {
                listing.skipped.append(SkippedFile(path: child, reason: "symbolic link to a folder, not followed"))
            } else if entry.isDirectory {
                walkFolder(child, into: &listing)
            } else {
                listing.files.append((child, false))
            }
        }
    }

    /// The real folder lister (`lstat`, so links are seen as links).
    @Sendable static func listFolder(_ path: String) throws -> [Entry] {
        let names = try FileManager.default.contentsOfDirectory(atPath: path)
        return names.map { name in
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { return Entry(name: name, isDirectory: false) }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK {
                var target = stat()
                let toDirectory = stat(child, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR
                return Entry(name: name, isDirectory: false, isLinkToDirectory: toDirectory)
            }
            return Entry(name: name, isDirectory: type == S_IFDIR)
        }
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoPermissionError {
            return "permission denied"
        }
        return nsError.localizedDescription
    }
}
