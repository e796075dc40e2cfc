#!/usr/bin/env bash
# The README's deployment, followed on loopback: one PostgreSQL (tools/server/postgres.sh), two
# `ttpkit serve` instances on it with the same write and read tokens and --trusted-proxy, and a
# reverse proxy in front (tools/server/proxy.py: round robin, no stickiness, X-Forwarded-*).
# Checks, all through the proxy:
#   - `ttpkit coverage push` stores a snapshot (answered by one instance), and the other instance
#     serves the same history, snapshot and web history page;
#   - read access: no token 401 (JSON for the API, an HTML page with a basic challenge for the
#     app), the read token reads (bearer and basic), cannot push (401), the write token reads;
#   - TAXII discovery names the proxy's address (X-Forwarded-Host trusted), not an instance's.
# Bounded polling only (no fixed sleeps); every process it starts is stopped on exit.
# Usage: tools/server/deployment.sh TTPKIT_BINARY   (TTPKIT_SHARED must point at the shared data)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ttpkit="${1:?usage: deployment.sh TTPKIT_BINARY}"
data="${TTPKIT_SHARED:?set TTPKIT_SHARED}/attack-data"
work="$(mktemp -d)"
pids=()
pg_url=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -n "$pg_url" ] && "$root/tools/server/postgres.sh" stop "$pg_url"
    rm -rf "$work"
}
trap cleanup EXIT
failures=0
check() {  # check DESCRIPTION COMMAND...: prints ok/FAIL, counts failures
    local what="$1"; shift
    if "$@"; then echo "  ok   $what"; else echo "  FAIL $what"; failures=$((failures + 1)); fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {  # wait_for URL PID LOG: polls /healthz at most 300 times, 0.2 s apart
    for _ in $(seq 1 300); do
        curl -fsS "$1/healthz" >/dev/null 2>&1 && return 0
        kill -0 "$2" 2>/dev/null || { cat "$3" >&2; echo "deployment: a process exited" >&2; return 1; }
        sleep 0.2
    done
    echo "deployment: $1 did not answer" >&2; return 1
}

echo "-- PostgreSQL"
pg_url="$("$root/tools/server/postgres.sh" start)"
db="${pg_url%%\?*}"

umask 077
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/write-token"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/read-token"
write="$(cat "$work/write-token")"; read_token="$(cat "$work/read-token")"

echo "-- two instances on one database, behind a loopback proxy"
instances=()
for i in 0 1; do
    port="$(free_port)"
    "$ttpkit" serve --data "$data/ics-attack-18.1.json" --host 127.0.0.1 --port "$port" --db "$db" --trusted-proxy \
        --token-file "$work/write-token" --read-token-file "$work/read-token" --log-level warning 2>"$work/serve-$i.log" &
    pids+=($!)
    instances+=("http://127.0.0.1:$port")
    wait_for "http://127.0.0.1:$port" "$!" "$work/serve-$i.log"
done
python3 "$root/tools/server/proxy.py" "$work/proxy-port" "${instances[@]}" 2>"$work/proxy.log" &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/proxy-port" ] && break; sleep 0.1; done
proxy="http://127.0.0.1:$(cat "$work/proxy-port")"
wait_for "$proxy" "${pids[-1]}" "$work/proxy.log"
echo "  instances ${instances[*]}; proxy $proxy"

echo "-- push through the proxy, read from the other instance"
cat >"$work/coverage.json" <<'JSON'
{"domain": "ics-attack", "techniques": [{"techniqueID": "T0800", "state": "detected"}, {"techniqueID": "T0803", "state": "logged"}]}
JSON
"$ttpkit" coverage push "$work/coverage.json" --server "$proxy" --token-file "$work/write-token" \
    --repository detections --branch main --commit deploy-1 --format json >"$work/push.json"
id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/push.json")"
echo "  stored snapshot $id"
# Which instance stored it: ask each directly which snapshots it lists; both must list it, and
# reads through the proxy alternate between them.
for i in 0 1; do
    check "instance $i lists snapshot $id (one database)" \
        bash -c "curl -fsS -H 'Authorization: Bearer $read_token' '${instances[$i]}/api/coverage/history?domain=ics' | grep -q '\"id\":$id[,}]'"
done
seen=""
for _ in 1 2 3 4; do
    curl -fsS -D "$work/headers" -o "$work/history.json" -H "Authorization: Bearer $read_token" "$proxy/api/coverage/history?domain=ics"
    by="$(tr -d '\r' <"$work/headers" | awk -F': ' 'tolower($1)=="x-served-by"{print $2}')"
    grep -q "\"id\":$id[,}]" "$work/history.json" && seen="$seen $by"
done
check "reads through the proxy were answered by both instances, each with the snapshot ($seen)" \
    bash -c "[[ '$seen' == *0* && '$seen' == *1* ]]"
for i in 0 1; do
    check "instance $i serves the snapshot's document" \
        bash -c "curl -fsS -H 'Authorization: Bearer $read_token' '${instances[$i]}/api/coverage/snapshots/$id' | grep -q T0803"
    check "instance $i's history page lists it with its labels" \
        bash -c "curl -fsS -u 'analyst:$read_token' '${instances[$i]}/ui/history?domain=ics' | grep -q '<td>detections</td><td>main</td>'"
done

echo "-- read access through the proxy"
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
check "no token: the history is 401" [ "$(status "$proxy/api/coverage/history")" = 401 ]
check "no token: the history page is a 401 HTML page with a basic challenge" \
    bash -c "curl -s -D - -o '$work/page.html' '$proxy/ui/history' | tr -d '\r' | grep -qi '^www-authenticate: Basic' && grep -q 'A token is needed' '$work/page.html'"
check "the read token reads (bearer)" [ "$(status -H "Authorization: Bearer $read_token" "$proxy/api/coverage/history")" = 200 ]
check "the read token reads (basic, as a browser sends it)" [ "$(status -u "analyst:$read_token" "$proxy/ui/history?domain=ics")" = 200 ]
check "the read token cannot push" [ "$(status -X POST -H "Authorization: Bearer $read_token" -H 'Content-Type: application/json' \
    --data-binary @"$work/coverage.json" "$proxy/api/coverage/?repository=r&branch=b&commit=c")" = 401 ]
check "the write token reads" [ "$(status -H "Authorization: Bearer $write" "$proxy/api/coverage/snapshots/$id")" = 200 ]
check "ATT&CK stays public" [ "$(status "$proxy/api/groups/G0034?domain=ics")" = 200 ]

echo "-- TAXII discovery names the proxy (--trusted-proxy)"
check "discovery's API root is the proxy's address" \
    bash -c "curl -fsS -H 'Accept: application/taxii+json;version=2.1' '$proxy/taxii2/' | grep -q '\"$proxy/api/v21/\"'"

if [ "$failures" -gt 0 ]; then
    echo "deployment: $failures check(s) failed" >&2
    tail -5 "$work"/serve-*.log "$work/proxy.log" >&2
    exit 1
fi
echo "deployment: all checks passed (two instances, one PostgreSQL, one proxy)"
