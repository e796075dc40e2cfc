#!/usr/bin/env python3
"""Loads ttpkit's DeTT&CT exports with Dettectinator (the PyPI library that reads and writes
DeTT&CT YAML) and checks that the current scores it computes are the ones ttpkit wrote.

  python3 tools/dettect/check_exports.py STIX_DIR COVERAGE.json TECHNIQUES.yaml [DATA_SOURCES.yaml]

STIX_DIR holds enterprise-attack/enterprise-attack.json, mobile-attack/..., ics-attack/...
(tools/dettect/check.sh builds it from ../shared/attack-data)."""
import json
import sys

from dettectinator import DettectDataSourcesAdministration, DettectTechniquesAdministration

stix, coverage_path, techniques_path = sys.argv[1:4]
coverage = json.load(open(coverage_path))
expected = {t["id"]: t.get("dettect") for t in coverage["techniques"]}

admin = DettectTechniquesAdministration(techniques_path, local_stix_path=stix)
checked = mismatches = 0
for technique_id, kinds in admin.techniques.items():
    detection = max((admin._get_latest_score(d) for d in kinds.get("detection", [])), default=-1)
    visibility = max((admin._get_latest_score(v) for v in kinds.get("visibility", [])), default=0)
    want = expected.get(technique_id)
    checked += 1
    if want is not None and (want["detection"], want["visibility"]) != (detection, visibility):
        mismatches += 1
        print(f"{technique_id}: Dettectinator reads detection {detection}, visibility {visibility}; ttpkit wrote {want}")
print(f"{techniques_path}: Dettectinator loaded {checked} techniques, {mismatches} score mismatches")

if len(sys.argv) > 4:
    data_sources = DettectDataSourcesAdministration(sys.argv[4], local_stix_path=stix)
    print(f"{sys.argv[4]}: Dettectinator loaded {len(data_sources._yaml_content['data_sources'])} data sources")
sys.exit(1 if mismatches else 0)
