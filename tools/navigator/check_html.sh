#!/bin/sh
# Renders the HTML heatmap in headless Chromium: a screenshot to look at and a DOM check
# (cell count, a coloured cell, the tooltip element, the controls).
# Usage: check_html.sh SAMPLES_DIR   (exit 1 on failure)
set -eu
dir=$1
html="$dir/overlap.html"
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "FAIL html: chromium not installed (apt-get install -y chromium)"; exit 1; }
flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars"
$chromium $flags --screenshot="$dir/overlap.png" --window-size=1600,1000 "file://$html" >/dev/null 2>&1
$chromium $flags --screenshot="$dir/full.png" --window-size=2200,1400 "file://$dir/full.html" >/dev/null 2>&1
$chromium $flags --virtual-time-budget=2000 --dump-dom "file://$html" 2>/dev/null > "$dir/overlap.dom.html"
python3 - "$dir/overlap.dom.html" "$dir/overlap.png" <<'PY'
import re, sys, os
dom = open(sys.argv[1], encoding="utf-8").read()
cells = len(re.findall(r'<div class="cell[ "]', dom))
# Colours are classes defined in the page's one stylesheet (no style attributes under its CSP).
classes = dict(re.findall(r'\.(k[0-9]+)\{background:(#[0-9a-f]{6})', dom))
coloured = [(i, classes[k]) for k, i in re.findall(r'class="cell[^"]*annotated[^"]*\b(k[0-9]+)"[^>]*data-id="(T[0-9.]+)"', dom) if k in classes]
checks = {
    "cells >= 500": cells >= 500,
    "a coloured annotated cell": bool(coloured),
    "tooltip element": 'id="tooltip"' in dom,
    "search box": 'id="search"' in dom,
    "expand/collapse all and sub-technique buttons": 'id="expand-all"' in dom and 'id="collapse-all"' in dom and '<button type="button" class="toggle"' in dom and 'id="show-disabled"' in dom,
    "a comment for the tooltip": "data-comment=" in dom,
    "screenshot written": os.path.getsize(sys.argv[2]) > 10000,
    "no external requests": not re.search(r'(src|href)="https?:', dom),
}
for k, v in checks.items():
    print(("ok   " if v else "FAIL ") + "html: " + k)
print(f"     html: {cells} cells; e.g. {coloured[0][0]} filled {coloured[0][1]}" if coloured else "")
sys.exit(0 if all(checks.values()) else 1)
PY
