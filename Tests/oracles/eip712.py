"""EIP-712 oracle for PodiumSignerTests and PodiumCLITests: eth-account 0.14 (encode_typed_data, eth_abi 6).

Reads one JSON object on stdin with any of these keys and answers an object with the same keys:
  "documents": [{"json": "<typed-data document as JSON text>", "key": "0x<32 bytes>"}, ...]
      -> [{"encodeType": "..", "encodeData": "0x..", "domainSeparator": "0x..", "messageHash": "0x..",
           "signingHash": "0x..", "signature": "0x<65 bytes, v 27/28>"}]
         The text is read with json.loads (integers exact), then
         encode_typed_data(full_message=document) and Account.sign_message, as eth_signTypedData_v4 signs.
         encodeType and encodeData are eth-account's, for the primary type and the message.
  "structs": [{"json": "..", "key": "0x.."}, ...] -> the same answers for documents whose primary type is not the
         only type no other type refers to (cycles through it), which encode_typed_data refuses: hash_domain and
         hash_struct(primaryType) directly, keccak256(0x1901 || both), Account.unsafe_sign_hash.
"""

import json
import os
import sys

# Import installed packages only, never a sibling script of this folder.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

from eth_account import Account  # noqa: E402
from eth_account._utils.encode_typed_data.encoding_and_hashing import (  # noqa: E402
    encode_data,
    encode_type,
    hash_domain,
    hash_struct,
)
from eth_account.messages import encode_typed_data  # noqa: E402
from eth_utils import keccak  # noqa: E402


def unhex(text):
    assert text.startswith("0x"), text
    return bytes.fromhex(text[2:])


def hexed(data):
    return "0x" + bytes(data).hex()


def message_types(document):
    return {name: fields for name, fields in document["types"].items() if name != "EIP712Domain"}


def parts(document):
    types, primary = message_types(document), document["primaryType"]
    return {
        "encodeType": encode_type(primary, types),
        "encodeData": hexed(encode_data(primary, types, document["message"])),
    }


def full(case):
    document = json.loads(case["json"])
    signable = encode_typed_data(full_message=document)
    signed = Account.sign_message(signable, private_key=unhex(case["key"]))
    return parts(document) | {
        "domainSeparator": hexed(signable.header),
        "messageHash": hexed(signable.body),
        "signingHash": hexed(signed.message_hash),
        "signature": hexed(signed.signature),
    }


def direct(case):
    document = json.loads(case["json"])
    domain = hash_domain(document["domain"])
    message = hash_struct(document["primaryType"], message_types(document), document["message"])
    digest = keccak(b"\x19\x01" + domain + message)
    signed = Account.unsafe_sign_hash(digest, private_key=unhex(case["key"]))
    return parts(document) | {
        "domainSeparator": hexed(domain),
        "messageHash": hexed(message),
        "signingHash": hexed(digest),
        "signature": hexed(signed.signature),
    }


def main():
    request = json.load(sys.stdin)
    answer = {}
    if "documents" in request:
        answer["documents"] = [full(case) for case in request["documents"]]
    if "structs" in request:
        answer["structs"] = [direct(case) for case in request["structs"]]
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
