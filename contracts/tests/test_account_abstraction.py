"""The ERC-4337 v0.7 contracts (contracts/EntryPoint.vy, SimpleAccount.vy, SimpleAccountFactory.vy,
VerifyingPaymaster.vy) on an in-process py-evm chain, from their committed artifacts in abi/, and side by side with
the canonical eth-infinitism v0.7 EntryPoint and SimpleAccountFactory (Tests/vectors/canonical-aa-v07.json).

    devnet/.venv/bin/python -m unittest discover -s contracts/tests

Test-only contracts (contracts/tests/*.vy) are compiled here with .venv/bin/vyper. Deterministic: fixed keys, fixed
block timestamps, seeded randomness."""

import json
import random
import unittest

from eth_abi import decode, encode
from eth_utils import keccak

from aa_harness import (
    GWEI, OP_TYPE, ROOT, Chain, Reverted, address_bytes, artifact, artifact_bytecode, calldata, checksum,
    compile_test_contracts, error_data, error_string, failed_op, failed_op_with_revert,
    paymaster_and_data, predicted_account, sign_hash_eip191, user_op, user_op_hash,
)

CANONICAL = json.loads((ROOT / "Tests" / "vectors" / "canonical-aa-v07.json").read_text())
HANDLE_OPS = f"handleOps({OP_TYPE}[],address)"
ETHER = 10**18
SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

EVENTS = {
    "UserOperationEvent": "UserOperationEvent(bytes32,address,address,uint256,bool,uint256,uint256)",
    "AccountDeployed": "AccountDeployed(bytes32,address,address,address)",
    "UserOperationRevertReason": "UserOperationRevertReason(bytes32,address,uint256,bytes)",
    "PostOpRevertReason": "PostOpRevertReason(bytes32,address,uint256,bytes)",
    "UserOperationPrefundTooLow": "UserOperationPrefundTooLow(bytes32,address,uint256)",
    "BeforeExecution": "BeforeExecution()",
    "Deposited": "Deposited(address,uint256)",
    "Withdrawn": "Withdrawn(address,address,uint256)",
    "StakeLocked": "StakeLocked(address,uint256,uint256)",
    "StakeUnlocked": "StakeUnlocked(address,uint256)",
    "StakeWithdrawn": "StakeWithdrawn(address,address,uint256)",
}
TOPIC_NAMES = {keccak(text=sig): name for name, sig in EVENTS.items()}


def user_operation_event(log):
    """(userOpHash, sender, paymaster, nonce, success, actualGasCost, actualGasUsed) of a UserOperationEvent log."""
    _, topics, data = log
    nonce, success, cost, used = decode(["uint256", "bool", "uint256", "uint256"], data)
    return topics[1], topics[2][12:], topics[3][12:], nonce, success, cost, used


def time_range(valid_until, valid_after, sig_failed=0):
    return sig_failed | valid_until << 160 | valid_after << 208


class Deployment:
    """One entry point with a SimpleAccount factory, a VerifyingPaymaster and the test contracts, on `chain`."""

    def __init__(self, chain, entry_point=None, factory=None, implementation=None):
        self.chain = chain
        accounts = chain.accounts
        self.deployer, self.owner, self.signer, self.bundler = accounts[0], accounts[1], accounts[2], accounts[3]
        self.other = accounts[4]
        self.beneficiary = address_bytes(accounts[9].address)
        self.entry_point = entry_point or chain.deploy(self.deployer, artifact_bytecode("EntryPoint"))
        if factory is None:
            implementation = chain.deploy(self.deployer, artifact_bytecode("SimpleAccount"), ["address"],
                                          [checksum(self.entry_point)])
            factory = chain.deploy(self.deployer, artifact_bytecode("SimpleAccountFactory"), ["address"],
                                   [checksum(implementation)])
        self.implementation, self.factory = implementation, factory
        self.paymaster = chain.deploy(self.deployer, artifact_bytecode("VerifyingPaymaster"), ["address", "address"],
                                      [checksum(self.entry_point), self.signer.address])
        tests = compile_test_contracts()
        self.target = chain.deploy(self.deployer, tests["TestTarget"])
        self.test_factory = chain.deploy(self.deployer, tests["TestFactory"])
        self.test_paymaster = chain.deploy(self.deployer, tests["TestPaymaster"])
        self.test_account = chain.deploy(self.deployer, tests["TestAccount"])
        self.send(self.deployer, self.paymaster, calldata("deposit()"), value=10 * ETHER)
        self.send(self.deployer, self.test_paymaster, calldata("deposit(address)", checksum(self.entry_point)),
                  value=10 * ETHER)
        self.send(self.deployer, self.test_account, value=10 * ETHER)

    def send(self, sender, to, data=b"", value=0, gas=15_000_000):
        result = self.chain.send(sender, to, data, value, gas)
        assert result.status, f"transaction failed: {result.output.hex()}"
        return result

    # Accounts and operations

    def account_address(self, salt=0, owner=None):
        owner = owner or self.owner
        return address_bytes(self.chain.view(self.factory, "getAddress(address,uint256)", ["address"],
                                             owner.address, salt))

    def init_code(self, salt=0, owner=None):
        owner = owner or self.owner
        return address_bytes(self.factory) + calldata("createAccount(address,uint256)", owner.address, salt)

    def execute_call(self, dest=None, amount=0, data=None):
        return calldata("execute(address,uint256,bytes)", checksum(dest or self.target), amount,
                        calldata("increment()") if data is None else data)

    def sign(self, op, key=None):
        op[8] = sign_hash_eip191(key or self.owner.key, user_op_hash(op, self.entry_point))
        return op

    def sponsor(self, op, valid_until=0, valid_after=0, verification_gas=100_000, post_op_gas=0, key=None):
        """Fills paymasterAndData with the VerifyingPaymaster's approval by the signer."""
        timestamps = encode(["uint48", "uint48"], [valid_until, valid_after])
        op[7] = paymaster_and_data(self.paymaster, verification_gas, post_op_gas, timestamps + b"\x00" * 65)
        digest = self.chain.view(self.paymaster, f"getHash({OP_TYPE},uint48,uint48)", ["bytes32"], op,
                                 valid_until, valid_after)
        op[7] = op[7][:116] + sign_hash_eip191(key or self.signer.key, digest)
        return op

    def handle_ops(self, ops, beneficiary=None, gas=15_000_000, sender=None):
        beneficiary = self.beneficiary if beneficiary is None else beneficiary
        return self.chain.send(sender or self.bundler, self.entry_point,
                               calldata(HANDLE_OPS, ops, checksum(beneficiary)), gas=gas)

    def deposit_of(self, account):
        return self.chain.view(self.entry_point, "balanceOf(address)", ["uint256"], checksum(account))

    def nonce(self, sender, key=0):
        return self.chain.view(self.entry_point, "getNonce(address,uint192)", ["uint256"], checksum(sender), key)

    def count(self):
        return self.chain.view(self.target, "count()", ["uint256"])

    def configure_test_account(self, mode=0, validation_data=0, burn=0):
        self.send(self.deployer, self.test_account,
                  calldata("configure(uint256,uint256,uint256)", mode, validation_data, burn))

    def configure_test_paymaster(self, context=b"", validation_data=0, revert_validation=False,
                                 revert_post_op=False, burn=0):
        self.send(self.deployer, self.test_paymaster,
                  calldata("configure(bytes,uint256,bool,bool,uint256)", context, validation_data,
                           revert_validation, revert_post_op, burn))

    def test_account_op(self, nonce=None, **fields):
        """An operation of the TestAccount (no signature checked), calling the target through its execute."""
        sender = self.test_account
        nonce = self.nonce(sender) if nonce is None else nonce
        fields.setdefault("call_data", self.test_account_call())
        return user_op(sender, nonce, **fields)

    def test_account_call(self, data=None):
        return calldata("execute(address,uint256,bytes)", checksum(self.target), 0,
                        calldata("increment()") if data is None else data)

    def test_paymaster_data(self, verification_gas=100_000, post_op_gas=100_000):
        return paymaster_and_data(self.test_paymaster, verification_gas, post_op_gas)


class ChainTestCase(unittest.TestCase):
    """A chain set up once per class, rolled back to that state before each test."""

    @classmethod
    def setUpClass(cls):
        cls.chain = Chain()
        cls.deploy()
        cls.base = cls.chain.snapshot()

    @classmethod
    def deploy(cls):
        cls.d = Deployment(cls.chain)

    def setUp(self):
        self.chain.revert(self.base)
        type(self).base = self.chain.snapshot()

    def assertReverts(self, result, data):
        self.assertFalse(result.status, "expected a revert")
        self.assertEqual(result.revert_data.hex(), data.hex())

    def event_names(self, result):
        return [TOPIC_NAMES.get(log[1][0], "?") for log in result.logs if log[0] == self.d.entry_point]


class EntryPointTest(ChainTestCase):

    # Happy paths

    def test_first_op_deploys_the_account_and_executes(self):
        d = self.d
        sender = d.account_address(salt=1)
        self.assertEqual(sender, predicted_account(d.factory, d.implementation, d.owner.address, 1))
        self.chain.set_balance(sender, ETHER)
        op = d.sign(user_op(sender, 0, d.init_code(salt=1), d.execute_call()))
        beneficiary_before = self.chain.balance(d.beneficiary)

        result = d.handle_ops([op])

        self.assertTrue(result.status)
        self.assertEqual(self.event_names(result), ["AccountDeployed", "Deposited", "BeforeExecution",
                                                    "UserOperationEvent"])
        op_hash = user_op_hash(op, d.entry_point)
        deployed = result.events(EVENTS["AccountDeployed"], d.entry_point)[0]
        self.assertEqual(deployed[1][1:], [op_hash, sender.rjust(32, b"\0")])
        self.assertEqual(decode(["address", "address"], deployed[2]), (checksum(d.factory).lower(),
                                                                       "0x" + "00" * 20))
        (event,) = result.events(EVENTS["UserOperationEvent"], d.entry_point)
        hash_, ev_sender, paymaster, nonce, success, cost, used = user_operation_event(event)
        self.assertEqual((hash_, ev_sender, paymaster, nonce, success), (op_hash, sender, bytes(20), 0, True))
        self.assertEqual(cost, used * GWEI)
        self.assertEqual(self.chain.balance(d.beneficiary) - beneficiary_before, cost)
        prefund = (500_000 + 200_000 + 50_000) * GWEI
        self.assertEqual(d.deposit_of(sender), prefund - cost)
        self.assertEqual(self.chain.balance(sender), ETHER - prefund)
        self.assertEqual(d.count(), 1)
        self.assertEqual(self.chain.view(sender, "owner()", ["address"]), d.owner.address.lower())
        self.assertEqual(self.chain.view(sender, "entryPoint()", ["address"]), checksum(d.entry_point).lower())
        self.assertEqual(d.nonce(sender), 1)

    def test_a_later_op_uses_the_deposit(self):
        d = self.d
        sender = d.account_address()
        self.chain.set_balance(sender, ETHER)
        self.assertTrue(d.handle_ops([d.sign(user_op(sender, 0, d.init_code(), d.execute_call()))]).status)
        deposit = d.deposit_of(sender)
        balance = self.chain.balance(sender)

        result = d.handle_ops([d.sign(user_op(sender, 1, b"", d.execute_call(), verification_gas=100_000,
                                              call_gas=50_000, pre_verification_gas=30_000))])

        self.assertTrue(result.status)
        self.assertEqual(self.event_names(result), ["BeforeExecution", "UserOperationEvent"])
        cost = user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])[5]
        self.assertEqual(d.deposit_of(sender), deposit - cost)  # the deposit covered the prefund: nothing sent
        self.assertEqual(self.chain.balance(sender), balance)
        self.assertEqual(d.count(), 2)

    def test_batch(self):
        d = self.d
        sender = d.account_address()
        self.chain.set_balance(sender, ETHER)
        increment = calldata("increment()")
        batch = calldata("executeBatch(address[],uint256[],bytes[])", [checksum(d.target)] * 3, [], [increment] * 3)
        result = d.handle_ops([d.sign(user_op(sender, 0, d.init_code(), batch))])
        self.assertTrue(user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])[4])
        self.assertEqual(d.count(), 3)
        # with values: the account sends ETH along
        batch = calldata("executeBatch(address[],uint256[],bytes[])", [checksum(d.target)] * 2, [5, 7],
                         [increment] * 2)
        result = d.handle_ops([d.sign(user_op(sender, 1, b"", batch))])
        self.assertTrue(user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])[4])
        self.assertEqual(self.chain.view(d.target, "received()", ["uint256"]), 12)
        # mismatched arrays revert inside the execution: the operation fails, the bundle does not
        batch = calldata("executeBatch(address[],uint256[],bytes[])", [checksum(d.target)] * 2, [5],
                         [increment] * 2)
        result = d.handle_ops([d.sign(user_op(sender, 2, b"", batch))])
        self.assertTrue(result.status)
        self.assertFalse(user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])[4])
        (reason,) = result.events(EVENTS["UserOperationRevertReason"])
        self.assertEqual(decode(["uint256", "bytes"], reason[2]), (2, error_string("wrong array lengths")))
        self.assertEqual(d.count(), 5)

    def test_sponsored_op_of_an_account_without_ether(self):
        d = self.d
        sender = d.account_address()
        self.assertEqual(self.chain.balance(sender), 0)
        pm_deposit = d.deposit_of(d.paymaster)
        beneficiary_before = self.chain.balance(d.beneficiary)
        op = d.sign(d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call())))

        result = d.handle_ops([op])

        self.assertTrue(result.status)
        self.assertEqual(self.event_names(result), ["AccountDeployed", "BeforeExecution", "UserOperationEvent"])
        _, _, paymaster, _, success, cost, _ = user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])
        self.assertEqual((paymaster, success), (d.paymaster, True))
        self.assertEqual(d.deposit_of(d.paymaster), pm_deposit - cost)
        self.assertEqual(self.chain.balance(d.beneficiary) - beneficiary_before, cost)
        self.assertEqual(self.chain.balance(sender), 0)
        self.assertEqual(d.deposit_of(sender), 0)
        self.assertEqual(d.count(), 1)
        # a later sponsored operation, with a time range
        op = d.sign(d.sponsor(user_op(sender, 1, b"", d.execute_call()), valid_until=self.chain.time + 3600,
                              valid_after=self.chain.time - 3600))
        self.assertTrue(d.handle_ops([op]).status)
        self.assertEqual(d.count(), 2)

    def test_bundle_of_several_ops(self):
        d = self.d
        ops, senders = [], []
        for salt in range(3):
            sender = d.account_address(salt)
            senders.append(sender)
            ops.append(d.sign(d.sponsor(user_op(sender, 0, d.init_code(salt), d.execute_call()))))
        beneficiary_before = self.chain.balance(d.beneficiary)
        result = d.handle_ops(ops)
        self.assertTrue(result.status)
        self.assertEqual(self.event_names(result), ["AccountDeployed"] * 3 + ["BeforeExecution"]
                         + ["UserOperationEvent"] * 3)
        events = [user_operation_event(log) for log in result.events(EVENTS["UserOperationEvent"])]
        self.assertEqual([e[1] for e in events], senders)
        self.assertEqual(self.chain.balance(d.beneficiary) - beneficiary_before, sum(e[5] for e in events))
        self.assertEqual(d.count(), 3)
        # a failure names its operation
        ops = [d.sign(d.sponsor(user_op(senders[0], 1, b"", d.execute_call()))),
               d.sign(d.sponsor(user_op(senders[1], 5, b"", d.execute_call())))]
        self.assertReverts(d.handle_ops(ops), failed_op(1, "AA25 invalid account nonce"))

    def test_execution_revert_is_reported_and_charged(self):
        d = self.d
        sender = d.account_address()
        op = d.sign(d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call(data=calldata("fail()")))))
        result = d.handle_ops([op])
        self.assertTrue(result.status)
        (reason,) = result.events(EVENTS["UserOperationRevertReason"])
        self.assertEqual(reason[1][1:], [user_op_hash(op, d.entry_point), sender.rjust(32, b"\0")])
        self.assertEqual(decode(["uint256", "bytes"], reason[2]), (0, error_string("test target: failed")))
        event = user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])
        self.assertFalse(event[4])
        self.assertGreater(event[5], 0)
        self.assertEqual(d.nonce(sender), 1)  # the nonce is used: the operation cannot be replayed

    # Nonces

    def test_nonce_replay_and_keys(self):
        d = self.d
        sender = d.account_address()
        op = d.sign(d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call())))
        self.assertTrue(d.handle_ops([op]).status)
        # replay (fails on AA10 first: initCode with a deployed sender), then without initCode
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA10 sender already constructed"))
        op = d.sign(d.sponsor(user_op(sender, 0, b"", d.execute_call())))
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA25 invalid account nonce"))
        # a nonce key runs its own sequence
        key = 0xABCDEF
        self.assertEqual(d.nonce(sender, key), key << 64)
        op = d.sign(d.sponsor(user_op(sender, key << 64, b"", d.execute_call())))
        self.assertTrue(d.handle_ops([op]).status)
        self.assertEqual(d.nonce(sender, key), key << 64 | 1)
        self.assertEqual(self.chain.view(d.entry_point, "nonceSequenceNumber(address,uint192)", ["uint256"],
                                         checksum(sender), key), 1)
        self.assertEqual(d.nonce(sender), 1)
        op = d.sign(d.sponsor(user_op(sender, key << 64 | 5, b"", d.execute_call())))
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA25 invalid account nonce"))
        # incrementNonce skips one
        d.send(d.owner, d.entry_point, calldata("incrementNonce(uint192)", 7))
        self.assertEqual(d.nonce(d.owner.address, 7), 7 << 64 | 1)
        # the account's getNonce
        self.assertEqual(self.chain.view(sender, "getNonce()", ["uint256"]), 1)

    # Validation failures, each with v0.7's revert data

    def test_aa10_aa13_aa14_aa15_account_creation(self):
        d = self.d
        sender = d.account_address()
        tf = address_bytes(d.test_factory)
        cases = [
            (tf + calldata("fail()"), failed_op(0, "AA13 initCode failed or OOG")),
            (tf + calldata("returnAddress(address)", checksum(d.other.address)),
             failed_op(0, "AA14 initCode must return sender")),
            (tf + calldata("returnAddress(address)", checksum(sender)), failed_op(0, "AA15 initCode must create sender")),
            (tf[:10], b""),  # shorter than a factory address: no data, as v0.7
        ]
        for init_code, expected in cases:
            with self.subTest(init_code=init_code.hex()[:48]):
                op = d.sign(d.sponsor(user_op(sender, 0, init_code, d.execute_call())))
                self.assertReverts(d.handle_ops([op]), expected)
        # the factory runs out of gas within verificationGasLimit: AA13
        op = d.sign(d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call(), verification_gas=30_000)))
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA13 initCode failed or OOG"))
        self.assertTrue(d.handle_ops([d.sign(d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call())))]).status)
        op = d.sign(d.sponsor(user_op(sender, 1, d.init_code(), d.execute_call())))
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA10 sender already constructed"))

    def test_aa20_account_not_deployed(self):
        d = self.d
        op = d.sign(d.sponsor(user_op(d.account_address(), 0, b"", d.execute_call())))
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA20 account not deployed"))

    def test_aa21_didnt_pay_prefund(self):
        d = self.d
        d.configure_test_account(mode=2)  # keeps its ETH
        self.assertReverts(d.handle_ops([d.test_account_op()]), failed_op(0, "AA21 didn't pay prefund"))
        # a SimpleAccount without ETH cannot pay either
        op = d.sign(user_op(d.account_address(), 0, d.init_code(), d.execute_call()))
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA21 didn't pay prefund"))

    def test_aa22_account_time_range(self):
        d = self.d
        now = self.chain.time + 1000  # the timestamp of the block that runs handleOps
        for validation_data, ok in [
            (time_range(now - 1, 0), False),        # expired
            (time_range(0, now + 1), False),        # not due
            (time_range(now, now), True),           # both bounds inclusive
            (time_range(0, now - 100), True),       # validUntil 0: no expiry
        ]:
            with self.subTest(validation_data=hex(validation_data)):
                base = self.chain.snapshot()
                d.configure_test_account(validation_data=validation_data)
                result = self.chain.send(d.bundler, d.entry_point,
                                         calldata(HANDLE_OPS, [d.test_account_op()], checksum(d.beneficiary)),
                                         timestamp=now)
                if ok:
                    self.assertTrue(result.status, result.output.hex())
                else:
                    self.assertReverts(result, failed_op(0, "AA22 expired or not due"))
                self.chain.revert(base)

    def test_aa23_account_reverted(self):
        d = self.d
        d.configure_test_account(mode=1)
        self.assertReverts(d.handle_ops([d.test_account_op()]),
                           failed_op_with_revert(0, "AA23 reverted", error_string("test account: validation reverted")))
        # out of gas in validateUserOp: AA23 with empty revert data
        d.configure_test_account(mode=3, burn=0)
        self.assertReverts(d.handle_ops([d.test_account_op(verification_gas=100_000)]),
                           failed_op_with_revert(0, "AA23 reverted", b""))

    def test_aa24_signature_error(self):
        d = self.d
        sender = d.account_address()
        op = d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call()))
        digest = user_op_hash(op, d.entry_point)
        good = sign_hash_eip191(d.owner.key, digest)
        r, s, v = good[:32], int.from_bytes(good[32:64], "big"), good[64]
        high_s = r + (SECP256K1_N - s).to_bytes(32, "big") + bytes([55 - v])  # the same signature, malleated
        for name, signature in [
            ("wrong signer", sign_hash_eip191(d.other.key, digest)),
            ("high s", high_s),
            ("64 bytes", good[:64]),
            ("empty", b""),
            ("bad v", good[:64] + bytes([29])),
            ("unrecoverable", b"\x00" * 65),
        ]:
            with self.subTest(name):
                op[8] = signature
                self.assertReverts(d.handle_ops([op]), failed_op(0, "AA24 signature error"))
        op[8] = good
        self.assertTrue(d.handle_ops([op]).status)
        # an aggregator address in the validation data is a signature error too
        d.configure_test_account(validation_data=int.from_bytes(address_bytes(d.other.address), "big"))
        self.assertReverts(d.handle_ops([d.test_account_op()]), failed_op(0, "AA24 signature error"))

    def test_aa25_invalid_nonce(self):
        d = self.d
        self.assertReverts(d.handle_ops([d.test_account_op(nonce=1)]), failed_op(0, "AA25 invalid account nonce"))

    def test_aa26_over_verification_gas_limit(self):
        d = self.d
        d.configure_test_account(mode=3, burn=3000)  # validateUserOp keeps within its 100,000 gas; the rest is over
        self.assertReverts(d.handle_ops([d.test_account_op(verification_gas=100_000)]),
                           failed_op(0, "AA26 over verificationGasLimit"))
        d.configure_test_account()
        self.assertTrue(d.handle_ops([d.test_account_op(verification_gas=100_000)]).status)

    def test_aa31_paymaster_deposit_too_low(self):
        d = self.d
        sender = d.account_address()
        op = d.sign(d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call(), max_fee=10**13,
                                      max_priority_fee=10**13)))
        # prefund = (500,000 + 200,000 + 100,000 + 50,000) gas * 10,000 gwei = 8.5 ETH
        d.send(d.deployer, d.entry_point, calldata("depositTo(address)", checksum(d.paymaster)), value=0)
        self.assertTrue(d.handle_ops([op]).status)  # 10 ETH deposited
        op = d.sign(d.sponsor(user_op(sender, 1, b"", d.execute_call(), max_fee=10**13, max_priority_fee=10**13)))
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA31 paymaster deposit too low"))

    def test_aa32_paymaster_time_range(self):
        d = self.d
        sender = d.account_address()
        now = self.chain.time + 1000
        for valid_until, valid_after, ok in [(now - 1, 0, False), (0, now + 1, False), (now, now, True)]:
            with self.subTest(valid_until=valid_until, valid_after=valid_after):
                base = self.chain.snapshot()
                op = d.sign(d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call()), valid_until, valid_after))
                result = self.chain.send(d.bundler, d.entry_point, calldata(HANDLE_OPS, [op], checksum(d.beneficiary)),
                                         timestamp=now)
                if ok:
                    self.assertTrue(result.status, result.output.hex())
                else:
                    self.assertReverts(result, failed_op(0, "AA32 paymaster expired or not due"))
                self.chain.revert(base)

    def test_aa33_paymaster_reverted(self):
        d = self.d
        d.configure_test_paymaster(revert_validation=True)
        op = d.test_account_op(paymaster_and_data=d.test_paymaster_data())
        self.assertReverts(d.handle_ops([op]), failed_op_with_revert(
            0, "AA33 reverted", error_string("test paymaster: validation reverted")))
        # the VerifyingPaymaster refuses a signature of the wrong length
        sender = d.account_address()
        op = d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call()))
        op[7] = op[7][:116] + b"\x01" * 66
        self.assertReverts(d.handle_ops([d.sign(op)]), failed_op_with_revert(
            0, "AA33 reverted", error_string("VerifyingPaymaster: invalid signature length in paymasterAndData")))

    def test_aa34_tampered_paymaster_data(self):
        d = self.d
        sender = d.account_address()
        base_op = d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call()), valid_until=self.chain.time + 999)
        tampered = [
            ("callData", 3, d.execute_call(amount=1)),
            ("validUntil", 7, base_op[7][:52] + encode(["uint48", "uint48"], [self.chain.time + 998, 0])
             + base_op[7][116:]),
            ("signer", 7, d.sponsor(list(base_op), valid_until=self.chain.time + 999, key=d.other.key)[7]),
            ("paymaster gas", 7, paymaster_and_data(d.paymaster, 100_001, 0) + base_op[7][52:]),
        ]
        for name, field, value in tampered:
            with self.subTest(name):
                op = list(base_op)
                op[field] = value
                self.assertReverts(d.handle_ops([d.sign(op)]), failed_op(0, "AA34 signature error"))
        self.assertTrue(d.handle_ops([d.sign(list(base_op))]).status)

    def test_aa36_over_paymaster_verification_gas_limit(self):
        d = self.d
        d.configure_test_paymaster(burn=3000)  # validatePaymasterUserOp keeps within its 80,000 gas
        op = d.test_account_op(paymaster_and_data=d.test_paymaster_data(verification_gas=80_000))
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA36 over paymasterVerificationGasLimit"))

    def test_aa90_aa91_beneficiary(self):
        d = self.d
        op = d.sign(d.sponsor(user_op(d.account_address(), 0, d.init_code(), d.execute_call())))
        self.assertReverts(d.handle_ops([op], beneficiary=bytes(20)), error_string("AA90 invalid beneficiary"))
        self.assertReverts(d.handle_ops([op], beneficiary=d.test_factory),  # no payable fallback
                           error_string("AA91 failed send to beneficiary"))
        self.assertReverts(d.handle_ops([], beneficiary=bytes(20)), error_string("AA90 invalid beneficiary"))
        self.assertTrue(d.handle_ops([]).status)

    def test_aa92_inner_handle_op_is_internal(self):
        d = self.d
        info = [[checksum(d.test_account), 0, 0, 0, 0, 0, 0, checksum(bytes(20)), 0, 0], b"\0" * 32, 0, 0, 0]
        data = calldata("innerHandleOp(bytes,((address,uint256,uint256,uint256,uint256,uint256,uint256,address,"
                        "uint256,uint256),bytes32,uint256,uint256,uint256),bytes)", b"", info, b"")
        self.assertEqual(data[:4].hex(), "0042dc53")
        self.assertReverts(self.chain.send(d.bundler, d.entry_point, data), error_string("AA92 internal call only"))

    def test_aa93_invalid_paymaster_and_data(self):
        d = self.d
        op = d.test_account_op(paymaster_and_data=d.test_paymaster_data()[:51])
        self.assertReverts(d.handle_ops([op]), error_string("AA93 invalid paymasterAndData"))

    def test_aa94_gas_values_overflow(self):
        d = self.d
        limit = 2**120
        for field in ["verification_gas", "call_gas", "pre_verification_gas", "max_fee", "max_priority_fee"]:
            with self.subTest(field):
                op = d.test_account_op(**{field: limit})
                self.assertReverts(d.handle_ops([op]), error_string("AA94 gas values overflow"))
        for pm_gas in [(limit, 0), (0, limit)]:
            op = d.test_account_op(paymaster_and_data=paymaster_and_data(d.test_paymaster, *pm_gas))
            self.assertReverts(d.handle_ops([op]), error_string("AA94 gas values overflow"))

    def test_aa95_out_of_gas(self):
        d = self.d
        op = d.test_account_op(call_gas=5_000_000)
        self.assertReverts(d.handle_ops([op], gas=1_000_000), failed_op(0, "AA95 out of gas"))
        self.assertTrue(d.handle_ops([op], gas=6_000_000).status)

    def test_bounds(self):
        d = self.d
        sender = d.account_address()
        # at the bounds: decodes (and fails on its own merits)
        # (the factory ignores the padding; a zero paymaster address is no paymaster; the account has no ETH)
        op = user_op(sender, 0, d.init_code() + b"\0" * (512 - len(d.init_code())), b"\0" * 4096,
                     paymaster_and_data=b"\0" * 512, signature=b"\0" * 512)
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA21 didn't pay prefund"))
        self.assertReverts(d.handle_ops([op] * 8), failed_op(0, "AA21 didn't pay prefund"))
        # past a bound: no data
        for field, size in [(2, 513), (3, 4097), (7, 513), (8, 513)]:
            with self.subTest(field=field):
                big = list(op)
                big[field] = b"\0" * size
                self.assertReverts(d.handle_ops([big]), b"")
        self.assertReverts(d.handle_ops([op] * 9), b"")

    # Paymaster context and postOp

    def test_post_op_modes(self):
        d = self.d
        d.configure_test_paymaster(context=b"ctx")
        result = d.handle_ops([d.test_account_op(paymaster_and_data=d.test_paymaster_data())])
        (called,) = result.events("PostOpCalled(uint8,bytes,uint256,uint256)", d.test_paymaster)
        mode, context, cost, fee = decode(["uint8", "bytes", "uint256", "uint256"], called[2])
        self.assertEqual((mode, context, fee), (0, b"ctx", GWEI))
        final_cost = user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])[5]
        self.assertLess(cost, final_cost)  # postOp sees the cost so far
        # a reverted execution: postOp in mode opReverted
        op = d.test_account_op(paymaster_and_data=d.test_paymaster_data(),
                               call_data=d.test_account_call(calldata("fail()")))
        result = d.handle_ops([op])
        (called,) = result.events("PostOpCalled(uint8,bytes,uint256,uint256)", d.test_paymaster)
        self.assertEqual(decode(["uint8"], called[2][:32])[0], 1)
        self.assertEqual(self.chain.view(d.test_paymaster, "postOpCalls()", ["uint256"]), 2)

    def test_post_op_revert_undoes_the_execution(self):
        d = self.d
        d.configure_test_paymaster(context=b"ctx", revert_post_op=True)
        pm_deposit = d.deposit_of(d.test_paymaster)
        op = d.test_account_op(paymaster_and_data=d.test_paymaster_data())
        result = d.handle_ops([op])
        self.assertTrue(result.status)
        self.assertEqual(self.event_names(result), ["BeforeExecution", "PostOpRevertReason", "UserOperationEvent"])
        (reason,) = result.events(EVENTS["PostOpRevertReason"])
        self.assertEqual(reason[1][1:], [user_op_hash(op, d.entry_point), d.test_account.rjust(32, b"\0")])
        inner = error_data("PostOpReverted(bytes)", error_string("test paymaster: postOp reverted"))
        self.assertEqual(decode(["uint256", "bytes"], reason[2]), (op[1], inner))
        _, _, paymaster, _, success, cost, _ = user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])
        self.assertEqual((paymaster, success), (d.test_paymaster, False))
        self.assertEqual(d.count(), 0)  # the increment was undone
        self.assertEqual(result.events("Incremented(address,uint256)"), [])
        self.assertEqual(d.deposit_of(d.test_paymaster), pm_deposit - cost)
        self.assertEqual(d.nonce(d.test_account), 1)

    def test_prefund_too_low(self):
        d = self.d
        # With verificationGasLimit just enough for validation and a call that reverts with 2 KB of revert data, the
        # entry point's own work (the UserOperationRevertReason log) takes the cost over the prefund: the whole
        # prefund is the cost, and the execution is undone.
        def op(verification_gas):
            return d.test_account_op(verification_gas=verification_gas, call_gas=25_000, pre_verification_gas=0,
                                     call_data=d.test_account_call(calldata("failLong()")))
        verification_gas = minimal_gas(lambda gas: self.validates(d, op(gas)))
        prefund = (verification_gas + 25_000) * GWEI
        deposit = d.deposit_of(d.test_account)
        result = d.handle_ops([op(verification_gas)])
        self.assertTrue(result.status)
        self.assertEqual(self.event_names(result), ["Deposited", "BeforeExecution", "UserOperationPrefundTooLow",
                                                    "UserOperationEvent"])
        (low,) = result.events(EVENTS["UserOperationPrefundTooLow"])
        self.assertEqual(low[2], encode(["uint256"], [0]))
        _, _, _, _, success, cost, _ = user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])
        self.assertEqual((success, cost), (False, prefund))
        self.assertEqual(d.deposit_of(d.test_account), deposit)  # paid in full during validation, nothing refunded

    def validates(self, d, op):
        try:
            self.chain.call(d.entry_point, calldata(HANDLE_OPS, [op], checksum(d.beneficiary)))
        except Reverted as error:
            return error.data[:4] != failed_op(0, "")[:4] and error.data[:4] != failed_op_with_revert(0, "", b"")[:4]
        return True

    # The penalty on unused execution gas

    def test_unused_gas_penalty(self):
        d = self.d
        used = {}
        for call_gas in (100_000, 300_000):
            base = self.chain.snapshot()
            result = d.handle_ops([d.test_account_op(call_gas=call_gas)])
            used[call_gas] = user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])[5:]
            self.chain.revert(base)
        (cost_a, gas_a), (cost_b, gas_b) = used[100_000], used[300_000]
        self.assertEqual(gas_b - gas_a, 20_000)  # 10% of the 200,000 more gas left unused
        self.assertEqual(cost_b - cost_a, 20_000 * GWEI)
        # the paymaster's postOp limit counts too, when it has a context
        d.configure_test_paymaster(context=b"x")
        for post_op_gas in (50_000, 150_000):
            base = self.chain.snapshot()
            result = d.handle_ops([d.test_account_op(paymaster_and_data=d.test_paymaster_data(post_op_gas=post_op_gas))])
            used[post_op_gas] = user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])[6]
            self.chain.revert(base)
        self.assertEqual(used[150_000] - used[50_000], 10_000)

    def test_gas_price_is_capped_by_the_base_fee(self):
        d = self.d
        op = d.test_account_op(max_fee=50 * GWEI, max_priority_fee=2 * GWEI)
        result = d.handle_ops([op])
        _, _, _, _, _, cost, used = user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])
        base_fee = self.chain.dev.head().base_fee_per_gas
        self.assertEqual(cost, used * (2 * GWEI + base_fee))

    # Views

    def test_get_user_op_hash(self):
        d = self.d
        rng = random.Random(4337)
        for _ in range(10):
            op = user_op(rng.randbytes(20), rng.getrandbits(256), rng.randbytes(rng.randrange(0, 513)),
                         rng.randbytes(rng.randrange(0, 4097)), rng.getrandbits(120), rng.getrandbits(120),
                         rng.getrandbits(256), rng.getrandbits(120), rng.getrandbits(120),
                         rng.randbytes(rng.randrange(0, 513)), rng.randbytes(rng.randrange(0, 513)))
            self.assertEqual(self.chain.view(d.entry_point, f"getUserOpHash({OP_TYPE})", ["bytes32"], op),
                             user_op_hash(op, d.entry_point))

    def test_get_sender_address(self):
        d = self.d
        with self.assertRaises(Reverted) as caught:
            self.chain.call(d.entry_point, calldata("getSenderAddress(bytes)", d.init_code(salt=5)))
        self.assertEqual(caught.exception.data, error_data("SenderAddressResult(address)", checksum(d.account_address(5))))
        self.assertEqual(caught.exception.data[:4].hex(), "6ca7b806")
        with self.assertRaises(Reverted) as caught:
            self.chain.call(d.entry_point, calldata("getSenderAddress(bytes)", address_bytes(d.test_factory)
                                                    + calldata("fail()")))
        self.assertEqual(caught.exception.data, error_data("SenderAddressResult(address)", checksum(bytes(20))))

    def test_factory_address_prediction(self):
        d = self.d
        rng = random.Random(20)
        for _ in range(6):
            owner, salt = rng.randbytes(20), rng.getrandbits(256)
            predicted = predicted_account(d.factory, d.implementation, owner, salt)
            self.assertEqual(self.chain.view(d.factory, "getAddress(address,uint256)", ["address"], checksum(owner),
                                             salt), checksum(predicted).lower())
            data = calldata("createAccount(address,uint256)", checksum(owner), salt)
            self.assertEqual(decode(["address"], self.chain.call(d.factory, data))[0], checksum(predicted).lower())
            d.send(d.deployer, d.factory, data)
            self.assertEqual(len(self.chain.code(predicted)), 45)
            self.assertEqual(self.chain.view(predicted, "owner()", ["address"]), checksum(owner).lower())
            d.send(d.deployer, d.factory, data)  # again: the existing account, unchanged
        self.assertEqual(self.chain.view(d.factory, "accountImplementation()", ["address"]),
                         checksum(d.implementation).lower())

    def test_interfaces(self):
        d = self.d
        for interface_id, expected in [(0x60fc6b6e, True), (0x915074d8, True), (0x01ffc9a7, True), (0xffffffff, False)]:
            self.assertEqual(self.chain.view(d.entry_point, "supportsInterface(bytes4)", ["bool"],
                                             interface_id.to_bytes(4, "big")), expected)

    # Deposits and stakes

    def test_deposits(self):
        d = self.d
        who = d.other.address
        result = d.send(d.other, d.entry_point, value=5 * ETHER)  # receive
        self.assertEqual(result.events(EVENTS["Deposited"])[0][2], encode(["uint256"], [5 * ETHER]))
        d.send(d.deployer, d.entry_point, calldata("depositTo(address)", who), value=ETHER)
        self.assertEqual(d.deposit_of(who), 6 * ETHER)
        self.assertEqual(self.chain.view(d.entry_point, "getDepositInfo(address)",
                                         ["(uint256,bool,uint112,uint32,uint48)"], who), (6 * ETHER, False, 0, 0, 0))
        before = self.chain.balance(d.owner.address)
        result = d.send(d.other, d.entry_point, calldata("withdrawTo(address,uint256)", d.owner.address, 2 * ETHER))
        self.assertEqual(result.events(EVENTS["Withdrawn"])[0][2],
                         encode(["address", "uint256"], [d.owner.address, 2 * ETHER]))
        self.assertEqual(self.chain.balance(d.owner.address) - before, 2 * ETHER)
        self.assertReverts(self.chain.send(d.other, d.entry_point, calldata("withdrawTo(address,uint256)",
                                                                             who, 5 * ETHER)),
                           error_string("Withdraw amount too large"))
        self.assertReverts(self.chain.send(d.other, d.entry_point, b"\x12\x34\x56\x78", value=1), b"")

    def test_stakes(self):
        d = self.d
        who = d.other
        self.assertReverts(self.chain.send(who, d.entry_point, calldata("addStake(uint32)", 0), value=1),
                           error_string("must specify unstake delay"))
        self.assertReverts(self.chain.send(who, d.entry_point, calldata("addStake(uint32)", 10)),
                           error_string("no stake specified"))
        result = d.send(who, d.entry_point, calldata("addStake(uint32)", 100), value=ETHER)
        self.assertEqual(result.events(EVENTS["StakeLocked"])[0][2], encode(["uint256", "uint256"], [ETHER, 100]))
        self.assertReverts(self.chain.send(who, d.entry_point, calldata("addStake(uint32)", 99), value=1),
                           error_string("cannot decrease unstake time"))
        self.assertReverts(self.chain.send(who, d.entry_point, calldata("withdrawStake(address)", who.address)),
                           error_string("must call unlockStake() first"))
        result = d.send(who, d.entry_point, calldata("unlockStake()"))
        unlock_at = self.chain.time + 100
        self.assertEqual(result.events(EVENTS["StakeUnlocked"])[0][2], encode(["uint256"], [unlock_at]))
        self.assertReverts(self.chain.send(who, d.entry_point, calldata("unlockStake()")),
                           error_string("already unstaking"))
        self.assertReverts(self.chain.send(who, d.entry_point, calldata("withdrawStake(address)", who.address)),
                           error_string("Stake withdrawal is not due"))
        self.chain.time = unlock_at - 12
        result = d.send(who, d.entry_point, calldata("withdrawStake(address)", d.owner.address))
        self.assertEqual(result.events(EVENTS["StakeWithdrawn"])[0][2],
                         encode(["address", "uint256"], [d.owner.address, ETHER]))
        self.assertEqual(self.chain.view(d.entry_point, "deposits(address)", ["uint256", "bool", "uint112", "uint32",
                                                                              "uint48"], who.address),
                         (0, False, 0, 0, 0))
        self.assertReverts(self.chain.send(who, d.entry_point, calldata("withdrawStake(address)", who.address)),
                           error_string("No stake to withdraw"))
        self.assertReverts(self.chain.send(who, d.entry_point, calldata("unlockStake()")), error_string("not staked"))

    def test_reentrancy_guard(self):
        d = self.d
        inner = calldata(HANDLE_OPS, [], checksum(d.beneficiary))
        op = d.test_account_op(call_data=calldata("execute(address,uint256,bytes)", checksum(d.entry_point), 0, inner))
        result = d.handle_ops([op])
        self.assertTrue(result.status)
        self.assertFalse(user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])[4])


class SimpleAccountTest(ChainTestCase):

    def setUp(self):
        super().setUp()
        d = self.d
        self.account = d.account_address()
        d.send(d.deployer, d.factory, calldata("createAccount(address,uint256)", d.owner.address, 0))
        self.chain.set_balance(self.account, ETHER)

    def test_only_entry_point_or_owner_executes(self):
        d = self.d
        self.assertReverts(self.chain.send(d.other, self.account, d.execute_call()),
                           error_string("account: not Owner or EntryPoint"))
        batch = calldata("executeBatch(address[],uint256[],bytes[])", [], [], [])
        self.assertReverts(self.chain.send(d.other, self.account, batch), error_string("account: not Owner or EntryPoint"))
        d.send(d.owner, self.account, d.execute_call())
        self.assertEqual(d.count(), 1)
        # the callee's revert data comes back as is
        self.assertReverts(self.chain.send(d.owner, self.account, d.execute_call(data=calldata("fail()"))),
                           error_string("test target: failed"))
        self.assertReverts(self.chain.send(d.owner, self.account, calldata(
            "executeBatch(address[],uint256[],bytes[])", [checksum(d.target)], [], [calldata("increment()")] * 2)),
            error_string("wrong array lengths"))

    def test_validate_user_op_only_from_entry_point(self):
        d = self.d
        data = calldata(f"validateUserOp({OP_TYPE},bytes32,uint256)", user_op(self.account), b"\0" * 32, 0)
        self.assertReverts(self.chain.send(d.owner, self.account, data), error_string("account: not from EntryPoint"))

    def test_validate_user_op_answers(self):
        d = self.d
        op = user_op(self.account, 0)
        digest = keccak(b"some operation")
        signature = sign_hash_eip191(d.owner.key, digest)
        for sig, expected in [(signature, 0), (sign_hash_eip191(d.other.key, digest), 1), (signature[:64], 1),
                              (b"", 1), (signature + b"\0", 1)]:
            op[8] = sig
            data = calldata(f"validateUserOp({OP_TYPE},bytes32,uint256)", op, digest, 0)
            self.assertEqual(decode(["uint256"], self.chain.call(self.account, data, sender=d.entry_point))[0], expected)

    def test_initialize_once(self):
        d = self.d
        self.assertReverts(self.chain.send(d.other, self.account, calldata("initialize(address)", d.other.address)),
                           error_data("InvalidInitialization()"))
        self.assertReverts(self.chain.send(d.other, d.implementation, calldata("initialize(address)",
                                                                                d.other.address)),
                           error_data("InvalidInitialization()"))

    def test_deposit_functions(self):
        d = self.d
        d.send(d.other, self.account, calldata("addDeposit()"), value=3 * ETHER)
        self.assertEqual(self.chain.view(self.account, "getDeposit()", ["uint256"]), 3 * ETHER)
        self.assertReverts(self.chain.send(d.other, self.account, calldata("withdrawDepositTo(address,uint256)",
                                                                            d.other.address, ETHER)),
                           error_string("only owner"))
        before = self.chain.balance(d.other.address)
        d.send(d.owner, self.account, calldata("withdrawDepositTo(address,uint256)", d.other.address, ETHER))
        self.assertEqual(self.chain.balance(d.other.address) - before, ETHER)
        self.assertEqual(self.chain.view(self.account, "getDeposit()", ["uint256"]), 2 * ETHER)
        d.send(d.other, self.account, value=7)  # accepts ETH
        self.assertEqual(self.chain.balance(self.account), ETHER + 7)
        self.assertReverts(self.chain.send(d.other, self.account, b"\x12\x34\x56\x78", value=1), b"")


class VerifyingPaymasterTest(ChainTestCase):

    def test_parse_and_hash(self):
        d = self.d
        pmd = paymaster_and_data(d.paymaster, 1, 2, encode(["uint48", "uint48"], [77, 66]) + b"\xaa" * 65)
        self.assertEqual(self.chain.view(d.paymaster, "parsePaymasterAndData(bytes)", ["uint48", "uint48", "bytes"], pmd),
                         (77, 66, b"\xaa" * 65))
        op = user_op(d.other.address, 9, b"init", b"call", paymaster_and_data=pmd, signature=b"sig")
        expected = keccak(encode(
            ["address", "uint256", "bytes32", "bytes32", "bytes32", "uint256", "uint256", "bytes32", "uint256",
             "address", "uint48", "uint48"],
            [op[0], 9, keccak(b"init"), keccak(b"call"), op[4], 1 << 128 | 2, op[5], op[6], 31337, checksum(d.paymaster),
             77, 66]))
        self.assertEqual(self.chain.view(d.paymaster, f"getHash({OP_TYPE},uint48,uint48)", ["bytes32"], op, 77, 66),
                         expected)

    def test_validation_data_and_compact_signatures(self):
        d = self.d
        op = d.sponsor(user_op(d.account_address(), 0, d.init_code(), d.execute_call()), valid_until=500, valid_after=20)
        call = lambda o: decode(["bytes", "uint256"], self.chain.call(
            d.paymaster, calldata(f"validatePaymasterUserOp({OP_TYPE},bytes32,uint256)", o, b"\0" * 32, 0),
            sender=d.entry_point))
        self.assertEqual(call(op), (b"", time_range(500, 20)))
        signature = op[7][116:]
        r, s, v = signature[:32], signature[32:64], signature[64]
        compact = r + ((v - 27) << 255 | int.from_bytes(s, "big")).to_bytes(32, "big")
        self.assertEqual(call(op[:7] + [op[7][:116] + compact, op[8]]), (b"", time_range(500, 20)))
        wrong = op[:7] + [op[7][:116] + sign_hash_eip191(d.other.key, keccak(b"x")), op[8]]
        self.assertEqual(call(wrong), (b"", time_range(500, 20, sig_failed=1)))
        with self.assertRaises(Reverted) as caught:
            self.chain.call(d.paymaster, calldata(f"validatePaymasterUserOp({OP_TYPE},bytes32,uint256)", op, b"\0" * 32,
                                                  0), sender=d.other.address)
        self.assertEqual(caught.exception.data, error_string("Sender not EntryPoint"))

    def test_owner_functions(self):
        d = self.d
        self.assertEqual(self.chain.view(d.paymaster, "owner()", ["address"]), d.deployer.address.lower())
        self.assertEqual(self.chain.view(d.paymaster, "entryPoint()", ["address"]), checksum(d.entry_point).lower())
        unauthorized = error_data("OwnableUnauthorizedAccount(address)", d.other.address)
        for data in [calldata("setVerifyingSigner(address)", d.other.address),
                     calldata("withdrawTo(address,uint256)", d.other.address, 1),
                     calldata("transferOwnership(address)", d.other.address),
                     calldata("unlockStake()"), calldata("withdrawStake(address)", d.other.address)]:
            self.assertReverts(self.chain.send(d.other, d.paymaster, data), unauthorized)
        result = d.send(d.deployer, d.paymaster, calldata("setVerifyingSigner(address)", d.other.address))
        (changed,) = result.events("VerifyingSignerChanged(address,address)", d.paymaster)
        self.assertEqual(changed[1][1:], [address_bytes(d.signer.address).rjust(32, b"\0"),
                                          address_bytes(d.other.address).rjust(32, b"\0")])
        self.assertEqual(self.chain.view(d.paymaster, "verifyingSigner()", ["address"]), d.other.address.lower())
        # the old signer's approvals fail now (AA34), the new signer's pass
        sender = d.account_address()
        op = d.sign(d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call())))
        self.assertReverts(d.handle_ops([op]), failed_op(0, "AA34 signature error"))
        op = d.sign(d.sponsor(user_op(sender, 0, d.init_code(), d.execute_call()), key=d.other.key))
        self.assertTrue(d.handle_ops([op]).status)
        # deposit, withdraw, stake
        self.assertEqual(self.chain.view(d.paymaster, "getDeposit()", ["uint256"]), d.deposit_of(d.paymaster))
        before = self.chain.balance(d.other.address)
        d.send(d.deployer, d.paymaster, calldata("withdrawTo(address,uint256)", d.other.address, ETHER))
        self.assertEqual(self.chain.balance(d.other.address) - before, ETHER)
        d.send(d.deployer, d.paymaster, calldata("addStake(uint32)", 60), value=ETHER)
        self.assertEqual(self.chain.view(d.entry_point, "getDepositInfo(address)",
                                         ["(uint256,bool,uint112,uint32,uint48)"], checksum(d.paymaster))[1:4],
                         (True, ETHER, 60))
        self.assertReverts(self.chain.send(d.deployer, d.paymaster, calldata("transferOwnership(address)",
                                                                              checksum(bytes(20)))),
                           error_data("OwnableInvalidOwner(address)", checksum(bytes(20))))
        d.send(d.deployer, d.paymaster, calldata("transferOwnership(address)", d.other.address))
        self.assertEqual(self.chain.view(d.paymaster, "owner()", ["address"]), d.other.address.lower())


class CanonicalComparisonTest(unittest.TestCase):
    """The same operations through the canonical v0.7 EntryPoint (placed at 0x0000000071727De22E5E9d8BAf0edAc6f37da032
    with its SenderCreator) and through EntryPoint.vy: the same events and the same revert data for every AA code,
    and gas within reason."""

    @classmethod
    def setUpClass(cls):
        cls.chain = Chain()
        for name in ("EntryPoint", "SenderCreator", "SimpleAccountFactory", "SimpleAccount"):
            runtime = bytes.fromhex(CANONICAL[name]["runtime"][2:])
            assert keccak(runtime).hex() == CANONICAL[name]["runtimeKeccak"][2:]
            cls.chain.set_code(CANONICAL[name]["address"], runtime)
        cls.ours = Deployment(cls.chain)
        cls.canonical = Deployment(cls.chain, entry_point=address_bytes(CANONICAL["EntryPoint"]["address"]))
        cls.base = cls.chain.snapshot()

    def setUp(self):
        self.chain.revert(self.base)
        type(self).base = self.chain.snapshot()

    def both(self, run):
        """run(deployment) for ours and the canonical, each from the same state."""
        answers = []
        for d in (self.ours, self.canonical):
            base = self.chain.snapshot()
            answers.append(run(d))
            self.chain.revert(base)
        return answers

    def test_selectors_and_event_topics_are_v07s(self):
        """Every function of EntryPoint.vy's ABI (but senderCreator, which v0.7 keeps private) has a selector the
        canonical dispatcher compares against (PUSHn selector, EQ), and every event's topic0 is in its code."""
        canonical_code = bytes.fromhex(CANONICAL["EntryPoint"]["runtime"][2:])
        for item in artifact("EntryPoint")["abi"]:
            if item["type"] not in ("function", "event") or item["name"] == "senderCreator":
                continue
            signature = f"{item['name']}({','.join(_abi_type(i) for i in item['inputs'])})"
            with self.subTest(signature):
                if item["type"] == "function":
                    short = keccak(text=signature)[:4].lstrip(b"\0")
                    push = bytes([0x5F + len(short)]) + short
                    self.assertTrue(push + b"\x14" in canonical_code or push + b"\x03" in canonical_code)
                else:
                    self.assertIn(b"\x7f" + keccak(text=signature), canonical_code)

    def test_views_agree(self):
        op = user_op(self.ours.other.address, 3, b"i", b"c", signature=b"s")
        for d in (self.ours, self.canonical):
            self.assertEqual(self.chain.view(d.entry_point, f"getUserOpHash({OP_TYPE})", ["bytes32"], op),
                             user_op_hash(op, d.entry_point))
        init_code = address_bytes(self.ours.factory) + calldata("createAccount(address,uint256)", self.ours.owner.address, 3)

        def sender_address(d):
            try:
                self.chain.call(d.entry_point, calldata("getSenderAddress(bytes)", init_code))
            except Reverted as error:
                return error.data
        ours, canonical = self.both(sender_address)
        self.assertEqual(ours, canonical)
        for interface_id in (0x60fc6b6e, 0x915074d8, 0xcf28ef97, 0x3e84f021, 0x01ffc9a7, 0x12345678):
            answers = [self.chain.view(d.entry_point, "supportsInterface(bytes4)", ["bool"],
                                       interface_id.to_bytes(4, "big")) for d in (self.ours, self.canonical)]
            self.assertEqual(answers[0], answers[1])

    def test_revert_data_of_each_aa_code_agrees(self):
        cases = {
            "AA10": lambda d: [d.test_account_op(init_code=address_bytes(d.test_factory) + calldata("fail()"))],
            "AA13": lambda d: [user_op(d.account_address(), 0, address_bytes(d.test_factory) + calldata("fail()"))],
            "AA14": lambda d: [user_op(d.account_address(), 0, address_bytes(d.test_factory) + calldata(
                "returnAddress(address)", d.other.address))],
            "AA15": lambda d: [user_op(d.account_address(), 0, address_bytes(d.test_factory) + calldata(
                "returnAddress(address)", checksum(d.account_address())))],
            "AA21": lambda d: [d.configure_test_account(mode=2), d.test_account_op()][1:],
            "AA22": lambda d: [d.configure_test_account(validation_data=time_range(1, 0)), d.test_account_op()][1:],
            "AA23": lambda d: [d.configure_test_account(mode=1), d.test_account_op()][1:],
            "AA24": lambda d: [d.configure_test_account(validation_data=1), d.test_account_op()][1:],
            "AA25": lambda d: [d.test_account_op(nonce=9)],
            "AA26": lambda d: [d.configure_test_account(mode=3, burn=3000),
                               d.test_account_op(verification_gas=125_000)][1:],
            "AA31": lambda d: [d.test_account_op(paymaster_and_data=d.test_paymaster_data(), max_fee=10**14,
                                                 max_priority_fee=10**14)],
            "AA32": lambda d: [d.configure_test_paymaster(validation_data=time_range(0, 2**40)),
                               d.test_account_op(paymaster_and_data=d.test_paymaster_data())][1:],
            "AA33": lambda d: [d.configure_test_paymaster(revert_validation=True),
                               d.test_account_op(paymaster_and_data=d.test_paymaster_data())][1:],
            "AA34": lambda d: [d.configure_test_paymaster(validation_data=1),
                               d.test_account_op(paymaster_and_data=d.test_paymaster_data())][1:],
            "AA36": lambda d: [d.configure_test_paymaster(burn=3000),
                               d.test_account_op(paymaster_and_data=d.test_paymaster_data(verification_gas=95_000))][1:],
            "AA93": lambda d: [d.test_account_op(paymaster_and_data=d.test_paymaster_data()[:40])],
            "AA94": lambda d: [d.test_account_op(call_gas=2**120)],
            "sponsored AA34": lambda d: [d.sign(d.sponsor(user_op(d.account_address(), 0, d.init_code(),
                                                                  d.execute_call()), key=d.other.key))],
            "initCode too short": lambda d: [user_op(d.account_address(), 0, b"\x01\x02")],
            "paymaster without code": lambda d: [d.test_account_op(
                paymaster_and_data=paymaster_and_data(d.other.address, 100_000, 0))],
            "second op fails": lambda d: [d.test_account_op(), d.test_account_op(nonce=5)],
        }
        expected_reasons = {"AA10": "AA10 sender already constructed", "AA13": "AA13 initCode failed or OOG",
                            "AA25": "AA25 invalid account nonce", "AA36": "AA36 over paymasterVerificationGasLimit"}
        for name, make in cases.items():
            with self.subTest(name):
                ours, canonical = self.both(lambda d: d.handle_ops(make(d)))
                self.assertFalse(ours.status)
                self.assertFalse(canonical.status)
                self.assertEqual(ours.revert_data.hex(), canonical.revert_data.hex())
                if name in expected_reasons:
                    self.assertEqual(ours.revert_data, failed_op(0, expected_reasons[name]))
        # AA90, AA95: the beneficiary, the bundler's gas
        ours, canonical = self.both(lambda d: d.handle_ops([d.test_account_op()], beneficiary=bytes(20)))
        self.assertEqual(ours.revert_data, canonical.revert_data)
        ours, canonical = self.both(lambda d: d.handle_ops([d.test_account_op(call_gas=5_000_000)], gas=1_000_000))
        self.assertEqual(ours.revert_data, failed_op(0, "AA95 out of gas"))
        self.assertEqual(ours.revert_data, canonical.revert_data)

    def test_aa20_is_a_deliberate_difference(self):
        ours, canonical = self.both(lambda d: d.handle_ops([user_op(d.account_address(), 0)]))
        self.assertEqual(ours.revert_data, failed_op(0, "AA20 account not deployed"))
        self.assertEqual(canonical.revert_data, b"")

    def compare_events(self, ours, canonical):
        """The same EntryPoint events in the same order, with the same arguments but the gas figures (and the
        userOpHash, which names the entry point)."""
        def shape(result, d):
            roles = {d.entry_point: "EP", d.target: "target", d.test_account: "test account",
                     d.test_paymaster: "test paymaster", d.paymaster: "paymaster"}
            shaped = []
            for address, topics, data in result.logs:
                name = TOPIC_NAMES.get(topics[0], topics[0].hex()[:8]) if topics else "anonymous"
                who = roles.get(address, address.hex())
                if topics and topics[0] == keccak(text="PostOpCalled(uint8,bytes,uint256,uint256)"):
                    data = data[:32] + data[96:]  # mode, fee, context (not the cost so far)
                if name == "UserOperationEvent":
                    data = data[:64]  # nonce, success
                shaped.append((who, name, len(topics), data))
            return shaped
        self.assertEqual(shape(ours, self.ours), shape(canonical, self.canonical))

    def test_events_agree(self):
        scenarios = {
            "plain": lambda d: [d.test_account_op()],
            "execution reverts": lambda d: [d.test_account_op(call_data=d.test_account_call(calldata("fail()")))],
            "postOp": lambda d: [d.configure_test_paymaster(context=b"ctx"),
                                 d.test_account_op(paymaster_and_data=d.test_paymaster_data())][1:],
            "postOp reverts": lambda d: [d.configure_test_paymaster(context=b"ctx", revert_post_op=True),
                                         d.test_account_op(paymaster_and_data=d.test_paymaster_data())][1:],
            "two ops": lambda d: [d.test_account_op(), d.test_account_op(nonce=1)],
        }
        for name, make in scenarios.items():
            with self.subTest(name):
                ours, canonical = self.both(lambda d: d.handle_ops(make(d)))
                self.assertTrue(ours.status)
                self.assertTrue(canonical.status)
                self.compare_events(ours, canonical)
                ours_gas = [user_operation_event(log)[6] for log in ours.events(EVENTS["UserOperationEvent"])]
                canonical_gas = [user_operation_event(log)[6] for log in canonical.events(EVENTS["UserOperationEvent"])]
                for a, b in zip(ours_gas, canonical_gas):
                    self.assertLess(abs(a - b), 40_000, (name, ours_gas, canonical_gas))

    def test_penalty_agrees(self):
        def penalty(d):
            used = []
            for call_gas in (100_000, 300_000):
                base = self.chain.snapshot()
                result = d.handle_ops([d.test_account_op(call_gas=call_gas)])
                used.append(user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])[6])
                self.chain.revert(base)
            return used[1] - used[0]
        self.assertEqual(self.both(penalty), [20_000, 20_000])


def minimal_gas(works, low=1, high=2_000_000):
    """The least gas for which works(gas) holds (works is monotonic)."""
    while low < high:
        middle = (low + high) // 2
        if works(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _abi_type(item):
    if item["type"].startswith("tuple"):
        return "(" + ",".join(_abi_type(c) for c in item["components"]) + ")" + item["type"][5:]
    return item["type"]


if __name__ == "__main__":
    unittest.main()
