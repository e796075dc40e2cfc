import STIX

/// The coverage-history part of the OpenAPI document (``OpenAPIDocument``): pushes, history,
/// snapshots, diffs, `/readyz`, and the security schemes (the write token as bearer; reads of
/// coverage data with the read or write token, bearer or HTTP basic, unless `--public-reads`).
enum OpenAPICoverage {
    /// Paths added to the document's `paths`.
    static let paths = #"""
{
  "/readyz": {
    "get": {
      "operationId": "ready", "summary": "Readiness: 200 when the coverage history database answers now, else 503",
      "responses": {
        "200": {"description": "Ready", "content": {"application/json": {"schema": {"type": "object", "required": ["status"], "properties": {"status": {"const": "ready"}}}}}},
        "503": {"$ref": "#/components/responses/Unavailable"}
      }
    }
  },
  "/api/coverage/": {
    "post": {
      "operationId": "pushCoverage", "summary": "Store a coverage snapshot (ttpkit coverage push): needs the write token as bearer, a JSON body, and not a cross-site request",
      "security": [{"bearer": []}],
      "parameters": [
        {"name": "repository", "in": "query", "required": true, "schema": {"$ref": "#/components/schemas/Label"}},
        {"name": "branch", "in": "query", "required": true, "schema": {"$ref": "#/components/schemas/Label"}},
        {"name": "commit", "in": "query", "required": true, "schema": {"$ref": "#/components/schemas/Label"}},
        {"name": "name", "in": "query", "description": "The file name errors quote", "schema": {"type": "string", "maxLength": 200}}
      ],
      "requestBody": {"required": true, "description": "A coverage file (ttpkit coverage -f json), its bare technique list (an array of {techniqueID, state}) or a coverage layer",
        "content": {"application/json": {"schema": {"type": ["object", "array"]}}, "application/vnd.ttpkit.coverage+json": {"schema": {"type": ["object", "array"]}}}},
      "responses": {
        "201": {"description": "Stored", "content": {"application/json": {"schema": {"type": "object", "required": ["id", "tactics"], "properties": {
          "id": {"type": "integer"}, "tactics": {"type": "array", "items": {"$ref": "#/components/schemas/TacticCounts"}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
        "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Unavailable"}
      }
    }
  },
  "/api/coverage/history": {
    "get": {
      "operationId": "coverageHistory", "summary": "Stored snapshots, oldest first, with per-tactic Detected / Logged / Blind counts",
      "security": [{"bearer": []}, {"basic": []}, {}],
      "parameters": [
        {"name": "repository", "in": "query", "description": "Only this repository's snapshots; empty, like absent, means all", "schema": {"anyOf": [{"$ref": "#/components/schemas/Label"}, {"type": "string", "maxLength": 0}]}},
        {"name": "branch", "in": "query", "description": "Only this branch's snapshots; empty, like absent, means all", "schema": {"anyOf": [{"$ref": "#/components/schemas/Label"}, {"type": "string", "maxLength": 0}]}},
        {"name": "limit", "in": "query", "description": "At most this many of the newest (default 100)", "schema": {"type": "integer", "minimum": 1, "maximum": 10000}}
      ],
      "responses": {
        "200": {"description": "The snapshots", "content": {"application/json": {"schema": {"type": "object", "required": ["snapshots"], "properties": {
          "snapshots": {"type": "array", "items": {"$ref": "#/components/schemas/Snapshot"}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Unavailable"}
      }
    }
  },
  "/api/coverage/snapshots/{id}": {
    "get": {
      "operationId": "coverageSnapshot", "summary": "One stored snapshot with the coverage file as pushed",
      "security": [{"bearer": []}, {"basic": []}, {}],
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}}],
      "responses": {
        "200": {"description": "The snapshot", "content": {"application/json": {"schema": {"allOf": [{"$ref": "#/components/schemas/Snapshot"},
          {"type": "object", "required": ["document"], "properties": {"document": {}}}]}}}},
        "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
        "503": {"$ref": "#/components/responses/Unavailable"}
      }
    }
  },
  "/api/coverage/diff": {
    "get": {
      "operationId": "coverageDiff", "summary": "What changed between two stored snapshots (ttpkit coverage diff --format json)",
      "security": [{"bearer": []}, {"basic": []}, {}],
      "parameters": [
        {"name": "from", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}},
        {"name": "to", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}}
      ],
      "responses": {
        "200": {"description": "The diff", "content": {"application/json": {"schema": {"type": "object", "required": ["old", "new", "domain", "summary", "tactics", "changes"], "properties": {
          "old": {"type": "string"}, "new": {"type": "string"}, "domain": {"type": ["string", "null"]}, "summary": {"type": "object"},
          "tactics": {"type": "array", "items": {"type": "object"}}, "changes": {"type": "array", "items": {"type": "object", "required": ["id", "name", "tactics", "old", "new", "change"]}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
        "503": {"$ref": "#/components/responses/Unavailable"}
      }
    }
  }
}
"""#

    /// Components added to the document's `components` (merged per section).
    static let components = #"""
{
  "securitySchemes": {
    "bearer": {"type": "http", "scheme": "bearer", "description": "The write token (pushes), or the read or write token (coverage reads)"},
    "basic": {"type": "http", "scheme": "basic", "description": "Any user name, the read or write token as password (coverage reads and TAXII)"}
  },
  "responses": {
    "Unavailable": {"description": "Busy (too many analyses waiting) or the coverage history database cannot be reached; try again after Retry-After seconds",
      "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
  },
  "schemas": {
    "Label": {"type": "string", "minLength": 1, "maxLength": 200, "description": "1–200 Unicode scalars, no control or bidirectional formatting characters",
      "pattern": "^[^\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]+$"},
    "TacticCounts": {"type": "object", "required": ["tactic", "detected", "logged", "blind"], "properties": {
      "tactic": {"type": "string"}, "detected": {"type": "integer"}, "logged": {"type": "integer"}, "blind": {"type": "integer"}}},
    "Snapshot": {"type": "object", "required": ["id", "repository", "branch", "commit", "received_at", "domain", "attack_version", "tactics"], "properties": {
      "id": {"type": "integer"}, "repository": {"type": "string"}, "branch": {"type": "string"}, "commit": {"type": "string"},
      "received_at": {"type": "string"}, "domain": {"type": "string"}, "attack_version": {"type": "string"},
      "tactics": {"type": "array", "items": {"$ref": "#/components/schemas/TacticCounts"}}}}
  }
}
"""#

    /// `document` with the coverage paths and components added (unchanged if either part does
    /// not parse, which the tests rule out).
    static func merged(into document: String) -> String {
        guard case .object(var root)? = try? JSONValue.parse(Array(document.utf8)),
              case .object(let morePaths)? = try? JSONValue.parse(Array(paths.utf8)),
              case .object(let moreComponents)? = try? JSONValue.parse(Array(components.utf8)),
              case .object(var allPaths)? = root["paths"], case .object(var allComponents)? = root["components"]
        else { return document }
        for (key, value) in morePaths { allPaths[key] = value }
        for (section, value) in moreComponents {
            guard case .object(let entries) = value else { continue }
            var merged = allComponents[section]?.objectValue ?? JSONObject()
            for (key, entry) in entries { merged[key] = entry }
            allComponents[section] = .object(merged)
        }
        root["paths"] = .object(allPaths)
        root["components"] = .object(allComponents)
        return JSONValue.object(root).serialized(pretty: false)
    }
}
