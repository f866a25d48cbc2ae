"""ABI oracle for PodiumABITests: the pinned eth-abi 6.0.0 codec and pycryptodome's Keccak-256.

Reads one JSON object on stdin with any of these keys and answers an object with the same keys:
  "keccak":  ["text", ...]                        -> ["0x<keccak256(utf8 text)>", ...]
  "keccakHex": ["0x..", ...]                      -> ["0x<keccak256(bytes)>", ...]
  "encode":  [{"types": [t, ...], "values": [v, ...]}, ...]
                                                  -> [{"hex": "0x<eth_abi.encode>"} | {"error": "<class>"}, ...]
  "decode":  [{"types": [t, ...], "hex": "0x.."}, ...]
                                                  -> [{"values": [v, ...]} | {"error": "<class>"}, ...]
  "packed":  [{"types": [t, ...], "values": [v, ...]}, ...]
                                                  -> [{"hex": "0x.."} | {"error": "<class>"}, ...]
Types are canonical type strings. Values are JSON: integers as decimal strings, addresses, bytes<M>, bytes and
function as 0x-hex (addresses lowercase), bools, strings as text, arrays and tuples as arrays.

"packed" follows Solidity's abi.encodePacked: an argument that is not an array is eth_abi.packed.encode_packed of
that argument alone; an array is the concatenation of eth_abi.encode of each element (Solidity pads array elements
to 32 bytes, which eth-abi's own packed mode does not).
"""

import json
import os
import sys

# Keep this folder (which holds abi.py) off the import path so that it cannot shadow a package.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

from Crypto.Hash import keccak  # noqa: E402
from eth_abi import decode, encode  # noqa: E402
from eth_abi.grammar import TupleType, parse  # noqa: E402
from eth_abi.packed import encode_packed  # noqa: E402


def to_python(abi_type, value):
    """The eth-abi input for the JSON `value` of `abi_type` (a parsed type)."""
    if abi_type.is_array:
        return [to_python(abi_type.item_type, item) for item in value]
    if isinstance(abi_type, TupleType):
        return tuple(to_python(component, item) for component, item in zip(abi_type.components, value))
    base = abi_type.base
    if base in ("uint", "int"):
        return int(value)
    if base in ("bytes", "function"):
        return bytes.fromhex(value[2:])
    return value  # address (hex text), bool, string


def to_json(abi_type, value):
    """The JSON form of the eth-abi output `value` of `abi_type`."""
    if abi_type.is_array:
        return [to_json(abi_type.item_type, item) for item in value]
    if isinstance(abi_type, TupleType):
        return [to_json(component, item) for component, item in zip(abi_type.components, value)]
    base = abi_type.base
    if base in ("uint", "int"):
        return str(value)
    if base in ("bytes", "function"):
        return "0x" + value.hex()
    if base == "address":
        return value.lower()
    return value  # bool, string


def python_values(types, values):
    return [to_python(parse(t), v) for t, v in zip(types, values)]


def answer_encode(request):
    try:
        return {"hex": "0x" + encode(request["types"], python_values(request["types"], request["values"])).hex()}
    except Exception as error:  # noqa: BLE001 - the class name is the answer
        return {"error": type(error).__name__}


def answer_decode(request):
    try:
        values = decode(request["types"], bytes.fromhex(request["hex"][2:]))
        return {"values": [to_json(parse(t), v) for t, v in zip(request["types"], values)]}
    except Exception as error:  # noqa: BLE001 - eth-abi raises DecodingError, and UnicodeDecodeError for strings
        return {"error": type(error).__name__}


def answer_packed(request):
    try:
        out = b""
        for type_string, value in zip(request["types"], python_values(request["types"], request["values"])):
            parsed = parse(type_string)
            if parsed.is_array:
                element = parsed.item_type.to_type_str()
                out += b"".join(encode([element], [item]) for item in value)
            else:
                out += encode_packed([type_string], [value])
        return {"hex": "0x" + out.hex()}
    except Exception as error:  # noqa: BLE001
        return {"error": type(error).__name__}


def keccak_hex(data):
    return "0x" + keccak.new(digest_bits=256, data=data).hexdigest()


def main():
    request = json.load(sys.stdin)
    answer = {}
    if "keccak" in request:
        answer["keccak"] = [keccak_hex(text.encode("utf-8")) for text in request["keccak"]]
    if "keccakHex" in request:
        answer["keccakHex"] = [keccak_hex(bytes.fromhex(data[2:])) for data in request["keccakHex"]]
    if "encode" in request:
        answer["encode"] = [answer_encode(item) for item in request["encode"]]
    if "decode" in request:
        answer["decode"] = [answer_decode(item) for item in request["decode"]]
    if "packed" in request:
        answer["packed"] = [answer_packed(item) for item in request["packed"]]
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
