import Foundation

/// Standard output and error, with colour only when writing to a terminal.
struct Terminal: Sendable {
    let handle: FileHandle
    let fd: Int32

    static let standardOutput = Terminal(handle: .standardOutput, fd: STDOUT_FILENO)
    static let standardError = Terminal(handle: .standardError, fd: STDERR_FILENO)

    func write(_ text: String) {
        handle.write(Data(text.utf8))
    }

    /// True when this stream is a terminal (and NO_COLOR is not set, for colour).
    var isTerminal: Bool { isatty(fd) == 1 }

    var usesColor: Bool {
        isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// The terminal width, or 100 when not a terminal.
    var width: Int {
        var size = winsize()
        if isTerminal, ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }

    /// The width tables fit: the terminal's, or nil when the output is piped or redirected
    /// (tables are then never cut).
    var tableWidth: Int? { isTerminal ? width : nil }

    func bold(_ s: String) -> String { usesColor ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    func dim(_ s: String) -> String { usesColor ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
    func cyan(_ s: String) -> String { usesColor ? "\u{1B}[36m\(s)\u{1B}[0m" : s }
    func yellow(_ s: String) -> String { usesColor ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
}
