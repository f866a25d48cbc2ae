import PodiumPrimitives
import PodiumSigner

/// An unsigned transaction of one EIP-2718 type: what its sender signs, and how it is written once signed.
public protocol SignableTransaction: Hashable, Sendable {
    /// The EIP-2718 type.
    static var transactionType: TransactionType { get }

    /// The bytes whose Keccak-256 hash the sender signs (EIP-155 for legacy, EIP-2930 and EIP-1559 for typed).
    func signingPayload() -> [UInt8]

    /// The raw signed transaction, as `eth_sendRawTransaction` takes it and the transaction hash hashes it.
    func encoded(signature: Signature) -> [UInt8]

    /// Decodes a raw signed transaction of this type strictly: canonical RLP, the exact field count, canonical
    /// integers of the right width, a valid v or yParity, nothing after the end.
    static func decode(signed raw: some Collection<UInt8>) throws(TransactionError)
        -> (transaction: Self, signature: Signature)
}

extension SignableTransaction {
    /// The hash the sender signs: keccak256 of `signingPayload()`.
    public var signingHash: Bytes32 { Keccak256.hash(signingPayload()) }

    /// The transaction signed with `key` (deterministic RFC 6979 ECDSA, low s).
    public func signed(with key: PrivateKey) -> Signed<Self> {
        Signed(self, signature: key.sign(hash: signingHash))
    }
}
