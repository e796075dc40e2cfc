import ATTACK
import DataStore
import Foundation

/// Finds cached bundles, fetching the current release on first use.
enum CacheBootstrap {
    /// The cached bundles for the request; with none cached, downloads the current release
    /// (unless `TTPKIT_OFFLINE` is set) or fails with one message naming every way to get data.
    static func cachedOrFetched(domain: AttackDomain?, version: String?, environment: [String: String]) throws -> [URL] {
        let cache = CacheDirectory.resolve(environment: environment)
        var locatorEnvironment = environment
        locatorEnvironment[DataLocator.dataEnvironmentVariable] = nil
        let locator = DataLocator(cache: cache, environment: locatorEnvironment)
        let storeDomain = domain.flatMap { Domain(argument: $0.shortName) }
        do {
            if let found = try locator.locate(domain: storeDomain, version: version) { return found.files }
        } catch {
            throw CLIError("\(error)", exitCode: .badReferenceData)
        }
        if environment["TTPKIT_OFFLINE"].map({ !$0.isEmpty && $0 != "0" }) ?? false {
            throw CLIError(
                "no ATT&CK data configured and TTPKIT_OFFLINE is set: pass --data PATH (a bundle file or folder), set TTPKIT_DATA, or run `ttpkit data update` when online",
                exitCode: .badReferenceData)
        }
        let downloader = ReleaseDownloader(cache: cache, environment: environment)
        do {
            let selection = try Blocking.run {
                try await locator.bootstrap(downloader: downloader, domain: storeDomain ?? .enterprise, version: version, progress: ProgressPrinter.handler)
            }
            return selection.files
        } catch {
            throw CLIError("\(error)", exitCode: .badReferenceData)
        }
    }
}
