#!/usr/bin/env python3
"""A small reverse proxy on loopback for the deployment check (Python standard library only):
spreads requests over the upstream `ttpkit serve` instances in turn, as a load balancer without
stickiness would, passes Authorization through, sets X-Forwarded-Host / -Proto / -For as the
README's nginx example does, and names the instance that answered in `X-Served-By`.
  proxy.py PORT_FILE UPSTREAM_URL [UPSTREAM_URL ...]
Binds 127.0.0.1 on a free port, writes the port to PORT_FILE, and serves until killed."""
import http.client
import itertools
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port_file, upstreams = sys.argv[1], [urllib.parse.urlsplit(u) for u in sys.argv[2:]]
turn = itertools.count()
lock = threading.Lock()
HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-connection", "host"}


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def forward(self):
        with lock:
            index = next(turn) % len(upstreams)
        upstream = upstreams[index]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP and not k.lower().startswith("x-forwarded-")}
        headers["X-Forwarded-Host"] = self.headers.get("Host", "")
        headers["X-Forwarded-Proto"] = "http"
        headers["X-Forwarded-For"] = self.client_address[0]
        try:
            connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=120)
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            status, reason, answer_headers = answer.status, answer.reason, answer.getheaders()
            connection.close()
        except OSError as e:
            status, reason, answer_headers, data = 502, "Bad Gateway", [("Content-Type", "text/plain")], f"upstream: {e}\n".encode()
        self.send_response(status, reason)
        for k, v in answer_headers:
            if k.lower() not in HOP and k.lower() != "content-length":
                self.send_header(k, v)
        self.send_header("X-Served-By", str(index))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = forward

    def log_message(self, format, *args):
        sys.stderr.write("proxy: " + format % args + "\n")


server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
