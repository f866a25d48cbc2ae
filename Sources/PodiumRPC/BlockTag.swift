import PodiumPrimitives

/// Which block a state query reads: a number or one of the node's named blocks.
public enum BlockTag: Hashable, Sendable, CustomStringConvertible {
    case latest, earliest, pending, safe, finalized
    case number(UInt64)

    /// Parses `latest`, `earliest`, `pending`, `safe`, `finalized`, a decimal number or a `0x` number.
    public init?(_ text: String) {
        switch text {
        case "latest": self = .latest
        case "earliest": self = .earliest
        case "pending": self = .pending
        case "safe": self = .safe
        case "finalized": self = .finalized
        default:
            let number = Hex.hasPrefix(text) ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
            guard let number else { return nil }
            self = .number(number)
        }
    }

    /// The tag as a JSON-RPC parameter: a name or a `0x` quantity.
    public var json: JSONValue { .string(description) }

    public var description: String {
        switch self {
        case .latest: "latest"
        case .earliest: "earliest"
        case .pending: "pending"
        case .safe: "safe"
        case .finalized: "finalized"
        case .number(let number): Self.quantity(number)
        }
    }

    /// `number` as a JSON-RPC quantity: `0x` and hex digits without leading zeros.
    static func quantity(_ number: UInt64) -> String { "0x" + String(number, radix: 16) }
}

extension JSONValue {
    /// A JSON-RPC quantity.
    public static func quantity(_ number: UInt64) -> JSONValue { .string(BlockTag.quantity(number)) }

    /// A JSON-RPC quantity of up to 256 bits.
    public static func quantity(_ number: UInt256) -> JSONValue { .string(number.hexString) }

    /// JSON-RPC data: `0x` and two hex digits per byte.
    public static func data(_ bytes: some Sequence<UInt8>) -> JSONValue { .string(Hex.encode(bytes)) }

    /// An address, lowercase as nodes expect.
    public static func address(_ address: Address) -> JSONValue { .string(Hex.encode(address.bytes)) }

    /// A 32-byte value (hash, topic, slot).
    public static func bytes32(_ word: Bytes32) -> JSONValue { .string(Hex.encode(word.bytes)) }
}
