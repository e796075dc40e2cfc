#!/usr/bin/env python3
"""Cross-check `ttpkit diff` against an independent computation with the json module.

Usage: diff_check.py OLD.json NEW.json [--ttpkit PATH]

Classifies every object of the compared types by STIX id into diffStix's categories
(additions, major/minor/other version changes, patches, revocations, deprecations,
deletions), runs `ttpkit diff OLD NEW --format json`, and compares the counts per type and
category. Prints the table; exits 1 on any mismatch, 2 on a usage or run error.

Rules (as ReleaseDiff documents them): in both releases, newly revoked -> revocations;
else newly deprecated (x_mitre_deprecated true now, not true before) -> deprecations; else
if neither is revoked/deprecated now: x_mitre_version (missing = 0.0) next major ->
major, next minor -> minor, other difference -> other; same version but a different
`modified` or description -> patches. Revoked or deprecated in both: not a change.
"""
import json
import subprocess
import sys

TYPES = {
    "techniques": {"attack-pattern"},
    "groups": {"intrusion-set"},
    "software": {"malware", "tool"},
    "campaigns": {"campaign"},
    "mitigations": {"course-of-action"},
    "datasources": {"x-mitre-data-source"},
    "datacomponents": {"x-mitre-data-component"},
    "detectionstrategies": {"x-mitre-detection-strategy"},
    "analytics": {"x-mitre-analytic"},
}
CATEGORIES = ["additions", "major_version_changes", "minor_version_changes", "other_version_changes",
              "patches", "revocations", "deprecations", "deletions"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["objects"]


def version(o):
    parts = str(o.get("x_mitre_version", "0.0")).split(".")
    try:
        major = int(parts[0])
    except ValueError:
        major = 0
    try:
        minor = int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        minor = 0
    return major, minor


def classify(o, n):
    if n.get("revoked"):
        return None if o.get("revoked") else "revocations"
    if n.get("x_mitre_deprecated"):
        return None if o.get("x_mitre_deprecated") else "deprecations"
    ov, nv = version(o), version(n)
    if nv == (ov[0] + 1, 0):
        return "major_version_changes"
    if nv == (ov[0], ov[1] + 1):
        return "minor_version_changes"
    if nv != ov:
        return "other_version_changes"
    if o.get("modified") != n.get("modified") or (o.get("description") or "") != (n.get("description") or ""):
        return "patches"
    return None


def counts(old_objects, new_objects):
    result = {}
    for name, stix_types in TYPES.items():
        old = {o["id"]: o for o in old_objects if o.get("type") in stix_types}
        new = {o["id"]: o for o in new_objects if o.get("type") in stix_types}
        c = dict.fromkeys(CATEGORIES, 0)
        c["additions"] = len(new.keys() - old.keys())
        c["deletions"] = len(old.keys() - new.keys())
        for i in new.keys() & old.keys():
            category = classify(old[i], new[i])
            if category:
                c[category] += 1
        result[name] = c
    return result


def main(argv):
    args = [a for a in argv[1:]]
    ttpkit = ".build/debug/ttpkit"
    if "--ttpkit" in args:
        i = args.index("--ttpkit")
        ttpkit = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    old_path, new_path = args
    ours = counts(load(old_path), load(new_path))
    run = subprocess.run([ttpkit, "diff", old_path, new_path, "--format", "json"], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"diff_check: ttpkit failed ({run.returncode}): {run.stderr.strip()}", file=sys.stderr)
        return 2
    theirs = json.loads(run.stdout)["counts"]
    mismatches = 0
    short = {"additions": "add", "major_version_changes": "major", "minor_version_changes": "minor",
             "other_version_changes": "other", "patches": "patch", "revocations": "revoke",
             "deprecations": "deprec", "deletions": "delete"}
    print(f"{'type':<20}" + "".join(f"{short[c]:>9}" for c in CATEGORIES))
    for name in TYPES:
        cells = []
        for c in CATEGORIES:
            a, b = ours[name][c], theirs.get(name, {}).get(c)
            if a == b:
                cells.append(f"{a:>9}")
            else:
                mismatches += 1
                cells.append(f"{str(a) + '≠' + str(b):>9}")
        print(f"{name:<20}" + "".join(cells))
    print("diff_check: " + ("all counts agree" if mismatches == 0 else f"{mismatches} mismatched counts"))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
