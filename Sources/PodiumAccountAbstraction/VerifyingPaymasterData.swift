import PodiumABI
import PodiumPrimitives

/// The paymasterData of eth-infinitism's VerifyingPaymaster v0.7 (samples/VerifyingPaymaster.sol,
/// `parsePaymasterSignature`): abi.encode(uint48 validUntil, uint48 validAfter), 64 bytes, then the signer's
/// 64- or 65-byte signature of `VerifyingPaymaster.hash`.
public struct VerifyingPaymasterData: Hashable, Sendable {
    /// The last second the approval is valid (0 for no end), a `uint48`.
    public let validUntil: UInt64
    /// The first second the approval is valid, a `uint48`.
    public let validAfter: UInt64
    /// The paymaster signer's signature: 65 bytes r ‖ s ‖ v, or 64 in EIP-2098's compact form.
    public let signature: [UInt8]

    /// The largest `uint48`, 2⁴⁸ − 1.
    public static let maximumTimestamp: UInt64 = (1 << 48) - 1

    /// The data of this window and signature; throws `timestampTooLarge` for a time above `maximumTimestamp`,
    /// `invalidPaymasterDataLength` for a signature of another length than 64 or 65 bytes.
    public init(validUntil: UInt64, validAfter: UInt64, signature: [UInt8]) throws(UserOperationError) {
        for time in [validUntil, validAfter] where time > Self.maximumTimestamp { throw .timestampTooLarge(time) }
        guard signature.count == 64 || signature.count == 65 else {
            throw .invalidPaymasterDataLength(64 + signature.count)
        }
        (self.validUntil, self.validAfter, self.signature) = (validUntil, validAfter, signature)
    }

    /// The data of this window with a stub signature in place of the signer's (`SimpleAccount.stubSignature`,
    /// which recovers without reverting): as long as the final data, as ERC-7677's `pm_getPaymasterStubData`
    /// wants it, for gas estimation.
    public static func stub(
        validUntil: UInt64, validAfter: UInt64
    ) throws(UserOperationError) -> VerifyingPaymasterData {
        try VerifyingPaymasterData(validUntil: validUntil, validAfter: validAfter, signature: stubSignature)
    }

    /// Parses paymasterData (after the paymaster's address and gas limits); throws `invalidPaymasterDataLength`
    /// unless it is 128 or 129 bytes, `invalidPaymasterData` when a time word is not a `uint48`.
    public init(parsing paymasterData: [UInt8]) throws(UserOperationError) {
        guard paymasterData.count == 128 || paymasterData.count == 129 else {
            throw .invalidPaymasterDataLength(paymasterData.count)
        }
        let words: [ABIValue]
        do throws(ABIDecodingError) {
            words = try ABIDecoder.decode(paymasterData.prefix(64), as: [.uint(48), .uint(48)])
        } catch {
            throw .invalidPaymasterData(error)
        }
        // Decoding checked that both words fit in 48 bits.
        try self.init(
            validUntil: UInt64(words[0].uintValue!), validAfter: UInt64(words[1].uintValue!),
            signature: Array(paymasterData[64...]))
    }

    /// abi.encode(uint48 validUntil, uint48 validAfter) ‖ signature: the operation's paymasterData.
    public var bytes: [UInt8] {
        ABI.encode(validUntil, validAfter) + signature
    }
}
