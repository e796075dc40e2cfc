import ATTACK
import DataStore
import Foundation

/// Turns a command-line release argument into a knowledge base: a bundle path, or a version
/// (`17.1`) looked up in `--data` (a folder), `$TTPKIT_DATA`, then the cache.
enum ReleaseArgument {
    static func knowledgeBase(_ argument: String, domain: AttackDomain, _ options: DataOptions) throws -> KnowledgeBase {
        let url = try bundle(argument, domain: domain, options)
        do {
            return try KnowledgeBase.load(contentsOf: url)
        } catch {
            throw CLIError.load(error)
        }
    }

    static func bundle(_ argument: String, domain: AttackDomain, _ options: DataOptions) throws -> URL {
        let expanded = (argument as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: expanded, isDirectory: &isDirectory), !isDirectory.boolValue {
            return URL(fileURLWithPath: expanded)
        }
        guard let version = AttackVersion(argument) else {
            throw CLIError("\(argument): no such file, and not an ATT&CK version like 17.1")
        }
        let environment = CommandContext.current.environment
        let folder = options.data ?? environment["TTPKIT_DATA"].flatMap { $0.isEmpty ? nil : $0 }
        let cache = CacheDirectory.resolve(environment: environment)
        var cacheOnly = environment
        cacheOnly[DataLocator.dataEnvironmentVariable] = nil
        let locator = DataLocator(cache: cache, environment: cacheOnly)
        var isFolder: ObjCBool = false
        if let folder, FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
            let hit = (try? locator.locate(explicitPath: folder, domain: domain, version: version.text))?.files.first
        {
            return hit
        }
        if let hit = (try? locator.locate(domain: domain, version: version.text))?.files.first { return hit }
        let cached = try? cache.cachedBundles()
        var known = (cached ?? []).filter { $0.domain.fileStem == domain.rawValue }.map(\.version.text)
        if let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
            known += names.filter { $0.hasPrefix(domain.rawValue + "-") }.compactMap { ReleaseVersion.fromFileName($0) }
        }
        let available = known.isEmpty ? "none found" : "available: " + Set(known).sorted { ReleaseVersion.isOrderedBefore($0, $1) }.joined(separator: ", ")
        throw CLIError("unknown ATT&CK version \(argument) for \(domain.shortName) (\(available)); give a bundle path, --data FOLDER, or run `ttpkit data update`")
    }
}
