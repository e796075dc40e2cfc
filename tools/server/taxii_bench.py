#!/usr/bin/env python3
"""Pages through one whole TAXII collection on `ttpkit serve` and on medallion (the OASIS
reference server, memory backend) holding the same bundle, in the same run, and prints both
times and their ratio.

  taxii_bench.py TTPKIT_BINARY BUNDLE [--limit 1000] [--rounds 2] [--medallion-timeout 600]

Both servers are started here on loopback ports (each must answer within --start-timeout
seconds, else the run stops with the end of its log) and stopped at the end. Every page request
asks for `limit` objects (medallion's max_page_size is set to the same); both must return
every object of the bundle. Each server is timed `rounds` times, alternating; the best round
counts.

medallion's memory backend filters and sorts a collection in time quadratic in its size (it
scans the manifest for every object), so a large collection may not be paged within
--medallion-timeout seconds. The paging is then stopped and the ratio printed as a lower bound
("more than N× faster"): the time medallion was given over ttpkit's best time.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import requests

from stix21 import as21

HEADERS = {"Accept": "application/taxii+json;version=2.1"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path, lines=20):
    with open(path, encoding="utf-8", errors="replace") as f:
        return "".join(f.readlines()[-lines:])


def wait(name, url, proc, log_path, auth=None, seconds=120):
    """Waits until `url` answers 200; fails early when the server process has exited."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"taxii_bench: {name} exited ({proc.returncode}) before answering; its log ends:\n{tail(log_path)}")
        try:
            if requests.get(url, headers=HEADERS, auth=auth, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise SystemExit(f"taxii_bench: {name} did not answer {url} within {seconds} s; its log ends:\n{tail(log_path)}")


def page_all(objects_url, limit, auth=None, budget=None):
    """Pages through the collection: (seconds, objects, pages, finished). With a budget in
    seconds, stops when it is spent (finished is then False)."""
    count, pages, params = 0, 0, {"limit": str(limit)}
    start = time.perf_counter()
    while True:
        left = None if budget is None else budget - (time.perf_counter() - start)
        if left is not None and left <= 0:
            return time.perf_counter() - start, count, pages, False
        try:
            r = requests.get(objects_url, headers=HEADERS, params=params, auth=auth, timeout=left or 600)
        except requests.Timeout:
            return time.perf_counter() - start, count, pages, False
        r.raise_for_status()
        envelope = r.json()
        count += len(envelope.get("objects", []))
        pages += 1
        if not envelope.get("more"):
            break
        params = {"limit": str(limit), "next": str(envelope["next"])}
    return time.perf_counter() - start, count, pages, True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ttpkit")
    parser.add_argument("bundle")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--medallion-timeout", type=float, default=600)
    parser.add_argument("--start-timeout", type=float, default=120)
    args = parser.parse_args()

    with open(args.bundle, encoding="utf-8") as f:
        objects = [as21(o) for o in json.load(f)["objects"]]
    domain = next(d for o in objects for d in o.get("x_mitre_domains", [])[:1])
    collection_id = {"enterprise-attack": "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019",
                     "mobile-attack": "x-mitre-collection--dac0d2d7-8653-445c-9bff-82f934c1e858",
                     "ics-attack": "x-mitre-collection--90c00720-636b-4485-b342-8751d232bf09"}[domain]
    work = tempfile.mkdtemp(prefix="taxii-bench-")
    procs = []
    try:
        manifest = [{"id": o["id"], "date_added": o.get("modified", o.get("created")),
                     "version": o.get("modified", o.get("created")),
                     "media_type": "application/stix+json;version=2.1"} for o in objects]
        data = {
            "/discovery": {"title": "bench", "default": "", "api_roots": []},
            "api1": {
                "information": {"title": "bench", "versions": ["application/taxii+json;version=2.1"],
                                "max_content_length": 104857600},
                "status": [],
                "collections": [{"id": collection_id, "title": domain, "can_read": True, "can_write": False,
                                 "media_types": ["application/stix+json;version=2.1"],
                                 "objects": objects, "manifest": manifest}],
            },
        }
        with open(os.path.join(work, "data.json"), "w", encoding="utf-8") as f:
            json.dump(data, f)
        # `module` is required (without it medallion exits at once); paging sessions must outlive
        # a slow first page (the default is 30 s).
        config = {"backend": {"module": "medallion.backends.memory_backend", "module_class": "MemoryBackend",
                              "filename": os.path.join(work, "data.json"), "session_timeout": 86400},
                  "users": {"bench": "bench-password"}, "taxii": {"max_page_size": args.limit}}
        with open(os.path.join(work, "config.json"), "w", encoding="utf-8") as f:
            json.dump(config, f)
        medallion = shutil.which("medallion") or os.path.join(os.path.dirname(sys.executable), "medallion")
        mport, tport = free_port(), free_port()
        mlog, tlog = os.path.join(work, "medallion.log"), os.path.join(work, "ttpkit.log")
        medallion_proc = subprocess.Popen([medallion, "--host", "127.0.0.1", "--port", str(mport), os.path.join(work, "config.json")],
                                          stdout=open(mlog, "w"), stderr=subprocess.STDOUT)
        procs.append(medallion_proc)
        ttpkit_proc = subprocess.Popen([args.ttpkit, "serve", "--data", args.bundle, "--host", "127.0.0.1", "--port", str(tport),
                                        "--log-level", "warning"], stdout=open(tlog, "w"), stderr=subprocess.STDOUT)
        procs.append(ttpkit_proc)
        auth = ("bench", "bench-password")
        wait("medallion", f"http://127.0.0.1:{mport}/api1/", medallion_proc, mlog, auth, args.start_timeout)
        wait("ttpkit", f"http://127.0.0.1:{tport}/api/v21/", ttpkit_proc, tlog, None, args.start_timeout)
        urls = {"ttpkit": (f"http://127.0.0.1:{tport}/api/v21/collections/{collection_id}/objects/", None, None),
                "medallion": (f"http://127.0.0.1:{mport}/api1/collections/{collection_id}/objects/", auth, args.medallion_timeout)}
        best, unfinished = {}, {}
        for round_ in range(args.rounds):
            for name, (url, a, budget) in urls.items():
                if name in unfinished:
                    continue
                seconds, count, pages, finished = page_all(url, args.limit, a, budget)
                if not finished:
                    print(f"  round {round_ + 1}: {name:9s} stopped after {seconds:8.3f} s: {count} of {len(objects)} objects in {pages} pages")
                    unfinished[name] = seconds
                    continue
                if count != len(objects):
                    raise SystemExit(f"taxii_bench: {name} returned {count} objects, the bundle has {len(objects)}")
                print(f"  round {round_ + 1}: {name:9s} {count} objects in {pages} pages: {seconds:8.3f} s")
                best[name] = min(best.get(name, seconds), seconds)
        what = f"taxii paging ({domain}, {len(objects)} objects, limit {args.limit})"
        if "medallion" in unfinished:
            print(f"{what}: ttpkit {best['ttpkit']:.3f} s, medallion 3.0.0 not done after {unfinished['medallion']:.0f} s, "
                  f"more than {unfinished['medallion'] / best['ttpkit']:.0f}x faster")
        else:
            print(f"{what}: ttpkit {best['ttpkit']:.3f} s, medallion 3.0.0 {best['medallion']:.3f} s, "
                  f"{best['medallion'] / best['ttpkit']:.0f}x faster")
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
