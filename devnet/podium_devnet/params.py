"""Parsers for JSON-RPC parameters. Each takes the JSON value and returns the Python value, or raises ValueError
with a short description of what was expected (the dispatcher adds which parameter it was)."""

import re
from dataclasses import dataclass

HEX = re.compile(r"0x[0-9a-fA-F]*")
# safe and finalized stay tags: the chain resolves them against the head when they are used (--finality-depth).
TAGS = {"latest": "latest", "safe": "safe", "finalized": "finalized", "pending": "pending", "earliest": 0}
MAX_NONCE = 2**64 - 1  # EIP-2681
MAX_WORD = 2**256 - 1


def quantity(value):
    """A 0x-hex quantity (or, leniently, a non-negative JSON integer)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and HEX.fullmatch(value) and len(value) > 2:
        return int(value, 16)
    raise ValueError("expected a 0x-hex quantity")


def data(value):
    """0x-hex bytes with an even number of digits."""
    if isinstance(value, str) and HEX.fullmatch(value) and len(value) % 2 == 0:
        return bytes.fromhex(value[2:])
    raise ValueError("expected 0x-hex data with an even number of digits")


def fixed_bytes(size, what):
    """A parser for exactly `size` bytes of 0x-hex."""
    def parse(value):
        if isinstance(value, str) and HEX.fullmatch(value) and len(value) == 2 + 2 * size:
            return bytes.fromhex(value[2:])
        raise ValueError(f"expected {what}: 0x and {size * 2} hex digits")
    return parse


address = fixed_bytes(20, "an address")
hash32 = fixed_bytes(32, "a 32-byte hash")
word = fixed_bytes(32, "a 32-byte word")


def nonce(value):
    """An account nonce: a quantity below 2**64 (EIP-2681)."""
    result = quantity(value)
    if result > MAX_NONCE:
        raise ValueError("a nonce must be below 2**64")
    return result


def slot(value):
    """A storage slot: a quantity, or a 32-byte word (leading zeros allowed), below 2**256."""
    result = quantity(value)
    if result > MAX_WORD:
        raise ValueError("a storage slot must be below 2**256")
    return result


def boolean(value):
    if isinstance(value, bool):
        return value
    raise ValueError("expected true or false")


def block_number_or_tag(value):
    """A block number or tag. Returns an int (0 for earliest), "latest", "pending", "safe" or "finalized"."""
    if isinstance(value, str) and value in TAGS:
        return TAGS[value]
    try:
        return quantity(value)
    except ValueError:
        raise ValueError("expected a block number or tag (latest, pending, safe, finalized, earliest)") from None


def block_id(value):
    """A block number, tag, hash (returned as 32 bytes) or EIP-1898 object {blockHash} / {blockNumber}."""
    if isinstance(value, str) and len(value) == 66:
        return hash32(value)
    if isinstance(value, dict) and set(value) <= {"blockHash", "blockNumber", "requireCanonical"}:
        if "blockHash" in value and "blockNumber" not in value:
            return hash32(value["blockHash"])
        if "blockNumber" in value and "blockHash" not in value:
            return block_number_or_tag(value["blockNumber"])
    try:
        return block_number_or_tag(value)
    except ValueError:
        raise ValueError("expected a block number, tag or hash") from None


@dataclass
class CallRequest:
    """The parts of an eth_call / eth_estimateGas transaction object the devnet uses."""
    sender: bytes | None
    to: bytes
    gas: int | None
    value: int
    data: bytes
    access_list: tuple


CALL_FIELDS = {"from", "to", "gas", "gasPrice", "maxFeePerGas", "maxPriorityFeePerGas", "value", "data", "input",
               "nonce", "type", "accessList", "chainId"}


def call_request(value):
    """A transaction call object. Fee fields are accepted and ignored: calls run at zero gas price, as geth's do."""
    if not isinstance(value, dict):
        raise ValueError("expected a transaction call object")
    unknown = sorted(set(value) - CALL_FIELDS)
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}")
    if "input" in value and "data" in value and value["input"] != value["data"]:
        raise ValueError("both input and data given, with different values")
    payload = value.get("input", value.get("data"))
    to = value.get("to")
    return CallRequest(
        sender=_field(value, "from", address),
        to=_field(value, "to", address) if to is not None else b"",
        gas=_field(value, "gas", quantity),
        value=_field(value, "value", quantity) or 0,
        data=_named("input", data, payload) if payload is not None else b"",
        access_list=_field(value, "accessList", access_list) or (),
    )


def _field(obj, key, parse):
    return _named(key, parse, obj[key]) if obj.get(key) is not None else None


def _named(key, parse, value):
    try:
        return parse(value)
    except ValueError as error:
        raise ValueError(f"{key}: {error}") from None


def access_list(value):
    if not isinstance(value, list):
        raise ValueError("expected an array of {address, storageKeys}")
    entries = []
    for entry in value:
        if not isinstance(entry, dict) or "address" not in entry:
            raise ValueError("expected an array of {address, storageKeys}")
        keys = entry.get("storageKeys") or []
        if not isinstance(keys, list):
            raise ValueError("storageKeys: expected an array of 32-byte hashes")
        entries.append((address(entry["address"]), tuple(int.from_bytes(hash32(key), "big") for key in keys)))
    return tuple(entries)


@dataclass
class LogFilter:
    """An eth_getLogs filter: a block range or one block hash, addresses (empty: any) and topic positions
    (each None for any, or a set of accepted 32-byte topics)."""
    from_block: int | str
    to_block: int | str
    block_hash: bytes | None
    addresses: frozenset
    topics: list


def log_filter(value):
    if not isinstance(value, dict):
        raise ValueError("expected a filter object")
    unknown = sorted(set(value) - {"fromBlock", "toBlock", "blockHash", "address", "topics"})
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}")
    block_hash = _field(value, "blockHash", hash32)
    if block_hash is not None and (value.get("fromBlock") is not None or value.get("toBlock") is not None):
        raise ValueError("blockHash cannot be combined with fromBlock or toBlock")
    from_block, to_block = (_field(value, key, block_number_or_tag) for key in ("fromBlock", "toBlock"))
    return LogFilter(
        from_block="latest" if from_block is None else from_block,
        to_block="latest" if to_block is None else to_block,
        block_hash=block_hash,
        addresses=_field(value, "address", addresses) or frozenset(),
        topics=_field(value, "topics", topics) or [],
    )


def addresses(value):
    items = value if isinstance(value, list) else [value]
    return frozenset(address(item) for item in items)


def topics(value):
    if not isinstance(value, list) or len(value) > 4:
        raise ValueError("expected an array of at most 4 topic entries")
    return [_topic_position(entry) for entry in value]


def _topic_position(entry):
    if entry is None:
        return None
    choices = entry if isinstance(entry, list) else [entry]
    return frozenset(hash32(choice) for choice in choices) or None


def percentiles(value):
    """eth_feeHistory's reward percentiles: numbers from 0 to 100, non-decreasing."""
    if not isinstance(value, list) or not all(
            isinstance(p, (int, float)) and not isinstance(p, bool) and 0 <= p <= 100 for p in value):
        raise ValueError("expected an array of numbers from 0 to 100")
    if any(later < earlier for earlier, later in zip(value, value[1:])):
        raise ValueError("percentiles must be monotonically increasing")
    return [float(p) for p in value]


def reorg_options(value):
    """anvil_reorg's first parameter: the depth, or an object {depth, txBlockPairs} holding both.
    Returns (depth, pairs or None)."""
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"depth", "txBlockPairs", "tx_block_pairs"})
        if unknown or "depth" not in value:
            raise ValueError("expected a depth or {depth, txBlockPairs}")
        pairs = value.get("txBlockPairs", value.get("tx_block_pairs"))
        return _named("depth", quantity, value["depth"]), _named("txBlockPairs", reorg_pairs, pairs or [])
    return quantity(value), None


def reorg_pairs(value):
    """anvil_reorg's [[signed raw transaction, block offset], ...]."""
    if not isinstance(value, list):
        raise ValueError("expected an array of [raw transaction, block offset] pairs")
    pairs = []
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2:
            raise ValueError("expected an array of [raw transaction, block offset] pairs")
        if not isinstance(pair[0], str):
            raise ValueError("only signed raw transactions (0x-hex) are supported")
        pairs.append((data(pair[0]), quantity(pair[1])))
    return pairs


def reset_options(value):
    """anvil_reset's options: forking is not supported, so only an empty object."""
    if not isinstance(value, dict) or value.get("forking") is not None:
        raise ValueError("forking is not supported by the devnet; call anvil_reset without options")
    return value


def optional(parse):
    """Accepts null as None, else parses."""
    return lambda value: None if value is None else parse(value)
