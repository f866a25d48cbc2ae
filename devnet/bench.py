"""Measures a devnet server it starts on a free port, over one keep-alive HTTP connection:
transactions per second (pre-signed EIP-1559 calls to a contract that logs, one block each under automine),
eth_getLogs over all those blocks, and eth_blockNumber round trips per second, single and in batches of 100.

    devnet/.venv/bin/python devnet/bench.py [--transactions N] [--seconds S]
"""

import argparse
import http.client
import json
import subprocess
import sys
import time
from pathlib import Path

from eth_account import Account
from eth_utils import to_checksum_address

DEVNET = Path(__file__).resolve().parent
MNEMONIC = "test test test test test test test test test test test junk"
# Init code for a contract that emits LOG1(topic = first calldata word) with no data.
LOGGER = bytes.fromhex("6008600c60003960086000f3" "600035600080a100")


class Client:
    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port)

    def post(self, payload):
        self.connection.request("POST", "/", body=json.dumps(payload), headers={"Content-Type": "application/json"})
        return json.loads(self.connection.getresponse().read())

    def call(self, method, *params):
        answer = self.post({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)})
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer["result"]


def signed_calls(count, contract):
    sender = Account.from_mnemonic(MNEMONIC, account_path="m/44'/60'/0'/0/0")
    return ["0x" + sender.sign_transaction({
        "type": 2, "chainId": 31337, "nonce": nonce, "to": contract, "value": 0, "gas": 30_000,
        "data": "0x" + nonce.to_bytes(32, "big").hex(), "maxFeePerGas": 10**10, "maxPriorityFeePerGas": 10**9,
    }).raw_transaction.hex() for nonce in range(1, count + 1)]


def rate(count, seconds):
    return f"{count / seconds:,.0f}/s ({count} in {seconds:.2f} s)"


def measure(client, transactions, seconds):
    Account.enable_unaudited_hdwallet_features()
    deploy = Account.from_mnemonic(MNEMONIC, account_path="m/44'/60'/0'/0/0").sign_transaction({
        "type": 2, "chainId": 31337, "nonce": 0, "value": 0, "gas": 100_000, "data": LOGGER,
        "maxFeePerGas": 10**10, "maxPriorityFeePerGas": 10**9})
    tx_hash = client.call("eth_sendRawTransaction", "0x" + deploy.raw_transaction.hex())
    contract = client.call("eth_getTransactionReceipt", tx_hash)["contractAddress"]
    raws = signed_calls(transactions, to_checksum_address(contract))

    started = time.perf_counter()
    hashes = [client.call("eth_sendRawTransaction", raw) for raw in raws]
    print(f"eth_sendRawTransaction (automine, one block each): {rate(len(raws), time.perf_counter() - started)}")

    started = time.perf_counter()
    logs = client.call("eth_getLogs", {"fromBlock": "earliest", "toBlock": "latest", "address": contract})
    elapsed = time.perf_counter() - started
    blocks = int(client.call("eth_blockNumber"), 16)
    print(f"eth_getLogs over {blocks} blocks, nothing cached: {len(logs)} logs in {elapsed * 1000:.0f} ms")

    started = time.perf_counter()
    receipts = [client.call("eth_getTransactionReceipt", h) for h in hashes]
    print(f"eth_getTransactionReceipt: {rate(len(receipts), time.perf_counter() - started)}")

    single = {"jsonrpc": "2.0", "id": 1, "method": "eth_blockNumber"}
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        client.post(single)
        count += 1
    print(f"eth_blockNumber, single: {rate(count, time.perf_counter() - started)}")

    batch = [dict(single, id=i) for i in range(100)]
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        client.post(batch)
        count += 100
    print(f"eth_blockNumber, batches of 100: {rate(count, time.perf_counter() - started)} calls")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=600)
    parser.add_argument("--seconds", type=float, default=3.0)
    arguments = parser.parse_args()
    server = subprocess.Popen([sys.executable, str(DEVNET / "server.py"), "--port", "0"],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().rsplit(":", 1)[1])
        measure(Client(port), arguments.transactions, arguments.seconds)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
