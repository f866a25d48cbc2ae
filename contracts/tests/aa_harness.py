"""An in-process chain for the ERC-4337 contract tests: the devnet's py-evm chain (devnet/podium_devnet, Prague),
driven directly so each transaction's revert data, logs and gas are at hand, with fixed block timestamps.

Used by test_account_abstraction.py and aa_gas_report.py; run with devnet/.venv/bin/python."""

import functools
import json
import pathlib
import subprocess
import sys

import rlp
from eth_abi import decode, encode
from eth_account import Account
from eth_account.messages import encode_defunct
from eth_utils import keccak, to_checksum_address

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "devnet"))

from podium_devnet.chain import Devnet  # noqa: E402
from podium_devnet.errors import RpcError  # noqa: E402
from podium_devnet.params import CallRequest  # noqa: E402

MNEMONIC = "test test test test test test test test test test test junk"
CHAIN_ID = 31337
GWEI = 10**9
# Block timestamps are set, one per block, from here on (after any wall-clock genesis).
START_TIME = 2_000_000_000
VYPER = ROOT / ".venv" / "bin" / "vyper"

OP_TYPE = "(address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes)"

Account.enable_unaudited_hdwallet_features()


def selector(signature):
    return keccak(text=signature)[:4]


def split_types(inner):
    """The top-level comma-separated types of a parameter list."""
    types, depth, current = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            types.append(current)
            current = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        current += ch
    if current:
        types.append(current)
    return types


def calldata(signature, *args):
    """ABI calldata of `signature` (e.g. "transfer(address,uint256)") with `args`."""
    name, _, rest = signature.partition("(")
    types = split_types(rest[:-1])
    return selector(signature) + encode(types, list(args))


def error_data(signature, *args):
    return calldata(signature, *args)


def failed_op(index, reason):
    return error_data("FailedOp(uint256,string)", index, reason)


def failed_op_with_revert(index, reason, inner):
    return error_data("FailedOpWithRevert(uint256,string,bytes)", index, reason, inner)


def error_string(reason):
    return error_data("Error(string)", reason)


def address_bytes(value):
    if isinstance(value, bytes):
        return value
    return bytes.fromhex(value[2:] if value.startswith("0x") else value)


def checksum(value):
    return to_checksum_address(address_bytes(value))


def pack_uints(high, low):
    return (high << 128 | low).to_bytes(32, "big")


def user_op(sender, nonce=0, init_code=b"", call_data=b"", verification_gas=500_000, call_gas=200_000,
            pre_verification_gas=50_000, max_priority_fee=GWEI, max_fee=GWEI, paymaster_and_data=b"",
            signature=b""):
    """A PackedUserOperation as the tuple eth_abi encodes. By default maxFeePerGas = maxPriorityFeePerGas, so the
    operation's gas price is exactly maxFeePerGas whatever the base fee (v0.7's "legacy mode")."""
    return [checksum(sender), nonce, init_code, call_data, pack_uints(verification_gas, call_gas), pre_verification_gas,
            pack_uints(max_priority_fee, max_fee), paymaster_and_data, signature]


def user_op_hash(op, entry_point, chain_id=CHAIN_ID):
    """v0.7's getUserOpHash, in Python."""
    packed = encode(["address", "uint256", "bytes32", "bytes32", "bytes32", "uint256", "bytes32", "bytes32"],
                    [op[0], op[1], keccak(op[2]), keccak(op[3]), op[4], op[5], op[6], keccak(op[7])])
    return keccak(encode(["bytes32", "address", "uint256"], [keccak(packed), checksum(entry_point), chain_id]))


def sign_hash_eip191(key, digest):
    """65-byte r ++ s ++ v (v = 27 or 28) signature of the EIP-191 message hash of `digest`."""
    signed = Account.sign_message(encode_defunct(primitive=digest), key)
    return signed.signature


def paymaster_and_data(paymaster, verification_gas, post_op_gas, data=b""):
    return address_bytes(paymaster) + verification_gas.to_bytes(16, "big") + post_op_gas.to_bytes(16, "big") + data


def create_address(sender, nonce):
    return keccak(rlp.encode([address_bytes(sender), nonce]))[12:]


def create2_address(deployer, salt, init_code_hash):
    return keccak(b"\xff" + address_bytes(deployer) + salt + init_code_hash)[12:]


# Vyper 0.4.3's create_minimal_proxy_to init code around the 20-byte implementation (contracts/README.md).
PROXY_INIT_HEAD = bytes.fromhex("602d3d8160093d39f3" "363d3d373d3d3d363d73")
PROXY_INIT_TAIL = bytes.fromhex("5af43d82803e903d91602b57fd5bf3")


def predicted_account(factory, implementation, owner, salt):
    """The address SimpleAccountFactory.createAccount(owner, salt) creates, computed as the Swift side does."""
    init_code = PROXY_INIT_HEAD + address_bytes(implementation) + PROXY_INIT_TAIL
    return create2_address(factory, keccak(encode(["address", "uint256"], [checksum(owner), salt])), keccak(init_code))


def artifact(name):
    return json.loads((ROOT / "abi" / f"{name}.json").read_text())


def artifact_bytecode(name):
    return bytes.fromhex(artifact(name)["bytecode"][2:])


@functools.lru_cache(maxsize=None)
def compile_test_contracts():
    """Creation code of contracts/tests/*.vy (test-only contracts, kept out of abi/), compiled in one vyper run."""
    sources = sorted((ROOT / "contracts" / "tests").glob("*.vy"))
    result = subprocess.run([str(VYPER), "--evm-version", "prague", "-f", "bytecode", *map(str, sources)],
                            capture_output=True, text=True, check=True)
    codes = result.stdout.split()
    return {path.stem: bytes.fromhex(code[2:]) for path, code in zip(sources, codes)}


class Reverted(Exception):
    def __init__(self, data):
        super().__init__(data.hex())
        self.data = data


class Result:
    def __init__(self, receipt, computation, contract_address=None):
        self.status = receipt.state_root == b"\x01"
        self.gas_used = receipt.gas_used
        self.logs = [(log.address, [t.to_bytes(32, "big") for t in log.topics], log.data) for log in receipt.logs]
        self.output = computation.output
        self.revert_data = computation.output if computation.is_error else None
        self.contract_address = contract_address

    def events(self, signature, address=None):
        """The logs whose topic0 is the event `signature`, optionally emitted by `address`."""
        topic = keccak(text=signature)
        return [log for log in self.logs
                if log[1] and log[1][0] == topic and (address is None or log[0] == address_bytes(address))]


class Chain:
    """The devnet chain in this process: one block per transaction, timestamps START_TIME + 12 s per block."""

    def __init__(self):
        self.dev = Devnet()
        self.accounts = [Account.from_mnemonic(MNEMONIC, account_path=f"m/44'/60'/0'/0/{i}") for i in range(10)]
        self.time = START_TIME

    # Transactions

    def send(self, sender, to, data=b"", value=0, gas=15_000_000, timestamp=None):
        """Mines a block with one EIP-1559 transaction from `sender` (an eth_account account) and returns its
        Result; `to` None creates a contract."""
        state = self.dev.state("latest")
        tx = {"data": data, "value": value, "gas": gas, "maxFeePerGas": 100 * GWEI, "maxPriorityFeePerGas": GWEI,
              "nonce": state.get_nonce(address_bytes(sender.address)), "chainId": CHAIN_ID}
        if to is not None:
            tx["to"] = checksum(to)
        raw = sender.sign_transaction(tx).raw_transaction
        decoded = self.dev.decode_transaction(raw)
        self.time = timestamp if timestamp is not None else self.time + 12
        self.dev.set_next_timestamp(self.time)
        _, receipt, computation = self.dev.chain.apply_transaction(decoded)
        self.dev.mine()
        created = create_address(sender.address, tx["nonce"]) if to is None else None
        return Result(receipt, computation, created)

    def deploy(self, sender, init_code, constructor_types=(), constructor_args=()):
        result = self.send(sender, None, init_code + encode(list(constructor_types), list(constructor_args)))
        assert result.status, f"deployment failed: {result.output.hex()}"
        return result.contract_address

    def call(self, to, data, sender=None, value=0):
        """eth_call at the latest block (base fee 0); raises Reverted with the revert data."""
        request = CallRequest(sender=address_bytes(sender) if sender else None, to=address_bytes(to), gas=None,
                              value=value, data=data, access_list=())
        try:
            return self.dev.call(request, "latest")
        except RpcError as error:
            if error.data is None:
                raise
            raise Reverted(bytes.fromhex(error.data[2:])) from None

    def view(self, to, signature, out_types, *args):
        """The decoded answer of a view function."""
        answer = decode(list(out_types), self.call(to, calldata(signature, *args)))
        return answer[0] if len(answer) == 1 else answer

    # State

    def balance(self, address):
        return self.dev.state("latest").get_balance(address_bytes(address))

    def code(self, address):
        return self.dev.state("latest").get_code(address_bytes(address))

    def set_code(self, address, code):
        self.dev.set_code(address_bytes(address), code)

    def set_balance(self, address, wei):
        self.dev.set_balance(address_bytes(address), wei)

    def snapshot(self):
        return self.dev.snapshot(), self.time

    def revert(self, snapshot):
        snapshot_id, self.time = snapshot
        assert self.dev.revert(snapshot_id)
