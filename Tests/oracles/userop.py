"""User operation oracle for PodiumAccountAbstractionTests: ERC-4337 v0.7 (EntryPoint v0.7, SimpleAccount and
VerifyingPaymaster v0.7) written out with the pinned eth-abi 6.0.0, pycryptodome's Keccak-256 and eth-account 0.14.

A packed operation is a JSON object {"sender", "nonce" (decimal), "initCode", "callData", "accountGasLimits",
"preVerificationGas" (decimal), "gasFees", "paymasterAndData", "signature"}, byte strings and words as 0x-hex.
Reads one JSON object on stdin with any of these keys and answers an object with the same keys:
  "hash":          [{"op": op, "entryPoint": "0x..", "chainId": n}, ...]  -> ["0x<userOpHash>", ...]
      keccak256(abi.encode(keccak256(abi.encode(sender, nonce, keccak256(initCode), keccak256(callData),
      accountGasLimits, preVerificationGas, gasFees, keccak256(paymasterAndData))), entryPoint, chainId))
  "encode":        [op, ...]  -> ["0x<eth_abi.encode([PackedUserOperation tuple], [op])>", ...]
  "handleOps":     [{"ops": [op, ...], "beneficiary": "0x.."}, ...]  -> ["0x765e827f<args>", ...]
  "personal":      [{"key": "0x..", "hash": "0x<32 bytes>"}, ...]
      -> ["0x<65 bytes>", ...]   Account.sign_message(encode_defunct(primitive=hash)), v 27 or 28
  "paymasterHash": [{"op": op, "chainId": n, "validUntil": n, "validAfter": n}, ...]  -> ["0x..", ...]
      VerifyingPaymaster.getHash: keccak256(abi.encode(sender, nonce, keccak256(initCode), keccak256(callData),
      accountGasLimits, uint256(paymasterAndData[20:52]), preVerificationGas, gasFees, chainId,
      paymasterAndData[0:20], uint48 validUntil, uint48 validAfter))
  "paymasterData": [{"validUntil": n, "validAfter": n, "signature": "0x.."}, ...]
      -> ["0x<abi.encode(uint48, uint48) ++ signature>", ...]
  "account":       [{"factory": "0x..", "implementation": "0x..", "owner": "0x..", "salt": "<decimal>"}, ...]
      -> ["0x<CREATE2(factory, keccak256(abi.encode(owner, salt)), keccak256(proxy init code))[12:]>", ...]
      with Vyper 0.4.3's create_minimal_proxy_to init code, as Tests/vyper/minimal_proxy.py checks it on chain
  "execute":       [{"to": "0x..", "value": "<decimal>", "input": "0x.."}, ...]
      -> ["0x<execute(address,uint256,bytes) calldata>", ...]
  "executeBatch":  [[call, ...], ...]  -> ["0x<executeBatch(address[],uint256[],bytes[]) calldata>", ...]
  "preVerificationGas": [op, ...]  -> ["<decimal>", ...]
      the op with a 65-byte 0xff signature and preVerificationGas 2^32 - 1, eth_abi.encode of its fields (the
      tuple's contents); 21000 + max(18300 + 4 * words + 4 * zeros + 16 * nonzeros, 10 * (zeros + 4 * nonzeros))
  "revert":        [{"error": "FailedOp" | "FailedOpWithRevert" | "SenderAddressResult" | "Error" | "Panic",
                     "args": [...]}, ...]  -> ["0x<selector ++ eth_abi.encode(args)>", ...]
      FailedOp(uint256,string), FailedOpWithRevert(uint256,string,bytes), SenderAddressResult(address),
      Error(string), Panic(uint256); integers as decimal strings, bytes as 0x-hex
"""

import json
import os
import sys

# Keep this folder (which holds abi.py, rlp.py) off the import path so that it cannot shadow a package.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

from Crypto.Hash import keccak  # noqa: E402
from eth_abi import encode  # noqa: E402
from eth_account import Account  # noqa: E402
from eth_account.messages import encode_defunct  # noqa: E402

PACKED_TYPES = ["address", "uint256", "bytes", "bytes", "bytes32", "uint256", "bytes32", "bytes", "bytes"]
PACKED_TUPLE = "(" + ",".join(PACKED_TYPES) + ")"
PROXY_PREFIX = bytes.fromhex("602d3d8160093d39f3363d3d373d3d3d363d73")
PROXY_SUFFIX = bytes.fromhex("5af43d82803e903d91602b57fd5bf3")


def keccak256(data):
    return keccak.new(digest_bits=256, data=data).digest()


def selector(signature):
    return keccak256(signature.encode())[:4]


def unhex(text):
    assert text.startswith("0x"), text
    return bytes.fromhex(text[2:])


def hexed(data):
    return "0x" + data.hex()


def packed(op):
    """The op as a tuple of eth-abi values, in PackedUserOperation's order."""
    return (op["sender"], int(op["nonce"]), unhex(op["initCode"]), unhex(op["callData"]),
            unhex(op["accountGasLimits"]), int(op["preVerificationGas"]), unhex(op["gasFees"]),
            unhex(op["paymasterAndData"]), unhex(op["signature"]))


def user_op_hash(case):
    sender, nonce, init_code, call_data, account_gas_limits, pvg, gas_fees, paymaster_and_data, _ = packed(case["op"])
    inner = keccak256(encode(
        ["address", "uint256", "bytes32", "bytes32", "bytes32", "uint256", "bytes32", "bytes32"],
        [sender, nonce, keccak256(init_code), keccak256(call_data), account_gas_limits, pvg, gas_fees,
         keccak256(paymaster_and_data)]))
    return hexed(keccak256(encode(["bytes32", "address", "uint256"], [inner, case["entryPoint"], case["chainId"]])))


def handle_ops(case):
    args = encode([PACKED_TUPLE + "[]", "address"], [[packed(op) for op in case["ops"]], case["beneficiary"]])
    return hexed(selector(f"handleOps({PACKED_TUPLE}[],address)") + args)


def personal(case):
    signed = Account.sign_message(encode_defunct(primitive=unhex(case["hash"])), private_key=unhex(case["key"]))
    return hexed(signed.signature)


def paymaster_hash(case):
    sender, nonce, init_code, call_data, account_gas_limits, pvg, gas_fees, paymaster_and_data, _ = packed(case["op"])
    return hexed(keccak256(encode(
        ["address", "uint256", "bytes32", "bytes32", "bytes32", "uint256", "uint256", "bytes32", "uint256",
         "address", "uint48", "uint48"],
        [sender, nonce, keccak256(init_code), keccak256(call_data), account_gas_limits,
         int.from_bytes(paymaster_and_data[20:52], "big"), pvg, gas_fees, case["chainId"],
         hexed(paymaster_and_data[:20]), case["validUntil"], case["validAfter"]])))


def paymaster_data(case):
    return hexed(encode(["uint48", "uint48"], [case["validUntil"], case["validAfter"]]) + unhex(case["signature"]))


def account(case):
    init_code = PROXY_PREFIX + unhex(case["implementation"]) + PROXY_SUFFIX
    salt = keccak256(encode(["address", "uint256"], [case["owner"], int(case["salt"])]))
    return hexed(keccak256(b"\xff" + unhex(case["factory"]) + salt + keccak256(init_code))[12:])


def execute(call):
    args = encode(["address", "uint256", "bytes"], [call["to"], int(call["value"]), unhex(call["input"])])
    return hexed(selector("execute(address,uint256,bytes)") + args)


def execute_batch(calls):
    args = encode(["address[]", "uint256[]", "bytes[]"],
                  [[c["to"] for c in calls], [int(c["value"]) for c in calls], [unhex(c["input"]) for c in calls]])
    return hexed(selector("executeBatch(address[],uint256[],bytes[])") + args)


def pre_verification_gas(op):
    fields = list(packed(op))
    fields[5] = 2**32 - 1
    fields[8] = b"\xff" * 65
    data = encode(PACKED_TYPES, fields)
    zeros = data.count(0)
    nonzeros = len(data) - zeros
    words = (len(data) + 31) // 32
    return str(21000 + max(18300 + 4 * words + 4 * zeros + 16 * nonzeros, 10 * (zeros + 4 * nonzeros)))


REVERTS = {
    "FailedOp": ("FailedOp(uint256,string)", ["uint256", "string"]),
    "FailedOpWithRevert": ("FailedOpWithRevert(uint256,string,bytes)", ["uint256", "string", "bytes"]),
    "SenderAddressResult": ("SenderAddressResult(address)", ["address"]),
    "Error": ("Error(string)", ["string"]),
    "Panic": ("Panic(uint256)", ["uint256"]),
}


def revert(case):
    signature, types = REVERTS[case["error"]]
    args = [int(a) if t == "uint256" else unhex(a) if t == "bytes" else a for t, a in zip(types, case["args"])]
    return hexed(selector(signature) + encode(types, args))


HANDLERS = {
    "hash": user_op_hash,
    "encode": lambda op: hexed(encode([PACKED_TUPLE], [packed(op)])),
    "handleOps": handle_ops,
    "personal": personal,
    "paymasterHash": paymaster_hash,
    "paymasterData": paymaster_data,
    "account": account,
    "execute": execute,
    "executeBatch": execute_batch,
    "preVerificationGas": pre_verification_gas,
    "revert": revert,
}


def main():
    request = json.load(sys.stdin)
    json.dump({key: [HANDLERS[key](case) for case in cases] for key, cases in request.items()}, sys.stdout)


if __name__ == "__main__":
    main()
