"""Signer oracle for PodiumSignerTests: coincurve (libsecp256k1) and eth-account 0.14 (eth-keys on coincurve).

Reads one JSON object on stdin with any of these keys and answers an object with the same keys:
  "sign":     [{"key": "0x<32 bytes>", "hash": "0x<32 bytes>"}, ...]
      -> [{"r": "0x..", "s": "0x..", "yParity": 0|1, "publicKey": "0x<64 bytes x||y>", "address": "0x<EIP-55>"}]
         coincurve PrivateKey.sign_recoverable(hash, hasher=None): RFC 6979 nonces, low s
  "personal": [{"key": "0x..", "message": "0x<bytes>"}, ...]
      -> [{"hash": "0x..", "signature": "0x<65 bytes, v 27/28>"}]   eth-account encode_defunct + sign_message
  "hd":       [{"entropy": "0x<16..32 bytes>", "passphrase": "..", "path": "m/44'/60'/0'/0/0"}, ...]
      -> [{"mnemonic": "<words>", "key": "0x..", "address": "0x.."}]   eth-account Mnemonic + Account.from_mnemonic
  "fromMnemonic": [{"mnemonic": "<words>", "path": "m/44'/60'/0'/0/0"}, ...]
      -> [{"key": "0x..", "address": "0x.."}]   eth-account Account.from_mnemonic (checks the words and checksum)
  "fromKey":  ["0x<32 bytes>", ...] -> ["0x<EIP-55 address>", ...]   eth-account Account.from_key
  "wordlist": true -> ["abandon", ...]   the BIP-39 English list eth-account ships
"""

import json
import os
import sys

# Import installed packages only, never a sibling script of this folder.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import coincurve  # noqa: E402
from eth_account import Account  # noqa: E402
from eth_account.hdaccount.mnemonic import Language, Mnemonic  # noqa: E402
from eth_account.messages import encode_defunct  # noqa: E402
from eth_keys import keys  # noqa: E402

Account.enable_unaudited_hdwallet_features()


def unhex(text):
    assert text.startswith("0x"), text
    return bytes.fromhex(text[2:])


def sign(case):
    key, digest = unhex(case["key"]), unhex(case["hash"])
    signature = coincurve.PrivateKey(key).sign_recoverable(digest, hasher=None)
    public = keys.PrivateKey(key).public_key
    return {
        "r": "0x" + signature[:32].hex(),
        "s": "0x" + signature[32:64].hex(),
        "yParity": signature[64],
        "publicKey": "0x" + public.to_bytes().hex(),
        "address": public.to_checksum_address(),
    }


def personal(case):
    message = encode_defunct(primitive=unhex(case["message"]))
    signed = Account.sign_message(message, private_key=unhex(case["key"]))
    return {"hash": "0x" + signed.message_hash.hex(), "signature": "0x" + signed.signature.hex()}


def hd(case):
    words = Mnemonic(Language.ENGLISH).to_mnemonic(unhex(case["entropy"]))
    account = Account.from_mnemonic(words, passphrase=case["passphrase"], account_path=case["path"])
    return {"mnemonic": words, "key": "0x" + account.key.hex(), "address": account.address}


def main():
    request = json.load(sys.stdin)
    answer = {}
    if "sign" in request:
        answer["sign"] = [sign(case) for case in request["sign"]]
    if "personal" in request:
        answer["personal"] = [personal(case) for case in request["personal"]]
    if "hd" in request:
        answer["hd"] = [hd(case) for case in request["hd"]]
    if "fromMnemonic" in request:
        answer["fromMnemonic"] = [
            {"key": "0x" + account.key.hex(), "address": account.address}
            for account in (Account.from_mnemonic(case["mnemonic"], account_path=case["path"]) for case in request["fromMnemonic"])
        ]
    if "fromKey" in request:
        answer["fromKey"] = [Account.from_key(unhex(key)).address for key in request["fromKey"]]
    if request.get("wordlist"):
        answer["wordlist"] = Mnemonic(Language.ENGLISH).wordlist
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
