import Foundation

/// Reads a large objects array in parts on several cores.
///
/// Bundles as MITRE publishes them are pretty-printed: every element of the objects array
/// starts on its own line at one indentation. A raw newline cannot occur inside a JSON
/// string, so a newline, that indentation and `{` mark a likely element start. Each part is
/// read from one such mark and must land exactly on the next; if any part does not (a
/// minified file, a mark that was not an element, or an error anywhere), the caller reads
/// the whole array in one pass, which also gives the authoritative error message.
enum ParallelObjects {
    /// Arrays smaller than this are read in one pass.
    static let minimumSize = 4 << 20

    static func read(_ buffer: UnsafeBufferPointer<UInt8>, from first: Int, source: String, text: BundleParser.TextSource) -> (objects: [STIXObject], end: Int)? {
        let cores = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard cores > 1, buffer.count - first >= minimumSize, let indent = indentation(buffer, at: first) else { return nil }
        var starts = [first]
        for k in 1..<cores {
            let target = first + (buffer.count - first) * k / cores
            guard let mark = nextMark(buffer, from: max(target, (starts.last ?? first) + 1), indent: indent) else { break }
            starts.append(mark)
        }
        guard starts.count > 1 else { return nil }
        let marks = starts
        let parts = PartResults(count: starts.count)
        let shared = SharedBuffer(buffer: buffer)
        DispatchQueue.concurrentPerform(iterations: marks.count) { i in
            let stop = i + 1 < marks.count ? marks[i + 1] : nil
            parts.set(i, readPart(shared.buffer, from: marks[i], stop: stop, source: source, text: text))
        }
        var objects: [STIXObject] = []
        var end = 0
        for part in parts.all() {
            guard let part else { return nil }
            objects.append(contentsOf: part.objects)
            end = part.end
        }
        return (objects, end)
    }

    /// Reads elements from `start` until landing exactly on `stop`, or until the closing `]`
    /// when `stop` is nil. Nil when it does not land or anything fails.
    private static func readPart(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, stop: Int?, source: String, text: BundleParser.TextSource
    ) -> (objects: [STIXObject], end: Int)? {
        var scanner = JSONScanner(buffer)
        scanner.seek(to: start)
        var objects: [STIXObject] = []
        objects.reserveCapacity(max(16, (stop ?? buffer.count) - start) / 1800)
        do {
            while true {
                objects.append(try BundleParser.readElement(&scanner, buffer: buffer, source: source, text: text, index: objects.count))
                switch scanner.peek() {
                case UInt8(ascii: ","):
                    try scanner.expect(UInt8(ascii: ","), "','")
                    scanner.skipWhitespace()
                    if let stop {
                        if scanner.position == stop { return (objects, stop) }
                        if scanner.position > stop { return nil }
                    }
                case UInt8(ascii: "]"):
                    guard stop == nil else { return nil }
                    try scanner.expect(UInt8(ascii: "]"), "']'")
                    return (objects, scanner.position)
                default:
                    return nil
                }
            }
        } catch {
            return nil
        }
    }

    /// The whitespace between the line start and `offset`, when `offset` begins its line.
    private static func indentation(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> [UInt8]? {
        var i = offset
        while i < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x09 || buffer[i] == 0x0A || buffer[i] == 0x0D { i += 1 }
        guard i < buffer.count, buffer[i] == UInt8(ascii: "{") else { return nil }
        var lineStart = i
        while lineStart > 0, buffer[lineStart - 1] == 0x20 || buffer[lineStart - 1] == 0x09 { lineStart -= 1 }
        guard lineStart > 0, buffer[lineStart - 1] == 0x0A else { return nil }
        return Array(buffer[lineStart..<i])
    }

    /// The next `\n<indent>{` at or after `from`; returns the offset of the `{`.
    private static func nextMark(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, indent: [UInt8]) -> Int? {
        var i = from
        let n = indent.count
        while i < buffer.count {
            guard buffer[i] == 0x0A else {
                i += 1
                continue
            }
            let brace = i + 1 + n
            if brace < buffer.count, buffer[brace] == UInt8(ascii: "{") {
                var matches = true
                for k in 0..<n where buffer[i + 1 + k] != indent[k] {
                    matches = false
                    break
                }
                if matches { return brace }
            }
            i += 1
        }
        return nil
    }

    private struct SharedBuffer: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<UInt8>
    }

    private final class PartResults: @unchecked Sendable {
        private var storage: [(objects: [STIXObject], end: Int)?]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: (objects: [STIXObject], end: Int)?) {
            lock.lock()
            storage[i] = value
            lock.unlock()
        }
        func all() -> [(objects: [STIXObject], end: Int)?] { storage }
    }
}
