// swift-tools-version: 6.0
import PackageDescription

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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Reads STIX 2.0/2.1 bundles into plain values; knows nothing about ATT&CK.
        .target(name: "STIX"),
        // Writing results: escaping (HTML, XML, Markdown, CSV, terminal), tables, safe file
        // writing, the HTML page shell. Knows nothing about ATT&CK.
        .target(name: "Output"),
        // The ATT&CK domain: typed objects, indexes, relationship graph, queries.
        .target(name: "ATTACK", dependencies: ["STIX"]),
        // Where ATT&CK data comes from: files, the release cache, MITRE's index, TAXII 2.1.
        .target(name: "DataStore", dependencies: ["STIX", "ATTACK"]),
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
        .target(name: "Intel", dependencies: ["STIX", "ATTACK", "Navigator", "Coverage", "Output"]),
        // The command-line interface as a library, so tests can run commands in-process.
        .target(
            name: "TTPKitCLI",
            dependencies: [
                "STIX", "ATTACK", "DataStore", "Navigator", "Coverage", "Reports", "Intel", "Output",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ttpkit", dependencies: ["TTPKitCLI"]),
        // Prints the figures the performance targets ask for; run in release.
        .executableTarget(name: "Benchmarks", dependencies: ["STIX", "ATTACK", "Navigator", "Coverage", "Intel"]),
        // libFuzzer targets for every reader of untrusted input (tools/fuzz/run.sh builds it with
        // -sanitize=fuzzer,address); a normal build replays files through a target.
        .executableTarget(
            name: "TTPKitFuzz", dependencies: ["STIX", "ATTACK", "DataStore", "Navigator", "Coverage"]),
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
        .testTarget(name: "TTPKitCLITests", dependencies: ["TTPKitCLI", "TestSupport"]),
    ]
)
