import PodiumPrimitives

/// A Solidity `bytes` value on the typed path: a byte string of any length.
///
/// A type of its own because `[UInt8]` is an array of `UInt8`s, `uint8[]`, like every `[T]`; the two encode
/// differently (`bytes` packs the bytes, `uint8[]` takes a word for each).
public struct ABIBytes: Hashable, Sendable {
    /// The bytes.
    public var bytes: [UInt8]

    /// The byte string of `bytes`.
    @inlinable
    public init(_ bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }
}

extension ABIBytes: ExpressibleByArrayLiteral {
    /// The byte string of the literal's bytes.
    @inlinable
    public init(arrayLiteral bytes: UInt8...) {
        self.bytes = bytes
    }
}

extension ABIBytes: CustomStringConvertible {
    /// `0x` and lowercase hex digits.
    public var description: String { Hex.encode(bytes) }
}

extension ABIBytes: ABICodable {
    /// `bytes`.
    @inlinable public static var abiType: ABIType { .bytes }
    /// True.
    @inlinable public static var abiIsDynamic: Bool { true }
    /// 32, for the offset.
    @inlinable public static var abiHeadSize: Int { 32 }

    /// A length word and the bytes, zero-padded to a multiple of 32.
    @inlinable
    public init(abiDecoding reader: ABIReader, at offset: Int, end: inout Int) throws(ABIDecodingError) {
        let (payload, payloadEnd) = try reader.payload(at: offset, of: .bytes)
        (bytes, end) = (Array(payload), payloadEnd)
    }

    /// The length word and the padded bytes.
    @inlinable public var abiEncodedSize: Int { 32 &+ paddedLength(bytes.count) }

    /// Writes the length word and the bytes.
    @inlinable
    public func abiEncode(to writer: ABIWriter, at offset: Int) -> Int {
        writer.payload(bytes, at: offset)
    }
}

extension String: ABICodable {
    /// `string`.
    @inlinable public static var abiType: ABIType { .string }
    /// True.
    @inlinable public static var abiIsDynamic: Bool { true }
    /// 32, for the offset.
    @inlinable public static var abiHeadSize: Int { 32 }

    /// A length word and UTF-8 bytes, zero-padded to a multiple of 32.
    @inlinable
    public init(abiDecoding reader: ABIReader, at offset: Int, end: inout Int) throws(ABIDecodingError) {
        (self, end) = try reader.string(at: offset)
    }

    /// The length word and the padded UTF-8 bytes.
    @inlinable public var abiEncodedSize: Int { 32 &+ paddedLength(utf8.count) }

    /// Writes the length word and the UTF-8 bytes.
    @inlinable
    public func abiEncode(to writer: ABIWriter, at offset: Int) -> Int {
        writer.payload(utf8, at: offset)
    }
}
