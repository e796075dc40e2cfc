#!/bin/sh
# Navigator checks against real readers: writes sample layers and renderings from the
# Enterprise 18.1 bundle, loads every layer with mitreattack-python (strict), opens the
# XLSX with openpyxl and renders the HTML in headless Chromium; renders a hostile layer and
# bundle to HTML, SVG and Markdown and checks in Chromium (Playwright) that no injected script runs.
# Usage (from the package root): tools/navigator/check.sh [SAMPLES_DIR]
# Needs ../shared/attack-data, the venv of tools/ci/peers.sh (mitreattack-python, openpyxl,
# playwright, markdown-it-py) and chromium.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$(mktemp -d /tmp/navigator-samples.XXXXXX)}
python=${NAVIGATOR_PYTHON:-${TTPKIT_PEERS_VENV:-$root/.build-venv-peers}/bin/python}
cd "$root"
NAVIGATOR_SAMPLES_DIR="$out" swift test --filter 'NavigatorTests.EnterpriseSamples|NavigatorTests.HostileRenderTests' >"$out/swift-test.log" 2>&1 \
    || { tail -20 "$out/swift-test.log"; echo "FAIL: swift test (samples)"; exit 1; }
status=0
"$python" tools/navigator/check_layers.py "$out" || status=1
tools/navigator/check_html.sh "$out" || status=1
"$python" tools/navigator/check_scripts.py "$out" || status=1
echo "samples and screenshots in $out"
exit $status
