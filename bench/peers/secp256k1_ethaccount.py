"""Peer for `bench/compare secp256k1`: coincurve (libsecp256k1 through cffi) and eth-account, as Python signs.

secp256k1/sign: coincurve PrivateKey.sign_recoverable of a fresh 32-byte hash; secp256k1/recover: coincurve
PublicKey.from_signature_and_message + uncompressed serialization; secp256k1/sign-eip1559-transfer:
eth-account Account.sign_transaction of the same EIP-1559 transfer as podium-bench (nonce varying), raw bytes out.
Timing as podium-bench does it: a batch calibrated to about 20 ms, the median of 7 batches.
"""
import coincurve
from eth_account import Account
from timing import nanoseconds_per_call

KEY = bytes([0x46]) * 32


def main():
    key = coincurve.PrivateKey(KEY)
    counter = [0]

    def next_hash():
        counter[0] += 1
        return counter[0].to_bytes(8, "little") + bytes([0x5A]) * 24

    sign_ns = nanoseconds_per_call(lambda: key.sign_recoverable(next_hash(), hasher=None))
    print(f"secp256k1/sign\t{1e9 / sign_ns}\tsigns/s\tcoincurve")

    signed = [(h, key.sign_recoverable(h, hasher=None)) for h in (next_hash() for _ in range(256))]
    index = [0]

    def recover():
        message, signature = signed[index[0] & 255]
        index[0] += 1
        coincurve.PublicKey.from_signature_and_message(signature, message, hasher=None).format(compressed=False)

    recover_ns = nanoseconds_per_call(recover)
    print(f"secp256k1/recover\t{1e9 / recover_ns}\trecoveries/s\tcoincurve")

    account = Account.from_key(KEY)
    transfer = {
        "type": 2,
        "chainId": 31337,
        "nonce": 0,
        "maxPriorityFeePerGas": 1_000_000_000,
        "maxFeePerGas": 30_000_000_000,
        "gas": 21_000,
        "to": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "value": 10**18,
        "data": b"",
    }

    def sign_transfer():
        transfer["nonce"] += 1
        account.sign_transaction(transfer).raw_transaction

    transfer_ns = nanoseconds_per_call(sign_transfer)
    print(f"secp256k1/sign-eip1559-transfer\t{1e9 / transfer_ns}\ttx/s\teth-account")


if __name__ == "__main__":
    main()
