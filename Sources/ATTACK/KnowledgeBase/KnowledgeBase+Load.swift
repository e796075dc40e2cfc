import Foundation
import STIX

extension KnowledgeBase {
    /// Reads one bundle file and builds its knowledge base.
    public static func load(contentsOf url: URL, attackVersion: String? = nil) throws(LoadError) -> KnowledgeBase {
        let bundle: STIXBundle
        do {
            bundle = try STIXBundle.load(contentsOf: url)
        } catch {
            throw LoadError.bundle(error)
        }
        return try KnowledgeBase(bundles: [bundle], attackVersion: attackVersion)
    }
}
