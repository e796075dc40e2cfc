#!/usr/bin/env bash
# The sigma-cli check: on the SigmaHQ corpus, the techniques ttpkit counts as Detected must
# equal those `sigma analyze attack` scores, every difference explained (tools/coverage/
# sigma_compare.py). Runs twice: sigma/rules alone, and with sigma/deprecated added. Also times
# both tools on the same rules and prints the ratio.
#
# Usage (from anywhere): tools/coverage/sigma-check.sh
#   TTPKIT_SHARED  the shared folder (default: ../shared beside the package)
#   TTPKIT         the ttpkit binary (default: .build/release/ttpkit when built, else a debug build)
# Creates a venv with sigma-cli under .build-venv-sigma in the package root when missing.
# Exits non-zero on an unexplained difference.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$(cd "${TTPKIT_SHARED:-$root/../shared}" && pwd)
bundle="$shared/attack-data/enterprise-attack-18.1.json"
rules="$shared/corpora/sigma/rules"
deprecated="$shared/corpora/sigma/deprecated"
venv="$root/.build-venv-sigma"
out=$(mktemp -d /tmp/sigma-check.XXXXXX)

if [ ! -x "$venv/bin/sigma" ]; then
    echo "sigma-check: installing sigma-cli into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet sigma-cli
fi
ttpkit=${TTPKIT:-}
if [ -z "$ttpkit" ]; then
    if [ -x "$root/.build/release/ttpkit" ]; then
        ttpkit="$root/.build/release/ttpkit"
    else
        (cd "$root" && swift build --product ttpkit >"$out/build.log" 2>&1) || { tail -20 "$out/build.log"; exit 2; }
        ttpkit="$root/.build/debug/ttpkit"
    fi
fi
echo "sigma-check: $("$venv/bin/sigma" version 2>/dev/null | head -1 | sed 's/ (.*//;s/^/sigma-cli /'), $ttpkit, output in $out"

now_ms() { python3 -c 'import time; print(int(time.time() * 1000))'; }

status=0
run() {  # label, rule folders...
    local label=$1
    shift
    local t0 t1 t2 sigma_ms ttpkit_ms
    t0=$(now_ms)
    "$venv/bin/python" "$shared/tools/sigma-attack-offline.py" "$bundle" count "$out/$label-sigma.json" "$@" \
        >"$out/$label-sigma.log" 2>&1 || { tail -5 "$out/$label-sigma.log"; echo "sigma-check: sigma analyze attack failed"; exit 2; }
    t1=$(now_ms)
    "$ttpkit" coverage --rules "$@" --data "$bundle" --format json -o "$out/$label-coverage.json" 2>"$out/$label-ttpkit.log"
    t2=$(now_ms)
    "$ttpkit" rules scan "$@" --data "$bundle" --format json >"$out/$label-scan.json" 2>>"$out/$label-ttpkit.log"
    sigma_ms=$((t1 - t0))
    ttpkit_ms=$((t2 - t1))
    python3 "$root/tools/coverage/sigma_compare.py" "$label" "$out/$label-sigma.json" "$out/$label-coverage.json" \
        "$out/$label-scan.json" "$bundle" || status=1
    python3 -c "import sys; s, t = int(sys.argv[1]), int(sys.argv[2]); print(f'[$label] time: sigma analyze attack {s} ms, ttpkit coverage (whole process, ATT&CK load included) {t} ms: {s / max(t, 1):.1f}x')" \
        "$sigma_ms" "$ttpkit_ms"
}

run rules "$rules"
run rules+deprecated "$rules" "$deprecated"
if [ $status -ne 0 ]; then echo "sigma-check: FAIL: unexplained differences (see above)"; else echo "sigma-check: ok"; fi
exit $status
