"""RLP oracle for PodiumRLPTests: the pinned `rlp` package (pyrlp 4.1.0, pure-Python codec).

Reads one JSON object on stdin with any of these keys and answers an object with the same keys:
  "encode":   [tree, ...]  -> ["0x<rlp.encode(tree)>", ...]
  "decode":   ["0x..", ...] -> [{"item": tree} | {"error": "<DecodingError>"}, ...]  (rlp.decode, strict=True)
  "integers": [n, ...]      -> ["0x<rlp.encode(n)>", ...]  (big_endian_int sedes, n >= 0)
  "json":     [tree, ...]   -> [{"compact": json.dumps(tree, separators=(",", ":")),
                                 "pretty": json.dumps(tree, indent=2)}, ...]
A tree is a "0x"-hex string (a byte string) or an array of trees (a list).
"""

import json
import os
import sys

# This folder holds rlp.py, which would shadow the `rlp` package: import from site-packages only.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import rlp  # noqa: E402


def from_tree(tree):
    if isinstance(tree, list):
        return [from_tree(item) for item in tree]
    assert tree.startswith("0x"), tree
    return bytes.fromhex(tree[2:])


def to_tree(item):
    if isinstance(item, list):
        return [to_tree(element) for element in item]
    return "0x" + item.hex()


def decode(hex_text):
    try:
        return {"item": to_tree(rlp.decode(bytes.fromhex(hex_text[2:]), strict=True))}
    except rlp.exceptions.DecodingError as error:
        return {"error": str(error).splitlines()[0]}


def main():
    request = json.load(sys.stdin)
    answer = {}
    if "encode" in request:
        answer["encode"] = ["0x" + rlp.encode(from_tree(tree)).hex() for tree in request["encode"]]
    if "decode" in request:
        answer["decode"] = [decode(hex_text) for hex_text in request["decode"]]
    if "integers" in request:
        answer["integers"] = ["0x" + rlp.encode(n).hex() for n in request["integers"]]
    if "json" in request:
        answer["json"] = [
            {"compact": json.dumps(tree, separators=(",", ":")), "pretty": json.dumps(tree, indent=2)}
            for tree in request["json"]
        ]
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
