/// Reads a bundle document member by member (see ``JSONScanner`` for why by hand).
enum BundleParser {
    /// Where lazily decoded text lives: the bytes' owner, and the offset of the scanned
    /// buffer inside them (3 after a byte order mark).
    struct TextSource: @unchecked Sendable {
        let owner: SourceBytes
        let base: Int

        func text(_ slice: (start: Int, end: Int, escaped: Bool)) -> LazyText {
            LazyText(owner, start: slice.start + base, end: slice.end + base, escaped: slice.escaped)
        }
    }

    static func parse(_ input: UnsafeBufferPointer<UInt8>, source: String, owner: SourceBytes) throws(STIXError) -> STIXBundle {
        let buffer = skippingByteOrderMark(input)
        let text = TextSource(owner: owner, base: input.count - buffer.count)
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
            var seen = Set<String>()
            while let key = try scanner.nextKey(first: first) {
                first = false
                guard seen.insert(key).inserted else { throw JSONScanner.repeated(key, at: scanner.keyOffset) }
                switch key {
                case "type": type = try scanner.readString("the bundle type as a string")
                case "id": bundle.id = try scanner.readString("the bundle id as a string")
                case "spec_version": bundle.specVersion = try scanner.readString("spec_version as a string")
                case "objects":
                    sawObjects = true
                    bundle.objects = try readObjects(&scanner, buffer: buffer, source: source, text: text)
                default: bundle.properties.appendUnchecked(key, try scanner.readValue())
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
        _ scanner: inout JSONScanner, buffer: UnsafeBufferPointer<UInt8>, source: String, text: TextSource
    ) throws -> [STIXObject] {
        try scanner.beginArray("'[' starting the objects array")
        let first = scanner.position
        if let parallel = ParallelObjects.read(buffer, from: first, source: source, text: text) {
            scanner.seek(to: parallel.end)
            return parallel.objects
        }
        var objects: [STIXObject] = []
        objects.reserveCapacity(max(16, buffer.count / 1800))
        var isFirst = true
        while try scanner.nextElement(first: isFirst) {
            isFirst = false
            objects.append(try readElement(&scanner, buffer: buffer, source: source, text: text, index: objects.count))
        }
        return objects
    }

    /// Reads one element of the objects array and checks it has an `id` and a `type`.
    static func readElement(
        _ scanner: inout JSONScanner, buffer: UnsafeBufferPointer<UInt8>, source: String, text: TextSource, index: Int
    ) throws -> STIXObject {
        scanner.skipWhitespace()
        let start = scanner.position
        var object = try readObject(&scanner, text: text)
        guard !object.id.isEmpty else {
            let (line, column) = lineAndColumn(of: start, in: buffer)
            throw STIXError(
                source: source, offset: start, line: line, column: column,
                message: "object #\(index + 1) has no \"id\"")
        }
        guard !object.type.isEmpty else {
            let (line, column) = lineAndColumn(of: start, in: buffer)
            throw STIXError(
                source: source, offset: start, line: line, column: column, objectID: object.id,
                message: "object has no \"type\"")
        }
        object.offset = start
        return object
    }

    /// Reads one object; `id` and `type` are empty when absent (the caller reports it).
    private static func readObject(_ scanner: inout JSONScanner, text: TextSource) throws -> STIXObject {
        var o = STIXObject(type: "", id: "")
        try scanner.beginObject("'{' starting an object in the objects array")
        var first = true
        // Known members seen so far, one bit each, so a repeated name is refused (readers
        // disagree on which of two `id`s wins).
        var seen: UInt32 = 0
        var keyOffset = 0
        func once(_ bit: UInt32, _ name: String) throws(JSONSyntaxError) {
            guard seen & (1 << bit) == 0 else { throw JSONScanner.repeated(name, at: keyOffset) }
            seen |= 1 << bit
        }
        while let k = try scanner.nextKeyRange(first: first) {
            first = false
            keyOffset = scanner.keyOffset
            if scanner.key(k, is: "type") { try once(0, "type"); o.type = try scanner.readString("\"type\" as a string") }
            else if scanner.key(k, is: "id") { try once(1, "id"); o.id = try scanner.readString("\"id\" as a string") }
            else if scanner.key(k, is: "description") { try once(2, "description"); o.descriptionText = text.text(try scanner.readStringSlice("\"description\" as a string")) }
            else if scanner.key(k, is: "name") { try once(3, "name"); o.name = try scanner.readString("\"name\" as a string") }
            else if scanner.key(k, is: "created") { try once(4, "created"); o.createdText = text.text(try scanner.readStringSlice("\"created\" as a timestamp string")) }
            else if scanner.key(k, is: "modified") { try once(5, "modified"); o.modifiedText = text.text(try scanner.readStringSlice("\"modified\" as a timestamp string")) }
            else if scanner.key(k, is: "source_ref") { try once(6, "source_ref"); o.sourceRef = try scanner.readString("source_ref as a string") }
            else if scanner.key(k, is: "target_ref") { try once(7, "target_ref"); o.targetRef = try scanner.readString("target_ref as a string") }
            else if scanner.key(k, is: "relationship_type") { try once(8, "relationship_type"); o.relationshipType = try scanner.readString("relationship_type as a string") }
            else if scanner.key(k, is: "revoked") { try once(9, "revoked");
                o.revoked = try scanner.readBool("\"revoked\" as true or false")
                o.statedDefaults.insert(.revoked)
            }
            else if scanner.key(k, is: "external_references") { try once(10, "external_references");
                o.externalReferences = try readExternalReferences(&scanner)
                o.statedDefaults.insert(.externalReferences)
            }
            else if scanner.key(k, is: "kill_chain_phases") { try once(11, "kill_chain_phases");
                o.killChainPhases = try readKillChainPhases(&scanner)
                o.statedDefaults.insert(.killChainPhases)
            }
            else if scanner.key(k, is: "created_by_ref") { try once(12, "created_by_ref"); o.createdByRef = try scanner.readString("created_by_ref as a string") }
            else if scanner.key(k, is: "object_marking_refs") { try once(13, "object_marking_refs");
                o.objectMarkingRefs = try scanner.readStringArray("object_marking_refs as an array of strings")
                o.statedDefaults.insert(.objectMarkingRefs)
            }
            else if scanner.key(k, is: "spec_version") { try once(14, "spec_version"); o.specVersion = try scanner.readString("spec_version as a string") }
            else if scanner.key(k, is: "aliases") { try once(15, "aliases");
                o.aliases = try scanner.readStringArray("aliases as an array of strings")
                o.statedDefaults.insert(.aliases)
            }
            else if scanner.key(k, is: "x_mitre_aliases") { try once(16, "x_mitre_aliases");
                o.aliases = try scanner.readStringArray("x_mitre_aliases as an array of strings")
                o.statedDefaults.formUnion([.aliases, .mitreAliasesKey])
            }
            else if scanner.key(k, is: "labels") { try once(17, "labels");
                o.labels = try scanner.readStringArray("labels as an array of strings")
                o.statedDefaults.insert(.labels)
            }
            else {
                let key = internedKey(k, scanner)
                guard o.properties.insertNew(key, try scanner.readValue()) else { throw JSONScanner.repeated(key, at: keyOffset) }
            }
        }
        return o
    }

    /// ATT&CK's custom property names, made once and shared by every object that has them
    /// (most are longer than Swift's 15-byte inline strings, so each copy would allocate).
    private static let commonKeys: [(StaticString, String)] = ([
        "x_mitre_attack_spec_version", "x_mitre_deprecated", "x_mitre_modified_by_ref", "x_mitre_version",
        "x_mitre_domains", "x_mitre_platforms", "x_mitre_contributors", "x_mitre_is_subtechnique", "x_mitre_detection",
        "x_mitre_log_source_references", "x_mitre_mutable_elements", "x_mitre_analytic_refs", "x_mitre_shortname",
        "x_mitre_data_sources", "x_mitre_remote_support", "x_mitre_impact_type", "x_mitre_first_seen_citation",
        "x_mitre_last_seen_citation", "x_mitre_log_sources", "x_mitre_collection_layers", "x_mitre_data_source_ref",
        "x_mitre_system_requirements", "x_mitre_permissions_required", "x_mitre_effective_permissions",
        "x_mitre_defense_bypassed", "x_mitre_tactic_type",
    ] as [StaticString]).map { ($0, $0.description) }

    private static func internedKey(_ k: JSONScanner.KeyRange, _ scanner: borrowing JSONScanner) -> String {
        for (literal, string) in commonKeys where scanner.key(k, is: literal) { return string }
        return scanner.string(of: k)
    }

    private static func readExternalReferences(_ scanner: inout JSONScanner) throws -> [ExternalReference] {
        try readObjects(&scanner, "external_references as an array", each: "an external reference object", from: ExternalReference(sourceName: "")) {
            ref, key, scanner in
            switch key {
            case "source_name": ref.sourceName = try scanner.readString("source_name as a string")
            case "external_id": ref.externalID = try scanner.readOptionalString("external_id as a string")
            case "url": ref.url = try scanner.readOptionalString("url as a string")
            case "description": ref.description = try scanner.readOptionalString("description as a string")
            default: _ = try scanner.readValue()
            }
        }
    }

    private static func readKillChainPhases(_ scanner: inout JSONScanner) throws -> [KillChainPhase] {
        try readObjects(&scanner, "kill_chain_phases as an array", each: "a kill-chain phase object", from: KillChainPhase(killChainName: "", phaseName: "")) {
            phase, key, scanner in
            switch key {
            case "kill_chain_name": phase.killChainName = try scanner.readString("kill_chain_name as a string")
            case "phase_name": phase.phaseName = try scanner.readString("phase_name as a string")
            default: _ = try scanner.readValue()
            }
        }
    }

    /// An array of objects (`what` in errors), each (`element`) filled in from `empty` by
    /// `member`, which reads the value of each key (and skips the ones it does not know).
    private static func readObjects<T>(
        _ scanner: inout JSONScanner, _ what: String, each element: String, from empty: T,
        _ member: (inout T, String, inout JSONScanner) throws -> Void
    ) throws -> [T] {
        var objects: [T] = []
        try scanner.beginArray(what)
        var first = true
        while try scanner.nextElement(first: first) {
            first = false
            var object = empty
            try scanner.beginObject(element)
            var firstKey = true
            while let key = try scanner.nextKey(first: firstKey) {
                firstKey = false
                try member(&object, key, &scanner)
            }
            objects.append(object)
        }
        return objects
    }
}
