"""A JSON-RPC fault injector for the RPC client's tests: an HTTP proxy on a free loopback port that forwards POSTs to
an upstream node, except that it answers the first N requests with an HTTP error or a broken body.

    python fault_proxy.py UPSTREAM_URL MODE COUNT [METHODS]

MODE is one of: status503 (HTTP 503), status429 (HTTP 429), truncate (the upstream's answer cut in half), garbage
(a non-JSON body with status 200), drop (the request is forwarded and the upstream answers, but the connection is
closed without an answer: the client cannot know whether the node acted), hang (no answer, the connection held
open). After COUNT faults it forwards faithfully. METHODS, a comma-separated list of JSON-RPC methods, limits the
faults to requests for those methods (others are forwarded and not counted as faults). The JSON-RPC method
proxy_requestCount answers the number of other requests received so far. The first line on stdout is "listening on http://127.0.0.1:PORT".
"""
import http.server
import json
import signal
import socket
import sys
import threading
import urllib.request

signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # the test may spawn us with it blocked
upstream, mode, faults = sys.argv[1], sys.argv[2], int(sys.argv[3])
methods = set(sys.argv[4].split(",")) if len(sys.argv) > 4 else None
lock = threading.Lock()
received = 0


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        global received, faults
        body = self.rfile.read(int(self.headers["Content-Length"]))
        request = json.loads(body)
        if isinstance(request, dict) and request.get("method") == "proxy_requestCount":
            with lock:
                answer = {"jsonrpc": "2.0", "id": request.get("id"), "result": received}
            return self.reply(200, json.dumps(answer).encode())
        targeted = methods is None or (isinstance(request, dict) and request.get("method") in methods)
        with lock:
            received += 1
            faulty = False
            if targeted and faults > 0:
                faults -= 1
                faulty = True
        if faulty and mode == "status503":
            return self.reply(503, b"busy")
        if faulty and mode == "status429":
            return self.reply(429, b"slow down")
        if faulty and mode == "garbage":
            return self.reply(200, b"<html>not json</html>")
        if faulty and mode == "hang":
            threading.Event().wait()
        request = urllib.request.Request(upstream, body, {"Content-Type": "application/json"})
        answer = urllib.request.urlopen(request).read()
        if faulty and mode == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if faulty and mode == "truncate":
            answer = answer[: len(answer) // 2]
        self.reply(200, answer)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
