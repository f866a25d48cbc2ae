import PodiumPrimitives

/// The first four bytes of the Keccak-256 hash of a function or error signature, with which calldata and custom
/// revert data begin (Solidity ABI spec, "Function Selector").
public struct Selector: Hashable, Sendable {
    /// The four bytes read big-endian: `0xa9059cbb` for `transfer(address,uint256)`.
    public let rawValue: UInt32

    /// The selector whose four bytes, read big-endian, are `rawValue`.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The selector of a canonical signature such as `transfer(address,uint256)`: its hash's first four bytes.
    public init(signature: String) {
        let hash = Keccak256.hash(signature)
        self.init(rawValue: UInt32(hash[0]) << 24 | UInt32(hash[1]) << 16 | UInt32(hash[2]) << 8 | UInt32(hash[3]))
    }

    /// The first four bytes of `bytes`, or nil when there are fewer.
    public init?(prefixOf bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 4 else { return nil }
        self.init(rawValue: UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self)))
    }

    /// Parses 8 hex digits, with or without `0x`.
    public init(hex: some StringProtocol) throws(HexError) {
        let bytes = try Hex.decode(hex, count: 4)
        self.init(rawValue: bytes.reduce(0) { $0 << 8 | UInt32($1) })
    }

    /// The four bytes, in order.
    public var bytes: [UInt8] { withUnsafeBytes(of: rawValue.bigEndian) { Array($0) } }
}

extension Selector: CustomStringConvertible {
    /// `0x` and 8 lowercase hex digits.
    public var description: String { Hex.encode(bytes) }
}
