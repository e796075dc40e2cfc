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
        /// The name is not UTF-8 (`name` shows it with U+FFFD): reported, not read.
        var notUTF8 = false
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
            var info = stat()
            guard stat(path, &info) == 0 else {
                let code = errno
                listing.issues.append(RuleIssue(path: path, reason: code == ENOENT ? "no such file or directory" : FolderError(code: code).description))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
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
            if entry.notUTF8 {
                listing.issues.append(RuleIssue(path: child, reason: "file name is not UTF-8 text (shown with \u{FFFD}); not read"))
            } else if entry.isLinkToDirectory {
                listing.skipped.append(SkippedFile(path: child, reason: "symbolic link to a folder, not followed"))
            } else if entry.isDirectory {
                walkFolder(child, into: &listing)
            } else {
                listing.files.append((child, false))
            }
        }
    }

    /// The real folder lister (`readdir` and `lstat`, so links are seen as links). A name
    /// that is not UTF-8 cannot be named in a report or opened again through a `String`
    /// path, so it is listed with `notUTF8` set (shown with U+FFFD) for the walk to report.
    @Sendable static func listFolder(_ path: String) throws -> [Entry] {
        guard let folder = opendir(path) else { throw FolderError(code: errno) }
        defer { closedir(folder) }
        var entries: [Entry] = []
        while let entry = readdir(folder) {
            // The name is read up to its NUL through a pointer: a record is only as long as its
            // name, so copying the whole declared `d_name` array could read past the mapping.
            guard let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) else { continue }
            let namePointer = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: UInt8.self)
            let bytes = Array(UnsafeBufferPointer(start: namePointer, count: strlen(UnsafeRawPointer(namePointer).assumingMemoryBound(to: CChar.self))))
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                entries.append(Entry(name: String(decoding: bytes, as: UTF8.self), isDirectory: false, notUTF8: true))
                continue
            }
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else {
                entries.append(Entry(name: name, isDirectory: false))
                continue
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK {
                var target = stat()
                let toDirectory = stat(child, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR
                entries.append(Entry(name: name, isDirectory: false, isLinkToDirectory: toDirectory))
            } else {
                entries.append(Entry(name: name, isDirectory: type == S_IFDIR))
            }
        }
        return entries
    }

    /// A folder that could not be listed, with the system's reason.
    struct FolderError: Error, CustomStringConvertible {
        let code: Int32
        var description: String {
            switch code {
            case EACCES, EPERM: "permission denied"
            case ELOOP: "symbolic links loop (a link points back at itself)"
            case ENOTDIR: "not a folder"
            case ENOENT: "no such folder"
            default: String(cString: strerror(code))
            }
        }
    }

    static func reason(_ error: Error) -> String {
        if let folder = error as? FolderError { return folder.description }
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
