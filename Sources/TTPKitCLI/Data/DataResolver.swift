import ATTACK
import Foundation

/// Turns `--data`, `$TTPKIT_DATA` or the cache into the bundle files to load.
enum DataResolver {
    static func bundleFiles(explicit: String?, domain: AttackDomain?, version: String?, environment: [String: String]) throws -> [URL] {
        if let explicit { return try files(at: explicit, origin: "--data", domain: domain, version: version) }
        if let env = environment["TTPKIT_DATA"], !env.isEmpty { return try files(at: env, origin: "TTPKIT_DATA", domain: domain, version: version) }
        return try CacheBootstrap.cachedOrFetched(domain: domain, version: version, environment: environment)
    }

    /// The bundle files at a path: the file itself, or the `.json` bundles in a folder
    /// (the release index `index.json` excluded). With several releases of a domain in a
    /// folder, the newest is taken, or the one `version` names.
    static func files(at path: String, origin: String, domain: AttackDomain?, version: String? = nil) throws -> [URL] {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CLIError("\(origin) \(path): no such file or folder")
        }
        guard isDirectory.boolValue else { return [url] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw CLIError("\(origin) \(path): cannot read folder: \(error.localizedDescription)")
        }
        var bundles = names.filter { $0.hasSuffix(".json") && $0 != "index.json" && !$0.hasPrefix(".") }.sorted()
        guard !bundles.isEmpty else { throw CLIError("\(origin) \(path): no .json bundle files in this folder") }
        if let version {
            bundles = bundles.filter { ReleaseVersion.fromFileName($0) == version }
            guard !bundles.isEmpty else { throw CLIError("\(origin) \(path): no bundle of ATT&CK \(version) in this folder (expected a name like enterprise-attack-\(version).json)") }
        }
        return newestPerDomain(bundles, in: url, domain: domain)
    }

    /// Picks one file per domain from names like `enterprise-attack-18.1.json` (the newest
    /// release); files without a recognisable name are all kept.
    static func newestPerDomain(_ names: [String], in folder: URL, domain: AttackDomain?) -> [URL] {
        var best: [AttackDomain: (String, String)] = [:]
        var others: [String] = []
        for name in names {
            guard let d = AttackDomain.allCases.first(where: { name.hasPrefix($0.rawValue) }) else {
                others.append(name)
                continue
            }
            let v = ReleaseVersion.fromFileName(name) ?? "0"
            if let current = best[d], !ReleaseVersion.isOrderedBefore(current.1, v) { continue }
            best[d] = (name, v)
        }
        var chosen = best.filter { domain == nil || $0.key == domain }.sorted { $0.key < $1.key }.map(\.value.0)
        if domain == nil || chosen.isEmpty { chosen += others }
        return chosen.map { folder.appendingPathComponent($0) }
    }
}
