#!/usr/bin/env python3
"""Compare two answer files (schema of attack_answers.py) key by key.

Usage: compare.py EXPECTED.json ACTUAL.json [--skip KEY,KEY...] [--max N]

Per key prints "ok N subjects" (dict keys) / "ok N ids" (list keys), or the differences (first --max, default 10,
as: subject, missing = expected but not actual, extra = actual but not expected). Ends with "N passed, N failed"
(keys are the unit) and exits 1 on any failure.

Rules: top-level keys starting with "_" are ignored. A key absent on either side fails unless it is in --skip
(skipped keys are not compared at all). Within a dict key an absent subject equals an empty list. Values are
compared as sets, except in ORDERED keys (tactics_by_matrix) where the order is part of the answer. Lists in
ACTUAL that are not sorted and duplicate-free (where they should be) are reported as a warning, not a failure.
"""
import argparse
import json
import sys

ORDERED = {"tactics_by_matrix"}


def fmt(ids, limit=12):
    ids = list(ids)
    s = ", ".join(ids[:limit])
    return f"[{s}{', ... +%d' % (len(ids) - limit) if len(ids) > limit else ''}]"


def compare_key(key, exp, act, max_report):
    """Returns (ok, lines)."""
    if isinstance(exp, list) != isinstance(act, list) or not isinstance(exp, (list, dict)) or not isinstance(act, (list, dict)):
        return False, [f"  type differs: expected {type(exp).__name__}, actual {type(act).__name__}"]
    warn = []
    if isinstance(exp, list):
        if act != sorted(set(act)):
            warn.append("  warning: actual list is not sorted/unique")
        missing, extra = sorted(set(exp) - set(act)), sorted(set(act) - set(exp))
        if missing or extra:
            return False, warn + [f"  missing {len(missing)}: {fmt(missing)}", f"  extra {len(extra)}: {fmt(extra)}"]
        return True, [f"ok {len(set(exp))} ids"] + warn
    diffs = []
    unsorted = 0
    for subj in sorted(set(exp) | set(act)):
        e, a = exp.get(subj) or [], act.get(subj) or []
        if not isinstance(a, list) or not isinstance(e, list):
            diffs.append(f"  {subj}: value is not a list")
            continue
        if key in ORDERED:
            if e != a:
                diffs.append(f"  {subj}: expected {fmt(e, 30)} actual {fmt(a, 30)}")
            continue
        if a != sorted(set(a)):
            unsorted += 1
        if set(e) != set(a):
            missing, extra = sorted(set(e) - set(a)), sorted(set(a) - set(e))
            diffs.append(f"  {subj}: missing {fmt(missing)} extra {fmt(extra)}")
    if unsorted:
        warn.append(f"  warning: {unsorted} actual lists are not sorted/unique")
    if diffs:
        head = [f"  {len(diffs)} of {len(set(exp) | set(act))} subjects differ"]
        more = [f"  ... {len(diffs) - max_report} more"] if len(diffs) > max_report else []
        return False, head + diffs[:max_report] + more + warn
    return True, [f"ok {sum(1 for v in exp.values() if v)} subjects"] + warn


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("expected")
    ap.add_argument("actual")
    ap.add_argument("--skip", default="", help="comma-separated keys not to compare (and allowed to be missing)")
    ap.add_argument("--max", type=int, default=10, help="differences shown per key")
    args = ap.parse_args()
    skip = {k.strip() for k in args.skip.split(",") if k.strip()}
    with open(args.expected) as f:
        exp = json.load(f)
    with open(args.actual) as f:
        act = json.load(f)
    if not isinstance(exp, dict) or not isinstance(act, dict):
        print("top level must be a JSON object on both sides")
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    for key in sorted(k for k in set(exp) | set(act) if not k.startswith("_")):
        if key in skip:
            print(f"{key}: skipped")
            continue
        if key not in exp or key not in act:
            print(f"{key}: FAIL missing in {'expected' if key not in exp else 'actual'}")
            failed += 1
            continue
        ok, lines = compare_key(key, exp[key], act[key], args.max)
        if ok:
            passed += 1
            print(f"{key}: {lines[0]}")
            for line in lines[1:]:
                print(line)
        else:
            failed += 1
            print(f"{key}: FAIL")
            for line in lines:
                print(line)
    unknown_skips = sorted(skip - set(exp) - set(act))
    if unknown_skips:
        print(f"note: --skip names keys present on neither side: {', '.join(unknown_skips)}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
