import ATTACK
import DataStore
import Foundation

/// Turns `--data`, `$TTPKIT_DATA` or the cache into the bundle files to load, through
/// DataStore's ``DataLocator``; fetches the current release when nothing is configured.
enum DataResolver {
    static func bundleFiles(explicit: String?, domain: AttackDomain?, version: String?, environment: [String: String]) throws -> [URL] {
        let locator = DataLocator(cache: CacheDirectory.resolve(environment: environment), environment: environment)
        if let selection = try locator.locate(explicitPath: explicit, domain: domain, version: version) { return selection.files }
        return try CacheBootstrap.fetchCurrentRelease(locator: locator, domain: domain, version: version, environment: environment)
    }
}
