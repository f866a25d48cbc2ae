import PodiumPrimitives

/// A value of an ABI type, known at run time: what the dynamic codec encodes and decodes (alloy's `DynSolValue`).
///
/// Cases mirror `ABIType`. Integers carry their width in bits and fixed bytes their size, so a value prints and
/// packs without its type; `ABIType.validate(_:)` checks a value against a type.
public enum ABIValue: Hashable, Sendable {
    /// A `uint<bits>` value.
    case uint(UInt256, bits: Int)
    /// An `int<bits>` value.
    case int(Int256, bits: Int)
    /// An `address` value.
    case address(Address)
    /// A `bool` value.
    case bool(Bool)
    /// A `bytes<size>` value: the first `size` bytes of the word, the rest zero.
    case fixedBytes(Bytes32, size: Int)
    /// A `function` value: a contract address and a function selector.
    case function(Address, Selector)
    /// A `bytes` value.
    case bytes([UInt8])
    /// A `string` value.
    case string(String)
    /// A `T[]` value.
    case array([ABIValue])
    /// A `T[k]` value.
    case fixedArray([ABIValue])
    /// A tuple value.
    case tuple([ABIValue])

    /// A `uint256` value.
    public static func uint256(_ value: UInt256) -> ABIValue { .uint(value, bits: 256) }

    /// A `bytes<n>` value of `bytes`, which must hold 1 to 32 bytes.
    public init(fixedBytes bytes: some Collection<UInt8>) {
        precondition((1...32).contains(bytes.count), "bytes<M> holds 1 to 32 bytes")
        let word = withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { buffer in
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
            return Bytes32(loading: UnsafeRawPointer(buffer.baseAddress!))
        }
        self = .fixedBytes(word, size: bytes.count)
    }
}

extension ABIValue {
    /// The number of a `uint` value, else nil.
    public var uintValue: UInt256? {
        if case .uint(let value, _) = self { value } else { nil }
    }

    /// The number of an `int` value, else nil.
    public var intValue: Int256? {
        if case .int(let value, _) = self { value } else { nil }
    }

    /// The address of an `address` value, else nil.
    public var addressValue: Address? {
        if case .address(let value) = self { value } else { nil }
    }

    /// The truth of a `bool` value, else nil.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The bytes of a `bytes` value, or the `size` bytes of a `bytes<size>` value, else nil.
    public var bytesValue: [UInt8]? {
        switch self {
        case .bytes(let bytes): bytes
        case .fixedBytes(let word, let size): Array(word.bytes.prefix(size))
        default: nil
        }
    }

    /// The text of a `string` value, else nil.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The elements of an array, fixed array or tuple, else nil.
    public var elements: [ABIValue]? {
        switch self {
        case .array(let elements), .fixedArray(let elements), .tuple(let elements): elements
        default: nil
        }
    }

    /// What kind of value this is, for messages: `uint8`, `address`, `array`.
    var kindName: String {
        switch self {
        case .uint(_, let bits): "uint\(bits)"
        case .int(_, let bits): "int\(bits)"
        case .address: "address"
        case .bool: "bool"
        case .fixedBytes(_, let size): "bytes\(size)"
        case .function: "function"
        case .bytes: "bytes"
        case .string: "string"
        case .array(let elements): "array of \(elements.count)"
        case .fixedArray(let elements): "fixed array of \(elements.count)"
        case .tuple(let elements): "tuple of \(elements.count)"
        }
    }
}

extension ABIValue: CustomStringConvertible {
    /// The value as `cast` prints it: decimal integers, checksummed addresses, `0x` hex bytes, quoted strings,
    /// `[a, b]` arrays and `(a, b)` tuples.
    public var description: String {
        switch self {
        case .uint(let value, _): value.description
        case .int(let value, _): value.description
        case .address(let address): address.description
        case .bool(let value): value ? "true" : "false"
        case .fixedBytes(let word, let size): Hex.encode(word.bytes.prefix(size))
        case .function(let address, let selector): Hex.encode(address.bytes + selector.bytes)
        case .bytes(let bytes): Hex.encode(bytes)
        case .string(let text): text.debugDescription
        case .array(let elements), .fixedArray(let elements):
            "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .tuple(let elements): "(" + elements.map(\.description).joined(separator: ", ") + ")"
        }
    }
}
