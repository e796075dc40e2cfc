/// The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`. Written by hand
/// beside the routes (``APIRoutes``); `tools/server/schemathesis.sh` fuzzes the server against it.
enum OpenAPIDocument {
    static let text = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "ttpkit team server",
    "version": "1.0.0",
    "description": "MITRE ATT&CK answers with the JSON shapes of `ttpkit ... --format json`. Every ATT&CK route takes `domain` and `version` to pick a loaded release."
  },
  "paths": {
    "/healthz": {
      "get": {
        "operationId": "health",
        "summary": "Liveness and the loaded releases",
        "responses": {
          "200": {"description": "Up", "content": {"application/json": {"schema": {"type": "object", "required": ["status", "releases"], "properties": {"status": {"const": "ok"}, "releases": {"type": "array", "items": {"type": "string"}}}}}}}
        }
      }
    },
    "/api/releases": {
      "get": {
        "operationId": "releases",
        "summary": "The loaded ATT&CK releases",
        "responses": {
          "200": {"description": "Releases, newest first within a domain", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Release"}}}}}
        }
      }
    },
    "/api/groups": {
      "get": {
        "operationId": "groups", "summary": "Threat groups (ttpkit groups)",
        "parameters": [{"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}, {"$ref": "#/components/parameters/match"}],
        "responses": {"200": {"$ref": "#/components/responses/ObjectList"}, "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/groups/{name}": {
      "get": {
        "operationId": "group", "summary": "A group with its campaigns, software, techniques and procedures (ttpkit group)",
        "parameters": [
          {"name": "name", "in": "path", "required": true, "description": "Name, alias, ATT&CK ID (G0016) or STIX id", "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"},
          {"name": "via_software", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}},
          {"name": "no_campaigns", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}}
        ],
        "responses": {
          "200": {"description": "The group", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Group"}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/software": {
      "get": {
        "operationId": "software", "summary": "Malware and tools",
        "parameters": [{"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}, {"$ref": "#/components/parameters/match"}],
        "responses": {"200": {"$ref": "#/components/responses/ObjectList"}, "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/campaigns": {
      "get": {
        "operationId": "campaigns", "summary": "Campaigns with their dates",
        "parameters": [{"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}, {"$ref": "#/components/parameters/match"}],
        "responses": {"200": {"$ref": "#/components/responses/ObjectList"}, "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/mitigations": {
      "get": {
        "operationId": "mitigations", "summary": "Mitigations",
        "parameters": [{"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}, {"$ref": "#/components/parameters/match"}],
        "responses": {"200": {"$ref": "#/components/responses/ObjectList"}, "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/techniques": {
      "get": {
        "operationId": "techniques", "summary": "Techniques and sub-techniques (ttpkit techniques)",
        "parameters": [
          {"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}, {"$ref": "#/components/parameters/match"},
          {"name": "tactic", "in": "query", "description": "Tactic shortname, name or TA ID", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "Techniques", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/TechniqueEntry"}}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/techniques/{id}": {
      "get": {
        "operationId": "technique", "summary": "A technique with mitigations, detection and users (ttpkit technique)",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "description": "ATT&CK ID (T1059.001), name or STIX id", "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}
        ],
        "responses": {
          "200": {"description": "The technique", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Technique"}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/similar": {
      "get": {
        "operationId": "similar", "summary": "Who does this look like: groups ranked by similarity to observed techniques and software (ttpkit similar)",
        "parameters": [
          {"name": "techniques", "in": "query", "description": "Technique IDs or names, separated by commas", "schema": {"type": "string"}},
          {"name": "software", "in": "query", "description": "Software IDs or names, separated by commas", "schema": {"type": "string"}},
          {"name": "top", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
          {"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}
        ],
        "responses": {
          "200": {"description": "Matches, best first", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object", "required": ["rank", "id", "name", "score", "shared", "expected_next", "explanation"], "properties": {
            "rank": {"type": "integer"}, "id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "score": {"type": "number"}, "cosine": {"type": "number"},
            "shared": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}}, "partial": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}},
            "shared_software": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}},
            "expected_next": {"type": "array", "items": {"type": "object", "required": ["id", "name", "weight"]}},
            "completeness": {"type": "number"}, "explanation": {"type": "string"}}}}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/search": {
      "get": {
        "operationId": "search", "summary": "Full-text search (ttpkit search)",
        "parameters": [
          {"name": "q", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"}},
          {"name": "type", "in": "query", "schema": {"type": "string", "enum": ["technique", "tactic", "matrix", "group", "software", "campaign", "mitigation", "datasource", "datacomponent", "detectionstrategy", "analytic", "asset"]}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
          {"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}
        ],
        "responses": {
          "200": {"description": "Hits, best first", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
        }
      }
    }
  },
  "components": {
    "parameters": {
      "domain": {"name": "domain", "in": "query", "description": "enterprise, mobile or ics", "schema": {"type": "string", "enum": ["enterprise", "mobile", "ics", "enterprise-attack", "mobile-attack", "ics-attack"]}},
      "version": {"name": "version", "in": "query", "description": "An ATT&CK release such as 18.1 (default: the newest loaded)", "schema": {"type": "string"}},
      "match": {"name": "match", "in": "query", "description": "Only those whose ID, name or alias contains this text", "schema": {"type": "string"}}
    },
    "responses": {
      "Error": {"description": "The one-line error the CLI prints for the same input", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "ObjectList": {"description": "Objects in ATT&CK ID order", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/ObjectEntry"}}}}}
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["status", "message"], "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}}},
      "Release": {"type": "object", "required": ["domain", "version", "title", "newest"], "properties": {"domain": {"type": "string"}, "version": {"type": "string"}, "title": {"type": "string"}, "newest": {"type": "boolean"}}},
      "Marks": {"type": "object", "properties": {"revoked": {"type": "boolean"}, "deprecated": {"type": "boolean"}}},
      "Ref": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "revoked": {"type": "boolean"}, "deprecated": {"type": "boolean"}}},
      "ObjectEntry": {"type": "object", "required": ["id", "name"], "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}},
        "type": {"type": "string"}, "first_seen": {"type": ["string", "null"]}, "last_seen": {"type": ["string", "null"]},
        "revoked": {"type": "boolean"}, "deprecated": {"type": "boolean"}}},
      "TechniqueEntry": {"type": "object", "required": ["id", "name", "tactics", "platforms", "parent"], "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "tactics": {"type": "array", "items": {"type": "string"}},
        "platforms": {"type": "array", "items": {"type": "string"}}, "parent": {"type": ["string", "null"]}}},
      "Citation": {"type": "object", "required": ["source_name"], "properties": {"source_name": {"type": "string"}, "url": {"type": "string"}, "description": {"type": "string"}}},
      "Procedure": {"type": "object", "required": ["via", "description", "citations"], "properties": {"via": {"type": "string"}, "description": {"type": "string"}, "citations": {"type": "array", "items": {"$ref": "#/components/schemas/Citation"}}}},
      "Related": {"type": "object", "required": ["id", "name", "via"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "via": {"type": "array", "items": {"type": "string"}}, "type": {"type": "string"}, "procedures": {"type": "array", "items": {"$ref": "#/components/schemas/Procedure"}}}},
      "TechniqueUse": {"type": "object", "required": ["id", "name", "tactics", "via", "procedures"], "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "tactics": {"type": "array", "items": {"type": "string"}},
        "via": {"type": "array", "items": {"type": "string"}}, "procedures": {"type": "array", "items": {"$ref": "#/components/schemas/Procedure"}}}},
      "Header": {"type": "object", "required": ["id", "name", "type", "stix_id", "domain"], "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "stix_id": {"type": "string"},
        "domain": {"type": "string"}, "attack_version": {"type": "string"}, "url": {"type": "string"}, "note": {"type": "string"}}},
      "Group": {"allOf": [{"$ref": "#/components/schemas/Header"}, {"type": "object", "required": ["aliases", "description", "campaigns", "software", "techniques"], "properties": {
        "aliases": {"type": "array", "items": {"type": "string"}}, "description": {"type": "string"},
        "campaigns": {"type": "array", "items": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "first_seen": {"type": "string"}, "last_seen": {"type": "string"}}}},
        "software": {"type": "array", "items": {"$ref": "#/components/schemas/Related"}},
        "techniques": {"type": "array", "items": {"$ref": "#/components/schemas/TechniqueUse"}}}}]},
      "Technique": {"allOf": [{"$ref": "#/components/schemas/Header"}, {"type": "object", "required": ["tactics", "platforms", "is_subtechnique", "parent", "subtechniques", "description", "mitigations", "detection", "groups", "software", "campaigns"], "properties": {
        "tactics": {"type": "array", "items": {"type": "string"}}, "platforms": {"type": "array", "items": {"type": "string"}},
        "is_subtechnique": {"type": "boolean"}, "parent": {"oneOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}]},
        "subtechniques": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}}, "description": {"type": "string"},
        "mitigations": {"type": "array", "items": {"type": "object", "required": ["id", "name", "description"]}},
        "detection": {"type": "object", "required": ["strategies", "data_components", "log_sources"]},
        "groups": {"type": "array", "items": {"$ref": "#/components/schemas/Related"}},
        "software": {"type": "array", "items": {"$ref": "#/components/schemas/Related"}},
        "campaigns": {"type": "array", "items": {"$ref": "#/components/schemas/Related"}},
        "assets": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}}}}]},
      "SearchHit": {"type": "object", "required": ["id", "name", "type", "matched"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "matched": {"type": "string"}}}
    }
  }
}
"""#
}
