#!/usr/bin/env bash
# Load on loopback with wrk (Debian): 64 connections, bounded in time, against a release
# `ttpkit serve` on the Enterprise bundle(s) given. Prints per endpoint: requests/s, p50 and
# p99 latency, errors (non-2xx and socket errors; must be 0) and the server's peak RSS, and
# whether /api/groups/G0016 meets its goal (p99 <= 50 ms, 0 errors). Installs wrk (Debian)
# when missing, or says it skipped.
#   tools/server/load_bench.sh TTPKIT_RELEASE_BINARY DATA_PATH [SECONDS]
set -euo pipefail
ttpkit="${1:?usage: load_bench.sh TTPKIT_BINARY DATA_PATH [SECONDS]}"
data="${2:?usage: load_bench.sh TTPKIT_BINARY DATA_PATH [SECONDS]}"
seconds="${3:-15}"
if ! command -v wrk >/dev/null; then
    echo "load_bench: installing wrk (Debian package)" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >&2 || true
fi
if ! command -v wrk >/dev/null; then
    echo "load_bench: skipped: wrk is not installed and could not be installed (apt-get install wrk)"
    exit 0
fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
log="$(mktemp)"
"$ttpkit" serve --data "$data" --port "$port" --log-level error 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 1; done
collection="x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019"
run() {
    local name="$1" url="$2" script="$3"
    local out
    out="$(wrk -t2 -c64 -d"${seconds}s" --timeout 10s --latency -s "$script" "$url")"
    local rps p50 p99 non2xx sock
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    non2xx="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
    sock="$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' <<<"$out")"
    printf '%-34s %10s req/s  p50 %8s  p99 %8s  errors %s\n' "$name" "$rps" "$p50" "$p99" "$(( ${non2xx:-0} + ${sock:-0} ))"
    last_p99="$p99"
    last_errors="$(( ${non2xx:-0} + ${sock:-0} ))"
}
# wrk prints latencies as 812.00us, 4.40ms or 1.20s; in milliseconds:
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; print n }'; }
scripts="$(mktemp -d)"
cat >"$scripts/plain.lua" <<'LUA'
wrk.headers["Accept"] = "application/json"
LUA
# TAXII paging: each request asks for the next page of 1000 objects, cycling through the collection.
cat >"$scripts/paging.lua" <<'LUA'
wrk.headers["Accept"] = "application/taxii+json;version=2.1"
local offset = 0
request = function()
  local path = wrk.path .. "?limit=1000&next=" .. offset
  offset = (offset + 1000) % 24000
  return wrk.format(nil, path)
end
LUA
echo "wrk, 64 connections, ${seconds} s per endpoint, on 127.0.0.1 ($(nproc) cores shared with the server)"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
run "GET /api/groups/G0016" "http://127.0.0.1:$port/api/groups/G0016" "$scripts/plain.lua"
if awk -v p="$(to_ms "$last_p99")" -v e="$last_errors" 'BEGIN { exit !(p <= 50 && e == 0) }'; then
    echo "goal for /api/groups/G0016 (p99 <= 50 ms, 0 errors): met"
else
    echo "goal for /api/groups/G0016 (p99 <= 50 ms, 0 errors): NOT met"
fi
run "TAXII objects, pages of 1000" "http://127.0.0.1:$port/api/v21/collections/$collection/objects/" "$scripts/paging.lua"
echo "peak RSS of ttpkit serve: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
rm -rf "$scripts"
