import Foundation

extension String {
    /// `trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)`, without
    /// Foundation's bridging when both ends are ASCII and not whitespace (nearly every query and
    /// citation name), where there is nothing to trim. The answer is Foundation's in every case.
    func trimmedWhitespace(newlines: Bool = false) -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        func plain(_ byte: UInt8) -> Bool {
            byte < 0x80 && byte != 0x20 && byte != 0x09 && !(newlines && (0x0A...0x0D).contains(byte))
        }
        if plain(first) && plain(last) { return self }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }
}
