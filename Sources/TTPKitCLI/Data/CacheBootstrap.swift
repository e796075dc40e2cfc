import ATTACK
import Foundation

/// Finds cached bundles, fetching the current release on first use.
enum CacheBootstrap {
    static func cachedOrFetched(domain: AttackDomain?, version: String?, environment: [String: String]) throws -> [URL] {
        throw CLIError(
            "no ATT&CK data configured: pass --data PATH (a bundle file or folder), set TTPKIT_DATA, or run `ttpkit data update` to download MITRE's current release",
            exitCode: .badReferenceData)
    }
}
