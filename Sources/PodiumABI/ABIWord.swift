import PodiumPrimitives

// Word-level helpers shared by the encoders and the decoder: loading and storing 32-byte words in place, and the
// range rules for narrow integers.

extension UInt256 {
    /// The 32 big-endian bytes at `pointer`, read in place.
    @inlinable @inline(__always)
    init(loadingBigEndian pointer: UnsafeRawPointer) {
        self.init(
            limbs: UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)),
            UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
            UInt64(bigEndian: pointer.loadUnaligned(as: UInt64.self)))
    }

    /// Writes the 32 big-endian bytes at `pointer`.
    @inlinable @inline(__always)
    func storeBigEndian(to pointer: UnsafeMutableRawPointer) {
        let (limb0, limb1, limb2, limb3) = limbs
        pointer.storeBytes(of: limb3.bigEndian, as: UInt64.self)
        pointer.storeBytes(of: limb2.bigEndian, toByteOffset: 8, as: UInt64.self)
        pointer.storeBytes(of: limb1.bigEndian, toByteOffset: 16, as: UInt64.self)
        pointer.storeBytes(of: limb0.bigEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// True when the value is below 2^bits, so a `uint<bits>` holds it.
    @inlinable @inline(__always)
    func fitsUnsigned(bits: Int) -> Bool {
        bits >= 256 || leadingZeroBitCount >= 256 - bits
    }

    /// True when the value, read as two's complement, is sign-extended from `bits` bits, so an `int<bits>` holds
    /// it: bits `bits − 1` through 255 are all zero or all one.
    @inlinable @inline(__always)
    func fitsSigned(bits: Int) -> Bool {
        guard bits < 256 else { return true }
        let (_, _, _, top) = limbs
        let extended = top >> 63 == 0 ? self : ~self
        return extended.leadingZeroBitCount > 256 - bits
    }
}

extension Bytes32 {
    /// The 32 bytes at `pointer`, in order.
    @inlinable @inline(__always)
    init(loading pointer: UnsafeRawPointer) {
        self.init(
            lanes: UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)),
            UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
            UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
    }

    /// Writes the 32 bytes at `pointer`, in order.
    @inlinable @inline(__always)
    func store(to pointer: UnsafeMutableRawPointer) {
        withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: 32) }
    }
}

/// `count` rounded up to a multiple of 32, the padded length of a `bytes` or `string` payload.
@inlinable @inline(__always)
func paddedLength(_ count: Int) -> Int { (count &+ 31) & ~31 }

/// Copies `bytes` to `destination`, in one move when they are contiguous.
@inlinable @inline(__always)
func copyBytes(_ bytes: some Collection<UInt8>, to destination: UnsafeMutableRawPointer) {
    let copied: Void? = bytes.withContiguousStorageIfAvailable { buffer in
        if let source = buffer.baseAddress { destination.copyMemory(from: source, byteCount: buffer.count) }
    }
    if copied == nil {
        for (i, byte) in bytes.enumerated() { destination.storeBytes(of: byte, toByteOffset: i, as: UInt8.self) }
    }
}

/// A byte array of `count` bytes filled by `write` in place, zeroed first when `zeroed`.
@inlinable @inline(__always)
func makeBytes(count: Int, zeroed: Bool, _ write: (UnsafeMutableRawPointer) -> Void) -> [UInt8] {
    guard count > 0 else { return [] }
    return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
        let base = UnsafeMutableRawPointer(buffer.baseAddress!)
        if zeroed { base.initializeMemory(as: UInt8.self, repeating: 0, count: count) }
        write(base)
        initialized = count
    }
}
