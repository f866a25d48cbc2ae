import PodiumPrimitives

/// Which block a state query reads: a number, one of the node's named blocks, or a block hash (EIP-1898).
public enum BlockTag: Hashable, Sendable, CustomStringConvertible {
    case latest, earliest, pending, safe, finalized
    case number(UInt64)
    /// The block with this hash, canonical or not (EIP-1898's `{"blockHash": …}`); `RPCClient.block(_:)` reads it
    /// with `eth_getBlockByHash` and a log filter as its `blockHash`.
    case hash(BlockHash)

    /// Parses `latest`, `earliest`, `pending`, `safe`, `finalized`, decimal digits, a strict `0x` quantity, or a
    /// `0x` block hash of 64 hex digits; nil for anything else (a sign, a leading zero after `0x`, an overflow, an
    /// unknown name).
    public init?(_ text: String) {
        guard let tag = try? BlockTag(parsing: text) else { return nil }
        self = tag
    }

    /// Parses as `init?(_:)` does, saying why text is not a block tag.
    public init(parsing text: String) throws(BlockTagError) {
        switch text {
        case "latest": self = .latest
        case "earliest": self = .earliest
        case "pending": self = .pending
        case "safe": self = .safe
        case "finalized": self = .finalized
        default:
            if Hex.hasPrefix(text) && text.utf8.count == 66, let hash = try? Bytes32(hex: text) {
                self = .hash(hash)
            } else if Hex.hasPrefix(text) {
                do { self = .number(try Quantity.uint64(text)) } catch { throw .invalidQuantity(text, error) }
            } else {
                guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                    throw .unknown(text)
                }
                guard let number = UInt64(text) else { throw .invalidQuantity(text, .overflow(bits: 64)) }
                self = .number(number)
            }
        }
    }

    /// The tag as a JSON-RPC parameter: a name, a `0x` quantity, or EIP-1898's `{"blockHash": "0x…"}`.
    public var json: JSONValue {
        if case .hash(let hash) = self { return .object(["blockHash": .bytes32(hash)]) }
        return .string(description)
    }

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .latest: "latest"
        case .earliest: "earliest"
        case .pending: "pending"
        case .safe: "safe"
        case .finalized: "finalized"
        case .number(let number): Self.quantity(number)
        case .hash(let hash): Hex.encode(hash.bytes)
        }
    }

    /// `number` as a JSON-RPC quantity: `0x` and hex digits without leading zeros.
    static func quantity(_ number: UInt64) -> String { Quantity.text(number) }
}

/// Why text is not a block tag.
public enum BlockTagError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Neither a tag name nor a number.
    case unknown(String)
    /// A `0x` number that breaks the quantity rules, or a decimal one above 2^64 − 1.
    case invalidQuantity(String, QuantityError)

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .unknown(let text):
            "\(text.debugDescription) is not a block: expected latest, earliest, pending, safe, finalized, a number or a block hash"
        case .invalidQuantity(let text, let error): "\(text.debugDescription) is not a block number: \(error)"
        }
    }
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
