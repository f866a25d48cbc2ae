"""The JSON-RPC methods. Each is registered with its positional parameters (name, parser, and a default when
optional); `call` checks and parses the parameters, then runs the method under the chain's lock."""

from importlib.metadata import version

from . import encode, params
from .chain import CHAIN_ID, MAX_MINE_BLOCKS, SUGGESTED_TIP
from .errors import METHOD_NOT_FOUND, RpcError, invalid_params

CLIENT_VERSION = f"podium-devnet/0.1 py-evm/{version('py-evm')}"
REQUIRED = object()
METHODS = {}


def method(name, *specs, aliases=()):
    """Registers a handler(devnet, *arguments) under its name and aliases; each spec is (name, parser) or
    (name, parser, default)."""
    def register(handler):
        for each in (name, *aliases):
            METHODS[each] = (handler, [spec if len(spec) == 3 else (*spec, REQUIRED) for spec in specs])
        return handler
    return register


def call(devnet, name, arguments):
    if name not in METHODS:
        raise RpcError(METHOD_NOT_FOUND, f"the method {name} does not exist/is not available")
    handler, specs = METHODS[name]
    if len(arguments) > len(specs):
        raise invalid_params(f"{name} takes at most {len(specs)} parameters, got {len(arguments)}")
    parsed = [_parse(index, spec, arguments) for index, spec in enumerate(specs)]
    with devnet.lock:
        return handler(devnet, *parsed)


def _parse(index, spec, arguments):
    name, parse, default = spec
    if index >= len(arguments):
        if default is REQUIRED:
            raise invalid_params(f"missing params[{index}] ({name})")
        return default
    try:
        return parse(arguments[index])
    except ValueError as error:
        raise invalid_params(f"params[{index}] ({name}): {error}") from None


def positive(value):
    result = params.quantity(value)
    if result < 1:
        raise ValueError("must be at least 1")
    return result


def mine_count(value):
    result = params.quantity(value)
    if result > MAX_MINE_BLOCKS:
        raise ValueError(f"at most {MAX_MINE_BLOCKS} blocks per call")
    return result


BLOCK = ("block", params.block_id, "latest")

# Chain and network


@method("eth_chainId")
def eth_chain_id(devnet):
    return encode.quantity(CHAIN_ID)


@method("net_version")
def net_version(devnet):
    return str(CHAIN_ID)


@method("web3_clientVersion")
def web3_client_version(devnet):
    return CLIENT_VERSION


@method("eth_accounts")
def eth_accounts(devnet):
    return [encode.address(account) for account in devnet.accounts]


@method("eth_blockNumber")
def eth_block_number(devnet):
    return encode.quantity(devnet.head().block_number)

# State


@method("eth_getBalance", ("address", params.address), BLOCK)
def eth_get_balance(devnet, account, block):
    return encode.quantity(devnet.state(block).get_balance(account))


@method("eth_getTransactionCount", ("address", params.address), BLOCK)
def eth_get_transaction_count(devnet, account, block):
    return encode.quantity(devnet.state(block).get_nonce(account))


@method("eth_getCode", ("address", params.address), BLOCK)
def eth_get_code(devnet, account, block):
    return encode.data(devnet.state(block).get_code(account))


@method("eth_getStorageAt", ("address", params.address), ("slot", params.quantity), BLOCK)
def eth_get_storage_at(devnet, account, slot, block):
    return encode.word(devnet.state(block).get_storage(account, slot))

# Fees


@method("eth_gasPrice")
def eth_gas_price(devnet):
    return encode.quantity(devnet.gas_price())


@method("eth_maxPriorityFeePerGas")
def eth_max_priority_fee_per_gas(devnet):
    return encode.quantity(SUGGESTED_TIP)


@method("eth_feeHistory", ("blockCount", positive), ("newestBlock", params.block_number_or_tag),
        ("rewardPercentiles", params.optional(params.percentiles), None))
def eth_fee_history(devnet, block_count, newest, percentiles):
    return devnet.fee_history(block_count, newest, percentiles)

# Execution


@method("eth_call", ("transaction", params.call_request), BLOCK)
def eth_call(devnet, request, block):
    return encode.data(devnet.call(request, block))


@method("eth_createAccessList", ("transaction", params.call_request), BLOCK)
def eth_create_access_list(devnet, request, block):
    return devnet.create_access_list(request, block)


@method("eth_estimateGas", ("transaction", params.call_request), BLOCK)
def eth_estimate_gas(devnet, request, block):
    return encode.quantity(devnet.estimate_gas(request, block))


@method("eth_sendRawTransaction", ("transaction", params.data))
def eth_send_raw_transaction(devnet, raw):
    return encode.word(devnet.send_raw_transaction(raw))

# Blocks, transactions, receipts, logs


@method("eth_getTransactionByHash", ("hash", params.hash32))
def eth_get_transaction_by_hash(devnet, tx_hash):
    return devnet.transaction_json(tx_hash)


@method("eth_getTransactionReceipt", ("hash", params.hash32))
def eth_get_transaction_receipt(devnet, tx_hash):
    return devnet.receipt_json(tx_hash)


@method("eth_getBlockByNumber", ("block", params.block_number_or_tag), ("fullTransactions", params.boolean))
def eth_get_block_by_number(devnet, block, full_transactions):
    return devnet.block_json(block, full_transactions)


@method("eth_getBlockByHash", ("hash", params.hash32), ("fullTransactions", params.boolean))
def eth_get_block_by_hash(devnet, block_hash, full_transactions):
    return devnet.block_json(block_hash, full_transactions)


@method("eth_getLogs", ("filter", params.log_filter))
def eth_get_logs(devnet, log_filter):
    return devnet.logs(log_filter)

# Test control (anvil and Hardhat names)


@method("evm_snapshot")
def evm_snapshot(devnet):
    return encode.quantity(devnet.snapshot())


@method("evm_revert", ("snapshotId", params.quantity))
def evm_revert(devnet, snapshot_id):
    return devnet.revert(snapshot_id)


@method("evm_mine", ("timestamp", params.optional(params.quantity), None))
def evm_mine(devnet, timestamp):
    devnet.mine(timestamp)
    return "0x0"


@method("evm_increaseTime", ("seconds", params.quantity))
def evm_increase_time(devnet, seconds):
    return devnet.increase_time(seconds)


@method("evm_setNextBlockTimestamp", ("timestamp", params.quantity))
def evm_set_next_block_timestamp(devnet, timestamp):
    devnet.set_next_timestamp(timestamp)


@method("anvil_setBalance", ("address", params.address), ("balance", params.quantity))
def anvil_set_balance(devnet, account, balance):
    devnet.set_balance(account, balance)


@method("anvil_setCode", ("address", params.address), ("code", params.data), aliases=("hardhat_setCode",))
def anvil_set_code(devnet, account, code):
    devnet.set_code(account, code)


@method("anvil_setNonce", ("address", params.address), ("nonce", params.nonce), aliases=("hardhat_setNonce",))
def anvil_set_nonce(devnet, account, nonce):
    devnet.set_nonce(account, nonce)


@method("anvil_setStorageAt", ("address", params.address), ("slot", params.slot), ("value", params.word),
        aliases=("hardhat_setStorageAt",))
def anvil_set_storage_at(devnet, account, slot, value):
    devnet.set_storage(account, slot, value)
    return True  # anvil answers true here, null for setCode and setNonce


@method("anvil_mine", ("count", params.optional(mine_count), None), ("interval", params.optional(positive), None),
        aliases=("hardhat_mine",))
def anvil_mine(devnet, count, interval):
    devnet.mine_blocks(1 if count is None else count, interval)


@method("anvil_reset", ("options", params.optional(params.reset_options), None))
def anvil_reset(devnet, options):
    devnet.reset()


@method("anvil_rollback", ("depth", params.optional(params.quantity), None))
def anvil_rollback(devnet, depth):
    devnet.rollback(1 if depth is None else depth)


@method("anvil_reorg", ("depth", params.reorg_options), ("txBlockPairs", params.reorg_pairs, []))
def anvil_reorg(devnet, options, pairs):
    depth, options_pairs = options
    devnet.reorg(depth, pairs if options_pairs is None else options_pairs)
