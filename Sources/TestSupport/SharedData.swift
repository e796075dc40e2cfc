import Foundation
import Testing

/// Locates the shared data and corpora (`../shared` beside the package) for integration tests.
///
/// The folder is found from `TTPKIT_SHARED` when set, otherwise as `../shared` relative to the
/// package root. Integration tests are enabled only when it exists:
///
/// ```swift
/// @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
/// func loadsEnterprise() throws { ... }
/// ```
public enum SharedData {
    /// The root of the shared folder, whether or not it exists.
    public static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["TTPKIT_SHARED"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
    }()

    /// The package root (the folder holding `Package.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()

    /// True when the shared folder holds the ATT&CK data.
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: attackData.path)
    }

    /// Why integration tests are skipped when the data is missing.
    public static let skipMessage: Comment = Comment(rawValue:
        "\(root.appendingPathComponent("attack-data").path) not found (set TTPKIT_SHARED to the shared folder); integration test skipped")

    /// `shared/attack-data`.
    public static var attackData: URL { root.appendingPathComponent("attack-data", isDirectory: true) }

    /// `shared/corpora`.
    public static var corpora: URL { root.appendingPathComponent("corpora", isDirectory: true) }

    /// A bundle in `shared/attack-data`, e.g. `bundle("enterprise-attack-18.1.json")`.
    public static func bundle(_ name: String) -> URL { attackData.appendingPathComponent(name) }
}
