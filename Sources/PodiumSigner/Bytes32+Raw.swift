import PodiumPrimitives

extension Bytes32 {
    /// The 32 bytes at `offset` in `raw`, which must hold them.
    init(copyingFrom raw: UnsafeRawBufferPointer, at offset: Int) {
        precondition(offset >= 0 && raw.count - offset >= 32, "fewer than 32 bytes to copy into a Bytes32")
        func lane(_ i: Int) -> UInt64 {
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * i, as: UInt64.self))
        }
        self.init(lanes: lane(0), lane(1), lane(2), lane(3))
    }
}
