extension RLPItem {
    /// An unsigned integer as RLP holds it: minimal big-endian bytes, zero as the empty string (Yellow Paper, B).
    public static func uint(_ value: UInt64) -> RLPItem {
        let count = byteCount(value)
        return .bytes((0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * (count - 1 - $0))) })
    }

    /// An unsigned integer given as big-endian bytes of any width, with its leading zero bytes stripped.
    public static func uint(bigEndianBytes bytes: some Collection<UInt8>) -> RLPItem {
        .bytes(Array(bytes.drop { $0 == 0 }))
    }

    /// This item as a canonical unsigned integer of at most 8 bytes.
    public func uint64() throws(RLPError) -> UInt64 {
        try uintBytes(maxByteCount: 8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The big-endian bytes of this item as a canonical unsigned integer (no leading zero) of at most
    /// `maxByteCount` bytes; empty for zero.
    public func uintBytes(maxByteCount: Int) throws(RLPError) -> [UInt8] {
        guard case .bytes(let bytes) = self else { throw .expectedBytes }
        guard bytes.first != 0 else { throw .leadingZeroInInteger }
        guard bytes.count <= maxByteCount else {
            throw .integerTooLarge(byteCount: bytes.count, maxByteCount: maxByteCount)
        }
        return bytes
    }
}
