#!/usr/bin/env python3
"""Compare the techniques sigma-cli's `sigma analyze attack` scores with those ttpkit counts as
Detected, and explain every difference from ttpkit's own scan of the same rules.

usage: sigma_compare.py LABEL SIGMA_LAYER.json TTPKIT_COVERAGE.json TTPKIT_SCAN.json BUNDLE.json
Exits 1 when a difference has no explanation.

Explanations:
- sigma-only, every rule naming it is deprecated/unsupported: ttpkit leaves such rules out by
  default (`--count-deprecated` counts them); sigma-cli counts every rule it is given.
- sigma-only, a revoked ID: ttpkit counts the rule for the replacement instead.
- ttpkit-only, reached only through a revoked ID the rule names: counted as the replacement.
Also reported (not differences): rules naming IDs the release does not know, which ttpkit lists
and sigma-cli drops silently; neither counts them.
"""
import json
import sys


def main() -> int:
    label, sigma_path, coverage_path, scan_path, bundle_path = sys.argv[1:6]
    sigma = json.load(open(sigma_path, encoding="utf-8"))
    coverage = json.load(open(coverage_path, encoding="utf-8"))
    scan = json.load(open(scan_path, encoding="utf-8"))
    bundle = json.load(open(bundle_path, encoding="utf-8"))

    revoked = set()
    for o in bundle["objects"]:
        if o.get("type") == "attack-pattern" and o.get("revoked"):
            for ref in o.get("external_references", []):
                if ref.get("source_name") == "mitre-attack":
                    revoked.add(ref["external_id"])

    sigma_set = {t["techniqueID"] for t in sigma["techniques"] if (t.get("score") or 0) > 0}
    ours = {t["id"]: t for t in coverage["techniques"]}
    ttpkit_set = {i for i, t in ours.items() if t["state"] == "detected"}

    rules_by_tag = {}
    for r in scan["rules"]:
        for tid in r["tagged_techniques"]:
            rules_by_tag.setdefault(tid, []).append(r)

    unexplained = []
    explained = []
    for tid in sorted(sigma_set - ttpkit_set):
        rules = rules_by_tag.get(tid, [])
        if tid in revoked:
            explained.append(f"{tid}: revoked in ATT&CK {coverage['attack_version']}; ttpkit counts its replacement")
        elif rules and all((r.get("status") or "") in ("deprecated", "unsupported") for r in rules):
            names = ", ".join(sorted({r["path"].rsplit("/", 1)[-1] for r in rules})[:3])
            explained.append(f"{tid}: only in deprecated rules ({len(rules)}: {names}); ttpkit leaves them out unless --count-deprecated")
        else:
            unexplained.append(f"{tid}: scored by sigma-cli, not Detected by ttpkit ({len(rules)} rules tag it)")
    for tid in sorted(ttpkit_set - sigma_set):
        refs = ours[tid]["rules"]
        if refs and all(r["applied_as"] == "revoked-id" for r in refs):
            via = sorted({r["via"] for r in refs})
            explained.append(f"{tid}: rules tag revoked {', '.join(via)}; ttpkit counts them as {tid}, sigma-cli drops them")
        else:
            unexplained.append(f"{tid}: Detected by ttpkit, not scored by sigma-cli ({len(refs)} rules)")

    q = coverage["rule_quality"]
    print(f"[{label}] sigma-cli: {len(sigma_set)} techniques; ttpkit Detected: {len(ttpkit_set)}; "
          f"both: {len(sigma_set & ttpkit_set)}; sigma-cli only: {len(sigma_set - ttpkit_set)}; "
          f"ttpkit only: {len(ttpkit_set - sigma_set)}")
    print(f"[{label}] ttpkit read {q['rules']} rules ({q['with_techniques']} with techniques, {q['tactic_only']} tactic-only, "
          f"{q['untagged']} untagged, {q['deprecated_rules']} deprecated, {q['revoked_id_rules']} naming revoked IDs, "
          f"{q['failures']} failures)")
    unknown = [f for f in scan["findings"] if f["kind"] == "unknown"]
    unknown_rules = {(f["path"], f["line"]) for f in unknown}
    unknown_ids = sorted({f["technique"] for f in unknown})
    print(f"[{label}] not a difference: {len(unknown_rules)} rules name {len(unknown_ids)} IDs not in ATT&CK "
          f"{coverage['attack_version']} ({', '.join(unknown_ids[:6])}{', …' if len(unknown_ids) > 6 else ''}); "
          "ttpkit lists them, sigma-cli drops them silently, neither counts them")
    for f in scan["findings"]:
        if f["kind"] == "revoked":
            print(f"[{label}] not a difference: {f['path'].rsplit('/', 1)[-1]}:{f['line']}: {f['message']}")
    for line in explained:
        print(f"[{label}] explained: {line}")
    for line in unexplained:
        print(f"[{label}] UNEXPLAINED: {line}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
