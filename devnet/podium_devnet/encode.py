"""py-evm objects as the JSON-RPC specification shapes them: camelCase keys, 0x-hex quantities without leading
zeros, 0x-hex data, lowercase addresses and null for absent values."""

import rlp
from eth._utils.address import generate_contract_address
from eth_abi import decode as abi_decode

ERROR_SELECTOR = bytes.fromhex("08c379a0")  # Error(string)
PANIC_SELECTOR = bytes.fromhex("4e487b71")  # Panic(uint256)


def quantity(value):
    return hex(value)


def data(value):
    return "0x" + bytes(value).hex()


def word(value):
    """A 32-byte value (hash, topic, storage word) given as bytes or int."""
    if isinstance(value, int):
        value = value.to_bytes(32, "big")
    return data(value.rjust(32, b"\0"))


def address(value):
    return data(value) if value else None


def bloom(value):
    return data(value.to_bytes(256, "big"))


def transaction_type(tx):
    return getattr(tx, "type_id", None) or 0


def effective_gas_price(tx, base_fee):
    """What the sender pays per gas: the gas price, or base fee plus the capped tip (EIP-1559)."""
    return min(tx.max_fee_per_gas, base_fee + tx.max_priority_fee_per_gas)


def transaction(tx, header=None, index=None):
    """The JSON-RPC transaction object; `header` and `index` place it in a block (null when pending)."""
    kind = transaction_type(tx)
    result = {
        "type": quantity(kind),
        "nonce": quantity(tx.nonce),
        "gas": quantity(tx.gas),
        "to": address(tx.to),
        "value": quantity(tx.value),
        "input": data(tx.data),
        "hash": word(tx.hash),
        "from": address(tx.sender),
        "blockHash": word(header.hash) if header else None,
        "blockNumber": quantity(header.block_number) if header else None,
        "blockTimestamp": quantity(header.timestamp) if header else None,
        "transactionIndex": quantity(index) if header else None,
    }
    if kind == 0:
        result.update(_legacy_fields(tx))
    else:
        result.update(_typed_fields(tx, kind, header))
    return result


def _legacy_fields(tx):
    fields = {"gasPrice": quantity(tx.gas_price), "v": quantity(tx.v), "r": quantity(tx.r), "s": quantity(tx.s)}
    if tx.chain_id is not None:  # EIP-155; pre-EIP-155 transactions have none
        fields["chainId"] = quantity(tx.chain_id)
    return fields


def _typed_fields(tx, kind, header):
    fields = {
        "chainId": quantity(tx.chain_id),
        "accessList": [
            {"address": address(entry_address), "storageKeys": [word(key) for key in keys]}
            for entry_address, keys in tx.access_list
        ],
        "yParity": quantity(tx.y_parity),
        "v": quantity(tx.y_parity),
        "r": quantity(tx.r),
        "s": quantity(tx.s),
    }
    if kind == 1:
        fields["gasPrice"] = quantity(tx.gas_price)
        return fields
    fields["maxFeePerGas"] = quantity(tx.max_fee_per_gas)
    fields["maxPriorityFeePerGas"] = quantity(tx.max_priority_fee_per_gas)
    price = effective_gas_price(tx, header.base_fee_per_gas) if header else tx.max_fee_per_gas
    fields["gasPrice"] = quantity(price)
    if kind == 4:
        fields["authorizationList"] = [_authorization(entry) for entry in tx.authorization_list]
    return fields


def _authorization(entry):
    return {
        "chainId": quantity(entry.chain_id),
        "address": address(entry.address),
        "nonce": quantity(entry.nonce),
        "yParity": quantity(entry.y_parity),
        "r": quantity(entry.r),
        "s": quantity(entry.s),
    }


def block(blk, full_transactions):
    """The JSON-RPC block object, with transaction hashes or (full_transactions) transaction objects."""
    header = blk.header
    if full_transactions:
        transactions = [transaction(tx, header, index) for index, tx in enumerate(blk.transactions)]
    else:
        transactions = [word(tx.hash) for tx in blk.transactions]
    return {
        "number": quantity(header.block_number),
        "hash": word(header.hash),
        "parentHash": word(header.parent_hash),
        "nonce": data(header.nonce),
        "sha3Uncles": word(header.uncles_hash),
        "logsBloom": bloom(header.bloom),
        "transactionsRoot": word(header.transaction_root),
        "stateRoot": word(header.state_root),
        "receiptsRoot": word(header.receipt_root),
        "miner": data(header.coinbase),
        "difficulty": quantity(header.difficulty),
        "totalDifficulty": quantity(0),  # every block is post-merge: difficulty 0 from genesis on
        "extraData": data(header.extra_data),
        "size": quantity(len(rlp.encode(blk))),
        "gasLimit": quantity(header.gas_limit),
        "gasUsed": quantity(header.gas_used),
        "timestamp": quantity(header.timestamp),
        "transactions": transactions,
        "uncles": [word(uncle.hash) for uncle in blk.uncles],
        "mixHash": word(header.mix_hash),
        "baseFeePerGas": quantity(header.base_fee_per_gas),
        "withdrawals": [],
        "withdrawalsRoot": word(header.withdrawals_root),
        "blobGasUsed": quantity(header.blob_gas_used),
        "excessBlobGas": quantity(header.excess_blob_gas),
        "parentBeaconBlockRoot": word(header.parent_beacon_block_root),
        "requestsHash": word(header.requests_hash),
    }


def block_receipts(blk, receipts):
    """The JSON-RPC receipt objects of one mined block, in transaction order."""
    header = blk.header
    results = []
    previous_cumulative = 0
    log_index = 0
    for index, (tx, receipt) in enumerate(zip(blk.transactions, receipts)):
        logs = [_log(entry, header, tx, index, log_index + offset) for offset, entry in enumerate(receipt.logs)]
        log_index += len(logs)
        creates = generate_contract_address(tx.sender, tx.nonce) if not tx.to else None
        results.append({
            "transactionHash": word(tx.hash),
            "transactionIndex": quantity(index),
            "blockHash": word(header.hash),
            "blockNumber": quantity(header.block_number),
            "from": address(tx.sender),
            "to": address(tx.to),
            "cumulativeGasUsed": quantity(receipt.gas_used),
            "gasUsed": quantity(receipt.gas_used - previous_cumulative),
            "effectiveGasPrice": quantity(effective_gas_price(tx, header.base_fee_per_gas)),
            "contractAddress": address(creates),
            "logs": logs,
            "logsBloom": bloom(receipt.bloom),
            "status": quantity(1 if receipt.state_root == b"\x01" else 0),
            "type": quantity(transaction_type(tx)),
        })
        previous_cumulative = receipt.gas_used
    return results


def _log(entry, header, tx, tx_index, log_index):
    return {
        "address": address(entry.address),
        "topics": [word(topic) for topic in entry.topics],
        "data": data(entry.data),
        "blockNumber": quantity(header.block_number),
        "blockHash": word(header.hash),
        "blockTimestamp": quantity(header.timestamp),
        "transactionHash": word(tx.hash),
        "transactionIndex": quantity(tx_index),
        "logIndex": quantity(log_index),
        "removed": False,
    }


def revert_reason(revert_data):
    """The reason a revert gives: Error(string)'s text, Panic(uint256)'s code, or None."""
    selector, payload = revert_data[:4], revert_data[4:]
    try:
        if selector == ERROR_SELECTOR:
            return abi_decode(["string"], payload)[0]
        if selector == PANIC_SELECTOR:
            return f"panic code {hex(abi_decode(['uint256'], payload)[0])}"
    except Exception:  # malformed payload: no reason, the raw data still goes back
        return None
    return None
