import PodiumPrimitives

/// A user operation's nonce split as ERC-4337 "Semi-abstracted Nonce Support" defines it: a 192-bit key, which picks
/// an independent sequence, and the 64-bit sequence number within it (`nonce = key << 64 | sequence`; EntryPoint
/// v0.7's `NonceManager`).
public struct UserOperationNonce: Hashable, Sendable {
    /// The key, below 2¹⁹²: operations with different keys are ordered independently.
    public let key: UInt256
    /// The position in the key's sequence, which the EntryPoint increments once per operation.
    public let sequence: UInt64

    /// The nonce of `sequence` in the sequence of `key`; throws `nonceKeyTooLarge` for a key above 2¹⁹² − 1.
    public init(key: UInt256, sequence: UInt64) throws(UserOperationError) {
        guard key.leadingZeroBitCount >= 64 else { throw .nonceKeyTooLarge(key) }
        (self.key, self.sequence) = (key, sequence)
    }

    /// The key and sequence of a 256-bit nonce.
    public init(_ nonce: UInt256) {
        (key, sequence) = (nonce >> 64, nonce.limbs.0)
    }

    /// `key << 64 | sequence`: the operation's `nonce` field.
    public var value: UInt256 { key << 64 | UInt256(sequence) }
}
