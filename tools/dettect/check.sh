#!/usr/bin/env bash
# Exports DeTT&CT's endpoint samples through ttpkit (import → export) and loads the exports with
# Dettectinator (PyPI), checking it reads the same current scores.
#   tools/dettect/check.sh            (from the package root; needs ../shared and a built ttpkit)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${TTPKIT_SHARED:-$root/../shared}"
ttpkit="${TTPKIT_BIN:-$root/.build/debug/ttpkit}"
work="${TMPDIR:-/tmp}/ttpkit-dettect-check"
mkdir -p "$work/stix"
[ -x "$work/venv/bin/python" ] || { python3 -m venv "$work/venv"; "$work/venv/bin/pip" install --quiet dettectinator taxii2-client stix2; }
for d in enterprise mobile ics; do
  mkdir -p "$work/stix/$d-attack"
  ln -sf "$shared/attack-data/$d-attack-18.1.json" "$work/stix/$d-attack/$d-attack.json"
done
echo '{}' > "$work/stix/index.json"     # Dettectinator wants the attack-stix-data layout
data="$shared/attack-data/enterprise-attack-18.1.json"
samples="$shared/corpora/dettect/sample-data"
"$ttpkit" dettect import techniques "$samples/techniques-administration-endpoints.yaml" --data "$data" -o "$work/coverage.json" 2>/dev/null
"$ttpkit" dettect export techniques "$work/coverage.json" --data "$data" -o "$work/techniques.yaml"
"$ttpkit" dettect import datasources "$samples/data-sources-endpoints.yaml" -o "$work/telemetry.yaml"
"$ttpkit" dettect export datasources "$work/telemetry.yaml" --data "$data" -o "$work/data-sources.yaml" 2>/dev/null
"$work/venv/bin/python" "$root/tools/dettect/check_exports.py" "$work/stix" "$work/coverage.json" "$work/techniques.yaml" "$work/data-sources.yaml"
