import Foundation
import Output

/// Standard output and error of the running command, with colour only when writing to a
/// terminal. Writes go through ``CommandContext/current``: the process's descriptors when
/// ttpkit runs as a program, buffers when a test runs a command in process. A failed write
/// (a full disk, a closed pipe) is remembered, later writes are skipped, and the command
/// ends with `ttpkit: error: standard output: …` and exit 2 (see ``TTPKit/run(_:)``).
struct Terminal: Sendable {
    let stream: CommandStream

    static var standardOutput: Terminal { Terminal(stream: CommandContext.current.output) }
    static var standardError: Terminal { Terminal(stream: CommandContext.current.error) }

    func write(_ text: String) { stream.write(Data(text.utf8)) }

    func write(_ data: Data) { stream.write(data) }

    /// True when this stream is a terminal.
    var isTerminal: Bool { stream.isTerminal }

    /// True on a terminal unless NO_COLOR is set or TERM is dumb.
    var usesColor: Bool {
        let environment = CommandContext.current.environment
        return isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// The terminal width, or 100 when not a terminal.
    var width: Int {
        var size = winsize()
        if isTerminal, case .descriptor(let fd) = stream.target, ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
            return Int(size.ws_col)
        }
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
