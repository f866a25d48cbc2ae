"""A webhook receiver for the tests: an HTTP server on a free loopback port that answers every POST with 200 and
appends its body, one line each, to the file named by its argument.

    python webhook_sink.py OUTPUT_FILE

The first line on stdout is "listening on http://127.0.0.1:PORT".
"""
import http.server
import signal
import sys

signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # the test may spawn us with it blocked
output = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(output, "ab") as file:
            file.write(body.replace(b"\n", b" ") + b"\n")
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
