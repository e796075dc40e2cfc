/// Reads a bundle document member by member (see ``JSONScanner`` for why by hand).
enum BundleParser {
    static func parse(_ input: UnsafeBufferPointer<UInt8>, source: String) throws(STIXError) -> STIXBundle {
        let buffer = skippingByteOrderMark(input)
        var scanner = JSONScanner(buffer)
        func located(_ e: JSONSyntaxError, objectID: String? = nil) -> STIXError {
            let (line, column) = lineAndColumn(of: e.offset, in: buffer)
            return STIXError(
                source: source, offset: e.offset, line: line, column: column, objectID: objectID,
                message: "expected \(e.expected), found \(e.found)")
        }
        func notABundle(_ why: String) -> STIXError {
            STIXError(source: source, message: "not a STIX bundle: \(why)")
        }

        var bundle = STIXBundle(objects: [], source: source)
        var type: String?
        var sawObjects = false
        do {
            guard scanner.peek() != nil else { throw notABundle("the file is empty") }
            guard scanner.peek() == UInt8(ascii: "{") else {
                if scanner.peek() == UInt8(ascii: "[") { throw notABundle("the top level is a JSON array, not a bundle object") }
                _ = try scanner.readValue()  // reports the syntax error, if any
                throw notABundle("the top level is not a JSON object")
            }
            try scanner.beginObject()
            var first = true
            while let key = try scanner.nextKey(first: first) {
                first = false
                switch key {
                case "type": type = try scanner.readString("the bundle type as a string")
                case "id": bundle.id = try scanner.readString("the bundle id as a string")
                case "spec_version": bundle.specVersion = try scanner.readString("spec_version as a string")
                case "objects":
                    sawObjects = true
                    bundle.objects = try readObjects(&scanner, buffer: buffer, source: source)
                default: bundle.properties[key] = try scanner.readValue()
                }
            }
            try scanner.expectEnd()
        } catch let e as JSONSyntaxError {
            throw located(e)
        } catch let e as STIXError {
            throw e
        } catch {
            throw STIXError(source: source, message: "\(error)")
        }
        guard type == "bundle" else {
            throw notABundle(type.map { "its \"type\" is \"\($0)\", expected \"bundle\"" } ?? "it has no \"type\": \"bundle\"")
        }
        guard sawObjects else { throw notABundle("it has no \"objects\" array") }
        return bundle
    }

    private static func readObjects(
        _ scanner: inout JSONScanner, buffer: UnsafeBufferPointer<UInt8>, source: String
    ) throws -> [STIXObject] {
        var objects: [STIXObject] = []
        objects.reserveCapacity(max(16, buffer.count / 1800))
        try scanner.beginArray("'[' starting the objects array")
        var first = true
        while try scanner.nextElement(first: first) {
            first = false
            scanner.skipWhitespace()
            let start = scanner.position
            let object = try readObject(&scanner, start: start)
            guard let id = object.id, !id.isEmpty else {
                let (line, column) = lineAndColumn(of: start, in: buffer)
                throw STIXError(
                    source: source, offset: start, line: line, column: column,
                    message: "object #\(objects.count + 1) has no \"id\"")
            }
            guard let type = object.type, !type.isEmpty else {
                let (line, column) = lineAndColumn(of: start, in: buffer)
                throw STIXError(
                    source: source, offset: start, line: line, column: column, objectID: id,
                    message: "object has no \"type\"")
            }
            objects.append(object.make(id: id, type: type, offset: start))
        }
        return objects
    }

    /// An object being read, before `id` and `type` are known to be present.
    private struct Partial {
        var type: String?
        var id: String?
        var object = STIXObject(type: "", id: "")

        func make(id: String, type: String, offset: Int) -> STIXObject {
            var o = object
            o.id = id
            o.type = type
            o.offset = offset
            return o
        }
    }

    private static func readObject(_ scanner: inout JSONScanner, start: Int) throws -> Partial {
        var p = Partial()
        try scanner.beginObject("'{' starting an object in the objects array")
        var first = true
        while let k = try scanner.nextKeyRange(first: first) {
            first = false
            if scanner.key(k, is: "type") { p.type = try scanner.readString("\"type\" as a string") }
            else if scanner.key(k, is: "id") { p.id = try scanner.readString("\"id\" as a string") }
            else if scanner.key(k, is: "description") { p.object.description = try scanner.readString("\"description\" as a string") }
            else if scanner.key(k, is: "name") { p.object.name = try scanner.readString("\"name\" as a string") }
            else if scanner.key(k, is: "created") { p.object.created = try scanner.readString("\"created\" as a timestamp string") }
            else if scanner.key(k, is: "modified") { p.object.modified = try scanner.readString("\"modified\" as a timestamp string") }
            else if scanner.key(k, is: "source_ref") { p.object.sourceRef = try scanner.readString("source_ref as a string") }
            else if scanner.key(k, is: "target_ref") { p.object.targetRef = try scanner.readString("target_ref as a string") }
            else if scanner.key(k, is: "relationship_type") { p.object.relationshipType = try scanner.readString("relationship_type as a string") }
            else if scanner.key(k, is: "revoked") { p.object.revoked = try scanner.readBool("\"revoked\" as true or false") }
            else if scanner.key(k, is: "external_references") { p.object.externalReferences = try readExternalReferences(&scanner) }
            else if scanner.key(k, is: "kill_chain_phases") { p.object.killChainPhases = try readKillChainPhases(&scanner) }
            else if scanner.key(k, is: "created_by_ref") { p.object.createdByRef = try scanner.readString("created_by_ref as a string") }
            else if scanner.key(k, is: "object_marking_refs") { p.object.objectMarkingRefs = try scanner.readStringArray("object_marking_refs as an array of strings") }
            else if scanner.key(k, is: "spec_version") { p.object.specVersion = try scanner.readString("spec_version as a string") }
            else if scanner.key(k, is: "aliases") || scanner.key(k, is: "x_mitre_aliases") { p.object.aliases = try scanner.readStringArray("aliases as an array of strings") }
            else if scanner.key(k, is: "labels") { p.object.labels = try scanner.readStringArray("labels as an array of strings") }
            else { p.object.properties.appendUnchecked(scanner.string(of: k), try scanner.readValue()) }
        }
        return p
    }

    private static func readExternalReferences(_ scanner: inout JSONScanner) throws -> [ExternalReference] {
        var refs: [ExternalReference] = []
        try scanner.beginArray("external_references as an array")
        var first = true
        while try scanner.nextElement(first: first) {
            first = false
            var ref = ExternalReference(sourceName: "")
            try scanner.beginObject("an external reference object")
            var firstKey = true
            while let key = try scanner.nextKey(first: firstKey) {
                firstKey = false
                switch key {
                case "source_name": ref.sourceName = try scanner.readString("source_name as a string")
                case "external_id": ref.externalID = try scanner.readOptionalString("external_id as a string")
                case "url": ref.url = try scanner.readOptionalString("url as a string")
                case "description": ref.description = try scanner.readOptionalString("description as a string")
                default: _ = try scanner.readValue()
                }
            }
            refs.append(ref)
        }
        return refs
    }

    private static func readKillChainPhases(_ scanner: inout JSONScanner) throws -> [KillChainPhase] {
        var phases: [KillChainPhase] = []
        try scanner.beginArray("kill_chain_phases as an array")
        var first = true
        while try scanner.nextElement(first: first) {
            first = false
            var phase = KillChainPhase(killChainName: "", phaseName: "")
            try scanner.beginObject("a kill-chain phase object")
            var firstKey = true
            while let key = try scanner.nextKey(first: firstKey) {
                firstKey = false
                switch key {
                case "kill_chain_name": phase.killChainName = try scanner.readString("kill_chain_name as a string")
                case "phase_name": phase.phaseName = try scanner.readString("phase_name as a string")
                default: _ = try scanner.readValue()
                }
            }
            phases.append(phase)
        }
        return phases
    }
}
