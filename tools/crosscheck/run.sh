#!/usr/bin/env bash
# Cross-check `ttpkit debug answers` against MITRE's mitreattack-python (see README.md / SEMANTICS.md).
#
#   tools/crosscheck/run.sh [--self-test] [BUNDLE...]
#
# BUNDLE is a path, or a name relative to $TTPKIT_SHARED/attack-data (default ../shared beside the package),
# e.g. ics-attack-18.1.json or stix21/mobile-attack-17.1.json. Default: the eight bundles of the cross-check.
#
# Environment:
#   TTPKIT_PEERS_VENV          venv holding mitreattack-python==6.3.1 (default <package>/.build-venv-peers;
#                              created and installed from PyPI when missing)
#   TTPKIT_BIN                 prebuilt ttpkit binary; otherwise `swift build -c release --product ttpkit` once
#                              and the built binary is run (same as `swift run -c release ttpkit ...`)
#   TTPKIT_CROSSCHECK_SKIP     comma-separated keys passed to compare.py --skip
#   TTPKIT_CROSSCHECK_KEEP=1   keep the temporary directory (its path is printed)
#
# ttpkit's answers are computed three times per bundle: parsed (--no-snapshot), from the snapshot the
# first snapshot run writes, and from that snapshot read back; all three must be byte-identical.
#
# --self-test compares the library's answers with reference_answers.py (the library-free implementation of
# SEMANTICS.md) instead of ttpkit; it needs no Swift.
#
# Exit status: 0 when every comparison passes, 1 otherwise.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${TTPKIT_SHARED:-$root/../shared}"
data="$shared/attack-data"
venv="${TTPKIT_PEERS_VENV:-$root/.build-venv-peers}"
skip="${TTPKIT_CROSSCHECK_SKIP:-}"

self_test=0
if [[ "${1:-}" == "--self-test" ]]; then self_test=1; shift; fi

bundles=("$@")
if [[ ${#bundles[@]} -eq 0 ]]; then
    bundles=(enterprise-attack-14.0.json enterprise-attack-16.1.json enterprise-attack-17.1.json
             enterprise-attack-18.1.json mobile-attack-18.1.json ics-attack-18.1.json
             stix21/ics-attack-18.1.json stix21/mobile-attack-17.1.json)
fi

# ---- venv with the pinned library ----
py="$venv/bin/python"
if ! "$py" -c 'import importlib.metadata as m, sys; sys.exit(m.version("mitreattack-python") != "6.3.1")' 2>/dev/null; then
    echo "== preparing $venv (mitreattack-python==6.3.1)" >&2
    [[ -x "$py" ]] || python3 -m venv "$venv" || exit 1
    "$py" -m pip install --quiet --disable-pip-version-check "mitreattack-python==6.3.1" || exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ttpkit-crosscheck.XXXXXX")" || exit 1
if [[ "${TTPKIT_CROSSCHECK_KEEP:-0}" == 1 ]]; then
    echo "== keeping $tmp" >&2
else
    trap 'rm -rf "$tmp"' EXIT
fi

# ---- ttpkit ----
if [[ $self_test == 0 ]]; then
    if [[ -n "${TTPKIT_BIN:-}" ]]; then
        ttpkit="$TTPKIT_BIN"
    else
        echo "== swift build -c release --product ttpkit" >&2
        (cd "$root" && swift build -c release --product ttpkit >&2) || { echo "swift build failed" >&2; exit 1; }
        ttpkit="$(cd "$root" && swift build -c release --show-bin-path)/ttpkit"
    fi
fi

now() { "$py" -c 'import time; print(f"{time.time():.2f}")'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
failed=0
summary=()
for b in "${bundles[@]}"; do
    path="$b"
    [[ -f "$path" ]] || path="$data/$b"
    if [[ ! -f "$path" ]]; then
        echo "!! $b: not found (looked in $data)" >&2
        summary+=("$(printf '%-34s %s' "$b" "MISSING")"); failed=1; continue
    fi
    name="$(echo "$b" | tr '/' '_')"
    expected="$tmp/$name.expected.json"
    actual="$tmp/$name.actual.json"
    echo "== $b" >&2

    t0=$(now)
    if ! "$py" "$here/attack_answers.py" "$path" "$expected"; then
        summary+=("$(printf '%-34s %s' "$b" "attack_answers.py FAILED")"); failed=1; continue
    fi
    t1=$(now)
    if [[ $self_test == 1 ]]; then
        "$py" "$here/reference_answers.py" "$path" "$actual"; rc=$?
    else
        # Parsed (--no-snapshot), then from a snapshot written by the first run (before it
        # answers, not in the background, so the second surely reads it) and read by the
        # second: the three must be byte-identical.
        "$ttpkit" debug answers --data "$path" --no-snapshot > "$actual"; rc=$?
        for run in cold warm; do
            TTPKIT_CACHE="$tmp/cache" TTPKIT_SNAPSHOT_BACKGROUND=0 "$ttpkit" debug answers --data "$path" > "$actual.$run" || rc=$?
            if ! cmp -s "$actual" "$actual.$run"; then
                echo "!! $b: debug answers differ from a snapshot ($run)" >&2; rc=1
            fi
        done
    fi
    t2=$(now)
    if [[ $rc != 0 ]]; then
        summary+=("$(printf '%-34s %s' "$b" "$([[ $self_test == 1 ]] && echo reference_answers.py || echo ttpkit) FAILED (exit $rc)")")
        failed=1; continue
    fi
    result="$("$py" "$here/compare.py" "$expected" "$actual" ${skip:+--skip "$skip"})"; rc=$?
    echo "$result"
    [[ $rc == 0 ]] || failed=1
    summary+=("$(printf '%-34s %-22s library %6ss  %s %6ss' "$b" "$(echo "$result" | tail -1)" \
        "$(elapsed "$t0" "$t1")" "$([[ $self_test == 1 ]] && echo reference || echo ttpkit)" "$(elapsed "$t1" "$t2")")")
done

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $failed
