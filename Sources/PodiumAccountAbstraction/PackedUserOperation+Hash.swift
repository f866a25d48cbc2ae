import PodiumABI
import PodiumPrimitives

extension PackedUserOperation {
    /// The userOpHash EntryPoint v0.7 computes (`getUserOpHash`): keccak256(abi.encode(h, entryPoint, chainID)),
    /// where h is `UserOperationLib.hash`, keccak256(abi.encode(sender, nonce, keccak256(initCode),
    /// keccak256(callData), accountGasLimits, preVerificationGas, gasFees, keccak256(paymasterAndData))). The
    /// signature is not part of it.
    public func hash(entryPoint: Address, chainID: ChainID) -> Bytes32 {
        let fields = ABI.encode(
            sender, nonce, Keccak256.hash(initCode), Keccak256.hash(callData), accountGasLimits, preVerificationGas,
            gasFees, Keccak256.hash(paymasterAndData))
        return Keccak256.hash(ABI.encode(Keccak256.hash(fields), entryPoint, UInt256(chainID)))
    }
}
