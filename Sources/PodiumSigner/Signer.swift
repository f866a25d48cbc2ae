import PodiumPrimitives

/// Something that signs for one Ethereum account: a private key in memory, or a key held elsewhere (a remote
/// signer, a hardware module), which is why signing may suspend and fail.
public protocol Signer: Sendable {
    /// The account the signatures recover to.
    var address: Address { get }

    /// A recoverable secp256k1 signature of `hash` by the account's key (low s, EIP-2).
    func sign(hash: Bytes32) async throws -> Signature
}

extension PrivateKey: Signer {}
