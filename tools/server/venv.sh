#!/usr/bin/env bash
# Installs what the server checks need on a fresh machine, idempotently, and prints the venv path:
# taxii2-client and attackcti (TAXII round trip), medallion (the OASIS reference server, for the
# benchmark), schemathesis (API fuzzing), playwright (drives Debian's Chromium; no browser download).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${TTPKIT_SERVER_VENV:-$root/.build-venv-server}"
py="$venv/bin/python"
retry() { local n=0; until "$@"; do n=$((n + 1)); [ "$n" -ge 3 ] && return 1; sleep $((n * 5)); done; }
if ! "$py" -c 'import taxii2client, attackcti, medallion, schemathesis, playwright' 2>/dev/null; then
    echo "server-venv: preparing $venv" >&2
    [ -x "$py" ] || python3 -m venv "$venv"
    retry "$py" -m pip install --quiet --disable-pip-version-check \
        "taxii2-client" "attackcti" "medallion" "schemathesis" "playwright" >&2
fi
echo "$venv"
