import Foundation
import Output

/// Standard output and error of the running command, with colour only when writing to a
/// terminal. Writes go through ``CommandContext/current``: the process's descriptors when
/// ttpkit runs as a program, buffers when a test runs a command in process. A failed write
/// (a full disk, a closed pipe) is remembered, later writes are skipped, and the command
/// ends with `ttpkit: error: standard output: …` and exit 2 (see ``TTPKit/run(_:)``).
///
/// Standard error carries only messages for people, and they quote what users and other
/// people wrote (file names, rule titles, layer names, URLs): every text written to it goes
/// through ``Escape/terminal(_:singleLine:)``, so an escape sequence in a file name cannot
/// move the cursor, retitle the window or hide the message. Standard output carries data
/// (JSON, CSV, documents) and is escaped where it is written for people (tables, messages).
struct Terminal: Sendable {
    let stream: CommandStream
    /// True when every text written is neutralised (standard error).
    var neutralises = false

    static var standardOutput: Terminal { Terminal(stream: CommandContext.current.output) }
    static var standardError: Terminal { Terminal(stream: CommandContext.current.error, neutralises: true) }

    func write(_ text: String) { stream.write(Data((neutralises ? Escape.terminal(text) : text).utf8)) }

    /// Writes a message for people to this stream, with terminal controls neutralised.
    func message(_ text: String) { stream.write(Data(Escape.terminal(text).utf8)) }

    /// Clears the terminal's current line and writes `text` (neutralised) on it: a progress line.
    func replaceLine(with text: String = "") {
        stream.write(Data(("\r\u{1B}[K" + Escape.terminal(text, singleLine: true)).utf8))
    }

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

    // Styled text is a heading or a line for people: its own controls are neutralised first.
    func bold(_ s: String) -> String { styled(s, "1") }
    func dim(_ s: String) -> String { styled(s, "2") }
    func cyan(_ s: String) -> String { styled(s, "36") }
    func yellow(_ s: String) -> String { styled(s, "33") }

    private func styled(_ s: String, _ code: String) -> String {
        let text = Escape.terminal(s, singleLine: true)
        return usesColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
