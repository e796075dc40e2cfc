/// Why a bundle could not be read: the file, the position and what was expected.
///
/// `description` is the one line the CLI prints, e.g.
/// `enterprise.json: byte 1043 (line 40, column 7): expected ',' or '}' after object member, found end of input`.
public struct STIXError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file or source the bytes came from.
    public let source: String
    /// Byte offset of the problem, when known.
    public let offset: Int?
    /// 1-based line and column of `offset`, when known.
    public let line: Int?
    public let column: Int?
    /// The STIX id of the object involved, when known.
    public let objectID: String?
    /// What went wrong.
    public let message: String

    public init(source: String, offset: Int? = nil, line: Int? = nil, column: Int? = nil, objectID: String? = nil, message: String) {
        self.source = source
        self.offset = offset
        self.line = line
        self.column = column
        self.objectID = objectID
        self.message = message
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
