/// The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`. Written by hand
/// beside the routes (``APIRoutes``); `tools/server/check.sh` fuzzes the server against it with
/// schemathesis. The coverage-history routes are in ``OpenAPICoverage``.
enum OpenAPIDocument {
    /// The whole document.
    static let text = OpenAPICoverage.merged(into: base)

    private static let base = #"""
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
        "summary": "Liveness, the loaded releases, the coverage history database (ok, unknown, none, or why it is unavailable: status degraded) and the compute queue",
        "responses": {
          "200": {"description": "Up", "content": {"application/json": {"schema": {"type": "object", "required": ["status", "releases", "database", "compute"], "properties": {
            "status": {"type": "string", "enum": ["ok", "degraded"]}, "releases": {"type": "array", "items": {"type": "string"}}, "database": {"type": "string"},
            "compute": {"type": "object", "required": ["running", "waiting"], "properties": {"running": {"type": "integer"}, "waiting": {"type": "integer"}}}}}}}}
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
          {"name": "tactic", "in": "query", "description": "Tactic shortname, name or TA ID", "schema": {"type": "string"}},
          {"name": "platform", "in": "query", "description": "A platform as the release names it", "schema": {"type": "string"}},
          {"name": "no_subtechniques", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}},
          {"name": "created_after", "in": "query", "description": "YYYY-MM-DD or an ISO 8601 timestamp; empty means absent", "schema": {"type": "string", "pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?)?$"}},
          {"name": "modified_after", "in": "query", "description": "YYYY-MM-DD or an ISO 8601 timestamp; empty means absent", "schema": {"type": "string", "pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?)?$"}}
        ],
        "responses": {
          "200": {"description": "Techniques", "content": {"application/json": {"schema": {"type": "object", "required": ["techniques", "count", "provenance"], "properties": {"techniques": {"type": "array", "items": {"$ref": "#/components/schemas/TechniqueEntry"}}, "count": {"type": "integer"}, "provenance": {"$ref": "#/components/schemas/Provenance"}}}}}},
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
          {"name": "expected", "in": "query", "description": "Expected-next techniques per match", "schema": {"type": "integer", "minimum": 0, "maximum": 50}},
          {"name": "campaigns", "in": "query", "description": "Rank campaigns alongside groups", "schema": {"type": "string", "enum": ["true", "false"]}},
          {"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}
        ],
        "responses": {
          "200": {"description": "Matches, best first; inputs not in the release are skipped with a warning", "content": {"application/json": {"schema": {"type": "object", "required": ["matches", "count", "provenance"], "properties": {"count": {"type": "integer"}, "warnings": {"type": "array", "items": {"type": "string"}}, "notes": {"type": "array", "items": {"type": "string"}}, "provenance": {"$ref": "#/components/schemas/Provenance"}, "matches": {"type": "array", "items": {"type": "object", "required": ["rank", "id", "name", "score", "shared", "expected_next", "explanation"], "properties": {
            "rank": {"type": "integer"}, "id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "score": {"type": "number"}, "cosine": {"type": "number"},
            "shared": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}}, "partial": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}},
            "shared_software": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}},
            "expected_next": {"type": "array", "items": {"type": "object", "required": ["id", "name", "weight"]}},
            "completeness": {"type": "number"}, "explanation": {"type": "string"},
            "why": {"type": "string", "description": "The shared techniques and software giving most of the score, with their shares (~: parent or implied)"},
            "evidence": {"type": "array", "description": "Every shared technique and software behind the score, largest first; weights add up to score", "items": {"type": "object", "required": ["id", "name", "type", "match", "idf", "weight", "share"], "properties": {
              "id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "match": {"type": "string", "enum": ["exact", "parent", "implied", "software"]},
              "idf": {"type": "number"}, "weight": {"type": "number"}, "share": {"type": "number"}}}}}}}}}}}},
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
          "200": {"description": "Hits, best first", "content": {"application/json": {"schema": {"type": "object", "required": ["hits", "count", "provenance"], "properties": {"hits": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}}, "count": {"type": "integer"}, "provenance": {"$ref": "#/components/schemas/Provenance"}}}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/compare": {
      "get": {
        "operationId": "compare", "summary": "What groups have in common and what sets them apart (ttpkit compare --format json)",
        "parameters": [
          {"name": "groups", "in": "query", "required": true, "description": "Two or more group names, aliases or IDs, separated by commas", "schema": {"type": "string", "pattern": "[^\\s,][^,]*,.*[^\\s,]"}},
          {"name": "via_software", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}},
          {"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}
        ],
        "responses": {
          "200": {"description": "The comparison", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Comparison"}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/extract": {
      "post": {
        "operationId": "extract", "summary": "The techniques a report describes, and the groups, software and campaigns it names (ttpkit extract --format json)",
        "parameters": [
          {"name": "min_confidence", "in": "query", "description": "Report techniques with at least this confidence (default 0.5)", "schema": {"type": "number", "minimum": 0, "maximum": 1}},
          {"name": "no_learned", "in": "query", "description": "Exact ID, name and alias mentions only (no classifier)", "schema": {"type": "string", "enum": ["true", "false"]}},
          {"name": "html", "in": "query", "description": "Treat the text as HTML even without an HTML opening", "schema": {"type": "string", "enum": ["true", "false"]}},
          {"name": "all", "in": "query", "description": "List every technique with any signal, those under min_confidence marked below_threshold (ttpkit extract --all)", "schema": {"type": "string", "enum": ["true", "false"]}},
          {"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}
        ],
        "requestBody": {"required": true, "description": "The report: plain text, Markdown or HTML (at most 2 MiB)", "content": {"text/plain": {"schema": {"type": "string", "minLength": 1, "pattern": "\\S"}}}},
        "responses": {
          "200": {"description": "Findings (techniques first, by confidence; then other objects named) and what they were computed from", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Extraction"}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/gaps": {
      "get": {
        "operationId": "gaps", "summary": "The blind spots that matter for chosen groups, in a stored coverage snapshot, against the release it was made with (ttpkit gaps --format json): the ranked gap list, pre-compromise techniques apart unless include_pre_compromise=true",
        "parameters": [{"$ref": "#/components/parameters/coverage"}, {"$ref": "#/components/parameters/groups"}, {"$ref": "#/components/parameters/recommendations"},
          {"$ref": "#/components/parameters/include_pre_compromise"}],
        "responses": {
          "200": {"description": "Gaps, quick wins, recommendations, exposure", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Gaps"}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Unavailable"}
        }
      },
      "post": {
        "operationId": "gapsOfFile", "summary": "The same for a coverage file or coverage layer sent as the body",
        "parameters": [{"$ref": "#/components/parameters/groups"}, {"$ref": "#/components/parameters/recommendations"},
          {"$ref": "#/components/parameters/include_pre_compromise"}],
        "requestBody": {"$ref": "#/components/requestBodies/Coverage"},
        "responses": {
          "200": {"description": "Gaps, quick wins, recommendations, exposure", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Gaps"}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/report": {
      "get": {
        "operationId": "report", "summary": "The executive coverage report of a stored snapshot for chosen groups, as document blocks (ttpkit report coverage -o report.json)",
        "parameters": [{"$ref": "#/components/parameters/coverage"}, {"$ref": "#/components/parameters/groups"}, {"$ref": "#/components/parameters/top"},
          {"$ref": "#/components/parameters/title"}, {"$ref": "#/components/parameters/recommendations"}, {"$ref": "#/components/parameters/include_pre_compromise"}],
        "responses": {
          "200": {"description": "The report", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportDocument"}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Unavailable"}
        }
      },
      "post": {
        "operationId": "reportOfFile", "summary": "The same for a coverage file or coverage layer sent as the body",
        "parameters": [{"$ref": "#/components/parameters/groups"}, {"$ref": "#/components/parameters/top"}, {"$ref": "#/components/parameters/title"},
          {"$ref": "#/components/parameters/recommendations"}, {"$ref": "#/components/parameters/include_pre_compromise"}],
        "requestBody": {"$ref": "#/components/requestBodies/Coverage"},
        "responses": {
          "200": {"description": "The report", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportDocument"}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/layers/groups": {
      "get": {
        "operationId": "groupLayer", "summary": "A Navigator layer of one group's techniques, or the overlap heatmap of several (ttpkit layer group)",
        "parameters": [
          {"name": "groups", "in": "query", "required": true, "description": "One or more group names, aliases or IDs, separated by commas", "schema": {"type": "string", "pattern": "[^\\s,]"}},
          {"name": "via_software", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}},
          {"name": "no_campaigns", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}},
          {"$ref": "#/components/parameters/domain"}, {"$ref": "#/components/parameters/version"}
        ],
        "responses": {"200": {"$ref": "#/components/responses/Layer"}, "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/layers/coverage": {
      "get": {
        "operationId": "coverageLayer", "summary": "A stored coverage snapshot as a Navigator layer (Detected / Logged / Blind)",
        "parameters": [{"$ref": "#/components/parameters/coverage"}],
        "responses": {"200": {"$ref": "#/components/responses/Layer"}, "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Unavailable"}}
      },
      "post": {
        "operationId": "coverageFileLayer", "summary": "A coverage file sent as the body, as a Navigator layer",
        "requestBody": {"$ref": "#/components/requestBodies/Coverage"},
        "responses": {"200": {"$ref": "#/components/responses/Layer"}, "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/layers/render": {
      "post": {
        "operationId": "renderLayer", "summary": "A Navigator layer file drawn as SVG, XLSX or HTML (ttpkit layer render)",
        "parameters": [{"name": "format", "in": "query", "required": true, "schema": {"type": "string", "enum": ["svg", "xlsx", "html"]}}],
        "requestBody": {"required": true, "description": "A Navigator layer file (4.x; older versions are upgraded)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Layer"}}}},
        "responses": {
          "200": {"description": "The drawing, as a download", "content": {
            "image/svg+xml": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}},
          "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}
        }
      }
    }
  },
  "components": {
    "parameters": {
      "coverage": {"name": "coverage", "in": "query", "required": true, "description": "A stored coverage snapshot id (POST /api/coverage)", "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}},
      "groups": {"name": "groups", "in": "query", "required": true, "description": "The threat groups: names, aliases or IDs separated by commas, or `*` for every group of the release", "schema": {"type": "string", "minLength": 1, "pattern": "[^\\s,]"}},
      "recommendations": {"name": "recommendations", "in": "query", "description": "How many telemetry recommendations to make (default 5)", "schema": {"type": "integer", "minimum": 0, "maximum": 100}},
      "include_pre_compromise": {"name": "include_pre_compromise", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}},
      "top": {"name": "top", "in": "query", "description": "How many blind spots the report lists (default 10)", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
      "title": {"name": "title", "in": "query", "description": "The report's title", "schema": {"type": "string", "maxLength": 200}},
      "domain": {"name": "domain", "in": "query", "description": "enterprise, mobile or ics; empty, like absent, means the default (Enterprise when loaded; an HTML form sends empty fields)", "schema": {"type": "string", "enum": ["enterprise", "mobile", "ics", "enterprise-attack", "mobile-attack", "ics-attack", ""]}},
      "version": {"name": "version", "in": "query", "description": "An ATT&CK release such as 18.1 (default: the newest loaded)", "schema": {"type": "string"}},
      "match": {"name": "match", "in": "query", "description": "Only those whose ID, name or alias contains this text", "schema": {"type": "string"}}
    },
    "responses": {
      "Error": {"description": "The one-line error the CLI prints for the same input", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "ObjectList": {"description": "Objects in ATT&CK ID order, under the kind's plural (groups, software, campaigns, mitigations), with their count and provenance", "content": {"application/json": {"schema": {"type": "object", "required": ["count", "provenance"], "properties": {"count": {"type": "integer"}, "provenance": {"$ref": "#/components/schemas/Provenance"}}, "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/ObjectEntry"}}}}}},
      "Layer": {"description": "A Navigator layer (4.5)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Layer"}}}}
    },
    "requestBodies": {
      "Coverage": {"required": true, "description": "A coverage file (ttpkit coverage -o coverage.json) or coverage layer", "content": {"application/json": {"schema": {"type": ["object", "array"]}}}}
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
      "SearchHit": {"type": "object", "required": ["id", "name", "type", "matched"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "matched": {"type": "string"}}},
      "Comparison": {"type": "object", "required": ["members", "common", "unique", "jaccard", "per_tactic"], "properties": {
        "members": {"type": "array", "items": {"type": "object", "required": ["id", "name", "techniques"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "techniques": {"type": "integer"}}}},
        "common": {"type": "array", "items": {"type": "string"}},
        "unique": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "jaccard": {"type": "array", "items": {"type": "array", "items": {"type": "number"}}},
        "per_tactic": {"type": "array", "items": {"type": "object", "required": ["tactic", "counts"], "properties": {"tactic": {"type": "string"}, "counts": {"type": "array", "items": {"type": "integer"}}}}}}},
      "Hit": {"type": "object", "required": ["text", "via", "offset", "line", "sentence"], "properties": {"text": {"type": "string"}, "via": {"type": "string"}, "offset": {"type": "integer", "description": "Byte offset in the report's text"}, "line": {"type": "integer", "minimum": 1, "description": "1-based line of the report as sent (for HTML, of the source)"}, "sentence": {"type": "string"}, "note": {"type": "string"}}},
      "Finding": {"type": "object", "required": ["id", "name", "type", "count", "hits"], "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "tactics": {"type": "array", "items": {"type": "string"}},
        "revoked": {"type": "boolean"}, "deprecated": {"type": "boolean"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1}, "found_by": {"type": "array", "items": {"type": "string", "enum": ["id", "name", "alias", "learned"]}},
        "below_threshold": {"type": "boolean", "description": "Under min_confidence, listed because all=true"},
        "tactic": {"type": ["string", "null"], "description": "The tactic (shortname) the technique is listed under: its first in the release's matrix order"},
        "other_tactics": {"type": "array", "items": {"type": "string"}}, "line": {"type": ["integer", "null"], "minimum": 1, "description": "Line of the strongest evidence, or of the first mention"},
        "implied_parent": {"$ref": "#/components/schemas/Ref"},
        "evidence": {"type": "array", "items": {"type": "object", "required": ["sentence", "line", "start", "end", "confidence", "via"], "properties": {
          "sentence": {"type": "string", "description": "The shortest sentence span holding the evidence, at most 200 characters (… where cut)"}, "line": {"type": "integer", "minimum": 1},
          "start": {"type": "integer", "description": "Unicode scalar offset of the evidence in the report's text"}, "end": {"type": "integer"}, "confidence": {"type": "number"}, "via": {"type": "string"},
          "weak": {"type": "string", "enum": ["advice", "heading", "path", "unspecific-name"], "description": "Why a name mention is weak evidence, not a claim: in advice, a heading or table cell, a path, or a name ATT&CK's own prose uses mostly for other techniques"}}}},
        "count": {"type": "integer"}, "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}}}},
      "Extraction": {"type": "object", "required": ["findings", "count", "by_tactic", "provenance"], "properties": {
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}, "count": {"type": "integer"},
        "by_tactic": {"type": "array", "items": {"type": "object", "required": ["tactic", "id", "name", "techniques"], "properties": {
          "tactic": {"type": ["string", "null"]}, "id": {"type": ["string", "null"]}, "name": {"type": ["string", "null"]}, "techniques": {"type": "array", "items": {"type": "string"}}}}},
        "notes": {"type": "array", "items": {"type": "string"}}, "warnings": {"type": "array", "items": {"type": "string"}},
        "provenance": {"$ref": "#/components/schemas/Provenance"}}},
      "DataFile": {"type": "object", "required": ["role", "name", "sha256"], "properties": {"role": {"type": "string"}, "name": {"type": "string"}, "sha256": {"type": ["string", "null"]}}},
      "Provenance": {"type": "object", "required": ["domain", "release", "files", "options"], "properties": {
        "domain": {"type": ["string", "null"]}, "release": {"type": ["string", "null"]}, "files": {"type": "array", "items": {"$ref": "#/components/schemas/DataFile"}},
        "model": {"type": "object", "required": ["id", "kind", "trained_on", "files"], "properties": {
          "id": {"type": "string"}, "kind": {"type": "string"}, "trained_on": {"type": "string"}, "files": {"type": "array", "items": {"$ref": "#/components/schemas/DataFile"}}}},
        "options": {"type": "object", "additionalProperties": {"type": "string"}}}},
      "Gaps": {"type": "object", "required": ["attack_version", "coverage", "selection", "groups", "ranking", "gap_count", "gaps", "quick_win_count", "quick_wins", "recommendations", "exposure",
          "include_pre_compromise", "pre_compromise_count", "pre_compromise", "waived_count", "waived", "waivers"], "properties": {
        "attack_version": {"type": ["string", "null"]},
        "coverage": {"type": "object", "required": ["techniques", "detected", "logged", "blind"], "properties": {"techniques": {"type": "integer"}, "detected": {"type": "integer"}, "logged": {"type": "integer"}, "blind": {"type": "integer"}}},
        "selection": {"type": "string"},
        "groups": {"type": "array", "items": {"type": "object", "required": ["id", "name", "reason"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "reason": {"type": ["string", "null"]}}}},
        "ranking": {"oneOf": [{"type": "string"}, {"type": "object"}]},
        "gap_count": {"type": "integer"},
        "gaps": {"type": "array", "items": {"type": "object", "required": ["rank", "id", "name", "state", "groups", "groups_in_release", "mitigations"], "properties": {
          "rank": {"type": "integer"}, "id": {"type": "string"}, "name": {"type": "string"}, "state": {"type": "string", "enum": ["detected", "logged", "blind"]},
          "groups": {"type": "array", "items": {"type": "string"}}, "groups_in_release": {"type": "integer"}, "mitigations": {"type": "array", "items": {"type": "string"}}}}},
        "quick_win_count": {"type": "integer"},
        "quick_wins": {"type": "array", "items": {"type": "object", "required": ["rank", "id", "name", "groups", "telemetry"]}},
        "recommendations": {"type": "array", "items": {"type": "object", "required": ["source", "data_components", "newly_visible", "cumulative", "sentence"]}},
        "exposure": {"type": "array", "items": {"type": "object", "required": ["group", "techniques", "detected", "logged", "blind"]}},
        "include_pre_compromise": {"type": "boolean"}, "pre_compromise_count": {"type": "integer"},
        "pre_compromise": {"type": "array", "items": {"type": "object", "required": ["id", "name", "state", "groups", "reason"]}},
        "waived_count": {"type": "integer"}, "waived": {"type": "array", "items": {"type": "object", "required": ["id", "name", "state", "waiver"]}},
        "waivers": {"type": ["object", "null"]}}},
      "ReportDocument": {"type": "object", "required": ["title", "subtitle", "blocks"], "properties": {
        "title": {"type": "string"}, "subtitle": {"type": "array", "items": {"type": "string"}},
        "blocks": {"type": "array", "items": {"type": "object", "required": ["type"], "properties": {
          "type": {"type": "string", "enum": ["heading", "paragraph", "bullets", "numbered", "table", "key_figures", "figure", "note", "links"]},
          "text": {"type": "string"}, "level": {"type": "integer"}, "items": {"type": "array"}, "columns": {"type": "array", "items": {"type": "string"}},
          "rows": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}, "links": {"type": "array"},
          "figures": {"type": "array", "items": {"type": "object", "required": ["value", "label", "tone"]}}, "caption": {"type": "string"}, "svg": {"type": "string"}}}}}},
      "Layer": {"type": "object", "required": ["name", "domain", "techniques"], "properties": {
        "name": {"type": "string"}, "domain": {"type": "string"}, "description": {"type": "string"}, "versions": {"type": "object"},
        "techniques": {"type": "array", "items": {"type": "object", "required": ["techniqueID"], "properties": {"techniqueID": {"type": "string"}, "tactic": {"type": "string"}, "score": {"type": ["number", "null"]}, "color": {"type": "string"}, "comment": {"type": "string"}, "enabled": {"type": "boolean"}}}}}}
    }
  }
}
"""#
}
