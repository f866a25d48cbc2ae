"""The index suite's Python baseline: the same catch-up as podium-bench index over bench/index_server.py
($PODIUM_BENCH_RPC_URL) — eth_getLogs in ranges of 10,000 blocks with http.client, json.loads, eth-abi decoding
of PrizesDistributed, and sqlite3 executemany into the same logs, prizes_distributed and prize_winners tables (WAL,
one transaction per range) — without the checks Podium makes (headers, blooms, reorgs). Prints
catch-up/logs in logs/s."""
import http.client
import json
import os
import sqlite3
import tempfile
import time
import urllib.parse

from eth_abi import decode

url = urllib.parse.urlparse(os.environ["PODIUM_BENCH_RPC_URL"])
connection = http.client.HTTPConnection(url.hostname, url.port)


def call(method, params):
    connection.request("POST", "/", json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}),
                       {"Content-Type": "application/json"})
    return json.loads(connection.getresponse().read())["result"]


with tempfile.TemporaryDirectory() as directory:
    db = sqlite3.connect(os.path.join(directory, "index.sqlite"))
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript("""
        CREATE TABLE logs (id INTEGER PRIMARY KEY, chain_id INTEGER NOT NULL, block_number INTEGER NOT NULL,
            block_hash BLOB NOT NULL, transaction_hash BLOB NOT NULL, transaction_index INTEGER NOT NULL,
            log_index INTEGER NOT NULL, address BLOB NOT NULL, topic0 BLOB, topic1 BLOB, topic2 BLOB, topic3 BLOB,
            data BLOB NOT NULL, UNIQUE (chain_id, block_hash, log_index));
        CREATE INDEX logs_by_position ON logs (chain_id, block_number, log_index);
        CREATE TABLE prizes_distributed (log_id INTEGER PRIMARY KEY, chain_id INTEGER NOT NULL, block_number INTEGER NOT NULL,
            contract BLOB NOT NULL, prize_type INTEGER NOT NULL, timestamp BLOB NOT NULL, total BLOB NOT NULL);
        CREATE TABLE prize_winners (log_id INTEGER NOT NULL, place INTEGER NOT NULL, winner BLOB NOT NULL,
            amount BLOB NOT NULL, PRIMARY KEY (log_id, place));
    """)
    start = time.perf_counter()
    head = int(call("eth_blockNumber", []), 16)
    count, log_id = 0, 0
    block = 0
    while block <= head:
        end = min(head, block + 9999)
        logs = call("eth_getLogs", [{"fromBlock": hex(block), "toBlock": hex(end)}])
        raw, prizes, winners = [], [], []
        for log in logs:
            log_id += 1
            topics = [bytes.fromhex(t[2:]) for t in log["topics"]] + [None] * (4 - len(log["topics"]))
            data = bytes.fromhex(log["data"][2:])
            number = int(log["blockNumber"], 16)
            raw.append((log_id, 31337, number, bytes.fromhex(log["blockHash"][2:]), bytes.fromhex(log["transactionHash"][2:]),
                        int(log["transactionIndex"], 16), int(log["logIndex"], 16), bytes.fromhex(log["address"][2:]), *topics, data))
            addresses, amounts, timestamp = decode(["address[]", "uint256[]", "uint256"], data)
            prizes.append((log_id, 31337, number, bytes.fromhex(log["address"][2:]), int.from_bytes(topics[1], "big"),
                           timestamp.to_bytes(32, "big"), sum(amounts).to_bytes(32, "big")))
            winners += [(log_id, place + 1, bytes.fromhex(a[2:]), amount.to_bytes(32, "big"))
                        for place, (a, amount) in enumerate(zip(addresses, amounts))]
        with db:
            db.executemany("INSERT INTO logs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", raw)
            db.executemany("INSERT INTO prizes_distributed VALUES (?, ?, ?, ?, ?, ?, ?)", prizes)
            db.executemany("INSERT INTO prize_winners VALUES (?, ?, ?, ?)", winners)
        count += len(logs)
        block = end + 1
    seconds = time.perf_counter() - start
    print(f"catch-up/logs\t{count / seconds}\tlogs/s")
