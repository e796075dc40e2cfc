#!/usr/bin/env python3
"""Hostile-client checks of a `ttpkit serve` it starts on loopback (standard library only).

  resilience.py TTPKIT_BINARY DATA_PATH [TRAM_REPORTS_JSON]

The server runs with an open-file limit of 1,024, a write token, a separate read token and a
5 s header deadline. Printed, each with its goal; exit 1 when a goal is missed:
  1. CPU: one 2 MiB line of prose without sentence ends (TRAM report text with the sentence
     ends taken out) through POST /api/extract?no_learned=true costs <= 2 s of server CPU;
  2. /healthz answers in <= 100 ms (p99, fresh connection each) while four such extracts run;
  3. slowloris: 1,100 sockets that never finish their headers; /healthz still answers, the
     server does not spin (CPU over 3 s), and the sockets are closed at the header deadline;
  4. CSRF and read access: a text/plain push and a basic-auth push are refused, the history
     needs a token, the read token reads it and cannot push.
"""
import http.client
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time

ttpkit, data = sys.argv[1], sys.argv[2]
tram = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.environ.get("TTPKIT_SHARED", "../shared"), "corpora/tram/reports-dev.json")
failures = []


def check(ok, what):
    print(("  ok    " if ok else "  MISS  ") + what, flush=True)
    if not ok:
        failures.append(what)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def request(method, path, body=None, headers=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# The client side needs more than 1,100 sockets.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))

work = tempfile.mkdtemp(prefix="ttpkit-resilience-")
write_token, read_token = "w" * 8 + os.urandom(12).hex(), "r" * 8 + os.urandom(12).hex()
for name, token in (("write", write_token), ("read", read_token)):
    path = os.path.join(work, name)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write(token)
port = free_port()
log = open(os.path.join(work, "server.log"), "w")
server = subprocess.Popen(
    [ttpkit, "serve", "--data", data, "--port", str(port), "--log-level", "error", "--header-timeout", "5",
     "--token-file", os.path.join(work, "write"), "--read-token-file", os.path.join(work, "read"),
     "--db", "sqlite:" + os.path.join(work, "history.sqlite")],
    stderr=log, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024)))
try:
    for _ in range(900):
        try:
            if request("GET", "/healthz", timeout=2)[0] == 200:
                break
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit(f"resilience: ttpkit serve exited: {open(log.name).read()}")
        time.sleep(0.5)
    print(f"ttpkit serve on 127.0.0.1:{port}, pid {server.pid}, open-file limit 1024, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")

    # 1. One 2 MiB line of prose.
    texts = [r["text"] for r in json.load(open(tram))["reports"]]
    prose = " ".join(t.replace(". ", ", ").replace("! ", ", ").replace("? ", ", ").replace("\n", " ") for t in texts)
    line = (prose * (2 * 1024 * 1024 // max(1, len(prose)) + 1)).encode("utf-8")[: 2 * 1024 * 1024 - 16]
    request("POST", "/api/extract?no_learned=true", body=b"warm-up T1059", headers={"Content-Type": "text/plain"})
    before, started = cpu_seconds(server.pid), time.time()
    status, answer = request("POST", "/api/extract?no_learned=true", body=line, headers={"Content-Type": "text/plain"}, timeout=600)
    cpu, wall = cpu_seconds(server.pid) - before, time.time() - started
    check(status == 200 and cpu <= 2.0,
          f"a {len(line) / 1048576:.1f} MiB line of prose: status {status}, {cpu:.2f} s of server CPU ({wall:.2f} s), "
          f"{len(answer) / 1048576:.1f} MiB answer (goal <= 2 s CPU)")

    # 2. /healthz while four run.
    results = []
    threads = [threading.Thread(target=lambda: results.append(request("POST", "/api/extract?no_learned=true", body=line,
                                                                      headers={"Content-Type": "text/plain"}, timeout=600)[0]))
               for _ in range(4)]
    for t in threads:
        t.start()
    latencies = []
    while any(t.is_alive() for t in threads) or len(latencies) < 50:
        t0 = time.perf_counter()
        ok = request("GET", "/healthz", timeout=10)[0] == 200
        latencies.append((time.perf_counter() - t0) * 1000 if ok else 10_000)
    for t in threads:
        t.join()
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    check(p99 <= 100, f"/healthz during four 2 MiB extracts: p50 {latencies[len(latencies) // 2]:.1f} ms, p99 {p99:.1f} ms "
          f"over {len(latencies)} requests; extracts answered {sorted(results)} (goal p99 <= 100 ms)")

    # 3. Slowloris.
    sockets, refused = [], 0
    for _ in range(1100):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            sockets.append(s)
        except OSError:
            refused += 1
    answered, slowest = 0, 0.0
    for _ in range(20):
        t0 = time.perf_counter()
        try:
            answered += request("GET", "/healthz", timeout=5)[0] == 200
        except OSError:
            pass
        slowest = max(slowest, time.perf_counter() - t0)
    check(answered == 20, f"/healthz under 1,100 unfinished requests ({len(sockets)} connected, {refused} refused): "
          f"{answered}/20 answered, slowest {slowest * 1000:.0f} ms")
    cpu_before = cpu_seconds(server.pid)
    time.sleep(3)
    spin = (cpu_seconds(server.pid) - cpu_before) / 3
    check(spin < 0.5, f"server CPU while they hang on: {spin * 100:.0f}% of a core (goal: not spinning, < 50%)")
    closed = 0
    deadline = time.time() + 10
    for s in sockets[-50:]:
        s.settimeout(max(0.1, deadline - time.time()))
        try:
            closed += s.recv(1) == b""
        except OSError:
            pass
    check(closed == 50, f"unfinished requests closed by the 5 s header deadline: {closed}/50 of the newest")
    for s in sockets:
        s.close()

    # 4. CSRF and read access.
    push = "/api/coverage/?repository=r&branch=b&commit=c"
    body = b'{"techniques": []}'
    basic = "Basic " + __import__("base64").b64encode(f"x:{write_token}".encode()).decode()
    statuses = [
        request("POST", push, body, {"Authorization": f"Bearer {write_token}", "Content-Type": "text/plain"})[0],
        request("POST", push, body, {"Authorization": basic, "Content-Type": "application/json"})[0],
        request("POST", push, body, {"Authorization": f"Bearer {write_token}", "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"})[0],
        request("POST", push, body, {"Authorization": f"Bearer {read_token}", "Content-Type": "application/json"})[0],
        request("GET", "/api/coverage/history")[0],
        request("GET", "/api/coverage/history", headers={"Authorization": f"Bearer {read_token}"})[0],
    ]
    check(statuses == [415, 401, 403, 401, 401, 200],
          f"text/plain push, basic push, cross-site push, read-token push, anonymous history, read-token history: {statuses}")
finally:
    server.terminate()
    server.wait(timeout=60)
print("resilience: " + ("all goals met" if not failures else f"{len(failures)} missed"))
sys.exit(1 if failures else 0)
