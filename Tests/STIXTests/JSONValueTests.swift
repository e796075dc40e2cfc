import Foundation
import STIX
import Testing

@Suite("JSON reader and writer")
struct JSONValueTests {
    @Test func parsesEveryValueKind() throws {
        let v = try JSONValue.parse(Array(#"{"s":"a\"b\u00e9\ud83d\ude00","n":-1.5e2,"t":true,"f":false,"z":null,"a":[1,{}]}"#.utf8))
        #expect(v["s"]?.stringValue == "a\"bé😀")
        #expect(v["n"]?.doubleValue == -150)
        #expect(v["t"]?.boolValue == true)
        #expect(v["f"]?.boolValue == false)
        #expect(v["z"] == .null)
        #expect(v["a"]?[0]?.doubleValue == 1)
        #expect(v["a"]?[1]?.objectValue?.isEmpty == true)
    }

    @Test func keepsMemberOrder() throws {
        let v = try JSONValue.parse(Array(#"{"z":1,"a":2,"m":3}"#.utf8))
        #expect(v.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func roundTripsThroughTheWriter() throws {
        let original: JSONValue = ["name": "Ünïcode \"quoted\"\n", "score": 3, "ratio": 0.25, "list": [true, nil, "x"], "empty": [:]]
        let text = original.serialized(pretty: true)
        #expect(text.contains("\"score\": 3"))
        #expect(text.contains("Ünïcode"))
        #expect(try JSONValue.parse(Array(text.utf8)) == original)
        #expect(try JSONValue.parse(Array(original.serialized(pretty: false).utf8)) == original)
    }

    @Test(arguments: [
        (#"{"a":1"#, 6, "',' or '}' after object member"),
        (#"{"a" 1}"#, 5, "':' after member name"),
        (#"[1,]"#, 3, "a value (string, number, object, array, true, false or null)"),
        (#"{"a":"x"#, 5, "a closing '\"' for the string starting here"),
        (#"tru"#, 0, "'true'"),
        (#"{"a":1} x"#, 8, "end of input after the top-level value"),
        (#"{"a":01.}"#, 8, "digits after '.'"),
    ])
    func reportsWhereAndWhatWasExpected(input: String, offset: Int, expected: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array(input.utf8)) }
        do {
            _ = try JSONValue.parse(Array(input.utf8))
        } catch {
            #expect(error.offset == offset)
            #expect(error.expected == expected)
        }
    }

    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array(deep.utf8)) }
    }

    @Test func skipsAByteOrderMark() throws {
        let v = try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
        #expect(v[0]?.doubleValue == 1)
    }
}

@Suite("Strings that end or escape badly")
struct StringEdgeTests {
    @Test(arguments: [
        (#"{"a":"x\"#, "a closing '\"' for the string starting here"),
        (#"{"a":"x\q"}"#, #"a valid escape (\" \\ \/ \b \f \n \r \t \uXXXX)"#),
        (#"{"a":"\u12G4"}"#, #"four hex digits after \u"#),
        ("{\"a\u{01}\":1}", "no control characters inside a string"),
    ])
    func isRefusedWithWhatWasExpected(input: String, expected: String) {
        do {
            _ = try JSONValue.parse(Array(input.utf8))
            Issue.record("\(input) was accepted")
        } catch {
            #expect(error.expected == expected)
        }
    }

    @Test func aDescriptionCutAfterABackslashIsAnErrorNotAHang() {
        let cut = #"{"type":"bundle","objects":[{"type":"x","id":"x--1","description":"ends with \"#
        do {
            _ = try STIXBundle.parse(Data(cut.utf8), source: "cut.json")
            Issue.record("a truncated description was accepted")
        } catch {
            #expect(error.message.contains("a closing '\"'"))
        }
    }

    @Test func escapedDescriptionsDecodeWhenRead() throws {
        let b = try STIXBundle.parse(Data(#"{"type":"bundle","objects":[{"type":"x","id":"x--1","description":"a\n\"b\" \u00e9 \ud83d\ude00"}]}"#.utf8), source: "e.json")
        #expect(b.objects[0].description == "a\n\"b\" é 😀")
    }
}
