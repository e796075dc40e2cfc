import Foundation

/// Writes text files atomically (a temporary file in the same folder, then a rename), so a
/// reader never sees half a file.
public enum AtomicFile {
    /// Writes UTF-8 `text` to `path`.
    public static func write(_ text: String, to path: String) throws(CoverageInputError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CoverageInputError(path: path, reason: "cannot write: \((error as NSError).localizedDescription)")
        }
    }
}
