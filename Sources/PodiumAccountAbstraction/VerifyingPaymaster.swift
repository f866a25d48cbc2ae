import PodiumABI
import PodiumPrimitives
import PodiumSigner

/// eth-infinitism's VerifyingPaymaster v0.7 (samples/VerifyingPaymaster.sol): it pays for an operation that its
/// off-chain signer approved for a time window, the approval being an EIP-191 personal-message signature of
/// `hash(of:chainID:validUntil:validAfter:)` carried in the paymasterData (`VerifyingPaymasterData`).
public enum VerifyingPaymaster {
    /// The hash the paymaster's signer approves (`getHash`): keccak256(abi.encode(sender, nonce,
    /// keccak256(initCode), keccak256(callData), accountGasLimits, uint256(bytes32(paymasterAndData[20:52])),
    /// preVerificationGas, gasFees, chainID, paymaster, validUntil, validAfter)), the paymaster being
    /// paymasterAndData[0:20]. The paymasterData itself is left out, so the signature can go in it. Throws
    /// `missingPaymaster` for an operation without one, `tooShort` for paymasterAndData below 52 bytes,
    /// `timestampTooLarge` for a time above 2⁴⁸ − 1.
    public static func hash(
        of operation: PackedUserOperation, chainID: ChainID, validUntil: UInt64, validAfter: UInt64
    ) throws(UserOperationError) -> Bytes32 {
        let header = operation.paymasterAndData
        guard !header.isEmpty else { throw .missingPaymaster }
        guard header.count >= 52 else { throw .tooShort(.paymasterAndData, length: header.count, minimum: 52) }
        for time in [validUntil, validAfter] where time > VerifyingPaymasterData.maximumTimestamp {
            throw .timestampTooLarge(time)
        }
        let encoded = ABI.encode(
            operation.sender, operation.nonce, Keccak256.hash(operation.initCode), Keccak256.hash(operation.callData),
            operation.accountGasLimits, try! Bytes32(header[20..<52]), operation.preVerificationGas,
            operation.gasFees, UInt256(chainID), try! Address(header[..<20]), validUntil, validAfter)
        return Keccak256.hash(encoded)
    }

    /// The paymasterData approving `operation` (whose paymaster fields are set; its paymasterData is ignored) from
    /// `validAfter` to `validUntil`, signed by the paymaster's `signer` as the contract checks it: ECDSA of the
    /// EIP-191 personal-message hash of `hash(of:…)`.
    public static func paymasterData(
        for operation: UserOperation, chainID: ChainID, validUntil: UInt64, validAfter: UInt64, signer: some Signer
    ) async throws -> VerifyingPaymasterData {
        let hash = try hash(of: operation.packed(), chainID: chainID, validUntil: validUntil, validAfter: validAfter)
        let signature = try await signer.sign(hash: personalMessageHash(of: hash))
        return try VerifyingPaymasterData(validUntil: validUntil, validAfter: validAfter, signature: signature.bytes)
    }
}
