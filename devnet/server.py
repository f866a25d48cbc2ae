"""Podium's local development chain: JSON-RPC 2.0 over HTTP on 127.0.0.1, backed by py-evm through eth-tester.

    devnet/.venv/bin/python devnet/server.py [--port N] [--block-time SECONDS] [--finality-depth N] [--verbose]

Chain id 31337 and the ten funded accounts of the test mnemonic, as anvil. Prints one line once ready,
`podium devnet listening on http://127.0.0.1:PORT`, and exits 0 on SIGTERM or SIGINT."""

import argparse
import logging
import os
import signal
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from podium_devnet import rpc
from podium_devnet.chain import Devnet

log = logging.getLogger("podium.devnet")


class Handler(BaseHTTPRequestHandler):
    """POST / with a JSON-RPC body; HTTP/1.1 keep-alive."""
    protocol_version = "HTTP/1.1"
    server_version = "podium-devnet/0.1"

    def setup(self):
        super().setup()
        # Without this, Nagle's algorithm and delayed ACKs stall every keep-alive response by ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_POST(self):
        try:
            body = self._read_body()
        except ValueError:
            body = None
        if body is None:
            self._reply(400, b"a body with a Content-Length or in chunks is required\n", "text/plain")
            return
        answer = rpc.handle(self.server.devnet, body)
        if answer is None:
            self._reply(204, b"", None)
        else:
            self._reply(200, answer, "application/json")

    def do_GET(self):
        self._reply(405, b"POST JSON-RPC requests to this address\n", "text/plain", {"Allow": "POST"})

    def _read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunks()
        length = self.headers.get("Content-Length", "")
        return self.rfile.read(int(length)) if length.isdigit() else None

    def _read_chunks(self):
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():  # trailers, up to the blank line
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()  # the CRLF after each chunk

    def _reply(self, status, body, content_type, extra_headers=None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        """Silent: requests are logged by the JSON-RPC layer with --verbose."""


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # Do not wait for idle keep-alive connections on shutdown: a client holding one open would stall SIGTERM.
    block_on_close = False

    def __init__(self, port, devnet):
        super().__init__(("127.0.0.1", port), Handler)
        self.devnet = devnet

    def handle_error(self, request, client_address):
        """A connection that broke (the client went away mid-request): one line with --verbose, no traceback."""
        log.info("connection from %s:%s ended: %r", *client_address, sys.exc_info()[1])


def mine_every(devnet, seconds, stopped):
    """Interval mining: seals the pending block (its transactions, or none) every `seconds`."""
    while not stopped.wait(seconds):
        with devnet.lock:
            devnet.mine()


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Podium's local development chain (JSON-RPC over py-evm).")
    parser.add_argument("--port", type=int, default=8545, help="port on 127.0.0.1 (0: any free port; default 8545)")
    parser.add_argument("--block-time", type=float, metavar="SECONDS",
                        help="mine every SECONDS instead of one block per transaction")
    parser.add_argument("--finality-depth", type=int, default=0, metavar="N",
                        help="the finalized block is N blocks behind the head, safe N//2 (default 0: both are the "
                             "head)")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="stop when stdin closes: a test that starts the chain with a pipe as stdin ends it by "
                             "exiting, however it exits")
    arguments = parser.parse_args(argv)
    if arguments.block_time is not None and arguments.block_time <= 0:
        parser.error("--block-time must be positive")
    if arguments.finality_depth < 0:
        parser.error("--finality-depth must not be negative")
    return arguments


def stop(signum, frame):
    raise SystemExit(0)


def stop_at_end_of_stdin():
    """Reads stdin to its end (the parent exited or closed it), then stops the server as SIGTERM does."""
    while sys.stdin.buffer.read(4096):
        pass
    os.kill(os.getpid(), signal.SIGTERM)


def main(argv):
    # A parent may start us with signals blocked (a process spawned from a libdispatch thread inherits its mask).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    arguments = parse_arguments(argv)
    logging.basicConfig(stream=sys.stderr, format="%(message)s",
                        level=logging.INFO if arguments.verbose else logging.WARNING)
    devnet = Devnet(automine=arguments.block_time is None, finality_depth=arguments.finality_depth)
    try:
        server = Server(arguments.port, devnet)
    except OSError as error:
        print(f"podium devnet: cannot listen on 127.0.0.1:{arguments.port}: {error.strerror}", file=sys.stderr)
        return 1
    stopped = threading.Event()
    if arguments.exit_with_stdin:
        threading.Thread(target=stop_at_end_of_stdin, daemon=True).start()
    if arguments.block_time is not None:
        threading.Thread(target=mine_every, args=(devnet, arguments.block_time, stopped), daemon=True).start()
    print(f"podium devnet listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    finally:
        stopped.set()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
