#!/usr/bin/env python3
"""One answer everywhere: the same questions through the CLI (--format json) and through the
JSON API of a running `ttpkit serve` on the same data give identical JSON (after key ordering),
provenance included.

Usage: check.py TTPKIT_BINARY BASE_URL DATA_DIR WORK_DIR [CACHE_DIR]
  DATA_DIR holds the bundles the server loaded (enterprise 18.1 and 17.1, mobile and ICS 18.1);
  WORK_DIR holds coverage-1.json (a coverage file) for the coverage questions; CACHE_DIR is the
  server's data folder (its imported corpora), which the CLI is given as TTPKIT_CACHE.
Exit 1 with the first difference of every question that differs.
"""
import json
import os
import subprocess
import sys
import urllib.request

ttpkit, base, data, work = sys.argv[1:5]
environment = dict(os.environ)
if len(sys.argv) > 5:
    environment["TTPKIT_CACHE"] = sys.argv[5]
enterprise = os.path.join(data, "enterprise-attack-18.1.json")
older = os.path.join(data, "enterprise-attack-17.1.json")
ics = os.path.join(data, "ics-attack-18.1.json")
coverage = os.path.join(work, "coverage-1.json")
report_text = os.path.join(work, "conformance-report.txt")
with open(report_text, "w") as f:
    f.write("The actors used PowerShell (T1059.001) and Mimikatz to dump LSASS memory, "
            "then moved laterally with PsExec. Spearphishing attachments delivered the first stage.\n")

# (label, CLI arguments, API path, method, body file)
QUESTIONS = [
    ("group profile", ["group", "APT29"], "/api/groups/APT29", "GET", None),
    ("group by alias, any case", ["group", "cozy bear"], "/api/groups/cozy%20bear", "GET", None),
    ("group with software", ["group", "G0016", "--via-software"], "/api/groups/G0016?via_software=true", "GET", None),
    ("technique profile", ["technique", "T1059.001"], "/api/techniques/T1059.001", "GET", None),
    ("revoked technique followed", ["technique", "T1086"], "/api/techniques/T1086", "GET", None),
    ("groups matching", ["groups", "--match", "bear"], "/api/groups?match=bear", "GET", None),
    ("software list", ["software"], "/api/software", "GET", None),
    ("campaigns", ["campaigns"], "/api/campaigns", "GET", None),
    ("mitigations matching", ["mitigations", "--match", "audit"], "/api/mitigations?match=audit", "GET", None),
    ("techniques of a tactic", ["techniques", "--tactic", "execution"], "/api/techniques?tactic=execution", "GET", None),
    ("techniques by tactic and platform", ["techniques", "--tactic", "credential-access", "--platform", "Linux"],
     "/api/techniques?tactic=credential-access&platform=Linux", "GET", None),
    ("search", ["search", "lsass"], "/api/search?q=lsass", "GET", None),
    ("search, form-encoded space", ["search", "cozy bear"], "/api/search?q=cozy+bear", "GET", None),
    ("similar", ["similar", "--techniques", "T1059.001,T1003.001,T1566.002", "--software", "Mimikatz"],
     "/api/similar?techniques=T1059.001,T1003.001,T1566.002&software=Mimikatz", "GET", None),
    ("compare, repeated parameter", ["compare", "APT29", "APT28"], "/api/compare?groups=APT29&groups=APT28", "GET", None),
    ("an older release", ["group", "APT29", "--data", older], "/api/groups/APT29?version=17.1", "GET", None),
    ("another domain", ["techniques", "--tactic", "inhibit-response-function", "--data", ics],
     "/api/techniques?domain=ics&tactic=inhibit-response-function", "GET", None),
    ("gaps", ["gaps", "--coverage", coverage, "--groups", "APT29,FIN7"], "/api/gaps?groups=APT29,FIN7", "POST", coverage),
    ("exact extraction", ["extract", report_text, "--no-learned"], "/api/extract?no_learned=true", "POST", report_text),
    ("learned extraction, model named", ["extract", report_text], "/api/extract", "POST", report_text),
    ("extraction listing everything (--all)", ["extract", report_text, "--all"], "/api/extract?all=true", "POST", report_text),
]


def cli(args):
    full = [ttpkit] + args + ["--format", "json"]
    if "--data" not in args:
        full += ["--data", enterprise]
    done = subprocess.run(full, capture_output=True, timeout=600, env=environment)
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.decode(errors='replace').strip()}")
    return json.loads(done.stdout)


def api(path, method, body):
    data = open(body, "rb").read() if body else None
    request = urllib.request.Request(base + path, data=data, method=method)
    with urllib.request.urlopen(request, timeout=900) as response:
        return json.loads(response.read())


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'CLI' if k in a else 'API'}"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {json.dumps(a)[:120]} vs {json.dumps(b)[:120]}"


failed = 0
for label, args, path, method, body in QUESTIONS:
    try:
        a, b = cli(args), api(path, method, body)
    except Exception as e:  # a question that cannot be asked both ways is a failure too
        print(f"FAIL {label}: {e}")
        failed += 1
        continue
    if json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True):
        print(f"ok   {label}: identical ({'provenance' in a and 'with provenance' or 'NO provenance'})")
        if "provenance" not in a:
            failed += 1
    else:
        print(f"FAIL {label}: {first_difference(a, b)}")
        failed += 1
print(f"conformance: {len(QUESTIONS) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
