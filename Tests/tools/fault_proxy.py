"""A JSON-RPC fault injector for the RPC client's tests: an HTTP proxy on a free loopback port that forwards POSTs to
an upstream node, except that it answers the first N requests with an HTTP error or a broken body.

    python fault_proxy.py UPSTREAM_URL MODE COUNT [METHODS]

MODE is one of: status503 (HTTP 503), status429 (HTTP 429), retryafter (HTTP 429 with Retry-After: 1), truncate (the upstream's answer cut in half), garbage
(a non-JSON body with status 200), drop (the request is forwarded and the upstream answers, but the connection is
closed without an answer: the client cannot know whether the node acted), hang (no answer, the connection held
open), droplog (an eth_getLogs answer with logs loses its last one), otherbranch (an eth_getLogs answer's logs name
another block hash, as a node that answered from a branch it has since left), lag (the node seems COUNT blocks behind:
eth_blockNumber answers that much less, and blocks above it are not found), rpcerror (a JSON-RPC error answer,
code -32000 "transaction rejected by fault_proxy", and the request is NOT forwarded: the node never sees it, as when a
node refuses a transaction outright). After COUNT faults it forwards faithfully.

MODE may also be range-<provider> (range-alchemy, range-infura, range-quicknode, range-ankr, range-generic): then
COUNT is a block range, and every eth_getLogs over more blocks is refused, always, with that provider's error
message and code, as a node with a range limit refuses it. METHODS, a comma-separated list of JSON-RPC methods, limits the
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
range_limit = faults  # for the range-* modes
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

    def lagged(self, request, body):
        """The lag fault's answer to `request`, or None to forward it."""
        def upstream_result(payload):
            call = urllib.request.Request(upstream, json.dumps(payload).encode(), {"Content-Type": "application/json"})
            return json.loads(urllib.request.urlopen(call).read())["result"]
        head = int(upstream_result({"jsonrpc": "2.0", "id": 0, "method": "eth_blockNumber", "params": []}), 16)
        seen = max(0, head - range_limit)
        method, params = request.get("method"), request.get("params") or []
        if method == "eth_blockNumber":
            result = hex(seen)
        elif method == "eth_getBlockByNumber" and params and params[0] not in ("latest", "pending", "safe", "finalized", "earliest") \
                and int(params[0], 16) > seen:
            result = None
        else:
            return None
        return json.dumps({"jsonrpc": "2.0", "id": request.get("id"), "result": result}).encode()

    def tamper(self, answer):
        """The droplog and otherbranch faults, on the first COUNT answers that carry logs."""
        global faults
        reply = json.loads(answer)
        logs = reply.get("result") or []
        with lock:
            if not logs or faults <= 0:
                return answer
            faults -= 1
        if mode == "droplog":
            reply["result"] = logs[:-1]
        else:
            for log in logs:
                log["blockHash"] = "0x" + "ee" * 32
        return json.dumps(reply).encode()

    def do_POST(self):
        global received, faults
        body = self.rfile.read(int(self.headers["Content-Length"]))
        request = json.loads(body)
        if isinstance(request, dict) and request.get("method") == "proxy_requestCount":
            with lock:
                answer = {"jsonrpc": "2.0", "id": request.get("id"), "result": received}
            return self.reply(200, json.dumps(answer).encode())
        if mode == "lag" and isinstance(request, dict):
            lagged = self.lagged(request, body)
            if lagged is not None:
                return self.reply(200, lagged)
        if mode.startswith("range-") and isinstance(request, dict) and request.get("method") == "eth_getLogs":
            refusal = range_refusal(request, range_limit)
            if refusal is not None:
                with lock:
                    received += 1
                return self.reply(200, json.dumps({"jsonrpc": "2.0", "id": request.get("id"), "error": refusal}).encode())
        targeted = not mode.startswith("range-") and mode not in ("droplog", "otherbranch", "lag") and (
            methods is None or (isinstance(request, dict) and request.get("method") in methods))
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
        if faulty and mode == "retryafter":
            self.send_response(429)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "9")
            self.end_headers()
            return self.wfile.write(b"slow down")
        if faulty and mode == "garbage":
            return self.reply(200, b"<html>not json</html>")
        if faulty and mode == "hang":
            threading.Event().wait()
        if faulty and mode == "rpcerror":
            error = {"code": -32000, "message": "transaction rejected by fault_proxy"}
            return self.reply(200, json.dumps({"jsonrpc": "2.0", "id": request.get("id"), "error": error}).encode())
        request = urllib.request.Request(upstream, body, {"Content-Type": "application/json"})
        answer = urllib.request.urlopen(request).read()
        if faulty and mode == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if mode in ("droplog", "otherbranch") and isinstance(request, dict) and request.get("method") == "eth_getLogs":
            answer = self.tamper(answer)
        if faulty and mode == "truncate":
            answer = answer[: len(answer) // 2]
        self.reply(200, answer)


def range_refusal(request, limit):
    """The provider's error for an eth_getLogs over more than `limit` blocks, or None to forward it."""
    query = request["params"][0]
    start, end = int(query["fromBlock"], 16), int(query["toBlock"], 16)
    if end - start + 1 <= limit:
        return None
    suggested = f"[{hex(start)}, {hex(start + limit - 1)}]"
    provider = mode[len("range-"):]
    if provider == "alchemy":
        return {"code": -32602, "message": "Log response size exceeded. You can make eth_getLogs requests with up to a "
                f"{limit // 1000}K block range and no limit on the response size, or you can request any block range "
                f"with a cap of 10K logs in the response. Based on your parameters, this block range should work: {suggested}"}
    if provider == "infura":
        return {"code": -32005, "message": f"query returned more than 10000 results. Try with this block range {suggested}."}
    if provider == "quicknode":
        return {"code": -32614, "message": f"eth_getLogs is limited to a {limit} range"}
    if provider == "ankr":
        return {"code": -32600, "message": f"block range is too wide, exceeds max block range {limit}"}
    return {"code": -32000, "message": "block range is too wide"}


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
