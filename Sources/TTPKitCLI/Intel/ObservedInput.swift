import Answers
import ATTACK
import Foundation
import Navigator
import STIX

/// Reads the techniques a user observed from a `--techniques` argument: a Navigator layer (the
/// techniques it marks, ``Layer/markedTechniques``), a text file (every `T####[.###]` in it), or
/// IDs and names on the command line. What they resolve to is the library's business
/// (``ObservedInput/resolved(in:)``).
enum ObservedFile {
    static func techniqueIDs(_ argument: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return ObservedInput.items(argument)
        }
        let data: Data
        do {
            data = try FileBytes.read(path: argument, limit: FileBytes.bundleLimit)
        } catch {
            throw CLIError("\(argument): cannot read: \(error.reason)")
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.drop(while: { $0.isWhitespace }).first.map({ $0 == "{" || $0 == "[" }) == true {
            return ObservedInput.techniques(in: try LayerInput.read(argument).layers)
        }
        return ObservedInput.techniqueTokens(in: text)
    }
}
