// swift-tools-version: 6.0
import PackageDescription

/// Linker flags for a statically linked Swift runtime and Foundation (Linux release builds):
/// `-static-stdlib` and the libraries Foundation's static archives need. The toolchain's lld
/// packs the 150,000 relative relocations of the position-independent binary (DT_RELR,
/// glibc 2.36+), which the loader then applies in 3 ms less at every start.
let staticRuntime = [
    "-static-stdlib", "-lFoundation", "-lFoundationInternationalization", "-lFoundationEssentials", "-lCoreFoundation",
    "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization", "-lswiftDispatch",
    "-ldispatch", "-lBlocksRuntime", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
]

let package = Package(
    name: "ttpkit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ttpkit", targets: ["ttpkit"]),
        .library(name: "STIX", targets: ["STIX"]),
        .library(name: "ATTACK", targets: ["ATTACK"]),
        .library(name: "DataStore", targets: ["DataStore"]),
        .library(name: "Navigator", targets: ["Navigator"]),
        .library(name: "Coverage", targets: ["Coverage"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Intel", targets: ["Intel"]),
        .library(name: "Output", targets: ["Output"]),
        .library(name: "Answers", targets: ["Answers"]),
        .library(name: "Server", targets: ["Server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
    ],
    targets: [
        // Reads STIX 2.0/2.1 bundles into plain values; knows nothing about ATT&CK.
        // SHA-256 (swift-crypto) names every bundle an answer was read from.
        .target(name: "STIX", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Writing results: escaping (HTML, XML, Markdown, CSV, terminal), tables, safe file
        // writing, the HTML page shell. Knows nothing about ATT&CK.
        .target(name: "Output", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The ATT&CK domain: typed objects, indexes, relationship graph, queries.
        .target(name: "ATTACK", dependencies: ["STIX"]),
        // Where ATT&CK data comes from: files, the release cache (and the knowledge-base snapshots
        // in it), MITRE's index, TAXII 2.1.
        // HTTP over AsyncHTTPClient (NIO's event loop sleeps while a server is slow; Foundation's
        // URLSession on Linux polls).
        .target(
            name: "DataStore",
            dependencies: [
                "STIX", "ATTACK", "Output",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Navigator layers: format, generation, operations, renderers.
        .target(
            name: "Navigator",
            dependencies: ["ATTACK", "Output", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Detection content and telemetry mapped to techniques; coverage and gaps.
        .target(
            name: "Coverage",
            dependencies: [
                "STIX", "ATTACK", "Navigator", "Output",
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Documents assembled from the analyses (executive coverage report...), Markdown and HTML.
        .target(name: "Reports", dependencies: ["STIX", "ATTACK", "Navigator", "Coverage", "Intel", "Output"]),
        // Threat-intel analyses: similarity ranking, version diff, layer migration, report extraction, IOCs.
        // SHA-256 (swift-crypto) names extract's model by its training data.
        // Optimised even in debug builds: `extract` trains its technique classifier on first use,
        // which takes seconds optimised and many minutes unoptimised (tests, the README check).
        .target(
            name: "Intel", dependencies: ["STIX", "ATTACK", "Navigator", "Coverage", "Output", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // The answer layer: one library call per question users ask, returning a typed answer
        // with its provenance; the CLI, the JSON API, the web app and the reports only render it.
        .target(name: "Answers", dependencies: ["STIX", "ATTACK", "Navigator", "Coverage", "Intel", "Reports", "Output"]),
        // The team server: TAXII 2.1, the JSON API, the web app and coverage history (Hummingbird 2).
        .target(
            name: "Server",
            dependencies: [
                "STIX", "ATTACK", "DataStore", "Navigator", "Coverage", "Reports", "Intel", "Output", "Answers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // The connection guard (header deadline, connection cap) is a channel handler.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        // The command-line interface as a library, so tests can run commands in-process.
        .target(
            name: "TTPKitCLI",
            dependencies: [
                "STIX", "ATTACK", "DataStore", "Navigator", "Coverage", "Reports", "Intel", "Output", "Answers", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release builds on Linux link the Swift runtime and Foundation statically: a process
        // starts in about 10 ms less (no shared-library loading and symbol binding), which
        // counts when ttpkit is called in loops (README, Performance).
        .executableTarget(
            name: "ttpkit", dependencies: ["TTPKitCLI"],
            linkerSettings: [.unsafeFlags(staticRuntime, .when(platforms: [.linux], configuration: .release))]
        ),
        // Prints the figures the performance targets ask for; run in release.
        .executableTarget(name: "Benchmarks", dependencies: ["STIX", "ATTACK", "Navigator", "Coverage", "Intel"]),
        // libFuzzer targets for every reader of untrusted input (tools/fuzz/run.sh builds it with
        // -sanitize=fuzzer,address); a normal build replays files through a target.
        .executableTarget(
            name: "TTPKitFuzz", dependencies: ["STIX", "ATTACK", "DataStore", "Navigator", "Coverage", "Intel"]),
        // Fixtures and helpers shared by the test targets.
        .target(name: "TestSupport", dependencies: ["STIX", "ATTACK"]),

        .testTarget(name: "STIXTests", dependencies: ["STIX", "TestSupport"]),
        .testTarget(name: "OutputTests", dependencies: ["Output"]),
        .testTarget(name: "ATTACKTests", dependencies: ["ATTACK", "TestSupport"]),
        .testTarget(name: "DataStoreTests", dependencies: ["DataStore", "ATTACK", "TestSupport"]),
        .testTarget(name: "NavigatorTests", dependencies: ["Navigator", "TestSupport"]),
        .testTarget(name: "CoverageTests", dependencies: ["Coverage", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Coverage", "Intel", "TestSupport"]),
        .testTarget(name: "IntelTests", dependencies: ["Intel", "TestSupport"]),
        .testTarget(name: "AnswersTests", dependencies: ["Answers", "TestSupport"]),
        // HummingbirdTesting: the gap list of the CLI compared with the server's /api/gaps.
        .testTarget(
            name: "TTPKitCLITests",
            dependencies: [
                "TTPKitCLI", "TestSupport", "Server",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Coverage", "Answers", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
    ]
)
