"""Address oracle for the Address tests: Keccak-256 from pycryptodome, RLP from the pinned `rlp` package.

Reads one JSON object on stdin with any of these keys and answers an object with the same keys:
  "checksum": ["<40 hex digits>", ...]                 -> ["0x<EIP-55 checksummed>", ...]
  "create":   [{"deployer": "0x..", "nonce": n}, ...]  -> ["0x<keccak(rlp([deployer, nonce]))[12:]>", ...]
  "create2":  [{"deployer": "0x..", "salt": "0x..", "initCode": "0x.."}, ...]
      -> ["0x<keccak(ff ++ deployer ++ salt ++ keccak(initCode))[12:]>", ...]
The checksum follows the reference code in EIP-55: uppercase a letter when its nibble of
keccak256(lowercase hex as ASCII) is 8 or more.
"""

import json
import os
import sys

# This folder holds rlp.py, which would shadow the `rlp` package: import from site-packages only.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import rlp  # noqa: E402
from Crypto.Hash import keccak  # noqa: E402


def keccak256(data):
    return keccak.new(digest_bits=256, data=data).digest()


def unhex(text):
    assert text.startswith("0x"), text
    return bytes.fromhex(text[2:])


def checksum(hex_digits):
    lower = hex_digits.lower()
    digest = keccak256(lower.encode("ascii")).hex()
    return "0x" + "".join(c.upper() if int(digest[i], 16) >= 8 else c for i, c in enumerate(lower))


def create(deployer, nonce):
    return "0x" + keccak256(rlp.encode([unhex(deployer), nonce]))[12:].hex()


def create2(deployer, salt, init_code):
    preimage = b"\xff" + unhex(deployer) + unhex(salt) + keccak256(unhex(init_code))
    assert len(preimage) == 85
    return "0x" + keccak256(preimage)[12:].hex()


def main():
    request = json.load(sys.stdin)
    answer = {}
    if "checksum" in request:
        answer["checksum"] = [checksum(digits) for digits in request["checksum"]]
    if "create" in request:
        answer["create"] = [create(case["deployer"], case["nonce"]) for case in request["create"]]
    if "create2" in request:
        answer["create2"] = [
            create2(case["deployer"], case["salt"], case["initCode"]) for case in request["create2"]
        ]
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
