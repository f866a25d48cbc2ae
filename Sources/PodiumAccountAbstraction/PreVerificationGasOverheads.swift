import PodiumABI
import PodiumPrimitives

/// How much preVerificationGas an operation owes for what the EntryPoint cannot meter: its share of the bundle
/// transaction's base cost and calldata, and the EntryPoint's per-operation bookkeeping. The defaults are
/// permissionless.js's and alto's (`DefaultGasOverheads`): fixed 21,000, perUserOp 18,300, perUserOpWord 4,
/// zeroByte 4, nonZeroByte 16, bundleSize 1, sigSize 65.
///
/// The operation's share of the calldata is its packed form ABI-encoded as handleOps carries it (the tuple's
/// fields, `abi.encode(sender, nonce, …, signature)`), and EIP-7623's floor applies: a transaction pays at least
/// 10 gas per calldata token (a zero byte is one token, any other byte four). The result is
///
///     ⌈fixed / bundleSize⌉ + max(perUserOp + perUserOpWord·words + zeroByte·zeros + nonZeroByte·nonZeros,
///                                floorPerToken·(zeros + 4·nonZeros))
///
/// which is what EIP-7623 charges the whole transaction, `21000 + max(standard calldata + execution, floor)`, with
/// the operation's own execution (metered through its gas limits) left out of the first branch: never too little.
public struct PreVerificationGasOverheads: Hashable, Sendable {
    /// The transaction's base cost, shared by the bundle's operations (21,000).
    public var fixed: UInt64
    /// The EntryPoint's own work for each operation (18,300).
    public var perUserOperation: UInt64
    /// The EntryPoint's work per 32-byte word of the operation's encoding, copying it (4).
    public var perUserOperationWord: UInt64
    /// Calldata gas per zero byte (4, EIP-2028).
    public var zeroByte: UInt64
    /// Calldata gas per non-zero byte (16, EIP-2028).
    public var nonZeroByte: UInt64
    /// EIP-7623's TOTAL_COST_FLOOR_PER_TOKEN (10).
    public var floorPerToken: UInt64
    /// How many operations share the base cost, at least 1 (1: an operation may be bundled alone).
    public var bundleSize: UInt64
    /// The length of the final signature, counted as non-zero bytes whatever the operation carries now (65).
    public var signatureSize: Int

    /// Overheads with these values.
    public init(
        fixed: UInt64, perUserOperation: UInt64, perUserOperationWord: UInt64, zeroByte: UInt64, nonZeroByte: UInt64,
        floorPerToken: UInt64, bundleSize: UInt64, signatureSize: Int
    ) {
        (self.fixed, self.perUserOperation, self.perUserOperationWord) = (fixed, perUserOperation, perUserOperationWord)
        (self.zeroByte, self.nonZeroByte, self.floorPerToken) = (zeroByte, nonZeroByte, floorPerToken)
        (self.bundleSize, self.signatureSize) = (bundleSize, signatureSize)
    }

    /// permissionless.js's and alto's defaults, with EIP-7623's floor of 10 gas per token.
    public static let `default` = PreVerificationGasOverheads(
        fixed: 21_000, perUserOperation: 18_300, perUserOperationWord: 4, zeroByte: 4, nonZeroByte: 16,
        floorPerToken: 10, bundleSize: 1, signatureSize: 65)

    /// The preVerificationGas `operation` owes, counting its encoding with a signature of `signatureSize` non-zero
    /// bytes and its preVerificationGas word as 2³² − 1 (four non-zero bytes: room for any answer), so the result
    /// does not change once it is filled in and the operation signed. Throws `gasValueTooLarge` when the operation
    /// does not pack.
    public func preVerificationGas(for operation: UserOperation) throws(UserOperationError) -> UInt256 {
        precondition(bundleSize > 0, "a bundle holds at least one operation")
        var packed = try operation.packed()
        packed.signature = [UInt8](repeating: 0xff, count: signatureSize)
        packed.preVerificationGas = UInt256(UInt64(UInt32.max))
        let encoded = ABI.encode(fieldsOf: packed)
        let zeros = UInt256(UInt64(encoded.count { $0 == 0 }))
        let nonZeros = UInt256(UInt64(encoded.count)) - zeros
        let words = UInt256(UInt64((encoded.count + 31) / 32))
        let standard =
            UInt256(perUserOperation) + UInt256(perUserOperationWord) * words + UInt256(zeroByte) * zeros
            + UInt256(nonZeroByte) * nonZeros
        let floor = UInt256(floorPerToken) * (zeros + 4 * nonZeros)
        let fixedShare = (UInt256(fixed) + UInt256(bundleSize) - 1) / UInt256(bundleSize)
        return fixedShare + max(standard, floor)
    }
}
