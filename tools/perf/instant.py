#!/usr/bin/env python3
"""Whole-process timings of ttpkit with and without its knowledge-base snapshots (issue 23):
the four lookups warm (snapshot read), the old path (--no-snapshot) and cold (the bundle parsed
and the snapshot written by a background child, whose end each next run waits for; and written
in the foreground with TTPKIT_SNAPSHOT_BACKGROUND=0),
`coverage` on SigmaHQ, and `ttpkit serve` on every shared bundle until /healthz answers.
Medians of N runs; peak RSS from wait4. Snapshots go to a fresh cache folder.

    tools/perf/instant.py [--runs N] [--bin PATH]      (default: .build/release/ttpkit, 7 runs)
"""
import argparse
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request

root = pathlib.Path(__file__).resolve().parents[2]
parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=7)
parser.add_argument("--bin", default=str(root / ".build/release/ttpkit"))
args = parser.parse_args()
shared = pathlib.Path(os.environ.get("TTPKIT_SHARED", root.parent / "shared"))
data = shared / "attack-data"
bundle = str(data / "enterprise-attack-18.1.json")
cache = pathlib.Path(tempfile.mkdtemp(prefix="ttpkit-perf-"))
env = dict(os.environ, TTPKIT_CACHE=str(cache))


def run(argv):
    """Wall milliseconds and peak RSS (MB) of one ttpkit run."""
    start = time.perf_counter()
    proc = subprocess.Popen([args.bin] + argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"ttpkit {' '.join(argv)} failed ({status})")
    return (time.perf_counter() - start) * 1000, usage.ru_maxrss / 1024


def median(argv, runs=args.runs, before=None):
    times, peak = [], 0.0
    for _ in range(runs):
        if before:
            before()
        ms, mb = run(argv)
        times.append(ms)
        peak = max(peak, mb)
    return statistics.median(times), peak


def line(name, value, unit="ms", target=None):
    verdict = "" if target is None else f"   target ≤ {target:g} {unit}: {'ok' if value <= target else 'MISSED'}"
    print(f"{name:<64}{value:10.1f} {unit}{verdict}")


def serve(folder, extra=()):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.perf_counter()
    proc = subprocess.Popen([args.bin, "serve", "--port", str(port), "--data", folder, *extra], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit("ttpkit serve exited")
                time.sleep(0.002)
        ms = (time.perf_counter() - start) * 1000
        rss = next(int(l.split()[1]) for l in open(f"/proc/{proc.pid}/status") if l.startswith("VmRSS:")) / 1024
        return ms, rss
    finally:
        proc.terminate()
        proc.wait()


try:
    load = os.getloadavg()[0]
    print(f"ttpkit whole-process figures: {args.runs} runs, {os.cpu_count()} cores, load average {load:.1f}")
    run(["data", "snapshot", "--data", bundle])
    for argv in (["group", "APT29", "--format", "json"], ["technique", "T1059.001"],
                 ["techniques", "--tactic", "execution"], ["search", "lsass"]):
        warm, warm_mb = median(argv + ["--data", bundle])
        old, old_mb = median(argv + ["--data", bundle, "--no-snapshot"])
        line(f"warm: ttpkit {' '.join(argv)}", warm, target=50)
        line("warm: peak RSS", warm_mb, "MB", target=60)
        line("old path (--no-snapshot)", old)
        print(f"  ratio: {old / warm:.1f}x faster, {old_mb / warm_mb:.1f}x less memory ({old_mb:.0f} MB)")
    argv = ["group", "APT29", "--format", "json", "--data", bundle]

    def fresh():
        # The previous cold run's background writer finishes first (it would share the CPU);
        # then the snapshot is removed, so this run parses the bundle and starts a writer.
        deadline = time.time() + 60
        while any(cache.glob("snapshots/*.building")) and time.time() < deadline:
            time.sleep(0.01)
        shutil.rmtree(cache / "snapshots", ignore_errors=True)

    cold, _ = median(argv, before=fresh)
    fresh()
    old, _ = median(argv + ["--no-snapshot"])
    line("cold (parse; the snapshot written in the background): group APT29", cold, target=round(old * 1.2, 1))
    env["TTPKIT_SNAPSHOT_BACKGROUND"] = "0"
    foreground, _ = median(argv, before=fresh)
    del env["TTPKIT_SNAPSHOT_BACKGROUND"]
    line("cold, TTPKIT_SNAPSHOT_BACKGROUND=0 (parse and write it first)", foreground)
    sigma = shared / "corpora/sigma/rules"
    if sigma.is_dir():
        argv = ["coverage", "--rules", str(sigma), "--format", "json", "-o", "/dev/null", "--data", bundle]
        warm, _ = median(argv)
        old, _ = median(argv + ["--no-snapshot"])
        line("warm: coverage on SigmaHQ", warm, target=500)
        line("old path (--no-snapshot)", old)
    folder = cache / "all-releases"
    folder.mkdir()
    for b in sorted(data.rglob("*-attack-*.json")):
        (folder / str(b.relative_to(data)).replace("/", "-")).symlink_to(b)
    run(["data", "snapshot", "--data", str(folder)])
    results = [serve(str(folder)) for _ in range(min(args.runs, 5))]
    old_ms, old_mb = serve(str(folder), ["--no-snapshot"])
    line(f"serve on {len(list(folder.iterdir()))} bundles: healthy", statistics.median(r[0] for r in results), target=1000)
    line("serve: RSS when healthy", max(r[1] for r in results), "MB", target=300)
    print(f"  --no-snapshot: healthy after {old_ms:.0f} ms with {old_mb:.0f} MB")
finally:
    shutil.rmtree(cache, ignore_errors=True)
