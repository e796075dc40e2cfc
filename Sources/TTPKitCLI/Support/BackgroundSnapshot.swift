import DataStore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds a missing snapshot in a child `ttpkit data snapshot` after a command has parsed the
/// bundle, so the first run of a command costs what a run without snapshots costs and every
/// later run reads the snapshot.
///
/// The child runs in its own session with its streams on `/dev/null`, with this command's
/// environment (so the same cache folder). A marker file beside the snapshot
/// (`<snapshot>.building`, made with `O_EXCL`) keeps a loop of commands from starting one child
/// each; the child removes it, and one older than two minutes (a child that was killed) is
/// replaced. Only the `ttpkit` program does this (not a test runner holding the commands), and
/// not when `TTPKIT_SNAPSHOT_BACKGROUND=0`, which makes the command write the snapshot itself.
enum BackgroundSnapshot {
    /// The environment variable naming the marker the child removes when done.
    static let markerVariable = "TTPKIT_SNAPSHOT_MARKER"

    /// The hand-off for ``SnapshotStore/handOff``, or nil when the command should write the
    /// snapshot itself.
    static func handOff(environment: [String: String], store: SnapshotStore) -> (@Sendable (URL) -> Bool)? {
        guard environment["TTPKIT_SNAPSHOT_BACKGROUND"] != "0", let program = ownProgram() else { return nil }
        return { bundle in start(program: program, bundle: bundle, marker: store.snapshotFile(bundle: bundle.path).path + ".building", environment: environment) }
    }

    /// This process's program when it is `ttpkit`.
    private static func ownProgram() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
            URL(fileURLWithPath: path).lastPathComponent == "ttpkit"
        else { return nil }
        return path
    }

    /// Starts the child unless another is at work; false when none was started (the caller
    /// then writes the snapshot itself only if no child is at work).
    private static func start(program: String, bundle: URL, marker: String, environment: [String: String]) -> Bool {
        var info = stat()
        if stat(marker, &info) == 0, time(nil) - info.st_mtim.tv_sec < 120 { return true }  // a child is at work
        unlink(marker)
        try? FileManager.default.createDirectory(
            atPath: (marker as NSString).deletingLastPathComponent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let fd = open(marker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        var env = environment
        env[markerVariable] = marker
        env["TTPKIT_SNAPSHOT_BACKGROUND"] = "0"
        let argv = [program, "data", "snapshot", "--data", bundle.path]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for stream: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, stream, "/dev/null", stream == 0 ? O_RDONLY : O_WRONLY, 0) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        #if os(Linux)
        posix_spawnattr_setflags(&attributes, 0x80)  // POSIX_SPAWN_SETSID (glibc; not exported to Swift)
        #endif
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, program, &actions, &attributes, cArgs, cEnv) == 0 else {
            unlink(marker)
            return false
        }
        return true
    }

    /// Called by `data snapshot` when it ends: removes the marker its parent made.
    static func finished(environment: [String: String]) {
        if let marker = environment[markerVariable], marker.hasSuffix(".snapshot.building") { unlink(marker) }
    }
}
