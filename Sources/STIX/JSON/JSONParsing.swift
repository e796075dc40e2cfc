import Foundation

extension JSONValue {
    /// Parses a complete JSON document.
    ///
    /// ```swift
    /// let value = try JSONValue.parse(Array("{\"a\": [1, true]}".utf8))
    /// ```
    /// - Throws: ``JSONSyntaxError`` with the byte offset of the first problem.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> JSONValue in
            try parse(buffer)
        }
    }

    /// Parses a complete JSON document from `data`.
    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        try parse([UInt8](data))
    }

    /// Parses a complete JSON document from a buffer.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var scanner = JSONScanner(skippingByteOrderMark(buffer))
        let value = try scanner.readValue()
        try scanner.expectEnd()
        return value
    }
}

/// Drops a leading UTF-8 byte order mark, which some editors write.
func skippingByteOrderMark(_ buffer: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
        return UnsafeBufferPointer(rebasing: buffer[3...])
    }
    return buffer
}

/// Line and column (both 1-based) of a byte offset, for error messages.
public func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    let end = min(offset, bytes.count)
    var i = 0
    while i < end {
        if bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        i += 1
    }
    return (line, end - lineStart + 1)
}
