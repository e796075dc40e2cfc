#!/usr/bin/env bash
# Renders what managers and analysts read and checks it as they would see it:
#   - the APT29 layer, the 4-group overlap and a coverage layer (SigmaHQ + examples/telemetry.yaml)
#     as HTML, checked in headless Chromium at 1280 and 1600 px (tools/reports/check_pages.py:
#     no horizontal scroll, every column visible, contrast >= 4.5:1 for every cell's text,
#     legend entries for every encoding used) and by the shared tools/page_check.py;
#   - the same layers as SVG, XLSX (tools/reports/check_xlsx.py with openpyxl: IDs, numeric scores,
#     notes, hyperlinks, legend sheet) and printed to PDF (A4), with PNG previews;
#   - the executive coverage report (APT29, FIN7) and the APT29 actor profile as HTML and PDF.
# Screenshots and PDFs are written to OUT (printed at the end) for a person to look at.
# Usage (from the package root, after swift build): tools/reports/check.sh [OUT]
# Needs ../shared (or TTPKIT_SHARED) and the peers venv (tools/ci/peers.sh: playwright, openpyxl,
# chromium, poppler-utils).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${1:-$(mktemp -d /tmp/reports-check.XXXXXX)}
mkdir -p "$out"
shared=${TTPKIT_SHARED:-$root/../shared}
ttpkit=${TTPKIT:-$root/.build/debug/ttpkit}
python=${TTPKIT_PEERS_VENV:-$root/.build-venv-peers}/bin/python
chromium=$(command -v chromium || command -v chromium-browser)
data="$shared/attack-data/enterprise-attack-18.1.json"
# The shared page checker: horizontal overflow, lowest text contrast, external requests.
pagecheck="$shared/tools/page_check.py"
# page_check PAGE WIDTH [PNG]: runs it and fails on overflow, contrast < 4.5:1 or a request.
page_check() {
    [ -f "$pagecheck" ] || { echo "skip page_check: $pagecheck not found"; return 0; }
    local res
    res=$("$python" "$pagecheck" "$@")
    echo "     page_check $(basename "$1") @$2px: $res"
    "$python" -c 'import json, sys
r = json.loads(sys.argv[1])
ok = r["scroll_width"] <= r["inner_width"] and r["min_contrast"] >= 4.5 and r["external_requests"] == 0
print(("ok   " if ok else "FAIL ") + "page_check: no sideways scroll, contrast >= 4.5:1, no external requests")
sys.exit(0 if ok else 1)' "$res"
}
status=0

echo "reports: rendering samples into $out"
"$ttpkit" layer group APT29 --data "$data" -o "$out/apt29.json"
"$ttpkit" layer group APT29 APT28 "Lazarus Group" FIN7 --data "$data" -o "$out/overlap4.json"
"$ttpkit" coverage --rules "$shared/corpora/sigma/rules" --telemetry examples/telemetry.yaml --format layer \
    --data "$data" -o "$out/coverage.json" 2>/dev/null
"$ttpkit" layer group "Sandworm Team" --data "$shared/attack-data/ics-attack-18.1.json" -o "$out/ics.json"
"$ttpkit" layer render "$out/ics.json" --data "$shared/attack-data/ics-attack-18.1.json" -o "$out/ics.html"
# The same overlap with disabled techniques, aggregate scores and the mini layout: every encoding.
"$python" - "$out/overlap4.json" "$out/features.json" "$out/mini.json" <<'PY'
import json, sys
layer = json.load(open(sys.argv[1], encoding="utf-8"))
for t in layer["techniques"][:40:8]:
    t["enabled"] = False
layer["layout"]["showAggregateScores"] = True
layer["layout"]["aggregateFunction"] = "max"
json.dump(layer, open(sys.argv[2], "w", encoding="utf-8"))
layer["layout"]["layout"] = "mini"
json.dump(layer, open(sys.argv[3], "w", encoding="utf-8"))
PY
for name in features mini; do "$ttpkit" layer render "$out/$name.json" --data "$data" -o "$out/$name.html"; done
for name in apt29 overlap4 coverage; do
    for ext in html svg xlsx md csv; do
        "$ttpkit" layer render "$out/$name.json" --data "$data" -o "$out/$name.$ext"
    done
done

echo "reports: HTML heatmaps in headless Chromium"
"$python" tools/reports/check_pages.py "$out/apt29.html:14" "$out/overlap4.html:14" "$out/coverage.html:14" \
    "$out/features.html:14" "$out/mini.html:14" "$out/ics.html:12" || status=1
for name in apt29 overlap4 coverage; do page_check "$out/$name.html" 1600 || status=1; done

echo "reports: actor profile and IOC report at 1000 px (no sideways scroll, contrast, no requests)"
"$ttpkit" report group APT29 --data "$data" --galaxy "$shared/corpora/misp-galaxy/clusters/threat-actor.json" \
    -o "$out/apt29-profile.html" 2>/dev/null
"$ttpkit" iocs examples/iocs.csv --data "$shared/attack-data" -o "$out/iocs.html" 2>/dev/null
for name in apt29-profile iocs; do page_check "$out/$name.html" 1000 "$out/$name-1000.png" || status=1; done

echo "reports: executive coverage report (SigmaHQ + examples/telemetry.yaml, APT29 and FIN7)"
"$ttpkit" coverage --rules "$shared/corpora/sigma/rules" --telemetry examples/telemetry.yaml --format json \
    --data "$data" -o "$out/coverage-file.json" 2>/dev/null
"$ttpkit" report coverage --coverage "$out/coverage-file.json" --groups APT29,FIN7 --data "$data" -o "$out/executive.html"
page_check "$out/executive.html" 1600 "$out/executive-1600.png" || status=1
page_check "$out/executive.html" 1000 "$out/executive-1000.png" || status=1

echo "reports: XLSX in openpyxl"
"$python" tools/reports/check_xlsx.py "$out/apt29.xlsx" "$out/overlap4.xlsx" "$out/coverage.xlsx" || status=1

echo "reports: printed to A4 (PDF, PNG previews)"
flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-pdf-header-footer"
for name in apt29 overlap4 coverage executive apt29-profile; do
    "$chromium" $flags --print-to-pdf="$out/$name.pdf" "file://$out/$name.html" >/dev/null 2>&1 || true
    [ ! -f "$out/$name.svg" ] || "$chromium" $flags --screenshot="$out/$name-svg.png" --window-size=2200,1500 "file://$out/$name.svg" >/dev/null 2>&1 || true
done
if command -v pdfinfo >/dev/null 2>&1 && [ -f "$out/executive.pdf" ]; then
    pages=$(pdfinfo "$out/executive.pdf" | awk '/^Pages:/ {print $2}')
    if pdfinfo -f 1 -l "$pages" "$out/executive.pdf" | grep -q "size: *841.* x 59[45]"; then
        echo "ok   executive.pdf: $pages A4 pages, the matrix on a landscape page of its own"
    else
        echo "FAIL executive.pdf: no landscape page for the matrix"; status=1
    fi
fi
if command -v pdftoppm >/dev/null 2>&1; then
    for pdf in "$out"/*.pdf; do pdftoppm -png -r 50 "$pdf" "${pdf%.pdf}-page" || true; done
fi

echo "reports: screenshots and PDFs for a person to look at:"
ls -1 "$out"/*.png "$out"/*.pdf 2>/dev/null | sed 's/^/     /'
exit $status
