/// Why a layer file could not be read or written. Each case prints as one line naming the
/// file, the place (line and column, or JSON path) and what was expected.
///
/// ```swift
/// do { _ = try LayerFile.read(contentsOf: url) } catch { print(error) }
/// // apt29.json: techniques[12].score: expected a number, found string "high"
/// ```
public enum LayerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not JSON; `line`/`column` locate the first problem.
    case notJSON(file: String, line: Int, column: Int, expected: String, found: String)
    /// The JSON is not a layer: a required field is missing or has the wrong type.
    case invalid(file: String, path: String, message: String)
    /// The layer is for another domain than the data it is used with.
    case wrongDomain(file: String, layerDomain: String, expected: String)
    /// The file could not be read or written.
    case io(file: String, message: String)

    public var description: String {
        switch self {
        case .notJSON(let file, let line, let column, let expected, let found):
            "\(file):\(line):\(column): not a JSON layer: expected \(expected), found \(found)"
        case .invalid(let file, let path, let message):
            "\(file): \(path.isEmpty ? "" : path + ": ")\(message)"
        case .wrongDomain(let file, let layerDomain, let expected):
            "\(file): domain: layer is for '\(layerDomain)', but the ATT&CK data loaded is '\(expected)'"
        case .io(let file, let message):
            "\(file): \(message)"
        }
    }
}
