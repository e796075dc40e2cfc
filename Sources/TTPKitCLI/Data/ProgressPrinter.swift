import DataStore
import Foundation

/// Renders DataStore progress on stderr: notices always, byte counts only on a terminal.
enum ProgressPrinter {
    static let handler: ProgressHandler = { event in
        let err = Terminal.standardError
        switch event {
        case .notice, .installed, .alreadyCached:
            if err.isTerminal { err.replaceLine() }
            err.write("ttpkit: \(event.description)\n")
        case .bytesReceived, .taxiiPage, .downloadStarted, .verifying, .fetchingIndex:
            if err.isTerminal { err.replaceLine(with: "ttpkit: \(event.description)") }
        }
    }
}
