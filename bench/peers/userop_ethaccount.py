"""Peer for `bench/compare userop`: the sponsored Game Pass purchase of Sources/podium-bench/UserOperationBench.swift
as Python builds it, with eth-abi 6.0.0 (encode), pycryptodome's Keccak-256 and eth-account 0.14 (sign_message of
encode_defunct(primitive=userOpHash), on coincurve). Each call takes the next nonce.

userop/pack-hash: the unpacked operation packed (accountGasLimits, gasFees, paymasterAndData) and its v0.7
userOpHash; userop/build-hash-sign: the same, then the 65-byte SimpleAccount signature set on the operation.
Measured like podium-bench: batches calibrated to about 20 ms, median of 7. Prints `figure<TAB>value<TAB>unit`.
"""
from Crypto.Hash import keccak
from eth_abi import encode
from eth_account import Account
from eth_account.messages import encode_defunct
from timing import nanoseconds_per_call

KEY = bytes([0x46]) * 32
ENTRY_POINT = "0x0000000071727De22E5E9d8BAf0edAc6f37da032"
CHAIN_ID = 31337
SALE = bytes.fromhex("5FbDB2315678afecb367f032d93F642f64180aa3")
PAYMASTER = bytes.fromhex("9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0")
STUB = bytes.fromhex("ff" * 15 + "f0" + "00" * 16 + "7a" + "aa" * 31 + "1c")


def keccak256(data):
    return keccak.new(digest_bits=256, data=data).digest()


def selector(signature):
    return keccak256(signature.encode())[:4]


OPERATION = {
    "sender": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    "nonce": 0,
    "factory": None,
    "factoryData": b"",
    "callData": selector("execute(address,uint256,bytes)")
    + encode(["address", "uint256", "bytes"], [SALE, 0, bytes.fromhex("4a2c0e7e")]),
    "callGasLimit": 120_000,
    "verificationGasLimit": 150_000,
    "preVerificationGas": 48_000,
    "maxFeePerGas": 30_000_000_000,
    "maxPriorityFeePerGas": 1_000_000_000,
    "paymaster": PAYMASTER,
    "paymasterVerificationGasLimit": 60_000,
    "paymasterPostOpGasLimit": 0,
    "paymasterData": encode(["uint48", "uint48"], [2_000_000_000, 0]) + STUB,
    "signature": b"",
}


def pack(op):
    """The packed v0.7 fields, refusing gas values above 2^120 - 1 as EntryPoint v0.7 does."""
    gas_values = ("callGasLimit", "verificationGasLimit", "preVerificationGas", "maxFeePerGas", "maxPriorityFeePerGas",
                  "paymasterVerificationGasLimit", "paymasterPostOpGasLimit")
    for name in gas_values:
        if op[name] >= 1 << 120:
            raise ValueError(f"{name} above 2^120 - 1")
    init_code = op["factory"] + op["factoryData"] if op["factory"] else b""
    paymaster_and_data = (op["paymaster"] + op["paymasterVerificationGasLimit"].to_bytes(16, "big")
                          + op["paymasterPostOpGasLimit"].to_bytes(16, "big") + op["paymasterData"]
                          if op["paymaster"] else b"")
    return (op["sender"], op["nonce"], init_code, op["callData"],
            op["verificationGasLimit"].to_bytes(16, "big") + op["callGasLimit"].to_bytes(16, "big"),
            op["preVerificationGas"],
            op["maxPriorityFeePerGas"].to_bytes(16, "big") + op["maxFeePerGas"].to_bytes(16, "big"),
            paymaster_and_data, op["signature"])


def user_op_hash(packed):
    sender, nonce, init_code, call_data, account_gas_limits, pvg, gas_fees, paymaster_and_data, _ = packed
    inner = keccak256(encode(
        ["address", "uint256", "bytes32", "bytes32", "bytes32", "uint256", "bytes32", "bytes32"],
        [sender, nonce, keccak256(init_code), keccak256(call_data), account_gas_limits, pvg, gas_fees,
         keccak256(paymaster_and_data)]))
    return keccak256(encode(["bytes32", "address", "uint256"], [inner, ENTRY_POINT, CHAIN_ID]))


def main():
    account = Account.from_key(KEY)
    op = dict(OPERATION)

    def pack_hash():
        op["nonce"] += 1
        user_op_hash(pack(op))

    def build_hash_sign():
        op["nonce"] += 1
        digest = user_op_hash(pack(op))
        op["signature"] = account.sign_message(encode_defunct(primitive=digest)).signature

    for name, body in (("userop/pack-hash", pack_hash), ("userop/build-hash-sign", build_hash_sign)):
        print(f"{name}\t{1e9 / nanoseconds_per_call(body)}\tops/s")


if __name__ == "__main__":
    main()
