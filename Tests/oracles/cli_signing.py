"""Signing oracle for the wallet and transaction command tests: eth-account 0.14 (eth-keys on coincurve, rlp 5).

Reads one JSON object on stdin with any of these keys and answers an object with the same keys:
  "address": ["0x<key>", ...]                          -> ["0x<EIP-55 address>", ...]   (Account.from_key)
  "signMessage": [{"key": "0x..", "message": "0x<bytes>"}, ...]
      -> ["0x<r s v>", ...]   (Account.sign_message(encode_defunct(bytes)), v 27 or 28)
  "signTransaction": [case, ...] -> [{"raw": "0x..", "expected": {...}}, ...]
A transaction case has integers as decimal strings or 0x-hex, bytes as 0x-hex; a null or absent `to` is a
creation and an absent `chainId` a legacy transaction without EIP-155:
  {"key": "0x..", "type": 0|1|2, "chainId": "..", "nonce": "..", "gas": "..",
   "gasPrice": ".." (types 0, 1), "maxPriorityFeePerGas": "..", "maxFeePerGas": ".." (type 2),
   "to": "0x..", "value": "..", "input": "0x..", "accessList": [{"address", "storageKeys"}] (types 1, 2)}
`raw` is Account.sign_transaction's raw transaction. `expected` is what `podium decode-tx --json` must print for
it: the JSON-RPC field names, integers as decimal strings, r and s as 32-byte lowercase hex, `to`, access-list
addresses and `from` (Account.recover_transaction) with their EIP-55 checksum, `hash` from eth-account.
"""

import json
import os
import sys

# Import installed packages only, never a sibling script of this folder.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

from eth_account import Account  # noqa: E402
from eth_account.messages import encode_defunct  # noqa: E402
from eth_utils import to_checksum_address  # noqa: E402


def unhex(text):
    assert text.startswith("0x"), text
    return bytes.fromhex(text[2:])


def integer(text):
    return int(text, 0)


def sign_message(case):
    signed = Account.sign_message(encode_defunct(primitive=unhex(case["message"])), unhex(case["key"]))
    return "0x" + bytes(signed.signature).hex()


def transaction(case):
    fields = {
        "nonce": integer(case["nonce"]),
        "gas": integer(case["gas"]),
        "value": integer(case["value"]),
        "data": unhex(case["input"]),
    }
    if case.get("to") is not None:
        fields["to"] = to_checksum_address(case["to"])
    if case.get("chainId") is not None:
        fields["chainId"] = integer(case["chainId"])
    if case["type"] in (0, 1):
        fields["gasPrice"] = integer(case["gasPrice"])
    if case["type"] == 2:
        fields["maxPriorityFeePerGas"] = integer(case["maxPriorityFeePerGas"])
        fields["maxFeePerGas"] = integer(case["maxFeePerGas"])
    if case["type"] in (1, 2):
        fields["type"] = case["type"]
        fields["accessList"] = case["accessList"]
    return fields


def expected_fields(case, signed, raw):
    """The decode-tx --json object, in its field order, for the transaction `case` signed as `signed`."""
    out = {"type": str(case["type"])}
    if case.get("chainId") is not None:
        out["chainId"] = str(integer(case["chainId"]))
    out["nonce"] = str(integer(case["nonce"]))
    out["gas"] = str(integer(case["gas"]))
    if case["type"] == 2:
        out["maxFeePerGas"] = str(integer(case["maxFeePerGas"]))
        out["maxPriorityFeePerGas"] = str(integer(case["maxPriorityFeePerGas"]))
    else:
        out["gasPrice"] = str(integer(case["gasPrice"]))
    out["to"] = None if case.get("to") is None else to_checksum_address(case["to"])
    out["value"] = str(integer(case["value"]))
    out["input"] = "0x" + unhex(case["input"]).hex()
    if case["type"] == 0:
        out["v"] = str(signed.v)
    else:
        out["accessList"] = [
            {"address": to_checksum_address(item["address"]),
             "storageKeys": ["0x" + unhex(key).hex() for key in item["storageKeys"]]}
            for item in case["accessList"]
        ]
        out["yParity"] = str(signed.v)
    out["r"] = str(signed.r)
    out["s"] = str(signed.s)
    out["from"] = Account.recover_transaction(raw)
    out["hash"] = "0x" + bytes(signed.hash).hex()
    return out


def sign_transaction(case):
    signed = Account.sign_transaction(transaction(case), unhex(case["key"]))
    raw = bytes(signed.raw_transaction)
    return {"raw": "0x" + raw.hex(), "expected": expected_fields(case, signed, raw)}


def main():
    request = json.load(sys.stdin)
    answer = {}
    if "address" in request:
        answer["address"] = [Account.from_key(unhex(key)).address for key in request["address"]]
    if "signMessage" in request:
        answer["signMessage"] = [sign_message(case) for case in request["signMessage"]]
    if "signTransaction" in request:
        answer["signTransaction"] = [sign_transaction(case) for case in request["signTransaction"]]
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
