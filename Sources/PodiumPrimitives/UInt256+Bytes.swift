// Big-endian bytes: the ABI word, RLP's integers and storage slots all write a UInt256 most significant byte first.

extension UInt256 {
    /// The value of a big-endian byte string of at most 32 bytes (shorter strings are the value of fewer bytes,
    /// as RLP writes integers); nil when there are more than 32 bytes.
    @inlinable
    public init?(bigEndianBytes bytes: some Collection<UInt8>) {
        guard bytes.count <= 32 else { return nil }
        var value = UInt256.zero
        for byte in bytes { value = value.shiftedLeft(within256: 8) | UInt256(UInt64(byte)) }
        self = value
    }

    /// The value of the 32 big-endian bytes in `word`, which must hold exactly 32 bytes.
    @inlinable
    public init(bigEndianWord word: UnsafeRawBufferPointer) {
        precondition(word.count == 32, "UInt256(bigEndianWord:) needs exactly 32 bytes")
        self.init(
            limbs: UInt64(bigEndian: word.loadUnaligned(fromByteOffset: 24, as: UInt64.self)),
            UInt64(bigEndian: word.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            UInt64(bigEndian: word.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
            UInt64(bigEndian: word.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        )
    }

    /// Writes the 32 big-endian bytes into `word`, which must hold exactly 32 bytes; allocates nothing.
    @inlinable
    public func storeBigEndianWord(into word: UnsafeMutableRawBufferPointer) {
        precondition(word.count == 32, "UInt256.storeBigEndianWord(into:) needs exactly 32 bytes")
        word.storeBytes(of: limb3.bigEndian, toByteOffset: 0, as: UInt64.self)
        word.storeBytes(of: limb2.bigEndian, toByteOffset: 8, as: UInt64.self)
        word.storeBytes(of: limb1.bigEndian, toByteOffset: 16, as: UInt64.self)
        word.storeBytes(of: limb0.bigEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// The 32 big-endian bytes, most significant first.
    public var bigEndianBytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            storeBigEndianWord(into: UnsafeMutableRawBufferPointer(buffer))
            count = 32
        }
    }

    /// The value of a 32-byte word read big-endian (an ABI word, a storage slot, a hash as a number).
    @inlinable
    public init(_ word: Bytes32) {
        self.init(limbs: word.lane3.byteSwapped, word.lane2.byteSwapped, word.lane1.byteSwapped,
                  word.lane0.byteSwapped)
    }
}

extension Bytes32 {
    /// The 32 big-endian bytes of `value`.
    @inlinable
    public init(_ value: UInt256) {
        self.init(lanes: value.limb3.byteSwapped, value.limb2.byteSwapped, value.limb1.byteSwapped,
                  value.limb0.byteSwapped)
    }
}
