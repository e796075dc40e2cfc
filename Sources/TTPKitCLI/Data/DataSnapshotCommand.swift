import ATTACK
import ArgumentParser
import DataStore
import Foundation
import Output
import STIX

/// `ttpkit data snapshot`: compile the knowledge-base snapshots ahead of time.
struct DataSnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Compile each ATT&CK bundle into a snapshot in the cache, so commands answer without parsing it.",
        discussion: """
            Every command has a bundle's snapshot written the first time it loads the bundle \
            (by a `ttpkit data snapshot` it starts in the background, so that first answer is \
            not delayed; TTPKIT_SNAPSHOT_BACKGROUND=0 writes it before answering) and reads it \
            afterwards; this command does that ahead of time for every release in \
            --data (default: $TTPKIT_DATA, then every cached release). A snapshot is used only \
            while its bundle is unchanged (same file, size and times), only when it is this \
            user's file and nobody else may write it, and only after its header and index \
            checksums match; otherwise it is rebuilt with a note. `--no-snapshot` on any command \
            parses the bundles instead.

            Examples:
              ttpkit data snapshot
              ttpkit data snapshot --data ../shared/attack-data --format json
              ttpkit data snapshot --force                # rebuild even the valid ones
            """)

    @Option(name: .long, help: ArgumentHelp("An ATT&CK bundle or folder of bundles (default: $TTPKIT_DATA, then the cache).", valueName: "path"))
    var data: String?

    @Flag(help: "Rebuild snapshots that are already valid.")
    var force = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let environment = CommandContext.current.environment
        defer { BackgroundSnapshot.finished(environment: environment) }
        let cache = CacheDirectory.resolve(environment: environment)
        let locator = DataLocator(cache: cache, environment: environment)
        guard let files = try locator.locateEveryRelease(explicitPath: data)?.files else {
            throw CLIError("no ATT&CK data to compile: give --data, set TTPKIT_DATA, or run `ttpkit data update`", exitCode: .badReferenceData)
        }
        let store = SnapshotStore(cache: cache)
        var rows: [[String]] = []
        var json: [JSONValue] = []
        for url in files {
            let notes = NoteBox()
            let result: (knowledgeBase: KnowledgeBase, origin: SnapshotStore.Origin)
            do throws(LoadError) {
                result = try store.knowledgeBase(bundle: url, rebuild: force) { notes.add($0) }
            } catch {
                throw CLIError.load(error)
            }
            for note in notes.lines { Terminal.standardError.write("ttpkit: note: \(note)\n") }
            let file = store.snapshotFile(bundle: url.path)
            let state: String
            switch result.origin {
            case .snapshot: state = "up to date"
            case .parsed(writeError: nil): state = "written"
            case .parsed(writeError: let why?): throw CLIError("\(file.path): cannot write the snapshot: \(why)")
            case .handedOff: state = "being written"
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value
            let kb = result.knowledgeBase
            rows.append([kb.domain.shortName, kb.attackVersion ?? "?", state, size.map { String(format: "%.1f MB", Double($0) / 1e6) } ?? "", file.path])
            json.append(.object(JSONObject([
                ("domain", .string(kb.domain.shortName)), ("version", kb.attackVersion.map(JSONValue.string) ?? .null),
                ("bundle", .string(url.path)), ("state", .string(state)), ("snapshot", .string(file.path)),
                ("bytes", size.map { .number(Double($0)) } ?? .null),
            ])))
        }
        CommandOutput(table: Table(columns: ["domain", "version", "snapshot", "size", "location"], rows: rows), json: .array(json)).print(output.format)
    }
}
