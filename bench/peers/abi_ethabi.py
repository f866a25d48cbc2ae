"""Peer for `bench/compare abi`: eth-abi 6.0.0 (eth_abi.decode / eth_abi.encode, pure Python) on the values of
Sources/podium-bench/ABIBench.swift:

- prizesDistributed: the data of `event PrizesDistributed(uint8 indexed prizeType, address[] winners,
  uint256[] amounts, uint256 timestamp)`, whose indexed prizeType is a topic: `(address[],uint256[],uint256)` with
  5 winners, 5 amounts and a timestamp.
- nested: `(uint256,(address,bytes,uint256)[],string)` with 3 entries of 40-byte bytes and a 30-character string.

eth-abi has one codec, so it prints each figure under both of Podium's names, the typed one and `-dynamic`.
Measured like podium-bench: batches calibrated to about 20 ms, median of 7. Prints `figure<TAB>value<TAB>unit`.
"""

from eth_abi import decode, encode
from timing import nanoseconds_per_call


def address(seed):
    """The address whose 20 bytes are `seed` repeated, as eth-abi takes it."""
    return "0x" + (bytes([seed]) * 20).hex()


PRIZES_TYPES = ["address[]", "uint256[]", "uint256"]
PRIZES = (
    [address(i * 0x11) for i in range(1, 6)],
    [i * 10**18 for i in range(1, 6)],
    1_717_171_717,
)

NESTED_TYPES = ["uint256", "(address,bytes,uint256)[]", "string"]
NESTED = (
    42,
    [(address(i * 0x21), bytes((b + i) & 0xFF for b in range(40)), i * 1_000_000) for i in range(1, 4)],
    "prizes for the third round, ok",
)


def main():
    for name, types, values in (("prizesDistributed", PRIZES_TYPES, PRIZES), ("nested", NESTED_TYPES, NESTED)):
        data = encode(types, values)
        decodes = 1e9 / nanoseconds_per_call(lambda: decode(types, data))
        encodes = 1e9 / nanoseconds_per_call(lambda: encode(types, values))
        for operation, rate in (("decode", decodes), ("encode", encodes)):
            for suffix in ("", "-dynamic"):
                print(f"abi/{operation}/{name}{suffix}\t{rate}\tops/s")


if __name__ == "__main__":
    main()
