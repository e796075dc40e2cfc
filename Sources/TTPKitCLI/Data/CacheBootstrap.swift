import ATTACK
import DataStore
import Foundation

/// Fills the empty cache with the current release on first use.
enum CacheBootstrap {
    /// Downloads the current release (unless `TTPKIT_OFFLINE` is set); a failure is a
    /// `DataLocatorError`, which ``ErrorReport`` prints with every way to get data.
    static func fetchCurrentRelease(locator: DataLocator, domain: AttackDomain?, version: String?, environment: [String: String]) throws -> [URL] {
        if environment["TTPKIT_OFFLINE"].map({ !$0.isEmpty && $0 != "0" }) ?? false {
            throw CLIError(
                "no ATT&CK data configured and TTPKIT_OFFLINE is set: " + ErrorReport.noDataHint,
                exitCode: .badReferenceData)
        }
        let downloader = ReleaseDownloader(cache: locator.cache, environment: environment)
        let selection = try Blocking.run {
            try await locator.bootstrap(downloader: downloader, domain: domain ?? .enterprise, version: version, progress: ProgressPrinter.handler)
        }
        return selection.files
    }
}
