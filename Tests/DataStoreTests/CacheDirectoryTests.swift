import ATTACK
import Foundation
import Testing
@testable import DataStore

@Suite struct CacheDirectoryTests {
    let home = URL(fileURLWithPath: "/home/analyst", isDirectory: true)

    @Test func explicitVariableWinsOverXDGAndHome() {
        let cache = CacheDirectory.resolve(
            environment: ["TTPKIT_CACHE": "/data/attack", "XDG_CACHE_HOME": "/xdg"], homeDirectory: home)
        #expect(cache.url.path == "/data/attack")
    }

    @Test func xdgCacheHomeComesNext() {
        let cache = CacheDirectory.resolve(environment: ["XDG_CACHE_HOME": "/xdg", "TTPKIT_CACHE": ""],
                                           homeDirectory: home)
        #expect(cache.url.path == "/xdg/ttpkit")
    }

    @Test func homeFolderIsTheDefault() {
        let cache = CacheDirectory.resolve(environment: [:], homeDirectory: home)
        #if os(macOS)
        #expect(cache.url.path == "/home/analyst/Library/Caches/ttpkit")
        #else
        #expect(cache.url.path == "/home/analyst/.cache/ttpkit")
        #expect(cache.displayPath == "~/.cache/ttpkit")
        #endif
        let fromHOME = CacheDirectory.resolve(environment: ["HOME": "/Users/x"])
        #expect(fromHOME.url.path.hasPrefix("/Users/x/"))
    }

    @Test func listsReleaseBundlesNewestFirstAndIgnoresOtherFiles() throws {
        let folder = try TemporaryDirectory()
        try folder.write("enterprise-attack-9.0.json", "{}")
        try folder.write("enterprise-attack-18.1.json", "{\"type\":\"bundle\"}")
        try folder.write("ics-attack-18.1.json", "{}")
        try folder.write("index.json", "{}")
        try folder.write(".enterprise-attack-19.0.json.1234.partial", "{")
        try folder.write("notes.txt", "hello")
        try folder.write("enterprise-attack-latest.json", "{}")
        _ = try folder.folder("mobile-attack-18.1.json")  // a folder is not a bundle
        let cache = CacheDirectory(url: folder.url)
        let listed = try cache.cachedBundles()
        #expect(listed.map { "\($0.domain) \($0.version)" } == ["enterprise 18.1", "enterprise 9.0", "ics 18.1"])
        #expect(listed.first?.size == 17)
        #expect(listed.first?.url.lastPathComponent == "enterprise-attack-18.1.json")
        #expect(try cache.cachedBundle(domain: .enterprise)?.version.text == "18.1")
        #expect(try cache.cachedBundle(domain: .enterprise, version: AttackVersion("9"))?.version.text == "9.0")
        #expect(try cache.cachedBundle(domain: .mobile) == nil)
    }

    @Test func missingCacheFolderHoldsNothingAndAFileIsAnError() throws {
        let folder = try TemporaryDirectory()
        #expect(try CacheDirectory(url: folder.url.appendingPathComponent("absent")).cachedBundles().isEmpty)
        let file = try folder.write("file", "x")
        #expect(throws: CacheError.notADirectory(path: file.path)) {
            try CacheDirectory(url: file).cachedBundles()
        }
    }
}
