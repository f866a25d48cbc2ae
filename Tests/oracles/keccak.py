"""Keccak-256 oracle for the Swift tests: pycryptodome's Crypto.Hash.keccak (digest_bits=256).

stdin:  a JSON list of messages, each as hex without 0x;
stdout: the JSON list of their digests, each as 0x and 64 lowercase hex digits, in the same order.
"""
import json
import sys

from Crypto.Hash import keccak


def digest(message_hex):
    return "0x" + keccak.new(digest_bits=256, data=bytes.fromhex(message_hex)).hexdigest()


json.dump([digest(message) for message in json.load(sys.stdin)], sys.stdout)
