import ATTACK
import Foundation

/// The shared ATT&CK bundles, each parsed at most once per test process.
///
/// Debug builds parse the 45 MB Enterprise bundle several times slower than release, so
/// integration tests share these lazily built knowledge bases instead of loading their own.
public enum SharedKnowledge {
    public static let enterprise181 = Lazy("enterprise-attack-18.1.json")
    public static let enterprise171 = Lazy("enterprise-attack-17.1.json")
    public static let enterprise161 = Lazy("enterprise-attack-16.1.json")
    public static let enterprise140 = Lazy("enterprise-attack-14.0.json")
    public static let mobile181 = Lazy("mobile-attack-18.1.json")
    public static let ics181 = Lazy("ics-attack-18.1.json")
    public static let ics181stix21 = Lazy("stix21/ics-attack-18.1.json")
    public static let mobile171stix21 = Lazy("stix21/mobile-attack-17.1.json")

    /// A bundle loaded on first use; later uses get the same knowledge base.
    public final class Lazy: @unchecked Sendable {
        public let fileName: String
        private let lock = NSLock()
        private var loaded: Result<KnowledgeBase, LoadError>?

        init(_ fileName: String) { self.fileName = fileName }

        public var url: URL { SharedData.bundle(fileName) }

        /// The knowledge base; throws if the bundle cannot be loaded.
        public func get() throws -> KnowledgeBase {
            lock.lock()
            defer { lock.unlock() }
            if let loaded { return try loaded.get() }
            let result: Result<KnowledgeBase, LoadError>
            do throws(LoadError) { result = .success(try KnowledgeBase.load(contentsOf: url)) } catch { result = .failure(error) }
            loaded = result
            return try result.get()
        }
    }
}
