/// A field of a user operation, named as ERC-7769's JSON-RPC object (the unpacked v0.7 form) or EntryPoint v0.7's
/// `PackedUserOperation` struct names it; errors use it to say which field is wrong.
public enum UserOperationField: String, CaseIterable, Hashable, Sendable {
    /// `sender`: the account.
    case sender
    /// `nonce`.
    case nonce
    /// `factory`: the address of the factory that deploys the account (ERC-7769).
    case factory
    /// `factoryData`: the calldata of the factory call (ERC-7769).
    case factoryData
    /// `initCode`: factory ‖ factoryData (packed).
    case initCode
    /// `callData`.
    case callData
    /// `callGasLimit`.
    case callGasLimit
    /// `verificationGasLimit`.
    case verificationGasLimit
    /// `accountGasLimits`: verificationGasLimit ‖ callGasLimit (packed).
    case accountGasLimits
    /// `preVerificationGas`.
    case preVerificationGas
    /// `maxFeePerGas`.
    case maxFeePerGas
    /// `maxPriorityFeePerGas`.
    case maxPriorityFeePerGas
    /// `gasFees`: maxPriorityFeePerGas ‖ maxFeePerGas (packed).
    case gasFees
    /// `paymaster`: the paymaster's address (ERC-7769).
    case paymaster
    /// `paymasterVerificationGasLimit` (ERC-7769).
    case paymasterVerificationGasLimit
    /// `paymasterPostOpGasLimit` (ERC-7769).
    case paymasterPostOpGasLimit
    /// `paymasterData`: what the paymaster reads for itself (ERC-7769).
    case paymasterData
    /// `paymasterAndData`: paymaster ‖ its two gas limits ‖ paymasterData (packed).
    case paymasterAndData
    /// `signature`.
    case signature

    /// The members of ERC-7769's JSON object, in the order the ERC lists them.
    public static let jsonMembers: [UserOperationField] = [
        .sender, .nonce, .factory, .factoryData, .callData, .callGasLimit, .verificationGasLimit,
        .preVerificationGas, .maxFeePerGas, .maxPriorityFeePerGas, .paymaster, .paymasterVerificationGasLimit,
        .paymasterPostOpGasLimit, .paymasterData, .signature,
    ]
}

extension UserOperationField: CustomStringConvertible {
    /// The field's name, `callGasLimit`.
    public var description: String { rawValue }
}
