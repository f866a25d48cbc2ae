/// A 20-byte Ethereum account address, held inline, printed with the EIP-55 mixed-case checksum.
///
/// The bytes are kept big-endian in three integers (bytes 0–7, 8–15, 16–19), so comparing them in order compares
/// the addresses byte by byte.
public struct Address: Hashable, Sendable {
    @usableFromInline var high: UInt64
    @usableFromInline var middle: UInt64
    @usableFromInline var low: UInt32

    @inlinable
    init(high: UInt64, middle: UInt64, low: UInt32) {
        (self.high, self.middle, self.low) = (high, middle, low)
    }

    /// The all-zero address.
    public static let zero = Address(high: 0, middle: 0, low: 0)

    /// The address made of `bytes`, which must hold exactly 20.
    @inlinable
    public init(_ bytes: some Collection<UInt8>) throws(AddressError) {
        guard bytes.count == 20 else { throw .wrongByteCount(bytes.count) }
        var raw: (UInt64, UInt64, UInt32) = (0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { buffer in
            // Contiguous storage copies at once; any other collection byte by byte.
            if bytes.withContiguousStorageIfAvailable({ buffer.copyMemory(from: UnsafeRawBufferPointer($0)) }) == nil {
                var offset = 0
                for byte in bytes {
                    buffer[offset] = byte
                    offset &+= 1
                }
            }
        }
        self.init(high: UInt64(bigEndian: raw.0), middle: UInt64(bigEndian: raw.1), low: UInt32(bigEndian: raw.2))
    }

    /// The last 20 bytes of a 32-byte word, ignoring the first 12: how `keccak256(…)[12:]` makes an address.
    @inlinable
    public init(truncating word: Bytes32) {
        // Bytes32 lanes are little-endian in memory; byte-swapped they read as big-endian 8-byte groups.
        let (b8, b16, b24) = (word.lane1.byteSwapped, word.lane2.byteSwapped, word.lane3.byteSwapped)
        self.init(high: b8 << 32 | b16 >> 32, middle: b16 << 32 | b24 >> 32, low: UInt32(truncatingIfNeeded: b24))
    }

    /// The address in an ABI word or log topic, or nil when its first 12 bytes are not zero (Solidity ABI spec).
    @inlinable
    public init?(exactly word: Bytes32) {
        guard word.lane0 == 0 && word.lane1 & 0xffff_ffff == 0 else { return nil }
        self.init(truncating: word)
    }

    /// The address left-padded with 12 zero bytes, as the ABI encodes it in a word or log topic.
    @inlinable
    public var word: Bytes32 {
        Bytes32(lanes: 0, (high >> 32).byteSwapped, (high << 32 | middle >> 32).byteSwapped,
                (middle << 32 | UInt64(low)).byteSwapped)
    }

    /// Calls `body` with the 20 bytes in order.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var bigEndian = (high.bigEndian, middle.bigEndian, low.bigEndian)
        return try Swift.withUnsafeBytes(of: &bigEndian) { (raw) throws(E) -> R in
            try body(UnsafeRawBufferPointer(rebasing: raw.prefix(20)))
        }
    }

    /// The 20 bytes as an array.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}

extension Address: Comparable {
    /// Byte-by-byte order, the order of the lowercase hex strings.
    @inlinable
    public static func < (lhs: Address, rhs: Address) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }
}
