import PodiumPrimitives

/// What the data of a reverted call says (Solidity docs, "Panic via assert and Error via require"; ABI spec,
/// "Errors").
public enum RevertReason: Hashable, Sendable {
    /// No data: `revert()`, `require(c)` without a message, running out of gas, an invalid opcode.
    case empty
    /// `Error(string)`: `require(c, "message")`, `revert("message")`.
    case error(String)
    /// `Panic(uint256)`: a failed `assert`, an overflow, a division by zero, an index out of bounds, ….
    case panic(PanicCode)
    /// A custom error from the ABI given, with its arguments.
    case custom(ABIError, [ABIValue])
    /// Data none of the above explains: a selector not in the ABI given, or fewer than four bytes.
    case unknown([UInt8])

    /// The selector of `Error(string)`, 0x08c379a0.
    public static let errorSelector = Selector(rawValue: 0x08c3_79a0)
    /// The selector of `Panic(uint256)`, 0x4e487b71.
    public static let panicSelector = Selector(rawValue: 0x4e48_7b71)

    /// Explains `revertData`, looking custom errors up in `errors` by selector; throws when the data starts with
    /// a known selector but its arguments do not decode.
    public init(decoding revertData: some Sequence<UInt8>, errors: [ABIError] = []) throws(ABIDecodingError) {
        self = try ABIDecoder.withBytes(revertData) { (buffer) throws(ABIDecodingError) in
            guard !buffer.isEmpty else { return .empty }
            guard let selector = Selector(prefixOf: buffer) else { return .unknown(Array(buffer)) }
            switch selector {
            case Self.errorSelector:
                let values = try ABIDecoder.decode(
                    buffer, after: selector, as: [ABIParameter(name: "message", type: .string)])
                return .error(values[0].stringValue!)
            case Self.panicSelector:
                let values = try ABIDecoder.decode(
                    buffer, after: selector, as: [ABIParameter(name: "code", type: .uint256)])
                return .panic(PanicCode(rawValue: values[0].uintValue!))
            default:
                guard let error = errors.first(where: { $0.selector == selector }) else {
                    return .unknown(Array(buffer))
                }
                return .custom(error, try ABIDecoder.decode(buffer, after: selector, as: error.inputs))
            }
        }
    }
}

extension RevertReason: CustomStringConvertible {
    /// One line: `Error(string): "message"`, `Panic(0x11): arithmetic underflow or overflow`,
    /// `InsufficientBalance(available: 1, required: 2)`.
    public var description: String {
        switch self {
        case .empty: "empty revert data"
        case .error(let message): "Error(string): \(message.debugDescription)"
        case .panic(let code): "Panic(\(code))"
        case .custom(let error, let values):
            error.name + "("
                + zip(error.inputs, values).map { parameter, value in
                    parameter.name.isEmpty ? value.description : "\(parameter.name): \(value)"
                }.joined(separator: ", ") + ")"
        case .unknown(let data): "unknown revert data \(Hex.encode(data))"
        }
    }
}

/// The code of a `Panic(uint256)`, which says what went wrong (Solidity docs, "Panic via assert and Error via
/// require").
public struct PanicCode: RawRepresentable, Hashable, Sendable {
    /// The code.
    public let rawValue: UInt256

    /// The panic with code `rawValue`.
    public init(rawValue: UInt256) {
        self.rawValue = rawValue
    }

    /// 0x00: a generic panic the compiler inserted.
    public static let generic = PanicCode(rawValue: 0x00)
    /// 0x01: `assert` failed.
    public static let assertionFailed = PanicCode(rawValue: 0x01)
    /// 0x11: arithmetic underflow or overflow outside `unchecked`.
    public static let arithmeticOverflow = PanicCode(rawValue: 0x11)
    /// 0x12: division or modulo by zero.
    public static let divisionByZero = PanicCode(rawValue: 0x12)
    /// 0x21: a value too big or negative converted to an enum.
    public static let invalidEnumValue = PanicCode(rawValue: 0x21)
    /// 0x22: a storage byte array that is incorrectly encoded.
    public static let invalidStorageByteArray = PanicCode(rawValue: 0x22)
    /// 0x31: `pop()` on an empty array.
    public static let popOnEmptyArray = PanicCode(rawValue: 0x31)
    /// 0x32: an array, `bytesN` or slice index out of bounds.
    public static let indexOutOfBounds = PanicCode(rawValue: 0x32)
    /// 0x41: too much memory allocated, or an array too large.
    public static let outOfMemory = PanicCode(rawValue: 0x41)
    /// 0x51: a call through a zero-initialized internal function pointer.
    public static let zeroFunctionPointer = PanicCode(rawValue: 0x51)

    /// What the code means, or nil for a code Solidity does not define.
    public var meaning: String? {
        switch self {
        case .generic: "generic compiler panic"
        case .assertionFailed: "assertion failed"
        case .arithmeticOverflow: "arithmetic underflow or overflow"
        case .divisionByZero: "division or modulo by zero"
        case .invalidEnumValue: "invalid enum value"
        case .invalidStorageByteArray: "incorrectly encoded storage byte array"
        case .popOnEmptyArray: "pop on an empty array"
        case .indexOutOfBounds: "array index out of bounds"
        case .outOfMemory: "too much memory allocated"
        case .zeroFunctionPointer: "call to a zero-initialized internal function"
        default: nil
        }
    }
}

extension PanicCode: CustomStringConvertible {
    /// `0x11: arithmetic underflow or overflow`, or `0x99` for a code without a meaning (at least two digits).
    public var description: String {
        let hex = rawValue.hexString.count == 3 ? "0x0" + rawValue.hexString.dropFirst(2) : rawValue.hexString
        return meaning.map { "\(hex): \($0)" } ?? hex
    }
}
