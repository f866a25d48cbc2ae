import PodiumPrimitives

/// An `ABICodable` type encoded in one word in place (static, 32 bytes in the head): integers, `address`, `bool`,
/// `bytes32`. Conforming types implement reading and writing the word; the rest comes from here.
public protocol ABIWordCodable: ABICodable {
    /// Decodes the word at `offset`, which the caller has checked to be inside the input.
    init(abiWord reader: ABIReader, at offset: Int) throws(ABIDecodingError)
    /// Writes the word at `offset`, 32 zeroed bytes of `writer`'s buffer.
    func abiEncodeWord(to writer: ABIWriter, at offset: Int)
}

extension ABIWordCodable {
    /// False: one word, in place.
    @inlinable public static var abiIsDynamic: Bool { false }
    /// 32.
    @inlinable public static var abiHeadSize: Int { 32 }
    /// 32.
    @inlinable public var abiEncodedSize: Int { 32 }

    /// Decodes the word at `offset`.
    @inlinable @inline(__always)
    public init(abiDecoding reader: ABIReader, at offset: Int, end: inout Int) throws(ABIDecodingError) {
        try self.init(abiWord: reader, at: offset)
        end = offset &+ 32
    }

    /// Writes the word at `offset`.
    @inlinable @inline(__always)
    public func abiEncode(to writer: ABIWriter, at offset: Int) -> Int {
        abiEncodeWord(to: writer, at: offset)
        return offset &+ 32
    }
}

extension Address: ABIWordCodable {
    /// `address`.
    @inlinable public static var abiType: ABIType { .address }

    /// An `address` word: 12 zero bytes and the address.
    @inlinable @inline(__always)
    public init(abiWord reader: ABIReader, at offset: Int) throws(ABIDecodingError) {
        self = try reader.address(at: offset)
    }

    /// Writes the address after 12 zero bytes.
    @inlinable @inline(__always)
    public func abiEncodeWord(to writer: ABIWriter, at offset: Int) {
        word.store(to: writer.base + offset)
    }
}

extension Bool: ABIWordCodable {
    /// `bool`.
    @inlinable public static var abiType: ABIType { .bool }

    /// A `bool` word: 0 or 1.
    @inlinable @inline(__always)
    public init(abiWord reader: ABIReader, at offset: Int) throws(ABIDecodingError) {
        self = try reader.bool(at: offset)
    }

    /// Writes 1 for true (the zeroed word is false).
    @inlinable @inline(__always)
    public func abiEncodeWord(to writer: ABIWriter, at offset: Int) {
        if self { writer.base.storeBytes(of: 1, toByteOffset: offset &+ 31, as: UInt8.self) }
    }
}

extension Bytes32: ABIWordCodable {
    /// `bytes32`.
    @inlinable public static var abiType: ABIType { .bytes32 }

    /// A `bytes32` word: the 32 bytes.
    @inlinable @inline(__always)
    public init(abiWord reader: ABIReader, at offset: Int) throws(ABIDecodingError) {
        self = try reader.fixedBytes(at: offset, size: 32)
    }

    /// Writes the 32 bytes.
    @inlinable @inline(__always)
    public func abiEncodeWord(to writer: ABIWriter, at offset: Int) {
        store(to: writer.base + offset)
    }
}
