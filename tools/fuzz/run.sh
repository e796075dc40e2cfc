#!/usr/bin/env bash
# Builds the libFuzzer targets (Sources/TTPKitFuzz) with the address sanitizer and runs each
# for a bounded time, one after the other, on seeds taken from ../shared at run time.
#
#   tools/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      (default: 30 s, every target)
#   TTPKIT_FUZZ_RUNS=1000000 tools/fuzz/run.sh 0 layer        (stop after N executions)
#
# Prints one line per target: executions, crashes, seconds. Crash inputs are kept in
# .build-fuzz/artifacts/ (replay one with `swift run TTPKitFuzz TARGET FILE` in a debug
# build). Exits 1 when any target crashed, leaked or timed out.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-30}"
shift || true
all_targets=(bundle layer expression coverage-file sigma elastic splunk sentinel csv telemetry dettect waivers taxii release-index annotated-reports galaxy snapshot)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
shared="${TTPKIT_SHARED:-../shared}"
runs="${TTPKIT_FUZZ_RUNS:--1}"

echo "fuzz: building TTPKitFuzz with -sanitize=fuzzer,address (.build-fuzz)"
build_start=$SECONDS
# gold cannot link libFuzzer's objects with Swift's (an internal error), so lld links.
build_log="$(mktemp)"
if ! swift build -c release --scratch-path .build-fuzz --product TTPKitFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld \
    -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address >"$build_log" 2>&1; then
    echo "fuzz: the build failed; its last lines:" >&2
    tail -30 "$build_log" >&2
    rm -f "$build_log"
    exit 1
fi
rm -f "$build_log"
binary=".build-fuzz/release/TTPKitFuzz"
echo "fuzz: built in $((SECONDS - build_start)) s"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts="$PWD/.build-fuzz/artifacts"
mkdir -p "$artifacts"

# Seeds: real files from ../shared (a sample, cut to the fuzzer's input size) and a few
# hand-written ones for formats without a corpus. Nothing is committed.
python3 tools/fuzz/seeds.py "$shared" "$work/seeds"

# Allocation and free stacks are not recorded (malloc_context_size=0): about 15% less CPU time
# per input, and only a shorter report (the address sanitizer still finds the same errors;
# replay a crash input in a debug build for the whole story).
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0}"

failed=0
for target in "${targets[@]}"; do
    corpus="$work/corpus-$target"
    mkdir -p "$corpus"
    log="$work/$target.log"
    start=$SECONDS
    status=0
    "$binary" "$target" -max_total_time="$seconds" -runs="$runs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "$corpus" "$work/seeds/$target" >"$log" 2>&1 || status=$?
    executions="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)"
    crashes=0
    if [ "$status" -ne 0 ]; then
        crashes=1
        failed=1
        echo "fuzz: $target failed (exit $status); last lines of its log:" >&2
        grep -E "ERROR|SUMMARY|Fatal|Test unit written" "$log" | tail -5 >&2 || tail -20 "$log" >&2
    fi
    echo "fuzz: $target: $executions executions, $crashes crashes, $((SECONDS - start)) s"
done
exit "$failed"
