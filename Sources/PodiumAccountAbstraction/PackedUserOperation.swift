import PodiumABI
import PodiumPrimitives

/// A user operation as EntryPoint v0.7 takes it on chain: the `PackedUserOperation` struct of ERC-4337 ("Entrypoint
/// definition"), whose ABI tuple is `(address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes)`.
///
/// Any bytes are representable, so a decoded `handleOps` call holds what it holds; `UserOperation` is the form
/// with the gas values, factory and paymaster split out.
public struct PackedUserOperation: Hashable, Sendable {
    /// The account that validates and executes the operation.
    public var sender = Address.zero
    /// The anti-replay value: a 192-bit key and a 64-bit sequence (`UserOperationNonce`).
    public var nonce = UInt256.zero
    /// Empty for a deployed account, else the factory's address followed by the calldata that deploys it.
    public var initCode: [UInt8] = []
    /// What the EntryPoint calls the account with.
    public var callData: [UInt8] = []
    /// verificationGasLimit (16 bytes) ‖ callGasLimit (16 bytes).
    public var accountGasLimits = Bytes32.zero
    /// Gas paid for what the EntryPoint cannot meter: calldata, the bundle's base cost, per-operation overhead.
    public var preVerificationGas = UInt256.zero
    /// maxPriorityFeePerGas (16 bytes) ‖ maxFeePerGas (16 bytes).
    public var gasFees = Bytes32.zero
    /// Empty without a paymaster, else paymaster (20 bytes) ‖ paymasterVerificationGasLimit (16) ‖
    /// paymasterPostOpGasLimit (16) ‖ paymasterData.
    public var paymasterAndData: [UInt8] = []
    /// What the account checks the operation hash against.
    public var signature: [UInt8] = []

    /// An operation with every field zero or empty.
    public init() {}

    /// The operation with these fields.
    public init(
        sender: Address, nonce: UInt256, initCode: [UInt8] = [], callData: [UInt8], accountGasLimits: Bytes32,
        preVerificationGas: UInt256, gasFees: Bytes32, paymasterAndData: [UInt8] = [], signature: [UInt8] = []
    ) {
        (self.sender, self.nonce, self.initCode, self.callData) = (sender, nonce, initCode, callData)
        (self.accountGasLimits, self.preVerificationGas, self.gasFees) = (accountGasLimits, preVerificationGas, gasFees)
        (self.paymasterAndData, self.signature) = (paymasterAndData, signature)
    }

    /// Solidity's `abi.encode(op)`: an offset word, then the tuple.
    public var abiEncoded: [UInt8] { ABI.encode(self) }

    /// Decodes Solidity's `abi.encode(op)` (as strictly as the ABI module decodes anything).
    public init(abiEncoded data: some Sequence<UInt8>) throws(ABIDecodingError) {
        self = try ABI.decode(PackedUserOperation.self, from: data)
    }
}

extension PackedUserOperation: ABITuple {
    /// The fields in the order of `PackedUserOperation`; the byte strings as `bytes`.
    public mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&sender)
        try fields.visit(&nonce)
        try visitBytes(&initCode, &fields)
        try visitBytes(&callData, &fields)
        try fields.visit(&accountGasLimits)
        try fields.visit(&preVerificationGas)
        try fields.visit(&gasFees)
        try visitBytes(&paymasterAndData, &fields)
        try visitBytes(&signature, &fields)
    }
}

/// Visits `bytes` as an ABI `bytes` field (a `[UInt8]` alone would be `uint8[]`), sharing its storage.
@inline(__always)
private func visitBytes<Fields: ABIFieldVisitor>(
    _ bytes: inout [UInt8], _ fields: inout Fields
) throws(Fields.Failure) {
    var field = ABIBytes(bytes)
    try fields.visit(&field)
    bytes = field.bytes
}
