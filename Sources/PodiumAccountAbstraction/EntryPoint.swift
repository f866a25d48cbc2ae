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

/// The arguments of `calldata`, which must start with `selector`, decoded as the parameter list `(types…)`; error
/// offsets count the selector, as calldata offsets do.
func decodeCall<each Value: ABICodable>(
    _ calldata: [UInt8], selector: Selector, as types: (repeat each Value).Type
) throws(ABIDecodingError) -> (repeat each Value) {
    try calldata.withUnsafeBytes { bytes in
        Result { () throws(ABIDecodingError) in
            guard let found = Selector(prefixOf: bytes) else {
                throw ABIDecodingError(.missingSelector(length: bytes.count), offset: 0)
            }
            guard found == selector else {
                throw ABIDecodingError(.selectorMismatch(expected: selector, found: found), offset: 0)
            }
            do throws(ABIDecodingError) {
                return try ABI.decode(types, from: UnsafeRawBufferPointer(rebasing: bytes[4...]))
            } catch {
                throw ABIDecodingError(error.reason, offset: error.offset + 4, path: error.path)
            }
        }
    }.get()
}
