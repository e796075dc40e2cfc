extension STIXObject {
    /// The whole object as JSON: typed properties first, then every other property as read.
    public var json: JSONObject {
        var o = JSONObject()
        o.appendUnchecked("type", .string(type))
        o.appendUnchecked("id", .string(id))
        if let specVersion { o.appendUnchecked("spec_version", .string(specVersion)) }
        if let created { o.appendUnchecked("created", .string(created)) }
        if let modified { o.appendUnchecked("modified", .string(modified)) }
        if let createdByRef { o.appendUnchecked("created_by_ref", .string(createdByRef)) }
        if let name { o.appendUnchecked("name", .string(name)) }
        if let description { o.appendUnchecked("description", .string(description)) }
        if !aliases.isEmpty || statedDefaults.contains(.aliases) {
            let key = statedDefaults.contains(.mitreAliasesKey) || (statedDefaults.isEmpty && (type == "malware" || type == "tool"))
                ? "x_mitre_aliases" : "aliases"
            o.appendUnchecked(key, .array(aliases.map(JSONValue.string)))
        }
        if revoked || statedDefaults.contains(.revoked) { o.appendUnchecked("revoked", .bool(revoked)) }
        if !labels.isEmpty || statedDefaults.contains(.labels) { o.appendUnchecked("labels", .array(labels.map(JSONValue.string))) }
        if !externalReferences.isEmpty || statedDefaults.contains(.externalReferences) {
            o.appendUnchecked("external_references", .array(externalReferences.map { r in
                var ref = JSONObject()
                ref.appendUnchecked("source_name", .string(r.sourceName))
                if let v = r.externalID { ref.appendUnchecked("external_id", .string(v)) }
                if let v = r.url { ref.appendUnchecked("url", .string(v)) }
                if let v = r.description { ref.appendUnchecked("description", .string(v)) }
                return .object(ref)
            }))
        }
        if !killChainPhases.isEmpty || statedDefaults.contains(.killChainPhases) {
            o.appendUnchecked("kill_chain_phases", .array(killChainPhases.map {
                .object(JSONObject([("kill_chain_name", .string($0.killChainName)), ("phase_name", .string($0.phaseName))]))
            }))
        }
        if !objectMarkingRefs.isEmpty || statedDefaults.contains(.objectMarkingRefs) {
            o.appendUnchecked("object_marking_refs", .array(objectMarkingRefs.map(JSONValue.string)))
        }
        if let relationshipType { o.appendUnchecked("relationship_type", .string(relationshipType)) }
        if let sourceRef { o.appendUnchecked("source_ref", .string(sourceRef)) }
        if let targetRef { o.appendUnchecked("target_ref", .string(targetRef)) }
        for member in properties.members { o.appendUnchecked(member.key, member.value) }
        return o
    }
}
