#!/usr/bin/env python3
"""A misbehaving (or well-behaved) Prometheus API on 127.0.0.1, for slo report's failure tests.

Usage: fake_prometheus.py MODE PORT_FILE [--tls CERT KEY] [--bearer TOKEN] [--basic USER:PASSWORD]
MODE: ok | stall | slow | error500 | huge | garbage | first400 (the first query is refused, the rest stall)
Writes the port it listens on to PORT_FILE, then serves until killed. Each request's path is
appended to PORT_FILE.requests (one line each) so tests can count attempts.
"""
import base64
import json
import re
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

mode, port_file = sys.argv[1], sys.argv[2]
args = sys.argv[3:]
tls = bearer = basic = None
while args:
    flag = args.pop(0)
    if flag == "--tls":
        tls = (args.pop(0), args.pop(0))
    elif flag == "--bearer":
        bearer = args.pop(0)
    elif flag == "--basic":
        basic = args.pop(0)


COUNT = [0]
COUNT_LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def send(self, status, body, content_type="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with open(port_file + ".requests", "a") as log:
            log.write(self.path.split("?")[0] + "\n")
        expected = None
        if bearer:
            expected = "Bearer " + bearer
        elif basic:
            expected = "Basic " + base64.b64encode(basic.encode()).decode()
        if expected and self.headers.get("Authorization") != expected:
            self.send(401, json.dumps({"status": "error", "errorType": "unauthorized", "error": "authentication required"}))
            return
        if mode == "tenant":
            # Mimir behind a path prefix: the API under /prometheus, a tenant header required,
            # and a partial answer (a warning beside the data), as Thanos gives when a store is down.
            if self.headers.get("X-Scope-OrgID") != "team-a":
                self.send(401, "no org id", "text/plain")
                return
            if not self.path.startswith("/prometheus/api/v1/"):
                self.send(404, "404 page not found", "text/plain")
                return
            self.ok(warnings=["partial response: store 10.0.0.7:10901 did not answer"])
            return
        if mode == "first400":
            with COUNT_LOCK:
                COUNT[0] += 1
                first = COUNT[0] == 1
            if first:
                self.send(400, json.dumps({"status": "error", "errorType": "bad_data", "error": "no such function"}))
                return
            time.sleep(3600)
        if mode == "stall":
            time.sleep(3600)
        elif mode == "slow":
            # Headers at once, then the body a byte a second: only a total deadline catches it.
            body = json.dumps({"status": "success", "data": {"resultType": "vector", "result": []}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif mode == "error500":
            self.send(500, json.dumps({"status": "error", "errorType": "internal", "error": "storage is on fire"}))
        elif mode == "garbage":
            self.send(200, "<html><body>this is not the API you are looking for</body></html>", "text/html")
        elif mode == "huge":
            # 1 GB announced and streamed: the client must stop at its limit.
            size = 1 << 30
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b" " * (1 << 20)
            try:
                for _ in range(size // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.ok()

    def ok(self, warnings=None):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query).get("query", [""])[0]
        if url.path.endswith("/query_range"):
            result = {"resultType": "matrix", "result": []}
        else:
            # One sample per combined range: 1,000 of everything (a perfect SLI for good/total forms).
            ranges = sorted(set(re.findall(r'"slo_report_range", "(\d+)"', query)))
            result = {
                "resultType": "vector",
                "result": [{"metric": {"slo_report_range": r}, "value": [0, "1000"]} for r in ranges],
            }
        envelope = {"status": "success", "data": result}
        if warnings:
            envelope["warnings"] = warnings
        self.send(200, json.dumps(envelope))


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if tls:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*tls)
    server.socket = context.wrap_socket(server.socket, server_side=True)
with open(port_file + ".tmp", "w") as out:
    out.write(str(server.server_address[1]))
import os

os.rename(port_file + ".tmp", port_file)
server.serve_forever()
