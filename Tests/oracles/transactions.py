"""Transactions oracle for PodiumTransactionsTests: eth-account 0.14 (eth-keys on coincurve, rlp 5).

Reads one JSON object on stdin, {"sign": [case, ...]}, and answers {"sign": [answer, ...]}.
A case is a transaction and a key, integers as decimal strings, bytes as 0x-hex; an absent (or null) `to` is a
creation and an absent `chainId` a legacy transaction without EIP-155:
  {"key": "0x..", "type": 0|1|2, "chainId": "1", "nonce": "..", "gas": "..",
   "gasPrice": ".." (types 0, 1), "maxPriorityFeePerGas": "..", "maxFeePerGas": ".." (type 2),
   "to": "0x..", "value": "..", "input": "0x..",
   "accessList": [{"address": "0x..", "storageKeys": ["0x..", ...]}, ...] (types 1, 2)}
An answer is what Account.sign_transaction makes of it, and the sender Account.recover_transaction finds in the
raw bytes: {"raw": "0x..", "hash": "0x..", "sender": "0x<EIP-55>"}.
"""

import json
import os
import sys

# Import installed packages only, never a sibling script of this folder.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

from eth_account import Account  # noqa: E402


def unhex(text):
    assert text.startswith("0x"), text
    return bytes.fromhex(text[2:])


def transaction(case):
    fields = {
        "nonce": int(case["nonce"]),
        "gas": int(case["gas"]),
        "value": int(case["value"]),
        "data": unhex(case["input"]),
    }
    if case.get("to") is not None:
        fields["to"] = case["to"]
    if case.get("chainId") is not None:
        fields["chainId"] = int(case["chainId"])
    if case["type"] in (0, 1):
        fields["gasPrice"] = int(case["gasPrice"])
    if case["type"] == 2:
        fields["maxPriorityFeePerGas"] = int(case["maxPriorityFeePerGas"])
        fields["maxFeePerGas"] = int(case["maxFeePerGas"])
    if case["type"] in (1, 2):
        fields["type"] = case["type"]
        fields["accessList"] = case["accessList"]
    return fields


def sign(case):
    signed = Account.sign_transaction(transaction(case), unhex(case["key"]))
    raw = bytes(signed.raw_transaction)
    return {
        "raw": "0x" + raw.hex(),
        "hash": "0x" + bytes(signed.hash).hex(),
        "sender": Account.recover_transaction(raw),
    }


def main():
    request = json.load(sys.stdin)
    json.dump({"sign": [sign(case) for case in request["sign"]]}, sys.stdout)


if __name__ == "__main__":
    main()
