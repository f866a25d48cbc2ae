import PodiumABI
import PodiumPrimitives

/// EntryPoint v0.7's bundle call (ERC-4337, "Entrypoint definition"): `handleOps(PackedUserOperation[] ops, address
/// payable beneficiary)`, which validates every operation, then executes them and pays the beneficiary.
public enum EntryPoint {
    /// Where the canonical EntryPoint v0.7 is deployed on every chain, 0x0000000071727De22E5E9d8BAf0edAc6f37da032
    /// (eth-infinitism/account-abstraction release v0.7.0); Podium's own EntryPoint is deployed elsewhere.
    public static let canonicalV07 = try! Address(hex: "0x0000000071727De22E5E9d8BAf0edAc6f37da032")

    /// The selector of `handleOps((address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes)[],address)`,
    /// 0x765e827f.
    public static let handleOpsSelector = Selector(
        signature: "handleOps(" + PackedUserOperation.abiType.canonicalName + "[],address)")

    /// The calldata of `handleOps(ops, beneficiary)`.
    public static func handleOps(_ operations: [PackedUserOperation], beneficiary: Address) -> [UInt8] {
        handleOpsSelector.bytes + ABI.encode(operations, beneficiary)
    }

    /// The operations and beneficiary of `handleOps` calldata; throws `selectorMismatch` for another function's.
    public static func decodeHandleOps(
        _ calldata: [UInt8]
    ) throws(ABIDecodingError) -> (operations: [PackedUserOperation], beneficiary: Address) {
        try decodeCall(calldata, selector: handleOpsSelector, as: ([PackedUserOperation], Address).self)
    }
}
