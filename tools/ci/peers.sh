#!/usr/bin/env bash
# Installs what the cross-checks need on a fresh machine: a venv with the Python peers
# (mitreattack-python 6.3.1, openpyxl, playwright — driving the system Chromium, no browser download —
# and markdown-it-py for the browser check of Markdown renderings)
# and headless Chromium (Debian package) plus poppler-utils (pdftoppm, to look at printed pages). Idempotent; prints the venv path.
#   tools/ci/peers.sh            -> .build-venv-peers beside Package.swift
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${TTPKIT_PEERS_VENV:-$root/.build-venv-peers}"
py="$venv/bin/python"

retry() { local n=0; until "$@"; do n=$((n + 1)); [ "$n" -ge 3 ] && return 1; sleep $((n * 5)); done; }

if ! "$py" -c 'import importlib.metadata as m, sys, openpyxl, playwright, markdown_it; sys.exit(m.version("mitreattack-python") != "6.3.1")' 2>/dev/null; then
    echo "peers: preparing $venv (mitreattack-python==6.3.1, openpyxl, playwright, markdown-it-py)" >&2
    [ -x "$py" ] || python3 -m venv "$venv"
    retry "$py" -m pip install --quiet --disable-pip-version-check "mitreattack-python==6.3.1" openpyxl playwright markdown-it-py >&2
fi

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    echo "peers: installing chromium and poppler-utils (Debian packages)" >&2
    export DEBIAN_FRONTEND=noninteractive
    retry apt-get update -qq >&2
    retry apt-get install -y -qq chromium poppler-utils >&2
fi
echo "$venv"
