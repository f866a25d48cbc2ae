import PodiumABI
import PodiumPrimitives

/// Why a user operation, or a part of one, was refused before anything was sent: JSON that is not ERC-7769's, a
/// value EntryPoint v0.7 would reject, a layout that does not split. Each case names the field at fault.
public enum UserOperationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The JSON is not an object.
    case notAnObject
    /// A member ERC-7769's user operation does not have (such as v0.6's `initCode` or `paymasterAndData`).
    case unknownMember(String)
    /// A required member that is absent or null.
    case missingMember(UserOperationField)
    /// A member whose JSON value is not a string (quantities, bytes and addresses are all strings).
    case notAString(UserOperationField)
    /// An address or byte string without its `0x`.
    case missingPrefix(UserOperationField)
    /// A quantity that is not `0x` and hex digits without leading zeros.
    case invalidQuantity(UserOperationField, QuantityError)
    /// Bytes that are not `0x` and an even number of hex digits.
    case invalidBytes(UserOperationField, HexError)
    /// An address that is not 40 hex digits, or whose mixed case is not its EIP-55 checksum.
    case invalidAddress(UserOperationField, AddressError)
    /// One member of an all-or-none group without another (ERC-7769: `factory` with `factoryData`; `paymaster`
    /// with its two gas limits and `paymasterData`).
    case incompleteGroup(present: UserOperationField, missing: UserOperationField)
    /// A gas limit or fee above 2¹²⁰ − 1, which EntryPoint v0.7 refuses with "AA94 gas values overflow".
    case gasValueTooLarge(UserOperationField, UInt256)
    /// A packed field too short to split: `initCode` of 1 to 19 bytes (no factory address), or `paymasterAndData`
    /// of 1 to 51 bytes (EntryPoint v0.7's "AA93 invalid paymasterAndData").
    case tooShort(UserOperationField, length: Int, minimum: Int)
    /// A field longer than the EntryPoint accepts (`UserOperationLimits`).
    case tooLong(UserOperationField, length: Int, limit: Int)
    /// More operations in one `handleOps` call than the EntryPoint accepts.
    case tooManyOperations(count: Int, limit: Int)
    /// A nonce key above 2¹⁹² − 1: the key is the nonce's upper 192 bits (ERC-4337, "Semi-abstracted Nonce
    /// Support").
    case nonceKeyTooLarge(UInt256)
    /// A verifying paymaster's `validUntil` or `validAfter` above 2⁴⁸ − 1 (a `uint48`).
    case timestampTooLarge(UInt64)
    /// Verifying paymaster data that is not 64 bytes of `abi.encode(uint48, uint48)` and a 64- or 65-byte
    /// signature; carries its length.
    case invalidPaymasterDataLength(Int)
    /// Verifying paymaster data whose time words are not `uint48`s.
    case invalidPaymasterData(ABIDecodingError)
    /// Account callData whose arguments do not decode.
    case invalidCallData(ABIDecodingError)
    /// Account callData calling neither `execute` nor `executeBatch`.
    case unknownAccountFunction(Selector)
    /// `executeBatch` arrays that do not pair up: as many targets as inputs, and values either as many or none.
    case batchLengthMismatch(targets: Int, values: Int, inputs: Int)
    /// A verifying paymaster hash asked of an operation without a paymaster.
    case missingPaymaster

    /// One line naming the field and the problem.
    public var description: String {
        switch self {
        case .notAnObject: "a user operation is a JSON object"
        case .unknownMember(let name): "unknown user operation member \(name.debugDescription)"
        case .missingMember(let field): "user operation has no \(field)"
        case .notAString(let field): "\(field) must be a string"
        case .missingPrefix(let field): "\(field) must start with 0x"
        case .invalidQuantity(let field, let error): "\(field): \(error)"
        case .invalidBytes(let field, let error): "\(field): \(error)"
        case .invalidAddress(let field, let error): "\(field): \(error)"
        case .incompleteGroup(let present, let missing): "\(present) is given without \(missing)"
        case .gasValueTooLarge(let field, let value):
            "\(field) \(value) is above 2^120 - 1, which EntryPoint v0.7 refuses (AA94 gas values overflow)"
        case .tooShort(let field, let length, let minimum):
            "\(field) of \(length) bytes is shorter than the \(minimum) its layout needs"
        case .tooLong(let field, let length, let limit): "\(field) is \(length) bytes, above the limit of \(limit)"
        case .tooManyOperations(let count, let limit): "\(count) operations in one bundle, above the limit of \(limit)"
        case .nonceKeyTooLarge(let key): "nonce key \(key) does not fit in 192 bits"
        case .timestampTooLarge(let value): "timestamp \(value) does not fit in a uint48"
        case .invalidPaymasterDataLength(let length):
            "verifying paymaster data is 64 bytes of validUntil and validAfter and a 64- or 65-byte signature, "
                + "got \(length) bytes"
        case .invalidPaymasterData(let error): "verifying paymaster data: \(error)"
        case .invalidCallData(let error): "account callData: \(error)"
        case .unknownAccountFunction(let selector): "account callData calls \(selector), not execute or executeBatch"
        case .batchLengthMismatch(let targets, let values, let inputs):
            "executeBatch has \(targets) targets, \(values) values and \(inputs) inputs"
        case .missingPaymaster: "the user operation has no paymaster"
        }
    }
}
