#!/usr/bin/env bash
# CI checks of `ttpkit serve` against real clients, on loopback:
#   1. taxii2-client and attackcti read every object of every TAXII collection, equal to the bundles;
#   2. `ttpkit data taxii` reads a collection back into a bundle with the same object count;
#   3. two coverage snapshots are pushed (`ttpkit coverage push`), so the history, gaps, report
#      and diff routes have data; the conformance table (tools/conformance/check.py) asks the CLI
#      and the API the same questions and compares the JSON;
#   4. a Playwright walk of the web app in headless Chromium (screenshots kept), reading the
#      coverage pages with the read token as the browser's basic-auth answer;
#   5. schemathesis fuzzes the JSON API against /api/openapi.json (bounded examples):
#      no 5xx, every response matches the document (after the walk: it stores snapshots too);
#   6. hostile clients (tools/server/resilience.py: extraction CPU, /healthz under load,
#      slowloris, CSRF and read access) against a server of its own;
#   7. the README's deployment (tools/server/deployment.sh): two instances on one PostgreSQL
#      behind a loopback reverse proxy serve the same history, with read-token access.
# Usage: tools/server/check.sh TTPKIT_BINARY   (TTPKIT_SHARED must point at the shared data)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ttpkit="${1:?usage: check.sh TTPKIT_BINARY}"
data="${TTPKIT_SHARED:?set TTPKIT_SHARED}/attack-data"
venv="$("$root/tools/server/venv.sh")"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# Two Enterprise releases side by side, Mobile and ICS.
mkdir -p "$work/data"
bundles=(enterprise-attack-18.1.json enterprise-attack-17.1.json mobile-attack-18.1.json ics-attack-18.1.json)
for b in "${bundles[@]}"; do ln -s "$data/$b" "$work/data/$b"; done

# The corpora the README's set-up imports, in a data folder of this run's own: /api/extract
# learns from TRAM's reports and --sector reads the MISP galaxy, as `ttpkit extract` and
# `ttpkit gaps` do after that set-up.
TTPKIT_CACHE="$work/cache" "$ttpkit" data import tram "$TTPKIT_SHARED/corpora/tram" >/dev/null
TTPKIT_CACHE="$work/cache" "$ttpkit" data import misp-galaxy "$TTPKIT_SHARED/corpora/misp-galaxy" >/dev/null

port="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
umask 077
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/token"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/read-token"
TTPKIT_CACHE="$work/cache" "$ttpkit" serve --data "$work/data" --port "$port" --log-level warning --token-file "$work/token" \
    --read-token-file "$work/read-token" --db "sqlite:$work/history.sqlite" 2>"$work/server.log" &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "server: ttpkit serve exited" >&2; exit 1; }
    sleep 1
done
curl -fsS "$base/healthz"; echo

echo "-- TAXII round trip (taxii2-client, attackcti)"
"$venv/bin/python" "$root/tools/server/taxii_roundtrip.py" "$base" "${bundles[@]/#/$data/}"

echo "-- ttpkit data taxii reads the ICS collection back"
TTPKIT_CACHE="$work/cache" "$ttpkit" data taxii --api-root "$base/api/v21/" --domain ics -o ics-back.json
"$venv/bin/python" - "$work/cache/ics-back.json" "$data/ics-attack-18.1.json" <<'PY'
import json, sys
back = {o["id"] for o in json.load(open(sys.argv[1]))["objects"]}
want = {o["id"] for o in json.load(open(sys.argv[2]))["objects"]}
print(f"ttpkit data taxii: {len(back)} objects read back, bundle has {len(want)}")
sys.exit(0 if back == want else 1)
PY

echo "-- two coverage snapshots pushed (Sigma process-creation rules, then all Sigma rules)"
enterprise="$data/enterprise-attack-18.1.json"
sigma="$TTPKIT_SHARED/corpora/sigma/rules"
"$ttpkit" coverage --rules "$sigma/windows/process_creation" --telemetry "$root/examples/telemetry.yaml" \
    --data "$enterprise" -f json -o "$work/coverage-1.json" 2>/dev/null
"$ttpkit" coverage --rules "$sigma" --telemetry "$root/examples/telemetry.yaml" \
    --data "$enterprise" -f json -o "$work/coverage-2.json" 2>/dev/null
for i in 1 2; do
    "$ttpkit" coverage push "$work/coverage-$i.json" --server "$base" --token-file "$work/token" \
        --repository detections --branch main --commit "ci-$i"
done

echo "-- one answer everywhere: the same questions through the CLI and the API give identical JSON"
"$venv/bin/python" "$root/tools/conformance/check.py" "$ttpkit" "$base" "$work/data" "$work" "$work/cache"

echo "-- extract's classifier trained for each release (the first extract of a release trains it)"
"$venv/bin/python" - "$base" <<'PY'
import json, sys, time, urllib.request
base = sys.argv[1]
for r in json.load(urllib.request.urlopen(base + "/api/releases")):
    start = time.time()
    request = urllib.request.Request(f"{base}/api/extract?domain={r['domain']}&version={r['version']}", data=b"PowerShell",
                                     headers={"Content-Type": "text/plain"}, method="POST")
    urllib.request.urlopen(request, timeout=900).read()
    print(f"  {r['domain']} {r['version']}: {time.time() - start:.1f} s")
PY

echo "-- web app walk in headless Chromium (screenshots in ${TTPKIT_CI_OUTPUT:-.build/ci-output}/web)"
out="${TTPKIT_CI_OUTPUT:-$root/.build/ci-output}/web"
TTPKIT_READ_TOKEN="$(cat "$work/read-token")" "$venv/bin/python" "$root/tools/server/web_walk.py" "$base" "$out" 119
if [ -f "$TTPKIT_SHARED/tools/page_check.py" ]; then
    echo "-- page check at 1280 px (overflow, contrast, external requests)"
    # Pages that read no coverage (page_check.py sends no token); the walk checks the width of the others.
    for path in "/?domain=enterprise&groups=G0016&coverage=" "/ui/report?domain=enterprise&groups=G0016" \
        "/ui/software/S0002?domain=enterprise" "/?domain=enterprise&groups=No%20Such%20Group" "/?domain=ics&q=Triton"; do
        echo "   $path"
        "$venv/bin/python" "$TTPKIT_SHARED/tools/page_check.py" "$base$path" 1280
    done
fi

# After the walk: schemathesis pushes snapshots of its own, and the walk reads the two real ones.
echo "-- schemathesis against /api/openapi.json"
"$venv/bin/schemathesis" --config-file "$root/tools/server/schemathesis.toml" run "$base/api/openapi.json" --url "$base" \
    --header "Authorization: Bearer $(cat "$work/token")" \
    --checks all --max-examples 30 --seed 1 --no-color \
    --request-timeout 30 --suppress-health-check all \
    --exclude-checks ignored_auth,unsupported_method >"$work/schemathesis.log" 2>&1 || schemathesis_status=$?
# The failures in full (each with its curl line), then the summary.
sed -n '/^=* FAILURES =*$/,/^=* WARNINGS =*$/p' "$work/schemathesis.log" | head -200
tail -25 "$work/schemathesis.log"
[ "${schemathesis_status:-0}" -eq 0 ] || { echo "schemathesis: failures above" >&2; exit 1; }

echo "-- hostile clients: extraction CPU, /healthz under load, slowloris, CSRF and read access"
python3 "$root/tools/server/resilience.py" "$ttpkit" "$data/enterprise-attack-18.1.json"

echo "-- deployment: two instances on one PostgreSQL behind a loopback proxy (the README's section)"
"$root/tools/server/deployment.sh" "$ttpkit"
