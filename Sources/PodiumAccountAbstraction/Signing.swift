import PodiumPrimitives
import PodiumSigner

// What SimpleAccount and VerifyingPaymaster have in common: both recover their signer from an ECDSA signature of
// OpenZeppelin's `MessageHashUtils.toEthSignedMessageHash(hash)` with `ECDSA.recover`, which reverts on a malformed
// signature.

/// EIP-191's personal-message hash of the 32 bytes of `hash`: keccak256("\x19Ethereum Signed Message:\n32" ‖ hash).
func personalMessageHash(of hash: Bytes32) -> Bytes32 {
    hash.withUnsafeBytes { EIP191.personalMessageHash($0) }
}

/// r = 0xfffffffffffffffffffffffffffffff0 followed by 16 zero bytes, s = 0x7aaa…aa (below n/2), v = 28: a
/// well-formed signature that recovers (the tests check it), so `ECDSA.recover` returns an address instead of
/// reverting and validation fails as a signature mismatch, which gas estimation tolerates.
let stubSignature: [UInt8] =
    [UInt8](repeating: 0xff, count: 15) + [0xf0] + [UInt8](repeating: 0, count: 16)
    + [0x7a] + [UInt8](repeating: 0xaa, count: 31) + [0x1c]
