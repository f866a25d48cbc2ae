"""A static JSON-RPC node for the index benchmark: pre-generated blocks each holding LOGS_PER_BLOCK PrizesDistributed
logs (five winners each, ABI-encoded by eth-abi) of one distributor, served as fast as http.server can write them,
so that the indexer's own speed is measured and not a node's.

    python bench/index_server.py BLOCKS LOGS_PER_BLOCK

Answers eth_chainId (31337), eth_blockNumber (BLOCKS), eth_getBlockByNumber (numbers, "finalized" and "latest";
headers whose hash is keccak("block" ++ n), whose parent is the previous one's and whose logsBloom holds their logs),
eth_getLogs by block range, and batches of these. The first line on stdout is "listening on http://127.0.0.1:PORT".
"""
import http.server
import json
import signal
import socket
import sys

from Crypto.Hash import keccak
from eth_abi import encode

signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # a test may spawn us with it blocked
BLOCKS, PER_BLOCK = int(sys.argv[1]), int(sys.argv[2])
DISTRIBUTOR = bytes.fromhex("00000000000000000000000000000000d1571b07")
TOPIC0 = bytes.fromhex("91c6258e6a94a81ff95a95444714a3e9619437ba92a635120244c1e0df435112")  # PrizesDistributed(uint8,address[],uint256[],uint256)


def k(data):
    return keccak.new(digest_bits=256, data=data).digest()


def bloom_add(bloom, item):
    digest = k(item)
    for i in range(3):
        bit = ((digest[2 * i] << 8) | digest[2 * i + 1]) & 2047
        bloom[255 - bit // 8] |= 1 << (bit % 8)


def block_hash(n):
    return k(b"block" + n.to_bytes(8, "big"))


logs_by_block = []
headers = []
topic1 = (0).to_bytes(32, "big")
bloom_template = bytearray(256)
for item in (DISTRIBUTOR, TOPIC0, topic1):
    bloom_add(bloom_template, item)
for n in range(BLOCKS + 1):
    entries = []
    if n > 0:
        for i in range(PER_BLOCK):
            seed = n * PER_BLOCK + i
            winners = [((seed * 5 + j) % (1 << 159) + 1).to_bytes(20, "big") for j in range(5)]
            amounts = [10**18 * (5 - j) + seed for j in range(5)]
            data = encode(["address[]", "uint256[]", "uint256"], [["0x" + w.hex() for w in winners], amounts, 1763683200 + n])
            entries.append(
                '{"address":"0x%s","topics":["0x%s","0x%s"],"data":"0x%s","blockNumber":"%s","blockHash":"0x%s",'
                '"transactionHash":"0x%s","transactionIndex":"%s","logIndex":"%s","removed":false}'
                % (DISTRIBUTOR.hex(), TOPIC0.hex(), topic1.hex(), data.hex(), hex(n), block_hash(n).hex(),
                   k(b"tx" + seed.to_bytes(8, "big")).hex(), hex(i), hex(i)))
    logs_by_block.append(entries)
    bloom = bloom_template if entries else bytearray(256)
    headers.append(json.dumps({
        "number": hex(n), "hash": "0x" + block_hash(n).hex(),
        "parentHash": "0x" + (block_hash(n - 1) if n > 0 else bytes(32)).hex(), "timestamp": hex(1763683200 + n),
        "miner": "0x" + "00" * 20, "gasLimit": hex(30_000_000), "gasUsed": hex(21000 * len(entries)), "baseFeePerGas": "0x7",
        "logsBloom": "0x" + bytes(bloom).hex(), "stateRoot": "0x" + "00" * 32, "transactionsRoot": "0x" + "00" * 32,
        "receiptsRoot": "0x" + "00" * 32, "extraData": "0x", "transactions": [],
    }))


def result(request):
    method, params = request.get("method"), request.get("params") or []
    if method == "eth_chainId":
        return '"0x7a69"'
    if method == "eth_blockNumber":
        return '"%s"' % hex(BLOCKS)
    if method == "eth_getBlockByNumber":
        tag = params[0]
        n = BLOCKS if tag in ("latest", "finalized", "safe", "pending") else int(tag, 16)
        return headers[n] if n <= BLOCKS else "null"
    if method == "eth_getLogs":
        query = params[0]
        start, end = int(query["fromBlock"], 16), min(int(query["toBlock"], 16), BLOCKS)
        return "[" + ",".join(entry for n in range(start, end + 1) for entry in logs_by_block[n]) + "]"
    return None


def answer(request):
    value = result(request)
    if value is None:
        return '{"jsonrpc":"2.0","id":%s,"error":{"code":-32601,"message":"no such method"}}' % json.dumps(request.get("id"))
    return '{"jsonrpc":"2.0","id":%s,"result":%s}' % (json.dumps(request.get("id")), value)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        body = ("[" + ",".join(answer(r) for r in request) + "]" if isinstance(request, list) else answer(request)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
