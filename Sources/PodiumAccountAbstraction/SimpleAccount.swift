import PodiumABI
import PodiumPrimitives
import PodiumSigner

/// eth-infinitism's SimpleAccount v0.7 (samples/SimpleAccount.sol), the owner-signed account Podium's account
/// follows: its calls, and its signature, the owner's ECDSA signature of the EIP-191 personal-message hash of the
/// userOpHash (`_validateSignature`: `ECDSA.recover(MessageHashUtils.toEthSignedMessageHash(userOpHash), sig)`).
public enum SimpleAccount {
    /// The selector of `execute(address,uint256,bytes)`, 0xb61d27f6.
    public static let executeSelector = Selector(signature: "execute(address,uint256,bytes)")
    /// The selector of `executeBatch(address[],uint256[],bytes[])`, 0x47e1da2a.
    public static let executeBatchSelector = Selector(signature: "executeBatch(address[],uint256[],bytes[])")

    /// The callData of `execute(call.to, call.value, call.input)`: one call.
    public static func execute(_ call: AccountCall) -> [UInt8] {
        executeSelector.bytes + ABI.encode(call.to, call.value, ABIBytes(call.input))
    }

    /// The callData of `executeBatch(targets, values, inputs)`: the calls in order, every value written.
    public static func executeBatch(_ calls: [AccountCall]) -> [UInt8] {
        executeBatchSelector.bytes + ABI.encode(calls.map(\.to), calls.map(\.value), calls.map { ABIBytes($0.input) })
    }

    /// The calls an operation's callData makes: none for empty callData (the EntryPoint then calls nothing), one for
    /// `execute`, those of `executeBatch`, whose values array may be empty for calls without value (as the contract
    /// allows). Throws `unknownAccountFunction` for any other selector, `batchLengthMismatch` when the arrays do
    /// not pair up, `invalidCallData` when the arguments do not decode.
    public static func calls(in callData: [UInt8]) throws(UserOperationError) -> [AccountCall] {
        guard !callData.isEmpty else { return [] }
        switch callData.withUnsafeBytes({ Selector(prefixOf: $0) }) {
        case executeSelector:
            let (to, value, input) = try arguments(callData, executeSelector, (Address, UInt256, ABIBytes).self)
            return [AccountCall(to: to, value: value, input: input.bytes)]
        case executeBatchSelector:
            let (targets, values, inputs) = try arguments(
                callData, executeBatchSelector, ([Address], [UInt256], [ABIBytes]).self)
            guard targets.count == inputs.count, values.isEmpty || values.count == inputs.count else {
                throw .batchLengthMismatch(targets: targets.count, values: values.count, inputs: inputs.count)
            }
            return targets.indices.map { i in
                AccountCall(to: targets[i], value: values.isEmpty ? .zero : values[i], input: inputs[i].bytes)
            }
        case let selector?:
            throw .unknownAccountFunction(selector)
        case nil:
            throw .invalidCallData(ABIDecodingError(.missingSelector(length: callData.count), offset: 0))
        }
    }

    /// The arguments of `callData` after `selector`, as `types`; a decoding failure as `invalidCallData`.
    private static func arguments<each Value: ABICodable>(
        _ callData: [UInt8], _ selector: Selector, _ types: (repeat each Value).Type
    ) throws(UserOperationError) -> (repeat each Value) {
        do throws(ABIDecodingError) {
            return try decodeCall(callData, selector: selector, as: types)
        } catch {
            throw .invalidCallData(error)
        }
    }

    /// The hash the owner's key signs: EIP-191's personal-message hash of the 32 bytes of `userOperationHash`.
    public static func signingHash(_ userOperationHash: Bytes32) -> Bytes32 {
        personalMessageHash(of: userOperationHash)
    }

    /// The account's signature of an operation with hash `userOperationHash` by its owner `key`: r ‖ s ‖ v, 65
    /// bytes, v 27 or 28.
    public static func signature(for userOperationHash: Bytes32, with key: PrivateKey) -> [UInt8] {
        key.sign(hash: signingHash(userOperationHash)).bytes
    }

    /// The account's signature of an operation with hash `userOperationHash` by its owner `signer`.
    public static func signature(for userOperationHash: Bytes32, by signer: some Signer) async throws -> [UInt8] {
        try await signer.sign(hash: signingHash(userOperationHash)).bytes
    }

    /// A signature of the final length that recovers to some address without reverting, for gas estimation
    /// (ERC-7769, `eth_estimateUserOperationGas`: "a stub signature value, e.g. a signature byte array of the right
    /// length"); permissionless.js's stub for SimpleAccount.
    public static let stubSignature = PodiumAccountAbstraction.stubSignature
}
