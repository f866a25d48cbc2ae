"""Checks Vyper 0.4.3's create_minimal_proxy_to against the predicted CREATE2 address, on a chain in this process.

Run with devnet/.venv's Python (eth-tester 0.14 over py-evm, Prague rules). Compiles MinimalProxyDeployer.vy beside
this file with the pinned compiler (.venv/bin/vyper 0.4.3, --evm-version prague), deploys it, and for each case
calls deploy(implementation, owner, salt) and reads the address the call created. The prediction is

    CREATE2(deployer, keccak256(abi.encode(owner, salt)), keccak256(LOADER ++ RUNTIME_PREFIX ++ implementation
            ++ RUNTIME_SUFFIX))

with the bytes below; the script fails unless every created address is the predicted one and every proxy's runtime
code is RUNTIME_PREFIX ++ implementation ++ RUNTIME_SUFFIX.

Reads a JSON object on stdin, {"cases": [{"implementation": "0x..", "owner": "0x..", "salt": "<decimal>"}, ...]},
and answers {"deployer": "0x..", "initCodePrefix": "0x..", "initCodeSuffix": "0x..", "created": ["0x..", ...]}.
With no input (an empty stdin) it checks 20 random cases and prints the answer.
"""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from eth_abi import encode
from eth_tester import EthereumTester, PyEVMBackend
from eth_utils import keccak, to_canonical_address, to_checksum_address

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VYPER = ROOT / ".venv" / "bin" / "vyper"

# Vyper's loader (vyper/builtins/functions.py, eip1167_bytecode): PUSH1 0x2d RETURNDATASIZE DUP2 PUSH1 0x09
# RETURNDATASIZE CODECOPY RETURN, which copies the 45 runtime bytes after its own 9 and returns them.
LOADER = bytes.fromhex("602d3d8160093d39f3")
# The EIP-1167 runtime around the implementation's 20 bytes.
RUNTIME_PREFIX = bytes.fromhex("363d3d373d3d3d363d73")
RUNTIME_SUFFIX = bytes.fromhex("5af43d82803e903d91602b57fd5bf3")


def compile_deployer():
    source = HERE / "MinimalProxyDeployer.vy"
    output = subprocess.run(
        [str(VYPER), "--evm-version", "prague", "-f", "abi,bytecode", str(source)],
        check=True, capture_output=True, text=True).stdout.splitlines()
    return json.loads(output[0]), output[1].strip()


def predict(deployer, implementation, owner, salt):
    init_code = LOADER + RUNTIME_PREFIX + implementation + RUNTIME_SUFFIX
    inner_salt = keccak(encode(["address", "uint256"], [owner, salt]))
    return keccak(b"\xff" + deployer + inner_salt + keccak(init_code))[12:]


def main():
    text = sys.stdin.read().strip() if not sys.stdin.isatty() else ""
    if text:
        cases = [(to_canonical_address(c["implementation"]), to_canonical_address(c["owner"]), int(c["salt"]))
                 for c in json.loads(text)["cases"]]
    else:
        rng = random.Random(int(os.environ.get("PODIUM_TEST_SEED", "4337")))
        cases = [(rng.randbytes(20), rng.randbytes(20), rng.choice([0, 1, 2**256 - 1, rng.getrandbits(256)]))
                 for _ in range(20)]

    abi, bytecode = compile_deployer()
    tester = EthereumTester(PyEVMBackend())
    sender = tester.get_accounts()[0]
    receipt = tester.get_transaction_receipt(tester.send_transaction(
        {"from": sender, "data": bytecode, "gas": 1_000_000}))
    deployer = to_canonical_address(receipt["contract_address"])

    selector = keccak(b"deploy(address,address,uint256)")[:4]
    created = []
    for implementation, owner, salt in cases:
        call = {"from": sender, "to": to_checksum_address(deployer), "gas": 500_000,
                "data": "0x" + (selector + encode(["address", "address", "uint256"],
                                                   [implementation, owner, salt])).hex()}
        # The call's return value is the address it creates: read it with eth_call, then make the call for real.
        address = to_canonical_address("0x" + tester.call(call)[-40:])
        receipt = tester.get_transaction_receipt(tester.send_transaction(call))
        assert receipt["status"] == 1, f"deploy reverted for {implementation.hex()}, {owner.hex()}, {salt}"
        expected = predict(deployer, implementation, owner, salt)
        assert address == expected, f"created {address.hex()}, predicted {expected.hex()}"
        runtime = bytes.fromhex(tester.get_code(to_checksum_address(address))[2:])
        assert runtime == RUNTIME_PREFIX + implementation + RUNTIME_SUFFIX, f"runtime code {runtime.hex()}"
        created.append(to_checksum_address(address))

    json.dump({
        "deployer": to_checksum_address(deployer),
        "initCodePrefix": "0x" + (LOADER + RUNTIME_PREFIX).hex(),
        "initCodeSuffix": "0x" + RUNTIME_SUFFIX.hex(),
        "created": created,
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
