import ATTACK
import Foundation
import Navigator

/// Reads the techniques and software a user observed: a layer file, a text file of IDs, or
/// IDs on the command line.
enum ObservedInput {
    /// Technique IDs from `argument`: a Navigator layer (enabled entries with a score above 0
    /// or no score), a text file (every `T####[.###]` in it), or a comma/space list.
    static func techniqueIDs(_ argument: String) throws -> (ids: [String], fromFile: Bool) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return (split(argument), false)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: argument))
        } catch {
            throw CLIError("\(argument): cannot read: \(error.localizedDescription)")
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.drop(while: { $0.isWhitespace }).first.map({ $0 == "{" || $0 == "[" }) == true {
            let doc = try LayerInput.read(argument)
            // A layer that scores techniques marks what was seen by its scores: unscored rows are
            // context (parents shown to expand their sub-techniques). A layer without scores
            // marks them by being there.
            let techniques = doc.layers.flatMap(\.techniques).filter(\.isEnabled)
            let scored = techniques.contains { $0.score != nil }
            let ids = techniques.filter { scored ? ($0.score ?? 0) > 0 : true }.map(\.techniqueID)
            return (unique(ids), true)
        }
        return (unique(techniqueTokens(in: text)), true)
    }

    /// Every `T1234` / `T1234.567` token in text.
    static func techniqueTokens(in text: String) -> [String] {
        var ids: [String] = []
        let bytes = Array(text.utf8)
        var i = 0
        func digit(_ j: Int) -> Bool { j < bytes.count && bytes[j] >= 48 && bytes[j] <= 57 }
        while i < bytes.count {
            let boundary = i == 0 || !(bytes[i - 1].isASCIILetterOrDigit)
            if boundary, bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: "t"), digit(i + 1), digit(i + 2), digit(i + 3), digit(i + 4) {
                var end = i + 5
                if end + 3 < bytes.count + 0, end < bytes.count, bytes[end] == UInt8(ascii: "."), digit(end + 1), digit(end + 2), digit(end + 3) { end += 4 }
                if end >= bytes.count || !bytes[end].isASCIILetterOrDigit {
                    ids.append(String(decoding: bytes[i..<end], as: UTF8.self).uppercased())
                }
                i = end
            } else {
                i += 1
            }
        }
        return ids
    }

    /// What one observed technique ID or name stands for in `kb`.
    enum Observed {
        /// A technique, with a note (revoked ID mapped forward, or a newer sub-technique
        /// counted as its parent).
        case found(AttackObject, note: String?)
        /// Nothing usable: why.
        case skipped(String)
    }

    /// Resolves an observed technique (``KnowledgeBase/listedTechnique(_:)``): a sub-technique
    /// ID the release does not have (from a newer release) counts as its parent when the parent exists.
    static func technique(_ query: String, in kb: KnowledgeBase) -> Observed {
        do {
            let r = try kb.listedTechnique(query)
            return .found(r.object, note: r.note)
        } catch {
            if TechniqueID(query) != nil, kb.status(ofAttackID: query) == .unknown {
                return .skipped("not in \(kb.title) (newer release? `ttpkit data update`)")
            }
            return .skipped(error.description)
        }
    }

    static func split(_ list: String) -> [String] {
        list.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0.uppercased()).inserted }
    }
}

extension UInt8 {
    var isASCIILetterOrDigit: Bool {
        (self >= 48 && self <= 57) || (self >= 65 && self <= 90) || (self >= 97 && self <= 122)
    }
}
