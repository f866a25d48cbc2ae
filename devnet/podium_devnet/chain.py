"""The chain: py-evm's MiningChain as eth-tester sets it up (latest fork it supports), plus what a devnet needs
on top: automine or interval mining, a clock that can be moved, snapshots, rollbacks and reorgs, state edits
(anvil_set*), and a finality depth behind which the safe and finalized tags trail the head.

Not thread-safe: callers hold `Devnet.lock` around every call."""

import dataclasses
import functools
import os
import threading
import time

import rlp
from eth.db.schema import SchemaV1
from eth.exceptions import HeaderNotFound, Revert, TransactionNotFound, VMError
from eth.rlp.sedes import chain_gaps
from eth.vm.spoof import SpoofTransaction
from eth_bloom import BloomFilter
from eth_tester import PyEVMBackend
from eth_utils import ValidationError

from . import encode
from .errors import EXECUTION_REVERTED, RpcError, invalid_params, server_error

MNEMONIC = "test test test test test test test test test test test junk"
HD_PATH = "m/44'/60'/0'/0"
CHAIN_ID = 31337
ACCOUNT_BALANCE = 10_000 * 10**18
ZERO_ADDRESS = bytes(20)
BLANK_ROOT = bytes.fromhex("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421")
SUGGESTED_TIP = 10**9  # 1 gwei, as anvil suggests
MAX_FEE_HISTORY_BLOCKS = 1024
MAX_MINE_BLOCKS = 10_000  # anvil_mine's count per call: about 6 s of mining, with the lock held throughout


@dataclasses.dataclass
class Clock:
    """Block time: wall-clock seconds plus an offset (evm_increaseTime), or a fixed next timestamp."""
    offset: int = 0
    next_timestamp: int | None = None

    def next_block_timestamp(self, parent_timestamp):
        if self.next_timestamp is not None:
            return self.next_timestamp
        return max(parent_timestamp + 1, int(time.time()) + self.offset)

    def block_mined(self):
        """After a block with a fixed timestamp, time goes on from there (as anvil and Hardhat do)."""
        if self.next_timestamp is not None:
            self.offset = self.next_timestamp - int(time.time())
            self.next_timestamp = None


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """Everything the chain is: the in-memory database's contents, the pending header, the clock."""
    store: dict
    pending_header: object
    latest_state_root: bytes
    clock: Clock


class Devnet:
    def __init__(self, automine=True, finality_depth=0):
        self.lock = threading.RLock()
        self.automine = automine
        # finalized is this many blocks behind the head, safe half as many; 0: both are the head. Kept by reset.
        self.finality_depth = finality_depth
        # Blocks are immutable under their hash, so their JSON is cached by hash whatever the chain does.
        self._block_json = functools.lru_cache(maxsize=1024)(self._load_block_json)
        self._receipts_json = functools.lru_cache(maxsize=1024)(self._load_receipts_json)
        self.reset()

    # Life cycle

    def reset(self):
        """A fresh chain at genesis with the ten funded accounts (anvil_reset)."""
        backend = PyEVMBackend.from_mnemonic(
            MNEMONIC, genesis_state_overrides={"balance": ACCOUNT_BALANCE}, hd_path=HD_PATH)
        type(backend.chain).chain_id = CHAIN_ID  # on the class: rebuilding the chain from genesis keeps it
        self.chain = backend.chain
        self.accounts = backend.get_accounts()
        self.clock = Clock()
        self.snapshots = {}
        self._next_snapshot_id = 0
        # The state "latest" reads: the head's, plus anvil_set* changes made since it was mined.
        self.latest_state_root = self.head().state_root

    def snapshot(self):
        snapshot_id = self._next_snapshot_id
        self._next_snapshot_id += 1
        self.snapshots[snapshot_id] = self._capture()
        return snapshot_id

    def revert(self, snapshot_id):
        """Back to a snapshot, which is used up (as anvil does); False when there is none with that id."""
        snapshot = self.snapshots.pop(snapshot_id, None)
        if snapshot is None:
            return False
        self._restore(snapshot)
        return True

    def _store(self):
        return self.chain.chaindb.db.wrapped_db.kv_store

    def _capture(self):
        return Snapshot(dict(self._store()), self.chain.header, self.latest_state_root,
                        dataclasses.replace(self.clock))

    def _restore(self, snapshot):
        store = self._store()
        store.clear()
        store.update(snapshot.store)
        self.chain.header = snapshot.pending_header
        self.latest_state_root = snapshot.latest_state_root
        self.clock = dataclasses.replace(snapshot.clock)

    # Blocks

    def head(self):
        return self.chain.get_canonical_head()

    def resolve(self, block_id):
        """A block id with safe and finalized replaced by the block numbers they name now: max(0, head - depth)
        for finalized, max(0, head - depth // 2) for safe. With no finality depth both are "latest"."""
        if not isinstance(block_id, str) or block_id not in ("safe", "finalized"):
            return block_id
        if not self.finality_depth:
            return "latest"
        behind = self.finality_depth if block_id == "finalized" else self.finality_depth // 2
        return max(0, self.head().block_number - behind)

    def header(self, block_id):
        """The mined header a block id names (number, tag other than pending, or hash), or None if not on the
        canonical chain."""
        block_id = self.resolve(block_id)
        if block_id == "latest":
            return self.head()
        if isinstance(block_id, int):
            return self._canonical_header(block_id)
        try:
            header = self.chain.get_block_header_by_hash(block_id)
        except HeaderNotFound:
            return None
        canonical = self._canonical_header(header.block_number)
        return header if canonical is not None and canonical.hash == header.hash else None

    def _canonical_header(self, number):
        try:
            return self.chain.get_canonical_block_header_by_number(number)
        except HeaderNotFound:
            return None

    def block_json(self, block_id, full_transactions):
        if block_id == "pending":
            return encode.block(self.chain.get_block(), full_transactions)
        header = self.header(block_id)
        return self._block_json(header.hash, full_transactions) if header else None

    def _load_block_json(self, block_hash, full_transactions):
        return encode.block(self.chain.get_block_by_hash(block_hash), full_transactions)

    def _load_receipts_json(self, block_hash):
        blk = self.chain.get_block_by_hash(block_hash)
        return encode.block_receipts(blk, blk.get_receipts(self.chain.chaindb))

    # Transactions

    def transaction_json(self, tx_hash):
        location = self._locate(tx_hash)
        if location:
            header, index = location
            return self._block_json(header.hash, True)["transactions"][index]
        for tx in self.chain.get_block().transactions:
            if tx.hash == tx_hash:
                return encode.transaction(tx)
        return None

    def receipt_json(self, tx_hash):
        location = self._locate(tx_hash)
        if location is None:
            return None
        header, index = location
        return self._receipts_json(header.hash)[index]

    def _locate(self, tx_hash):
        """(header, index) of a mined transaction, through py-evm's transaction index."""
        try:
            number, index = self.chain.chaindb.get_transaction_index(tx_hash)
        except TransactionNotFound:
            return None
        return self.chain.get_canonical_block_header_by_number(number), index

    def send_raw_transaction(self, raw):
        tx = self.decode_transaction(raw)
        self._include(tx)
        if self.automine:
            self.mine()
        return tx.hash

    def decode_transaction(self, raw):
        """A signed transaction from its raw bytes, refused unless it is for this chain (or pre-EIP-155)."""
        if raw[:1] == b"\x03":
            raise server_error("blob transactions (type 3) are not supported by the devnet")
        try:
            tx = self.chain.get_vm().get_transaction_builder().decode(raw)
            tx.sender  # recovers the signer: a bad signature fails here
        except Exception as error:  # untrusted bytes: rlp, signature and field validation errors alike
            raise invalid_params(f"cannot decode the raw transaction: {error}") from None
        if tx.chain_id is not None and tx.chain_id != CHAIN_ID:
            raise server_error(f"invalid chain id: the transaction is for chain {tx.chain_id}, "
                               f"the devnet is chain {CHAIN_ID}")
        return tx

    def _include(self, tx):
        """Applies a transaction to the pending block, or says in geth's words why it cannot be."""
        self._stamp_pending_if_empty()
        try:
            self.chain.apply_transaction(tx)
        except ValidationError as error:
            raise server_error(self._rejection(tx, error)) from None

    def _rejection(self, tx, error):
        pending = self.chain.header
        state = self.chain.get_vm().state
        expected = state.get_nonce(tx.sender)
        cost = tx.gas * tx.max_fee_per_gas + tx.value
        balance = state.get_balance(tx.sender)
        checks = [
            (tx.nonce < expected, f"nonce too low: next nonce {expected}, tx nonce {tx.nonce}"),
            (tx.nonce > expected, f"nonce too high: next nonce {expected}, tx nonce {tx.nonce} "
                                  "(the devnet keeps no queue of future transactions)"),
            (tx.gas < tx.intrinsic_gas, f"intrinsic gas too low: gas {tx.gas}, minimum needed {tx.intrinsic_gas}"),
            (tx.max_priority_fee_per_gas > tx.max_fee_per_gas,
             "max priority fee per gas higher than max fee per gas"),
            (tx.max_fee_per_gas < pending.base_fee_per_gas,
             f"max fee per gas less than block base fee: maxFeePerGas {tx.max_fee_per_gas}, "
             f"baseFee {pending.base_fee_per_gas}"),
            (balance < cost, f"insufficient funds for gas * price + value: have {balance} want {cost}"),
            (tx.gas > pending.gas_limit - pending.gas_used,
             f"exceeds block gas limit: gas {tx.gas}, available {pending.gas_limit - pending.gas_used}"),
        ]
        return next((message for failed, message in checks if failed), f"transaction rejected: {error}")

    # Mining and time

    def mine(self, timestamp=None):
        """Seals the pending block (evm_mine, anvil_mine, automine, interval mining)."""
        if timestamp is not None:
            self.set_next_timestamp(timestamp)
        self._stamp_pending_if_empty()
        fixed = {} if self.clock.next_timestamp is None else {"timestamp": self.clock.next_timestamp}
        block = self.chain.mine_block(mix_hash=os.urandom(32), **fixed)  # random prevrandao, as eth-tester
        self.clock.block_mined()
        self.latest_state_root = block.header.state_root

    def mine_blocks(self, count, interval=None):
        """Mines `count` blocks, the first with whatever is pending (anvil_mine). With an interval, each is dated
        `interval` seconds after the one before it (the first after the latest block, unless
        evm_setNextBlockTimestamp fixed its timestamp); without, by the clock as usual."""
        for _ in range(count):
            if interval is not None and self.clock.next_timestamp is None:
                self.clock.next_timestamp = self.head().timestamp + interval
            self.mine()

    def increase_time(self, seconds):
        self.clock.offset += seconds
        self._stamp_pending_if_empty()
        return self.clock.offset

    def set_next_timestamp(self, timestamp):
        latest = self.head().timestamp
        if timestamp <= latest:
            raise invalid_params(f"timestamp {timestamp} is not after the latest block's ({latest})")
        self.clock.next_timestamp = timestamp
        self._stamp_pending_if_empty()

    def _pending_is_empty(self):
        return self.chain.header.transaction_root == BLANK_ROOT

    def _stamp_pending_if_empty(self):
        """Dates an empty pending block by the clock now, so that its transactions run at the time it will carry."""
        if self._pending_is_empty():
            timestamp = self.clock.next_block_timestamp(self.head().timestamp)
            self.chain.header = self.chain.header.copy(timestamp=timestamp)

    # Rollback and reorg

    def rollback(self, depth):
        """Drops the last `depth` blocks (anvil_rollback); their transactions are gone."""
        self._rewind_to(self._common_height(depth))

    def reorg(self, depth, pairs):
        """Replaces the last `depth` blocks with as many new ones, putting each (raw transaction, offset)
        in the new block at that offset (anvil_reorg). All or nothing."""
        common = self._common_height(depth)
        late = [offset for _, offset in pairs if offset >= depth]
        if late:
            raise invalid_params(f"block offset {late[0]} is not below the reorg depth {depth}")
        placed = [(self.decode_transaction(raw), offset) for raw, offset in pairs]
        before = self._capture()
        try:
            self._rewind_to(common)
            for offset in range(depth):
                for tx, at in placed:
                    if at == offset:
                        self._include(tx)
                self.mine()
        except Exception:
            self._restore(before)
            raise

    def _common_height(self, depth):
        height = self.head().block_number
        if depth > height:
            raise invalid_params(f"depth {depth} exceeds the chain height {height}")
        return height - depth

    def _rewind_to(self, number):
        """Makes block `number` the head: later blocks leave the canonical chain and its transaction index."""
        chaindb = self.chain.chaindb
        db = chaindb.db
        for later in range(number + 1, self.head().block_number + 1):
            header = chaindb.get_canonical_block_header_by_number(later)
            for tx_hash in chaindb.get_block_transaction_hashes(header):
                del db[SchemaV1.make_transaction_hash_to_block_lookup_key(tx_hash)]
            del db[SchemaV1.make_block_number_to_hash_lookup_key(later)]
        target = chaindb.get_canonical_block_header_by_number(number)
        db[SchemaV1.make_canonical_head_hash_lookup_key()] = target.hash
        no_gaps = rlp.encode(((), number + 1), sedes=chain_gaps)  # py-evm's record of which blocks it holds
        db[SchemaV1.make_header_chain_gaps_lookup_key()] = no_gaps
        db[SchemaV1.make_chain_gaps_lookup_key()] = no_gaps
        self.chain.header = self.chain.create_header_from_parent(target)
        self.latest_state_root = target.state_root

    # State

    def state(self, block_id):
        return self.chain.get_vm(at_header=self._state_header(block_id)).state

    def _state_header(self, block_id):
        """The header whose state a block id reads; the head's (by any name) includes anvil_set* changes."""
        if block_id == "pending":
            return self.chain.header
        header = self.header(block_id)
        if header is None:
            raise server_error("header not found")
        if header.hash == self.head().hash and header.state_root != self.latest_state_root:
            return header.copy(state_root=self.latest_state_root)
        return header

    def set_balance(self, account, balance):
        self._edit_state(lambda state: state.set_balance(account, balance))

    def set_code(self, account, code):
        self._edit_state(lambda state: state.set_code(account, code))

    def set_nonce(self, account, nonce):
        self._edit_state(lambda state: state.set_nonce(account, nonce))

    def set_storage(self, account, slot, value):
        self._edit_state(lambda state: state.set_storage(account, slot, int.from_bytes(value, "big")))

    def _edit_state(self, edit):
        """Applies an anvil_set* edit both to the state "latest" reads and to the pending block's: seen at once,
        and kept by the blocks mined after."""
        self.latest_state_root = self._edited(self._state_header("latest"), edit)
        pending = self.chain.header
        self.chain.header = pending.copy(state_root=self._edited(pending, edit))

    def _edited(self, header, edit):
        state = self.chain.get_vm(at_header=header).state
        edit(state)
        state.persist()
        return state.state_root

    # Execution without a transaction

    def call(self, request, block_id):
        computation, _ = self._run_scratch(request, block_id)
        return computation.output

    def _run_scratch(self, request, block_id, inspect=lambda state: None):
        """Runs the request on a scratch state at the block and undoes it; returns the computation (raising its
        error when it failed), the transaction, and what `inspect` read from the state before the undo."""
        state, tx = self._scratch(request, block_id)
        snapshot = state.snapshot()
        try:
            computation = state.apply_transaction(tx)
            seen = inspect(state)
        except ValidationError as error:
            raise server_error(f"cannot execute the call: {error}") from None
        finally:
            state.revert(snapshot)
        if computation.is_error:
            raise execution_error(computation.error)
        return computation, (tx, seen)

    def create_access_list(self, request, block_id):
        """eth_createAccessList as geth answers it: the call run on a scratch state, then every storage slot it
        touched (by contract) and every other account it touched, leaving out the sender, the recipient unless its
        storage was touched, the block's coinbase and the precompiles; gasUsed is what the call used (intrinsic gas
        included, refund taken off)."""
        # py-evm's warm set of the transaction (EIP-2929): 20-byte addresses, and address ++ slot for storage.
        def warm(state):
            return list(state._account_db._journal_accessed_state._journal._current_values.keys()), state.coinbase

        computation, (tx, (accessed, coinbase)) = self._run_scratch(request, block_id, warm)
        slots = {}
        addresses = set()
        for key in accessed:
            if len(key) == 20:
                addresses.add(key)
            else:
                slots.setdefault(key[:20], set()).add(int.from_bytes(key[20:], "big"))
        sender = request.sender or ZERO_ADDRESS
        precompiles = {(i).to_bytes(20, "big") for i in range(1, 0x12)}
        excluded = {sender, request.to, coinbase} | precompiles
        entries = sorted(set(slots) | {a for a in addresses if a not in excluded})
        used = tx.gas - computation.get_gas_remaining()
        used -= min(computation.get_gas_refund(), used // 5)
        return {
            "accessList": [
                {"address": encode.address(a), "storageKeys": [encode.word(k.to_bytes(32, "big")) for k in sorted(slots.get(a, ()))]}
                for a in entries
            ],
            "gasUsed": encode.quantity(used),
        }

    def estimate_gas(self, request, block_id):
        state, tx = self._scratch(request, block_id)
        try:
            estimate = self.chain.gas_estimator(state, tx)
        except VMError as error:
            raise execution_error(error) from None
        except ValidationError as error:
            raise server_error(f"cannot estimate gas: {error}") from None
        if request.gas is not None and estimate > request.gas:
            raise server_error(f"gas required exceeds allowance ({request.gas})")
        return estimate

    def _scratch(self, request, block_id):
        """A throwaway state at the block, with a zero base fee (calls cost nothing, as in geth), and the
        request as an unsigned transaction from its sender (default the zero address)."""
        header = self._state_header(block_id).copy(base_fee_per_gas=0)
        vm = self.chain.get_vm(at_header=header)
        state = vm.state
        sender = request.sender or ZERO_ADDRESS
        unsigned = vm.get_transaction_builder().new_unsigned_dynamic_fee_transaction(
            chain_id=CHAIN_ID, nonce=state.get_nonce(sender), max_priority_fee_per_gas=0, max_fee_per_gas=0,
            gas=request.gas or header.gas_limit, to=request.to, value=request.value, data=request.data,
            access_list=request.access_list)
        return state, SpoofTransaction(unsigned, from_=sender)

    # Fees

    def gas_price(self):
        return self.chain.header.base_fee_per_gas + SUGGESTED_TIP

    def fee_history(self, block_count, newest, percentiles):
        newest_header = self.header("latest" if newest == "pending" else newest)
        if newest_header is None:
            raise server_error("header not found")
        count = min(block_count, MAX_FEE_HISTORY_BLOCKS, newest_header.block_number + 1)
        oldest = newest_header.block_number - count + 1
        headers = [self.chain.get_canonical_block_header_by_number(n) for n in range(oldest, oldest + count)]
        next_base_fee = self.chain.create_header_from_parent(newest_header).base_fee_per_gas
        result = {
            "oldestBlock": encode.quantity(oldest),
            "baseFeePerGas": [encode.quantity(fee) for fee in [h.base_fee_per_gas for h in headers] + [next_base_fee]],
            "gasUsedRatio": [h.gas_used / h.gas_limit for h in headers],
        }
        if percentiles:
            result["reward"] = [[encode.quantity(r) for r in self._rewards(h, percentiles)] for h in headers]
        return result

    def _rewards(self, header, percentiles):
        """Effective tips at gas-weighted percentiles of one block, as geth computes them."""
        blk = self.chain.get_block_by_header(header)
        if not blk.transactions:
            return [0] * len(percentiles)
        receipts = blk.get_receipts(self.chain.chaindb)
        cumulative = [0] + [receipt.gas_used for receipt in receipts]
        tips = sorted(
            (encode.effective_gas_price(tx, header.base_fee_per_gas) - header.base_fee_per_gas,
             cumulative[i + 1] - cumulative[i])
            for i, tx in enumerate(blk.transactions))
        rewards, index, gas_so_far = [], 0, tips[0][1]
        for percentile in percentiles:
            threshold = header.gas_used * percentile / 100
            while gas_so_far < threshold and index < len(tips) - 1:
                index += 1
                gas_so_far += tips[index][1]
            rewards.append(tips[index][0])
        return rewards

    # Logs

    def logs(self, log_filter):
        addresses = {encode.data(a) for a in log_filter.addresses}
        topics = [None if choices is None else {encode.word(t) for t in choices} for choices in log_filter.topics]
        return [log
                for header in self._log_headers(log_filter) if _bloom_may_match(header.bloom, log_filter)
                for receipt in self._receipts_json(header.hash)
                for log in receipt["logs"] if _log_matches(log, addresses, topics)]

    def _log_headers(self, log_filter):
        if log_filter.block_hash is not None:
            header = self.header(log_filter.block_hash)
            if header is None:
                raise server_error("unknown block")
            return [header]
        first, last = self.resolve(log_filter.from_block), self.resolve(log_filter.to_block)
        if isinstance(first, int) and isinstance(last, int) and first > last:
            raise server_error(f"invalid block range: fromBlock {first} is after toBlock {last}")
        head = self.head().block_number
        first = head if first in ("latest", "pending") else first
        last = head if last in ("latest", "pending") else last
        # Past the head: clamped, so polling from the next block number answers [] until it exists.
        return (self.chain.get_canonical_block_header_by_number(n) for n in range(first, min(last, head) + 1))


def execution_error(error):
    """A failed call as geth answers it: reverts are code 3 with the revert data, anything else -32000."""
    if isinstance(error, Revert):
        revert_data = error.args[0] if error.args else b""
        reason = encode.revert_reason(revert_data)
        message = f"execution reverted: {reason}" if reason else "execution reverted"
        return RpcError(EXECUTION_REVERTED, message, encode.data(revert_data))
    return server_error(f"execution failed: {error}")


def _bloom_may_match(bloom, log_filter):
    """Whether a block's logs bloom could hold logs the filter wants (False: skip the block)."""
    if not bloom:
        return False
    bits = BloomFilter(bloom)
    if log_filter.addresses and not any(a in bits for a in log_filter.addresses):
        return False
    return all(choices is None or any(t in bits for t in choices) for choices in log_filter.topics)


def _log_matches(log, addresses, topics):
    if addresses and log["address"] not in addresses:
        return False
    if len(topics) > len(log["topics"]):
        return False
    return all(choices is None or topic in choices for choices, topic in zip(topics, log["topics"]))
