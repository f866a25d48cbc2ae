"""The rpc suite's peer: eth_blockNumber round trips to $PODIUM_BENCH_RPC_URL from Python over one keep-alive
connection (http.client + json, what web3.py's HTTP provider does underneath, without its middleware)."""
import http.client
import json
import os
import time
import urllib.parse

url = urllib.parse.urlparse(os.environ["PODIUM_BENCH_RPC_URL"])
connection = http.client.HTTPConnection(url.hostname, url.port)
next_id = 0


def post(payload):
    connection.request("POST", "/", json.dumps(payload), {"Content-Type": "application/json"})
    return json.loads(connection.getresponse().read())


def request(method):
    global next_id
    next_id += 1
    return {"jsonrpc": "2.0", "id": next_id, "method": method, "params": []}


def per_second(body, seconds=1.0):
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        body()
        count += 1
    return count / (time.perf_counter() - start)


single = per_second(lambda: int(post(request("eth_blockNumber"))["result"], 16))
batches = per_second(lambda: [int(answer["result"], 16) for answer in post([request("eth_blockNumber") for _ in range(100)])])
print(f"eth_blockNumber/single\t{single}\tcalls/s")
print(f"eth_blockNumber/batch100\t{batches * 100}\tcalls/s")
