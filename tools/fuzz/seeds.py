#!/usr/bin/env python3
"""Writes seed inputs for each fuzz target into OUT/<target>/, from the shared data and corpora
(a deterministic sample, cut to the fuzzer's input size) and a few hand-written inputs for
formats without a corpus. Run by tools/fuzz/run.sh; nothing here is committed.

    seeds.py SHARED OUT
"""
import json
import pathlib
import random
import sys

MAX = 8192
shared, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
rng = random.Random(10)


def put(target, name, data):
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (folder / name).write_bytes(data[:MAX])


def sample(pattern, root, count):
    files = sorted(p for p in root.glob(pattern) if p.is_file()) if root.is_dir() else []
    return rng.sample(files, min(count, len(files)))


def small_bundle(path, count):
    """The collection, matrix and tactics of a release plus `count` other objects, as a bundle."""
    try:
        objects = json.loads(path.read_text())["objects"]
    except (OSError, ValueError, KeyError):
        return None
    head = [o for o in objects if o.get("type") in ("x-mitre-collection", "x-mitre-matrix", "x-mitre-tactic")]
    rest = [o for o in objects if o not in head]
    return {"type": "bundle", "id": "bundle--seed", "objects": head + rng.sample(rest, min(count, len(rest)))}


data = shared / "attack-data"
bundles = [b for b in (small_bundle(p, 6) for p in sorted(data.glob("*-attack-*.json"))) if b]
for i, b in enumerate(bundles):
    put("bundle", f"shared-{i}.json", json.dumps(b))
    page = {"more": True, "next": "2", "objects": b["objects"][:8]}
    put("taxii", f"shared-{i}.json", json.dumps(page))
put("bundle", "minimal.json", '{"type": "bundle", "id": "bundle--1", "objects": [{"type": "x-mitre-matrix", "id": "x-mitre-matrix--1"}]}')
put("taxii", "empty.json", '{"more": false}')
# Snapshot inputs are edits to the fixture's snapshot (5 bytes each: offset, byte); see FuzzSnapshot.
put("snapshot", "noop.bin", bytes([0, 0, 0, 0, 0x54]))
put("snapshot", "edits.bin", bytes([200, 0, 0, 0, 7, 64, 1, 0, 0, 255, 16, 2, 0, 0, 0]))

for i, p in enumerate(sample("**/*.json", shared / "corpora/navigator", 40)):
    put("layer", f"navigator-{i}.json", p.read_bytes())
    put("coverage-file", f"layer-{i}.json", p.read_bytes())
put("layer", "gradient.json", json.dumps({
    "name": "x", "domain": "enterprise-attack", "versions": {"layer": "4.5", "attack": "18"},
    "gradient": {"colors": ["#ffffff", "rgba(255,0,0,0.5)"], "minValue": -5, "maxValue": 1e300},
    "legendItems": [{"label": "a", "color": "#ff0000"}], "metadata": [{"name": "m", "value": "v"}],
    "techniques": [{"techniqueID": "T1059.001", "tactic": "execution", "score": 3, "comment": "<b>", "showSubtechniques": True},
                   {"techniqueID": "T1566", "color": "red", "enabled": False, "links": [{"label": "l", "url": "https://x"}]}]}))
put("coverage-file", "v1.json", json.dumps({
    "format": "ttpkit-coverage", "format_version": 1, "attack": {"domain": "enterprise-attack", "version": "18.1"},
    "techniques": [{"id": "T1059", "state": "detected", "score": 80, "rules": ["r.yml"]},
                   {"id": "T1566", "state": "logged", "telemetry": ["Process"]}]}))

for i, p in enumerate(sample("**/*.yml", shared / "corpora/sigma/rules", 60)):
    put("sigma", f"sigma-{i}.yml", p.read_bytes())
put("sigma", "collection.yml", "action: global\ntitle: G\ntags: [attack.t1059.001]\n---\nlogsource: {product: windows}\ndetection: {s: {a: b}, condition: s}\n---\naction: repeat\ntitle: R\n")
for i, p in enumerate(sample("**/*.toml", shared / "corpora/elastic", 60)):
    put("elastic", f"elastic-{i}.toml", p.read_bytes())
for i, p in enumerate(sample("**/*.yml", shared / "corpora/splunk", 60)):
    put("splunk", f"splunk-{i}.yml", p.read_bytes())
put("sentinel", "rule.yaml", """id: 1
name: Sentinel rule
severity: Medium
queryFrequency: 1h
tactics: [Execution, DefenseEvasion]
relevantTechniques: [T1059, T1059.001]
query: SecurityEvent | where EventID == 4688
""")
put("csv", "rules.csv", "rule,technique,status\nWhoami,T1033,production\n\"Quoted, name\",\"T1059.001; T1003\",test\n")
put("csv", "alt.csv", "title;technique_id\nx;T1566\n")
put("telemetry", "example.yaml", (pathlib.Path(__file__).parent.parent.parent / "examples/telemetry.yaml").read_bytes())
for i, p in enumerate(sample("**/*.yaml", shared / "corpora/dettect/sample-data", 20)):
    put("dettect", f"dettect-{i}.yaml", p.read_bytes())
put("waivers", "example.yaml", (pathlib.Path(__file__).parent.parent.parent / "examples/waivers.yaml").read_bytes())
put("waivers", "waivers.json", json.dumps({"waivers": [
    {"technique": "t1566", "reason": "mail gateway", "owner": "soc", "expires": "2027-03-31"},
    {"technique": "PowerShell", "reason": "x", "owner": "y", "expires": "2024-02-29"}]}))
for i, e in enumerate(["a + b * 2", "a > b ? 25 : min(a, 10)", "!(a && b) || c xor a", "abs(-a) ^ 2 % 3",
                       "max(a, b, c) >= 1e3", "((a))", "-+-a", "a1 + z"]):
    put("expression", f"e{i}.txt", e)
put("release-index", "index.json", json.dumps({
    "name": "MITRE ATT&CK", "modified": "2025-01-01T00:00:00Z",
    "collections": [{"id": "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019", "name": "Enterprise ATT&CK",
                     "versions": [{"version": "18.1", "url": "https://example.org/enterprise-attack-18.1.json",
                                   "modified": "2025-01-01T00:00:00Z"}, {"version": "17.1", "url": "https://example.org/e-17.1.json"}]}]}))

# Annotated reports: the first reports of each corpus, cut short with the spans that still fit.
for name in ("tram/reports-dev.json", "annoctr/annoctr-train.json"):
    try:
        corpus = json.loads((shared / "corpora" / name).read_text())
    except (OSError, ValueError):
        continue
    for i, r in enumerate(corpus["reports"][:3]):
        text = r["text"][:2000]
        spans = {t: [s for s in ss if s["end"] <= len(text)] for t, ss in r["techniques"].items()}
        put("annotated-reports", f"{name.split('/')[0]}-{i}.json",
            json.dumps({"labels": corpus["labels"], "reports": [{"name": r["name"], "text": text, "techniques": spans}]}))
try:
    galaxy = json.loads((shared / "corpora/misp-galaxy/clusters/threat-actor.json").read_text())
    for i in range(3):
        put("galaxy", f"threat-actor-{i}.json", json.dumps({"type": "threat-actor", "values": rng.sample(galaxy["values"], 6)}))
except (OSError, ValueError, KeyError):
    pass
put("galaxy", "one.json", '{"type": "threat-actor", "values": [{"value": "FIN7", "meta": {"synonyms": "Carbanak", "targeted-sector": ["Finance"]}}]}')
