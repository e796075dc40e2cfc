#!/usr/bin/env python3
"""Validates a bundle of `ttpkit extract --format stix` with the OASIS `stix2` library (STIX 2.1):
every object parses as its STIX 2.1 type (required properties, id and timestamp formats, open
vocabularies), every custom property is `x_`-prefixed, and every reference (the report's
`object_refs`, `created_by_ref`, `object_marking_refs`) names an object of the bundle.

Usage: stix_check.py BUNDLE.json [...]   (needs `pip install stix2`; tools/ci/peers.sh's venv has it)
Exit 1 with the problems of every bundle that has any.
"""
import json
import sys

import stix2

failed = 0
for path in sys.argv[1:]:
    problems = []
    with open(path, encoding="utf-8") as f:
        bundle = json.load(f)
    objects = bundle.get("objects", [])
    ids = {o.get("id") for o in objects}
    try:
        stix2.parse(bundle, allow_custom=True, version="2.1")
    except Exception as e:  # the library's own message says which property of which object
        problems.append(f"does not parse as STIX 2.1: {e}")
    for o in objects:
        try:
            parsed = stix2.parse(o, allow_custom=True, version="2.1")
        except Exception as e:
            problems.append(f"{o.get('id')}: {e}")
            continue
        known = set(type(parsed)._properties)
        for key in o:
            if key not in known and not key.startswith("x_"):
                problems.append(f"{o.get('id')}: custom property {key} is not x_-prefixed")
        refs = list(o.get("object_refs", [])) + list(o.get("object_marking_refs", []))
        refs += [o["created_by_ref"]] if "created_by_ref" in o else []
        problems += [f"{o.get('id')}: refers to {r}, not in the bundle" for r in refs if r not in ids]
    reports = [o for o in objects if o.get("type") == "report"]
    if len(reports) != 1 or not reports[0].get("object_refs"):
        problems.append("not one report with object_refs")
    if problems:
        failed += 1
        print(f"FAIL {path}:")
        for p in problems[:20]:
            print(f"  {p}")
    else:
        print(f"ok   {path}: {len(objects)} objects, report refers to {len(reports[0]['object_refs'])}")
print(f"stix_check: {len(sys.argv) - 1 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
