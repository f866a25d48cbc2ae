"""The devnet server, end to end: it runs as a subprocess on a free port, and every answer is checked against the
Ethereum JSON-RPC specification's schemas (tests/schemas/execution-apis.json, transcribed from
ethereum/execution-apis) and against what the chain must have done.

    devnet/.venv/bin/python -m unittest discover -s devnet/tests
"""

import http.client
import json
import signal
import subprocess
import sys
import time
import unittest
from pathlib import Path

import jsonschema
from eth_abi import encode as abi_encode
from eth_account import Account
from eth_bloom import BloomFilter
from eth_utils import to_checksum_address

DEVNET = Path(__file__).resolve().parent.parent
SCHEMAS = json.loads((DEVNET / "tests" / "schemas" / "execution-apis.json").read_text())
MNEMONIC = "test test test test test test test test test test test junk"
CHAIN_ID = 31337
FIRST_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
TEN_THOUSAND_ETH = 10_000 * 10**18
GWEI = 10**9

Account.enable_unaudited_hdwallet_features()
ACCOUNTS = [Account.from_mnemonic(MNEMONIC, account_path=f"m/44'/60'/0'/0/{i}") for i in range(3)]


def deploy_code(runtime):
    """Init code that returns `runtime` (CODECOPY it to memory, RETURN it)."""
    size = len(runtime)
    return bytes([0x60, size, 0x60, 12, 0x60, 0, 0x39, 0x60, size, 0x60, 0, 0xF3]) + runtime


NOPE = bytes.fromhex("08c379a0") + abi_encode(["string"], ["nope"])
# Always reverts with Error("nope"): CODECOPY the encoded error after the 12 code bytes, REVERT with it.
REVERTER = deploy_code(bytes([0x60, len(NOPE), 0x60, 12, 0x60, 0, 0x39, 0x60, len(NOPE), 0x60, 0, 0xFD]) + NOPE)
LOG_TOPIC = bytes([0xAA] * 32)
# Emits LOG2(topic0 = LOG_TOPIC, topic1 = first calldata word, data = calldata), stores that word in slot 0.
LOGGER = deploy_code(
    bytes([0x36, 0x60, 0, 0x60, 0, 0x37])             # CALLDATACOPY(0, 0, CALLDATASIZE)
    + bytes([0x60, 0, 0x35])                          # topic1 = CALLDATALOAD(0)
    + bytes([0x7F]) + LOG_TOPIC                       # topic0
    + bytes([0x36, 0x60, 0, 0xA2])                    # LOG2(0, CALLDATASIZE, topic0, topic1)
    + bytes([0x60, 0, 0x35, 0x60, 0, 0x55, 0x00]))    # SSTORE(0, CALLDATALOAD(0)), STOP
# Runtime code: with calldata, stores its first word in slot 0; without, returns slot 0.
STORE_OR_LOAD = bytes(
    [0x36, 0x60, 15, 0x57]                            # JUMPI(15, CALLDATASIZE)
    + [0x60, 0, 0x54, 0x60, 0, 0x52, 0x60, 32, 0x60, 0, 0xF3]  # MSTORE(0, SLOAD(0)), RETURN(0, 32)
    + [0x5B, 0x60, 0, 0x35, 0x60, 0, 0x55, 0x00])     # 15: JUMPDEST, SSTORE(0, CALLDATALOAD(0)), STOP


def word(value):
    return "0x" + value.to_bytes(32, "big").hex()


class Devnet:
    """A devnet server subprocess and a keep-alive JSON-RPC client for it."""

    def __init__(self, *arguments):
        self.process = subprocess.Popen(
            [sys.executable, str(DEVNET / "server.py"), "--port", "0", *arguments],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        prefix = "podium devnet listening on http://127.0.0.1:"
        if not line.startswith(prefix):
            self.process.kill()
            raise RuntimeError(f"unexpected first line {line!r}: {self.process.stderr.read()}")
        self.port = int(line[len(prefix):])
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        self.next_id = 0

    def post(self, body):
        """Sends a raw body; returns (HTTP status, decoded JSON or None)."""
        self.connection.request("POST", "/", body=body, headers={"Content-Type": "application/json"})
        response = self.connection.getresponse()
        payload = response.read()
        return response.status, json.loads(payload) if payload else None

    def request(self, method, *params):
        self.next_id += 1
        _, answer = self.post(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method,
                                          "params": list(params)}))
        return answer

    def call(self, method, *params):
        answer = self.request(method, *params)
        if "error" in answer:
            raise AssertionError(f"{method} failed: {answer['error']}")
        return answer["result"]

    def stop(self):
        self.connection.close()
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=10)
        self.process.stdout.close()
        self.process.stderr.close()
        return code


class DevnetTestCase(unittest.TestCase):
    """One server for the class (started with `server_arguments`); each test runs between evm_snapshot and
    evm_revert."""
    server_arguments = ()

    @classmethod
    def setUpClass(cls):
        cls.devnet = Devnet(*cls.server_arguments)

    @classmethod
    def tearDownClass(cls):
        code = cls.devnet.stop()
        if code != 0:
            raise AssertionError(f"SIGTERM must exit the server with code 0, got {code}")

    def setUp(self):
        self.snapshot = self.rpc("evm_snapshot")

    def tearDown(self):
        self.rpc("evm_revert", self.snapshot)

    def rpc(self, method, *params):
        """Calls a method and checks its result against the specification's schema for it."""
        result = self.devnet.call(method, *params)
        if method in SCHEMAS["methods"]:
            self.assertShape(SCHEMAS["methods"][method], result, method)
        return result

    def assertShape(self, schema, value, what):
        errors = list(jsonschema.Draft202012Validator({"$defs": SCHEMAS["$defs"], **schema}).iter_errors(value))
        if errors:
            self.fail(f"{what} does not match the specification: {errors[0].message} at {list(errors[0].path)}")

    def assertError(self, answer, code, message_part=None):
        self.assertIn("error", answer, f"expected an error, got {answer}")
        self.assertEqual(answer["error"]["code"], code, answer["error"])
        if message_part:
            self.assertIn(message_part, answer["error"]["message"])

    def sign(self, account=0, nonce=None, chain_id=CHAIN_ID, **fields):
        sender = ACCOUNTS[account]
        if nonce is None:
            nonce = int(self.rpc("eth_getTransactionCount", sender.address, "pending"), 16)
        tx = {"type": 2, "chainId": chain_id, "nonce": nonce, "to": ACCOUNTS[1].address, "value": 1,
              "gas": 100_000, "maxFeePerGas": 10 * GWEI, "maxPriorityFeePerGas": GWEI}
        tx.update(fields)
        if tx.get("to") is None:
            tx.pop("to")
        else:
            tx["to"] = to_checksum_address(tx["to"])
        if "gasPrice" in tx:
            for key in ("maxFeePerGas", "maxPriorityFeePerGas"):
                tx.pop(key)
            if tx["type"] == 0:
                tx.pop("type")
        return "0x" + sender.sign_transaction(tx).raw_transaction.hex()

    def send(self, **fields):
        tx_hash = self.rpc("eth_sendRawTransaction", self.sign(**fields))
        return self.rpc("eth_getTransactionReceipt", tx_hash)

    def deploy(self, init_code):
        receipt = self.send(to=None, data=init_code, value=0, gas=200_000)
        self.assertEqual(receipt["status"], "0x1")
        return receipt["contractAddress"]

    def head(self):
        return int(self.rpc("eth_blockNumber"), 16)

    def block(self, number):
        return self.rpc("eth_getBlockByNumber", hex(number), False)

    def timestamp(self, number):
        return int(self.block(number)["timestamp"], 16)


class ChainTests(DevnetTestCase):
    def test_identity_and_accounts(self):
        self.assertEqual(self.rpc("eth_chainId"), hex(CHAIN_ID))
        self.assertEqual(self.rpc("net_version"), str(CHAIN_ID))
        self.assertRegex(self.rpc("web3_clientVersion"), r"^podium-devnet/0\.1 py-evm/\S+$")
        accounts = self.rpc("eth_accounts")
        self.assertEqual(len(accounts), 10)
        self.assertEqual(accounts[0], FIRST_ADDRESS.lower())
        self.assertEqual(accounts[:3], [a.address.lower() for a in ACCOUNTS])
        for account in accounts:
            self.assertEqual(int(self.rpc("eth_getBalance", account, "latest"), 16), TEN_THOUSAND_ETH)

    def test_every_transaction_type_and_answer_shape(self):
        logger = self.deploy(LOGGER)
        self.assertEqual(self.rpc("eth_getCode", logger, "latest")[2:], LOGGER[12:].hex())
        receipts = [
            self.send(to=logger, data=word(7), value=0),                               # EIP-1559, with a log
            self.send(type=1, gasPrice=10 * GWEI, accessList=[{"address": logger, "storageKeys": [word(0)]}]),
            self.send(type=0, gasPrice=10 * GWEI),                                     # legacy, EIP-155
            self.send(type=4, to=ACCOUNTS[2].address, value=0, data=word(9), authorizationList=[  # EIP-7702
                ACCOUNTS[2].sign_authorization({"chainId": CHAIN_ID, "address": logger, "nonce": 0})]),
        ]
        self.assertEqual([r["type"] for r in receipts], ["0x2", "0x1", "0x0", "0x4"])
        self.assertEqual(self.rpc("eth_getCode", ACCOUNTS[2].address), "0xef0100" + logger[2:])
        self.assertEqual(receipts[3]["logs"][0]["address"], ACCOUNTS[2].address.lower())
        self.assertEqual(self.rpc("eth_getStorageAt", logger, "0x0", "latest"), word(7))
        for receipt in receipts:
            self.assertEqual(receipt["status"], "0x1")
            tx = self.rpc("eth_getTransactionByHash", receipt["transactionHash"])
            self.assertEqual((tx["blockHash"], tx["from"]), (receipt["blockHash"], ACCOUNTS[0].address.lower()))
            for full in (False, True):
                block = self.rpc("eth_getBlockByHash", receipt["blockHash"], full)
                self.assertEqual(block, self.rpc("eth_getBlockByNumber", receipt["blockNumber"], full))
                self.assertEqual(block["logsBloom"], receipt["logsBloom"])  # one transaction per block
        log = receipts[0]["logs"][0]
        self.assertEqual((log["address"], log["topics"], log["data"]),
                         (logger, ["0x" + LOG_TOPIC.hex(), word(7)], word(7)))
        bloom = BloomFilter(int(receipts[0]["logsBloom"], 16))
        for item in (logger, "0x" + LOG_TOPIC.hex(), word(7)):
            self.assertIn(bytes.fromhex(item[2:]), bloom)
        self.assertNotIn(bytes.fromhex(word(8)[2:]), bloom)
        self.assertEqual(int(receipts[2]["logsBloom"], 16), 0)
        self.assertEqual(receipts[0]["effectiveGasPrice"],
                         hex(int(self.block(int(receipts[0]["blockNumber"], 16))["baseFeePerGas"], 16) + GWEI))

    def test_reads_at_blocks_and_tags(self):
        before = self.head()
        self.send(value=5)
        balance = lambda block: int(self.rpc("eth_getBalance", ACCOUNTS[1].address, block), 16)
        self.assertEqual(balance("latest") - balance(hex(before)), 5)
        for tag in ("pending", "safe", "finalized"):
            self.assertEqual(balance(tag), balance("latest"))
        self.assertEqual(balance("earliest"), TEN_THOUSAND_ETH)
        self.assertEqual(balance({"blockHash": self.block(before)["hash"]}), balance(hex(before)))
        self.assertIsNone(self.rpc("eth_getBlockByNumber", hex(self.head() + 5), False))
        self.assertIsNone(self.rpc("eth_getTransactionByHash", word(1)))
        self.assertIsNone(self.rpc("eth_getTransactionReceipt", word(1)))
        self.assertError(self.devnet.request("eth_getBalance", FIRST_ADDRESS, hex(self.head() + 5)), -32000)

    def test_call_and_estimate(self):
        logger = self.deploy(LOGGER)
        self.assertEqual(self.rpc("eth_call", {"to": logger, "input": word(1)}, "latest"), "0x")
        self.assertEqual(self.rpc("eth_call", {"to": logger, "data": word(1)}), "0x")
        self.assertEqual(int(self.rpc("eth_estimateGas", {"from": FIRST_ADDRESS, "to": ACCOUNTS[1].address,
                                                          "value": "0x1"}), 16), 21_000)
        estimate = int(self.rpc("eth_estimateGas", {"to": logger, "input": word(1)}), 16)
        receipt = self.send(to=logger, data=word(1), value=0, gas=estimate)
        self.assertEqual(receipt["status"], "0x1")

    def test_set_balance(self):
        self.assertIsNone(self.rpc("anvil_setBalance", ACCOUNTS[2].address, hex(12345)))
        self.assertEqual(self.rpc("eth_getBalance", ACCOUNTS[2].address, "latest"), hex(12345))
        self.send(account=1, to=ACCOUNTS[2].address)  # blocks mined after it keep the change
        self.assertEqual(self.rpc("eth_getBalance", ACCOUNTS[2].address, "latest"), hex(12345 + 1))

    def test_reset(self):
        self.send()
        self.rpc("anvil_reset")
        self.assertEqual(self.head(), 0)
        self.assertEqual(self.rpc("eth_chainId"), hex(CHAIN_ID))
        self.assertEqual(int(self.rpc("eth_getBalance", FIRST_ADDRESS), 16), TEN_THOUSAND_ETH)
        self.assertEqual(self.send()["status"], "0x1")  # chain id 31337 still accepted after the reset


class AccessListTests(DevnetTestCase):
    def test_access_list_lists_the_slots_and_accounts_a_call_touches(self):
        # SLOAD 5, SLOAD 7, BALANCE of 0x…be, then RETURN 32 bytes: two cold slots (2100 each, EIP-2929) and one
        # cold account (2600).
        target = "0x" + "cd" * 20
        code = bytes.fromhex("6005545060075450" + "73" + "be" * 20 + "3150" + "60206000f3")
        self.rpc("anvil_setCode", target, "0x" + code.hex())
        answer = self.rpc("eth_createAccessList", {"from": ACCOUNTS[0].address, "to": target}, "latest")
        self.assertEqual(answer["accessList"], [
            {"address": "0x" + "be" * 20, "storageKeys": []},
            {"address": target, "storageKeys": [word(5), word(7)]},
        ])
        # 21000 + two cold SLOADs + one cold BALANCE + 4 PUSH1, a PUSH20, 3 POPs, memory for one word.
        self.assertEqual(int(answer["gasUsed"], 16), 21000 + 2 * 2100 + 2600 + 5 * 3 + 3 * 2 + 3)
        # A plain transfer touches nothing but its two ends, which are left out.
        plain = self.rpc("eth_createAccessList", {"from": ACCOUNTS[0].address, "to": ACCOUNTS[1].address})
        self.assertEqual(plain, {"accessList": [], "gasUsed": hex(21000)})


class StateEditTests(DevnetTestCase):
    def test_set_code_is_callable_and_transactable(self):
        target = "0x" + "ab" * 20
        before = self.head()
        self.assertIsNone(self.rpc("anvil_setCode", target, "0x" + STORE_OR_LOAD.hex()))
        for block in ("latest", "pending"):
            self.assertEqual(self.rpc("eth_getCode", target, block), "0x" + STORE_OR_LOAD.hex())
        self.assertEqual(self.rpc("eth_call", {"to": target}), word(0))
        receipt = self.send(to=target, data=word(42), value=0)
        self.assertEqual(receipt["status"], "0x1")
        self.assertEqual(self.rpc("eth_getStorageAt", target, "0x0", "latest"), word(42))
        self.assertEqual(self.rpc("eth_call", {"to": target}, "latest"), word(42))
        self.rpc("evm_mine")  # blocks mined after it keep the code; the block before it never had it
        self.assertEqual(self.rpc("eth_getCode", target), "0x" + STORE_OR_LOAD.hex())
        self.assertEqual(self.rpc("eth_getCode", target, hex(before)), "0x")
        self.assertIsNone(self.rpc("hardhat_setCode", target, "0x"))
        self.assertEqual(self.rpc("eth_getCode", target), "0x")
        self.assertEqual(self.rpc("eth_getStorageAt", target, "0x0"), word(42))  # storage stays, as in anvil

    def test_set_nonce_is_used_by_the_next_transaction(self):
        account = ACCOUNTS[2].address
        self.assertIsNone(self.rpc("anvil_setNonce", account, hex(7)))
        for block in ("latest", "pending"):
            self.assertEqual(self.rpc("eth_getTransactionCount", account, block), hex(7))
        self.assertError(self.devnet.request("eth_sendRawTransaction", self.sign(account=2, nonce=6)), -32000,
                         "nonce too low")
        receipt = self.send(account=2, nonce=7)
        self.assertEqual(receipt["status"], "0x1")
        self.assertEqual(self.rpc("eth_getTransactionByHash", receipt["transactionHash"])["nonce"], hex(7))
        self.assertEqual(self.rpc("eth_getTransactionCount", account), hex(8))
        self.assertIsNone(self.rpc("hardhat_setNonce", account, hex(3)))  # lower works too, as in anvil
        self.assertEqual(self.send(account=2, nonce=3)["status"], "0x1")

    def test_set_storage_at(self):
        contract = self.deploy(deploy_code(STORE_OR_LOAD))
        self.assertIs(self.rpc("anvil_setStorageAt", contract, "0x0", word(99)), True)
        self.assertEqual(self.rpc("eth_getStorageAt", contract, "0x0", "latest"), word(99))
        self.assertEqual(self.rpc("eth_call", {"to": contract}), word(99))
        self.assertIs(self.rpc("hardhat_setStorageAt", contract, word(5), word(6)), True)  # a slot as a word
        self.rpc("evm_mine")
        self.assertEqual(self.rpc("eth_getStorageAt", contract, "0x5"), word(6))
        self.assertEqual(self.rpc("eth_getStorageAt", contract, "0x0", "pending"), word(99))
        self.assertTrue(self.rpc("anvil_setStorageAt", contract, "0x5", word(0)))
        self.assertEqual(self.rpc("eth_getStorageAt", contract, "0x5"), word(0))
        self.assertEqual(self.send(to=contract, data=word(1), value=0)["status"], "0x1")
        self.assertEqual(self.rpc("eth_getStorageAt", contract, "0x0"), word(1))
        self.assertTrue(self.rpc("anvil_setStorageAt", ACCOUNTS[2].address, "0x1", word(2)))  # not a contract
        self.assertEqual(self.rpc("eth_getStorageAt", ACCOUNTS[2].address, "0x1"), word(2))

    def test_mine(self):
        head = self.head()
        self.assertIsNone(self.rpc("anvil_mine"))
        self.assertEqual(self.head(), head + 1)
        self.assertIsNone(self.rpc("anvil_mine", "0x3"))
        self.assertEqual(self.head(), head + 4)
        self.assertEqual([self.block(n)["transactions"] for n in range(head + 1, head + 5)], [[]] * 4)
        timestamps = [self.timestamp(n) for n in range(head, head + 5)]
        self.assertEqual(timestamps, sorted(set(timestamps)))
        self.assertIsNone(self.rpc("anvil_mine", "0x0"))
        self.assertEqual(self.head(), head + 4)
        latest = self.timestamp(head + 4)
        self.assertIsNone(self.rpc("anvil_mine", "0x4", "0x3c"))
        self.assertEqual([self.timestamp(n) for n in range(head + 5, head + 9)],
                         [latest + 60 * i for i in range(1, 5)])
        self.assertIsNone(self.rpc("hardhat_mine", 2, 3600))
        self.assertEqual(self.timestamp(head + 10), latest + 240 + 7200)
        self.rpc("evm_setNextBlockTimestamp", latest + 100_000)  # a fixed timestamp dates the first block
        self.rpc("anvil_mine", "0x2", "0xa")
        self.assertEqual([self.timestamp(n) for n in (head + 11, head + 12)], [latest + 100_000, latest + 100_010])
        self.assertEqual(self.send()["blockNumber"], hex(head + 13))  # time goes on from there
        self.assertGreater(self.timestamp(self.head()), latest + 100_010)


class FinalityTests(DevnetTestCase):
    server_arguments = ("--finality-depth", "4")

    def tag(self, name):
        return int(self.rpc("eth_getBlockByNumber", name, False)["number"], 16)

    def test_safe_and_finalized_trail_the_head(self):
        self.rpc("anvil_mine", "0xa")
        head = self.head()
        self.assertEqual((self.tag("finalized"), self.tag("safe"), self.tag("latest")), (head - 4, head - 2, head))
        for full in (False, True):
            self.assertEqual(self.rpc("eth_getBlockByNumber", "finalized", full),
                             self.rpc("eth_getBlockByNumber", hex(head - 4), full))
        self.send()
        self.assertEqual((self.tag("finalized"), self.tag("safe")), (head - 3, head - 1))
        self.assertEqual(self.rpc("eth_feeHistory", "0x2", "finalized")["oldestBlock"], hex(head - 4))
        self.assertEqual(self.rpc("eth_feeHistory", "0x1", "safe")["oldestBlock"], hex(head - 1))

    def test_reset_keeps_the_depth_and_a_short_chain_is_finalized_at_genesis(self):
        self.rpc("anvil_mine", "0xa")
        self.rpc("anvil_reset")
        self.assertEqual((self.tag("finalized"), self.tag("safe"), self.head()), (0, 0, 0))
        self.rpc("anvil_mine", "0x3")
        self.assertEqual((self.tag("finalized"), self.tag("safe")), (0, 1))
        self.rpc("anvil_mine", "0x3")
        self.assertEqual((self.tag("finalized"), self.tag("safe")), (2, 4))

    def test_state_reads_at_safe_and_finalized(self):
        contract = self.deploy(deploy_code(STORE_OR_LOAD))
        deployed = self.head()
        for value in (1, 2):
            self.send(to=contract, data=word(value), value=0)
        self.assertEqual(self.rpc("eth_getCode", contract, "finalized"), "0x")  # before the deployment
        self.assertEqual(self.rpc("eth_getCode", contract, "safe"), "0x" + STORE_OR_LOAD.hex())
        self.assertEqual(self.rpc("eth_call", {"to": contract}, "finalized"), "0x")
        for value in (3, 4):
            self.send(to=contract, data=word(value), value=0)
        self.assertEqual(self.tag("finalized"), deployed)
        self.assertEqual(self.rpc("eth_getStorageAt", contract, "0x0", "finalized"), word(0))
        self.assertEqual(self.rpc("eth_getStorageAt", contract, "0x0", "safe"), word(2))
        self.assertEqual(self.rpc("eth_getStorageAt", contract, "0x0", "latest"), word(4))
        self.assertEqual(self.rpc("eth_call", {"to": contract}, "safe"), word(2))
        self.assertEqual(self.rpc("eth_call", {"to": contract}, {"blockNumber": "finalized"}), word(0))
        sender = ACCOUNTS[0].address
        for tag, number in (("finalized", deployed), ("safe", deployed + 2)):
            with self.subTest(tag=tag):
                self.assertEqual(self.rpc("eth_getTransactionCount", sender, tag),
                                 self.rpc("eth_getTransactionCount", sender, hex(number)))
                self.assertEqual(self.rpc("eth_getBalance", sender, tag),
                                 self.rpc("eth_getBalance", sender, hex(number)))
        self.assertNotEqual(self.rpc("eth_getBalance", sender, "finalized"), self.rpc("eth_getBalance", sender))

    def test_logs_up_to_finalized(self):
        logger = self.deploy(LOGGER)
        blocks = [int(self.send(to=logger, data=word(value), value=0)["blockNumber"], 16) for value in range(1, 7)]
        values = lambda **f: [int(entry["topics"][1], 16)
                              for entry in self.rpc("eth_getLogs", {"address": logger, **f})]
        self.assertEqual(values(fromBlock=hex(blocks[0]), toBlock="finalized"), [1, 2])
        self.assertEqual(values(fromBlock="safe"), [4, 5, 6])
        self.assertEqual(values(fromBlock="finalized", toBlock="safe"), [2, 3, 4])
        self.assertError(self.devnet.request("eth_getLogs", {"fromBlock": "safe", "toBlock": "finalized"}), -32000,
                         "invalid block range")

    def test_reorgs_deeper_than_the_finality_depth_are_allowed(self):
        self.rpc("anvil_mine", "0xa")
        head = self.head()
        finalized = self.rpc("eth_getBlockByNumber", "finalized", False)["hash"]
        self.assertIsNone(self.rpc("anvil_reorg", 6, []))
        self.assertEqual(self.head(), head)
        self.assertNotEqual(self.rpc("eth_getBlockByNumber", "finalized", False)["hash"], finalized)
        self.assertIsNone(self.rpc("eth_getBlockByHash", finalized, False))
        self.assertIsNone(self.rpc("anvil_rollback", 6))
        self.assertEqual(self.tag("finalized"), head - 10)
        snapshot = self.rpc("evm_snapshot")
        self.rpc("anvil_mine", "0xa")
        finalized = self.rpc("eth_getBlockByNumber", "finalized", False)["hash"]
        self.assertTrue(self.rpc("evm_revert", snapshot))
        self.assertIsNone(self.rpc("eth_getBlockByHash", finalized, False))
        self.assertEqual(self.tag("finalized"), head - 10)

    def test_depth_must_not_be_negative(self):
        result = subprocess.run([sys.executable, str(DEVNET / "server.py"), "--port", "0", "--finality-depth", "-1"],
                                capture_output=True, text=True, timeout=30)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--finality-depth must not be negative", result.stderr)


class ErrorTests(DevnetTestCase):
    def test_protocol_errors(self):
        self.assertError(self.devnet.post(b"{not json")[1], -32700)
        self.assertError(self.devnet.post(b"[]")[1], -32600, "empty batch")
        self.assertError(self.devnet.post(b"7")[1], -32600)
        self.assertError(self.devnet.post(b'{"jsonrpc":"1.0","id":1,"method":"eth_chainId"}')[1], -32600)
        self.assertError(self.devnet.post(b'{"jsonrpc":"2.0","id":{},"method":"eth_chainId"}')[1], -32600)
        self.assertError(self.devnet.request("eth_noSuchMethod"), -32601)

    def test_bad_params_name_the_parameter(self):
        cases = [
            (("eth_getBalance", "0x1234"), "params[0] (address)"),
            (("eth_getBalance", FIRST_ADDRESS, "newest"), "params[1] (block)"),
            (("eth_getBlockByNumber", "latest"), "missing params[1] (fullTransactions)"),
            (("eth_getBlockByNumber", "latest", "yes"), "params[1] (fullTransactions)"),
            (("eth_call", {"to": FIRST_ADDRESS, "input": "0x1"}), "params[0] (transaction): input"),
            (("eth_getLogs", {"topics": ["0x12"]}), "params[0] (filter): topics"),
            (("eth_feeHistory", "0x0", "latest", []), "params[0] (blockCount)"),
            (("eth_feeHistory", "0x2", "latest", [50, 10]), "params[2] (rewardPercentiles)"),
            (("eth_chainId", 1), "at most 0 parameters"),
            (("eth_sendRawTransaction", "0xc0"), "raw transaction"),
            (("anvil_setCode", "0x1234", "0x"), "params[0] (address)"),
            (("anvil_setCode", FIRST_ADDRESS, "0x1"), "params[1] (code)"),
            (("hardhat_setCode", FIRST_ADDRESS), "missing params[1] (code)"),
            (("anvil_setNonce", FIRST_ADDRESS, "7"), "params[1] (nonce)"),
            (("anvil_setNonce", FIRST_ADDRESS, hex(2**64)), "params[1] (nonce): a nonce must be below 2**64"),
            (("anvil_setStorageAt", FIRST_ADDRESS, "0x", word(1)), "params[1] (slot)"),
            (("anvil_setStorageAt", FIRST_ADDRESS, hex(2**256), word(1)), "params[1] (slot)"),
            (("anvil_setStorageAt", FIRST_ADDRESS, "0x0", "0x1"), "params[2] (value): expected a 32-byte word"),
            (("hardhat_setStorageAt", FIRST_ADDRESS, "0x0"), "missing params[2] (value)"),
            (("anvil_mine", "ten"), "params[0] (count)"),
            (("anvil_mine", hex(10_001)), "params[0] (count): at most 10000 blocks per call"),
            (("anvil_mine", "0x1", "0x0"), "params[1] (interval): must be at least 1"),
            (("hardhat_mine", "0x1", "0x1", "0x1"), "hardhat_mine takes at most 2 parameters"),
            (("eth_getBlockByNumber", "finalised", False), "params[0] (block)"),
        ]
        for (method, *params), message in cases:
            with self.subTest(method=method, params=params):
                self.assertError(self.devnet.request(method, *params), -32602, message)

    def test_notifications_and_batches(self):
        status, answer = self.devnet.post(b'{"jsonrpc":"2.0","method":"eth_blockNumber"}')
        self.assertEqual((status, answer), (204, None))
        batch = [{"jsonrpc": "2.0", "id": 1, "method": "eth_chainId"},
                 {"jsonrpc": "2.0", "method": "eth_chainId"},
                 "junk",
                 {"jsonrpc": "2.0", "id": "b", "method": "eth_nope"},
                 {"jsonrpc": "2.0", "id": 3, "method": "eth_getBalance", "params": ["0x00"]}]
        status, answers = self.devnet.post(json.dumps(batch))
        self.assertEqual(status, 200)
        self.assertEqual(len(answers), 4)
        self.assertEqual(answers[0], {"jsonrpc": "2.0", "id": 1, "result": hex(CHAIN_ID)})
        self.assertError(answers[1], -32600)
        self.assertEqual(answers[2]["id"], "b")
        self.assertError(answers[2], -32601)
        self.assertEqual(answers[3]["id"], 3)
        self.assertError(answers[3], -32602)
        self.assertEqual(self.devnet.post(json.dumps(batch[1:2]))[0], 204)

    def test_revert_carries_reason_and_data(self):
        reverter = self.deploy(REVERTER)
        for method in ("eth_call", "eth_estimateGas"):
            with self.subTest(method=method):
                answer = self.devnet.request(method, {"to": reverter, "input": "0x"})
                self.assertError(answer, 3)
                self.assertEqual(answer["error"]["message"], "execution reverted: nope")
                self.assertEqual(answer["error"]["data"], "0x" + NOPE.hex())
        receipt = self.send(to=reverter, value=0)
        self.assertEqual(receipt["status"], "0x0")
        failed_deploy = self.send(to=None, data=REVERTER[12:], value=0)  # init code that reverts
        self.assertEqual(failed_deploy["status"], "0x0")
        self.assertEqual(self.rpc("eth_getCode", failed_deploy["contractAddress"]), "0x")

    def test_wrong_chain_id_is_rejected(self):
        for fields in ({"chain_id": 1}, {"chain_id": 1, "type": 0, "gasPrice": 10 * GWEI}):
            with self.subTest(fields=fields):
                self.assertError(self.devnet.request("eth_sendRawTransaction", self.sign(**fields)), -32000,
                                 "chain id")
        pre_eip155 = Account.sign_transaction(
            {"nonce": 0, "to": ACCOUNTS[1].address, "value": 1, "gas": 21_000, "gasPrice": 10 * GWEI},
            ACCOUNTS[2].key)
        receipt_hash = self.rpc("eth_sendRawTransaction", "0x" + pre_eip155.raw_transaction.hex())
        tx = self.rpc("eth_getTransactionByHash", receipt_hash)
        self.assertNotIn("chainId", tx)
        self.assertIn(tx["v"], ("0x1b", "0x1c"))

    def test_rejected_transactions_say_why(self):
        self.send()
        cases = [
            ({"nonce": 0}, "nonce too low"),
            ({"nonce": 99}, "nonce too high"),
            ({"gas": 20_000}, "intrinsic gas too low"),
            ({"maxFeePerGas": 1, "maxPriorityFeePerGas": 1}, "max fee per gas less than block base fee"),
            ({"value": 2 * TEN_THOUSAND_ETH}, "insufficient funds"),
            ({"gas": 40_000_000}, "exceeds block gas limit"),
        ]
        for fields, message in cases:
            with self.subTest(fields=fields):
                self.assertError(self.devnet.request("eth_sendRawTransaction", self.sign(**fields)), -32000,
                                 message)


class ReorgTests(DevnetTestCase):
    def test_snapshot_revert_gives_new_blocks_at_the_same_heights(self):
        start = self.head()
        snapshot = self.rpc("evm_snapshot")
        first = [self.send()["blockHash"] for _ in range(3)]
        self.assertTrue(self.rpc("evm_revert", snapshot))
        self.assertEqual(self.head(), start)
        self.assertFalse(self.rpc("evm_revert", snapshot))  # used up
        second = [self.send(value=2)["blockHash"] for _ in range(3)]
        self.assertEqual([self.block(start + i + 1)["hash"] for i in range(3)], second)
        self.assertTrue(set(first).isdisjoint(second))
        self.assertIsNone(self.rpc("eth_getBlockByHash", first[0], False))

    def test_anvil_reorg_replaces_blocks(self):
        old = self.send()
        for _ in range(2):
            self.rpc("evm_mine")
        head = self.head()
        old_hashes = [self.block(n)["hash"] for n in range(head - 2, head + 1)]
        nonce = int(self.rpc("eth_getTransactionCount", ACCOUNTS[1].address), 16)
        replacement = self.sign(account=1, nonce=nonce)
        self.assertIsNone(self.rpc("anvil_reorg", 3, [[replacement, 1]]))
        self.assertEqual(self.head(), head)
        new_hashes = [self.block(n)["hash"] for n in range(head - 2, head + 1)]
        self.assertTrue(set(old_hashes).isdisjoint(new_hashes))
        self.assertIsNone(self.rpc("eth_getTransactionReceipt", old["transactionHash"]))
        self.assertEqual(self.block(head - 2)["transactions"], [])
        [moved] = self.block(head - 1)["transactions"]
        self.assertEqual(self.rpc("eth_getTransactionReceipt", moved)["from"], ACCOUNTS[1].address.lower())
        self.assertEqual(self.block(head - 2)["parentHash"], self.block(head - 3)["hash"])
        self.assertError(self.devnet.request("anvil_reorg", 2, [[replacement, 2]]), -32602, "offset")
        self.assertError(self.devnet.request("anvil_reorg", head + 1, []), -32602, "depth")

    def test_anvil_rollback(self):
        receipt = self.send()
        head = self.head()
        self.assertIsNone(self.rpc("anvil_rollback", 1))
        self.assertEqual(self.head(), head - 1)
        self.assertIsNone(self.rpc("eth_getTransactionReceipt", receipt["transactionHash"]))
        self.assertEqual(self.send()["blockNumber"], hex(head))  # the dropped nonce is free again
        self.rpc("anvil_rollback")
        self.assertEqual(self.head(), head - 1)


class LogTests(DevnetTestCase):
    def test_filters(self):
        logger = self.deploy(LOGGER)
        other = self.deploy(LOGGER)
        blocks = {}
        for contract, value in ((logger, 1), (logger, 2), (other, 1), (other, 3)):
            blocks[(contract, value)] = self.send(to=contract, data=word(value), value=0)["blockNumber"]
        first, last = blocks[(logger, 1)], blocks[(other, 3)]
        logs = lambda **f: self.rpc("eth_getLogs", {"fromBlock": first, **f})
        values = lambda found: [(entry["address"], int(entry["topics"][1], 16)) for entry in found]
        self.assertEqual(values(logs()), [(logger, 1), (logger, 2), (other, 1), (other, 3)])
        self.assertEqual(values(logs(address=other)), [(other, 1), (other, 3)])
        self.assertEqual(values(logs(address=[other, logger])), values(logs()))
        self.assertEqual(values(logs(topics=[None, word(1)])), [(logger, 1), (other, 1)])
        self.assertEqual(values(logs(topics=[["0x" + LOG_TOPIC.hex()], [word(2), word(3)]])),
                         [(logger, 2), (other, 3)])
        self.assertEqual(logs(topics=[word(5)]), [])
        self.assertEqual(logs(topics=[None, None, None]), [])  # the logs have two topics only
        self.assertEqual(values(self.rpc("eth_getLogs", {"fromBlock": "earliest", "toBlock": blocks[(logger, 2)]})),
                         [(logger, 1), (logger, 2)])
        self.assertEqual(values(logs(toBlock=hex(int(last, 16) + 100))), values(logs()))  # past the head: clamped
        self.assertEqual(values(self.rpc("eth_getLogs", {})), [(other, 3)])  # latest only
        self.assertEqual(self.rpc("eth_getLogs", {"fromBlock": hex(int(last, 16) + 1)}), [])
        block_hash = self.block(int(blocks[(other, 1)], 16))["hash"]
        by_hash = self.rpc("eth_getLogs", {"blockHash": block_hash})
        self.assertEqual(values(by_hash), [(other, 1)])
        self.assertEqual(by_hash[0]["logIndex"], "0x0")
        self.assertError(self.devnet.request("eth_getLogs", {"blockHash": word(5)}), -32000, "unknown block")
        self.assertError(self.devnet.request("eth_getLogs", {"blockHash": block_hash, "fromBlock": "0x1"}), -32602)
        self.assertError(self.devnet.request("eth_getLogs", {"fromBlock": last, "toBlock": first}), -32000)


class FeeAndTimeTests(DevnetTestCase):
    def test_fee_history(self):
        for _ in range(4):
            self.send(maxPriorityFeePerGas=2 * GWEI)
        head = self.head()
        history = self.rpc("eth_feeHistory", "0x3", "latest", [10, 50, 90])
        self.assertEqual(history["oldestBlock"], hex(head - 2))
        self.assertEqual(len(history["baseFeePerGas"]), 4)
        self.assertEqual(history["baseFeePerGas"][:3],
                         [self.block(n)["baseFeePerGas"] for n in range(head - 2, head + 1)])
        pending = self.rpc("eth_getBlockByNumber", "pending", False)
        self.assertEqual(history["baseFeePerGas"][3], pending["baseFeePerGas"])
        self.assertEqual(len(history["gasUsedRatio"]), 3)
        self.assertEqual(history["reward"], [[hex(2 * GWEI)] * 3] * 3)
        older = self.rpc("eth_feeHistory", "0x2", hex(head - 1), [])
        self.assertEqual(older["oldestBlock"], hex(head - 2))
        self.assertNotIn("reward", older)
        everything = self.rpc("eth_feeHistory", "0x400", "latest")
        self.assertEqual(everything["oldestBlock"], "0x0")
        self.assertEqual(len(everything["gasUsedRatio"]), head + 1)
        self.assertEqual(self.rpc("eth_maxPriorityFeePerGas"), hex(GWEI))
        self.assertEqual(int(self.rpc("eth_gasPrice"), 16), int(history["baseFeePerGas"][3], 16) + GWEI)

    def test_set_next_block_timestamp_and_mine_with_timestamp(self):
        latest = int(self.block(self.head())["timestamp"], 16)
        self.assertIsNone(self.rpc("evm_setNextBlockTimestamp", latest + 1000))
        receipt = self.send()
        self.assertEqual(self.block(int(receipt["blockNumber"], 16))["timestamp"], hex(latest + 1000))
        self.assertEqual(self.rpc("evm_mine", hex(latest + 5000)), "0x0")
        self.assertEqual(self.block(self.head())["timestamp"], hex(latest + 5000))
        self.rpc("evm_mine")
        self.assertGreaterEqual(int(self.block(self.head())["timestamp"], 16), latest + 5001)
        self.assertError(self.devnet.request("evm_setNextBlockTimestamp", latest), -32602)

    def test_increase_time(self):
        now = int(time.time())
        offset = self.rpc("evm_increaseTime", 3600)
        self.assertGreaterEqual(offset, 3600)
        self.rpc("evm_mine")
        self.assertGreaterEqual(int(self.block(self.head())["timestamp"], 16), now + 3600)


class IntervalMiningTests(unittest.TestCase):
    def test_block_time_mines_pending_transactions_together(self):
        devnet = Devnet("--block-time", "0.5")
        try:
            sender = ACCOUNTS[0]
            raws = ["0x" + sender.sign_transaction(
                {"type": 2, "chainId": CHAIN_ID, "nonce": n, "to": ACCOUNTS[1].address, "value": 1, "gas": 21_000,
                 "maxFeePerGas": 10 * GWEI, "maxPriorityFeePerGas": GWEI}).raw_transaction.hex() for n in range(2)]
            hashes = [devnet.call("eth_sendRawTransaction", raw) for raw in raws]
            pending = devnet.call("eth_getTransactionByHash", hashes[1])
            if pending["blockHash"] is None:  # not mined yet: no receipt
                self.assertIsNone(devnet.call("eth_getTransactionReceipt", hashes[1]))
            deadline = time.time() + 5
            while devnet.call("eth_getTransactionReceipt", hashes[1]) is None and time.time() < deadline:
                time.sleep(0.1)
            receipts = [devnet.call("eth_getTransactionReceipt", h) for h in hashes]
            self.assertEqual(receipts[0]["blockNumber"], receipts[1]["blockNumber"])
            self.assertEqual(receipts[1]["transactionIndex"], "0x1")
            number = int(devnet.call("eth_blockNumber"), 16)
            time.sleep(1.2)
            self.assertGreater(int(devnet.call("eth_blockNumber"), 16), number)  # empty blocks too
        finally:
            self.assertEqual(devnet.stop(), 0)


if __name__ == "__main__":
    unittest.main()
