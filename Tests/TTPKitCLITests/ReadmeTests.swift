import Foundation
import TestSupport
import Testing

/// Runs every `sh` code block of the README as written, top to bottom, the way a newcomer
/// follows it from the repository root with `../shared` beside it.
///
/// The blocks run in one scratch copy of the root (its entries linked, so files the README
/// writes land in the scratch folder), with the built `ttpkit` first on `PATH`, an empty cache
/// and no network; `export` lines of earlier blocks hold in later ones, as in one shell. A block preceded by `<!-- readme-test: skip REASON -->` is not run (building,
/// the test command itself, downloads); `<!-- readme-test: exit N -->` expects that status.
@Suite("README command blocks", .enabled(if: SharedData.isAvailable, SharedData.skipMessage), .serialized)
struct ReadmeTests {
    struct Block: CustomStringConvertible {
        let line: Int
        let code: String
        let skip: String?
        let expectedStatus: Int32
        var description: String { "README.md:\(line)" }
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The `sh` blocks of a Markdown text with their markers.
    static func blocks(of markdown: String) -> [Block] {
        var result: [Block] = []
        let lines = markdown.components(separatedBy: "\n")
        var i = 0
        while i < lines.count {
            guard lines[i].trimmingCharacters(in: .whitespaces) == "```sh" else { i += 1; continue }
            var skip: String?
            var status: Int32 = 0
            for back in stride(from: i - 1, through: max(0, i - 3), by: -1) {
                let marker = lines[back].trimmingCharacters(in: .whitespaces)
                if marker.hasPrefix("<!-- readme-test: skip") { skip = marker }
                if marker.hasPrefix("<!-- readme-test: exit "), let n = Int32(marker.dropFirst(23).prefix { $0.isNumber }) { status = n }
            }
            var body: [String] = []
            var j = i + 1
            while j < lines.count, lines[j].trimmingCharacters(in: .whitespaces) != "```" {
                body.append(lines[j])
                j += 1
            }
            result.append(Block(line: i + 1, code: body.joined(separator: "\n"), skip: skip, expectedStatus: status))
            i = j + 1
        }
        return result
    }

    @Test func blockParserReadsMarkers() {
        let md = "x\n<!-- readme-test: skip builds -->\n```sh\nswift build\n```\n<!-- readme-test: exit 1 -->\n```sh\nttpkit a \\\n  b\n```\n```yaml\nk: v\n```\n"
        let b = Self.blocks(of: md)
        #expect(b.count == 2)
        #expect(b[0].skip != nil && b[0].code == "swift build")
        #expect(b[1].skip == nil && b[1].expectedStatus == 1 && b[1].code == "ttpkit a \\\n  b")
    }

    @Test func everyCommandBlockRunsAsWritten() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = Self.blocks(of: readme)
        #expect(blocks.filter { $0.skip == nil }.count >= 5, "the README shows runnable commands")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-readme-\(UUID().uuidString)")
        let root = scratch.appendingPathComponent("ttpkit")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createSymbolicLink(at: scratch.appendingPathComponent("shared"), withDestinationURL: SharedData.root)
        for entry in try FileManager.default.contentsOfDirectory(atPath: Self.packageRoot.path) where !entry.hasPrefix(".build") && entry != ".git" {
            try FileManager.default.createSymbolicLink(at: root.appendingPathComponent(entry), withDestinationURL: Self.packageRoot.appendingPathComponent(entry))
        }
        let bin = CommandRunner.executable.deletingLastPathComponent().path
        var exports: [String] = []
        for block in blocks where block.skip == nil {
            let environment = [
                "PATH": bin + ":/usr/local/bin:/usr/bin:/bin", "HOME": scratch.path, "TTPKIT_CACHE": scratch.appendingPathComponent("cache").path,
                "TTPKIT_OFFLINE": "1", "COLUMNS": "100",
            ]
            let script = (exports + [block.code]).joined(separator: "\n")
            exports += block.code.components(separatedBy: "\n").filter { $0.hasPrefix("export ") }
            let r = try Subprocess.run("/bin/bash", ["-euo", "pipefail", "-c", script], environment: environment, in: root)
            let stderr = r.stderr
            #expect(r.status == block.expectedStatus, "\(block) exited \(r.status):\n\(block.code)\n\(stderr.suffix(2000))")
        }
    }
}
