import PodiumPrimitives

extension UInt256: ABIWordCodable {
    /// `uint256`.
    @inlinable public static var abiType: ABIType { .uint256 }

    /// A `uint256` word.
    @inlinable @inline(__always)
    public init(abiWord reader: ABIReader, at offset: Int) throws(ABIDecodingError) {
        self = try reader.uint(at: offset, bits: 256)
    }

    /// Writes the value big-endian.
    @inlinable @inline(__always)
    public func abiEncodeWord(to writer: ABIWriter, at offset: Int) {
        storeBigEndian(to: writer.base + offset)
    }
}

extension Int256: ABIWordCodable {
    /// `int256`.
    @inlinable public static var abiType: ABIType { .int256 }

    /// An `int256` word.
    @inlinable @inline(__always)
    public init(abiWord reader: ABIReader, at offset: Int) throws(ABIDecodingError) {
        self = try reader.int(at: offset, bits: 256)
    }

    /// Writes the two's complement bits big-endian.
    @inlinable @inline(__always)
    public func abiEncodeWord(to writer: ABIWriter, at offset: Int) {
        UInt256(bitPattern: self).storeBigEndian(to: writer.base + offset)
    }
}

// Swift's fixed-width integers of at most 64 bits, as the ABI integers of their width: `UInt8` is `uint8`, `Int64`
// is `int64`. Decoding rejects what does not fit (`ABIDecodingError.Reason.valueOutOfRange`), as `ABIDecoder` does.

extension ABIWordCodable where Self: FixedWidthInteger & UnsignedInteger {
    /// `uint<bitWidth>`.
    @inlinable public static var abiType: ABIType { .uint(bitWidth) }

    /// A `uint<bitWidth>` word: zero above the value's bits.
    @inlinable @inline(__always)
    public init(abiWord reader: ABIReader, at offset: Int) throws(ABIDecodingError) {
        precondition(Self.bitWidth <= 64, "the default ABI coding is for integers of at most 64 bits")
        self.init(truncatingIfNeeded: try reader.uint(at: offset, bits: Self.bitWidth).limbs.0)
    }

    /// Writes the value big-endian, zero-extended to 256 bits.
    @inlinable @inline(__always)
    public func abiEncodeWord(to writer: ABIWriter, at offset: Int) {
        precondition(Self.bitWidth <= 64, "the default ABI coding is for integers of at most 64 bits")
        UInt256(UInt64(truncatingIfNeeded: self)).storeBigEndian(to: writer.base + offset)
    }
}

extension ABIWordCodable where Self: FixedWidthInteger & SignedInteger {
    /// `int<bitWidth>`.
    @inlinable public static var abiType: ABIType { .int(bitWidth) }

    /// An `int<bitWidth>` word: the value sign-extended to 256 bits.
    @inlinable @inline(__always)
    public init(abiWord reader: ABIReader, at offset: Int) throws(ABIDecodingError) {
        precondition(Self.bitWidth <= 64, "the default ABI coding is for integers of at most 64 bits")
        let value = try reader.int(at: offset, bits: Self.bitWidth)
        self.init(truncatingIfNeeded: UInt256(bitPattern: value).limbs.0)
    }

    /// Writes the value big-endian, sign-extended to 256 bits.
    @inlinable @inline(__always)
    public func abiEncodeWord(to writer: ABIWriter, at offset: Int) {
        precondition(Self.bitWidth <= 64, "the default ABI coding is for integers of at most 64 bits")
        UInt256(bitPattern: Int256(Int64(truncatingIfNeeded: self))).storeBigEndian(to: writer.base + offset)
    }
}

extension UInt8: ABIWordCodable {}
extension UInt16: ABIWordCodable {}
extension UInt32: ABIWordCodable {}
extension UInt64: ABIWordCodable {}
extension Int8: ABIWordCodable {}
extension Int16: ABIWordCodable {}
extension Int32: ABIWordCodable {}
extension Int64: ABIWordCodable {}
