import Foundation

/// Times sigma-cli's `sigma analyze attack` on SigmaHQ against the same bundle, when a Python
/// with sigma-cli is available (`TTPKIT_SIGMA_PYTHON`, else `.build-venv-sigma/bin/python` as
/// `tools/coverage/sigma-check.sh` creates it).
enum SigmaPeer {
    static func python() -> String? {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["TTPKIT_SIGMA_PYTHON"], ".build-venv-sigma/bin/python"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Milliseconds of one `sigma analyze attack count` run over `rules` (whole process), or nil.
    static func analyzeMilliseconds(shared: String, bundle: URL, rules: String) -> Double? {
        let script = shared + "/tools/sigma-attack-offline.py"
        guard let python = python(), FileManager.default.fileExists(atPath: script) else { return nil }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sigma-bench-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [script, bundle.path, "count", output.path, rules]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        do { try p.run() } catch { return nil }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
}
