"""Sponsor throughput: pm_getPaymasterData requests per second against `podium paymaster serve` over loopback, each a
Game Pass purchase (SimpleAccount execute of the sale's buyGamePass()) from a new sender, so that every request
reads and writes the SQLite-backed limits (a per-wallet count and the day's budget) and is signed.

    .venv/bin/python bench/sponsor_load.py PAYMASTER_URL ENTRY_POINT SALE [REQUESTS] [THREADS]

Prints `sponsor/requests<TAB>value<TAB>requests/s` and the count of refusals (which must be 0: raise the policy's
dailyBudget for large runs). Keep-alive HTTP/1.1 connections, one per thread."""
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

from Crypto.Hash import keccak

url, entry_point, sale = sys.argv[1], sys.argv[2], sys.argv[3]
requests = int(sys.argv[4]) if len(sys.argv) > 4 else 4000
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 8
parsed = urllib.parse.urlparse(url)


def selector(signature):
    return keccak.new(digest_bits=256, data=signature.encode()).digest()[:4]


def word(value):
    return value.to_bytes(32, "big")


# execute(sale, 0, buyGamePass())
buy = selector("buyGamePass()")
call_data = selector("execute(address,uint256,bytes)") + word(int(sale, 16)) + word(0) + word(96) + word(len(buy)) \
    + buy.ljust(32, b"\0")


def operation(index):
    sender = "0x" + (index + 1).to_bytes(20, "big").hex()
    return {"sender": sender, "nonce": "0x0", "callData": "0x" + call_data.hex(), "callGasLimit": "0x186a0",
            "verificationGasLimit": "0xea60", "preVerificationGas": "0xea60", "maxFeePerGas": "0x77359400",
            "maxPriorityFeePerGas": "0x3b9aca00", "paymaster": None, "signature": "0x" + "ff" * 65}


refused = 0
lock = threading.Lock()


def worker(first, count):
    global refused
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port)
    for index in range(first, first + count):
        op = {k: v for k, v in operation(index).items() if v is not None}
        body = json.dumps({"jsonrpc": "2.0", "id": index, "method": "pm_getPaymasterData",
                           "params": [op, entry_point, "0x7a69", {}]})
        connection.request("POST", "/", body, {"Content-Type": "application/json"})
        answer = json.loads(connection.getresponse().read())
        if "error" in answer:
            with lock:
                refused += 1
                if refused == 1:
                    print("first refusal:", answer["error"], file=sys.stderr)


per_thread = requests // threads
workers = [threading.Thread(target=worker, args=(i * per_thread + int(os.environ.get("OFFSET", "0")), per_thread))
           for i in range(threads)]
start = time.perf_counter()
for w in workers:
    w.start()
for w in workers:
    w.join()
seconds = time.perf_counter() - start
print(f"sponsor/requests\t{per_thread * threads / seconds}\trequests/s")
print(f"refused\t{refused}")
