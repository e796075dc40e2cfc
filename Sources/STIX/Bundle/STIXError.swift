/// Why a bundle could not be read: the file, the position and what was expected.
///
/// `description` is the one line the CLI prints, e.g.
/// `enterprise.json: byte 1043 (line 40, column 7): expected ',' or '}' after object member, found end of input`.
public struct STIXError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file or source the bytes came from.
    public private(set) var source: String
    /// Byte offset of the problem, when known.
    public private(set) var offset: Int?
    /// 1-based line and column of `offset`, when known.
    public private(set) var line: Int?
    public private(set) var column: Int?
    /// The STIX id of the object involved, when known.
    public private(set) var objectID: String?
    /// What went wrong.
    public private(set) var message: String

    /// The same problem, naming another source (the URL a download came from instead of the
    /// temporary file it was saved to).
    public func relabeled(source: String) -> STIXError {
        var error = self
        error.source = source
        return error
    }

    public var description: String {
        var where_ = source
        if let offset {
            where_ += ": byte \(offset)"
            if let line, let column { where_ += " (line \(line), column \(column))" }
        }
        if let objectID { where_ += ": object \(objectID)" }
        return "\(where_): \(message)"
    }
}
