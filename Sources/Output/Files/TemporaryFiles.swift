#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Temporary files being written, removed when the process is interrupted (SIGINT, SIGTERM,
/// SIGHUP) so an interrupted write never leaves a hidden `.tmp` file behind. A signal whose
/// disposition is not the default (ignored, or handled by someone else) is left alone.
/// `SIGKILL` cannot be caught: a killed process can leave its temporary file.
enum TemporaryFiles {
    static let capacity = 64
    private static let lock = NSLock()
    nonisolated(unsafe) private static var installed = false

    /// Registers a path for removal on a signal; returns the slot to pass to ``unregister(_:)``.
    static func register(_ path: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        installHandlersOnce()
        for i in 0..<capacity where temporaryFileSlots[i] == nil {
            temporaryFileSlots[i] = strdup(path)
            return i
        }
        return nil
    }

    /// Forgets a registered path (after it was renamed into place or removed).
    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        defer { lock.unlock() }
        let p = temporaryFileSlots[slot]
        temporaryFileSlots[slot] = nil
        free(p)
    }

    /// The path registered in `slot`, if any.
    static func path(inSlot slot: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return temporaryFileSlots[slot].map { String(cString: $0) }
    }

    private static func installHandlersOnce() {
        guard !installed else { return }
        installed = true
        _ = temporaryFileSlots  // initialised before any handler can read it
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var current = sigaction()
            guard sigaction(sig, nil, &current) == 0, Self.isDefault(current) else { continue }
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = removeTemporaryFilesAndDie
            #else
            action.__sigaction_u.__sa_handler = removeTemporaryFilesAndDie
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }

    private static func isDefault(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        let handler = action.__sigaction_handler.sa_handler
        #else
        let handler = action.__sigaction_u.__sa_handler
        #endif
        return handler == nil  // SIG_DFL is the null handler
    }
}

/// Paths of temporary files being written; read by the signal handler, so plain C storage.
nonisolated(unsafe) let temporaryFileSlots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: TemporaryFiles.capacity)
    p.initialize(repeating: nil, count: TemporaryFiles.capacity)
    return p
}()

/// Signal handler: removes the registered files, then lets the signal take its default course.
private func removeTemporaryFilesAndDie(_ sig: Int32) {
    removeRegisteredTemporaryFiles()
    signal(sig, SIG_DFL)
    raise(sig)
}

/// Unlinks every registered temporary file; async-signal-safe (no allocation, no locks).
private func removeRegisteredTemporaryFiles() {
    for i in 0..<TemporaryFiles.capacity {
        if let p = temporaryFileSlots[i] { unlink(p) }
    }
}
