"""Peer for `bench/compare keccak`: pycryptodome's Keccak-256 (Crypto.Hash.keccak, digest_bits=256, C inside).

Measured like podium-bench: batches calibrated to about 20 ms, median of 7. Prints `figure<TAB>value<TAB>unit`.
"""

from Crypto.Hash import keccak
from timing import nanoseconds_per_call


def main():
    mebibyte = bytes([0xA5]) * (1 << 20)
    ns = nanoseconds_per_call(lambda: keccak.new(data=mebibyte, digest_bits=256).digest())
    print(f"keccak/1MiB\t{len(mebibyte) / ns * 1e3}\tMB/s")
    for size in (32, 64):
        message = bytearray([0x5A]) * size

        def hash_and_vary():
            keccak.new(data=message, digest_bits=256).digest()
            message[0] = (message[0] + 1) & 0xFF

        print(f"keccak/{size}\t{1e9 / nanoseconds_per_call(hash_and_vary)}\thashes/s")


if __name__ == "__main__":
    main()
