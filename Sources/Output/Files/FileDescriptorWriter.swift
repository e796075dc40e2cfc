#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to an open file descriptor completely, retrying interrupted and partial
/// writes, and reports failures (a full disk, a closed pipe) as an ``OutputError`` instead
/// of trapping as `FileHandle.write` does.
///
/// ```swift
/// try FileDescriptorWriter.write(Array("hello\n".utf8), to: STDOUT_FILENO, name: "standard output")
/// ```
public enum FileDescriptorWriter {
    /// Writes all of `bytes` to `fd`; `name` names the destination in an error.
    public static func write(_ bytes: some Collection<UInt8>, to fd: Int32, name: String) throws(OutputError) {
        let error: Int32? = bytes.withContiguousStorageIfAvailable { buffer in writeAll(buffer, fd) }
            ?? Array(bytes).withUnsafeBufferPointer { writeAll($0, fd) }
        if let error { throw OutputError(path: name, reason: systemMessage(error)) }
    }

    /// Writes the buffer; returns the errno of a failure, nil when everything was written.
    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, _ fd: Int32) -> Int32? {
        guard let base = buffer.baseAddress else { return nil }
        var offset = 0
        while offset < buffer.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, base + offset, buffer.count - offset)
            #else
            let n = Darwin.write(fd, base + offset, buffer.count - offset)
            #endif
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return errno
            }
            if n == 0 { return EIO }
            offset += n
        }
        return nil
    }

    /// The system's text for an errno value: "No space left on device".
    public static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
