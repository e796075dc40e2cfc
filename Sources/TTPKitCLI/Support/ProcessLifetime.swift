import Foundation

/// Keeps loaded data alive until the process exits.
///
/// Freeing a 45 MB bundle's objects one by one takes longer than the process takes to exit;
/// a command-line run has no use for it.
final class ProcessLifetime: @unchecked Sendable {
    static let shared = ProcessLifetime()
    private let lock = NSLock()
    private var kept: [AnyObject] = []

    func keep(_ object: AnyObject) {
        guard CommandContext.current.isProcess else { return }  // commands run in process by tests free their data
        lock.lock()
        kept.append(object)
        lock.unlock()
    }
}
