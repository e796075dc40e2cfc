import Foundation
@testable import STIX
import Testing

/// Reproducers of issue 10 for the JSON and bundle readers: each is refused with a position,
/// never a crash, and the reader stays linear.
@Suite("Hostile JSON and bundles")
struct HostileInputTests {
    @Test func numbersThatOverflowToInfinityAreRefusedWithTheirOffset() {
        #expect(throws: JSONSyntaxError(offset: 13, expected: "a number between -1.7e308 and 1.7e308", found: "-1e999")) {
            try JSONValue.parse(Array(#"{"minValue": -1e999}"#.utf8))
        }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array("[1e400]".utf8)) }
        #expect((try? JSONValue.parse(Array("[1e308, -2.5e-400]".utf8))) == [1e308, 0])
    }

    @Test func aRepeatedMemberNameIsRefused() {
        #expect(throws: JSONSyntaxError(offset: 9, expected: "each member name once per object", found: "\"a\" repeated")) {
            try JSONValue.parse(Array(#"{"a": 1, "a": 2}"#.utf8))
        }
    }

    @Test func eightyThousandKeysReadInLinearTimeAndRepeatsAreFound() throws {
        // Took 89 s when every insertion scanned the members (issue 10 item 7).
        let count = 80_000
        var text = "{" + (0..<count).map { "\"k\($0)\": \($0)" }.joined(separator: ",") + "}"
        let object = try #require(try JSONValue.parse(Array(text.utf8)).objectValue)
        #expect(object.count == count)
        #expect(object["k79999"] == .number(79_999))
        #expect(object.keys.last == "k79999")
        text.removeLast()
        text += ", \"k40000\": 0}"
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array(text.utf8)) }
    }

    @Test func largeObjectsStayCorrectWhenMembersAreRemovedAndReplaced() {
        var object = JSONObject((0..<100).map { ("k\($0)", JSONValue.number(Double($0))) })
        object["k10"] = nil
        object["k50"] = "fifty"
        object["new"] = true
        #expect(object.count == 100)
        #expect(object["k10"] == nil && object["k11"] == .number(11) && object["k50"] == "fifty" && object["new"] == .bool(true))
        #expect(object.keys.firstIndex(of: "k50") == 49)
    }

    @Test func deepNestingIsRefusedNotAStackOverflow() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array(deep.utf8)) }
        let bundle = #"{"type": "bundle", "objects": [{"type": "x", "id": "x--1", "p": "# + String(repeating: "{\"a\":", count: 50_000)
        #expect(throws: STIXError.self) { try STIXBundle.parse(Array(bundle.utf8), source: "deep.json") }
    }

    @Test func aRepeatedIDInsideAnObjectIsRefused() {
        let text = #"{"type": "bundle", "objects": [{"type": "attack-pattern", "id": "attack-pattern--a", "name": "A", "id": "attack-pattern--b"}]}"#
        #expect(throws: STIXError.self) { try STIXBundle.parse(Array(text.utf8), source: "twice.json") }
        let custom = #"{"type": "bundle", "objects": [{"type": "x", "id": "x--1", "x_y": 1, "x_y": 2}]}"#
        #expect(throws: STIXError.self) { try STIXBundle.parse(Array(custom.utf8), source: "twice.json") }
        let top = #"{"type": "bundle", "objects": [], "objects": [{"type": "x", "id": "x--1"}]}"#
        #expect(throws: STIXError.self) { try STIXBundle.parse(Array(top.utf8), source: "twice.json") }
    }

    @Test func aBundleIsCopiedSoTruncatingTheFileAfterwardsCannotFaultItsText() throws {
        // SIGBUS before: descriptions were decoded later from the memory-mapped file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-sigbus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("b.json")
        let description = String(repeating: "long text ", count: 100_000)
        try Data(#"{"type": "bundle", "objects": [{"type": "x", "id": "x--1", "description": "\#(description)"}]}"#.utf8).write(to: file)
        let bundle = try STIXBundle.load(contentsOf: file)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.close()
        #expect(bundle.objects.first?.description == description)
    }

    @Test func filesThatAreNotFilesAreRefusedInPlainWords() throws {
        #expect(throws: FileReadError.notAFile(path: "/dev/zero", kind: "a device")) {
            try FileBytes.read(path: "/dev/zero", limit: 1024)
        }
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: FileReadError.notAFile(path: folder, kind: "a folder")) { try FileBytes.read(path: folder, limit: 1024) }
        let loop = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-loop-\(UUID().uuidString)").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        defer { try? FileManager.default.removeItem(atPath: loop) }
        #expect(throws: FileReadError.linkLoop(path: loop)) { try FileBytes.read(path: loop, limit: 1024) }
        #expect(FileReadError.linkLoop(path: "x").description == "x: symbolic links loop (a link points back at itself)")
        #expect(FileReadError.tooLarge(path: "x", bytes: 16 * 1_048_576 + 1, limit: 16 * 1_048_576).reason
            == "the file is 16777217 bytes, over the 16 MiB limit for this kind of file")
    }

    @Test func aPipeIsReadUpToTheLimitOnly() throws {
        let pipe = Pipe()
        let writer = pipe.fileHandleForWriting
        writer.write(Data(repeating: 0x20, count: 5000))
        try writer.close()
        let path = "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
        let error = #expect(throws: FileReadError.self) { try FileBytes.read(path: path, limit: 4096) }
        #expect(error?.reason == "the input goes on past the 4.0 KiB limit for this kind of file")
    }
}
