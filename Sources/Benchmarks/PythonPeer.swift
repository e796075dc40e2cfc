import Foundation

/// Times `mitreattack-python` loading the same bundle, when a Python with it is available
/// (`TTPKIT_PEERS_PYTHON`, else `.build-venv-peers/bin/python` as `tools/crosscheck/run.sh`
/// creates it).
enum PythonPeer {
    static func python() -> String? {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["TTPKIT_PEERS_PYTHON"], ".build-venv-peers/bin/python", "/work/venv-peers/bin/python"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Seconds `MitreAttackData(bundle)` takes, or nil when unavailable.
    static func loadSeconds(_ bundle: URL) -> Double? {
        guard let python = python() else { return nil }
        let script = """
            import sys, time
            from mitreattack.stix20 import MitreAttackData
            t = time.perf_counter(); MitreAttackData(sys.argv[1]); print(time.perf_counter() - t)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", script, bundle.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
