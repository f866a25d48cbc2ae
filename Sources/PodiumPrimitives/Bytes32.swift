/// Exactly 32 bytes held inline: a Keccak-256 digest, a block or transaction hash, an ABI word, a storage slot.
///
/// The bytes are kept as four 64-bit lanes in memory order (byte `i` is bits `8*(i%8)` of lane `i/8`), which is
/// how Keccak produces them, so a digest becomes a `Bytes32` without shuffling.
public struct Bytes32: Hashable, Sendable {
    @usableFromInline var lane0, lane1, lane2, lane3: UInt64

    /// The 32 bytes from four little-endian lanes, as a Keccak state holds them.
    @inlinable
    public init(lanes lane0: UInt64, _ lane1: UInt64, _ lane2: UInt64, _ lane3: UInt64) {
        (self.lane0, self.lane1, self.lane2, self.lane3) = (lane0, lane1, lane2, lane3)
    }

    /// All zero bytes.
    public static let zero = Bytes32(lanes: 0, 0, 0, 0)

    /// The 32 bytes of `bytes`, which must hold exactly 32.
    @inlinable
    public init(_ bytes: some Collection<UInt8>) throws(HexError) {
        guard bytes.count == 32 else { throw .wrongByteCount(expected: 32, actual: bytes.count) }
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &lanes) { raw in
            // Contiguous storage copies at once; any other collection byte by byte.
            if bytes.withContiguousStorageIfAvailable({ raw.copyMemory(from: UnsafeRawBufferPointer($0)) }) == nil {
                var offset = 0
                for byte in bytes {
                    raw[offset] = byte
                    offset &+= 1
                }
            }
        }
        self.init(lanes: UInt64(littleEndian: lanes.0), UInt64(littleEndian: lanes.1),
                  UInt64(littleEndian: lanes.2), UInt64(littleEndian: lanes.3))
    }

    /// Parses 64 hex digits, with or without `0x`.
    public init(hex: some StringProtocol) throws(HexError) {
        try self.init(Hex.decode(hex, count: 32))
    }

    /// Byte `index` (0 is the first, most significant byte of a big-endian word).
    @inlinable
    public subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < 32, "Bytes32 index out of range")
        let lane = switch index >> 3 { case 0: lane0; case 1: lane1; case 2: lane2; default: lane3 }
        return UInt8(truncatingIfNeeded: lane >> UInt64((index & 7) << 3))
    }

    /// Calls `body` with the 32 bytes in order.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var lanes = (lane0.littleEndian, lane1.littleEndian, lane2.littleEndian, lane3.littleEndian)
        return try Swift.withUnsafeBytes(of: &lanes) { (raw) throws(E) -> R in try body(raw) }
    }

    /// The 32 bytes as an array.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}

extension Bytes32: CustomStringConvertible {
    /// `0x` and 64 lowercase hex digits.
    public var description: String { withUnsafeBytes { Hex.encode($0) } }
}

/// A block's hash.
public typealias BlockHash = Bytes32
/// A transaction's hash.
public typealias TxHash = Bytes32
