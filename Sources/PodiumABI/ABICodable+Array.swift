import PodiumPrimitives

extension Array: ABICodable where Element: ABICodable {
    /// `T[]` of the element's type `T`.
    @inlinable public static var abiType: ABIType { .array(Element.abiType) }
    /// True.
    @inlinable public static var abiIsDynamic: Bool { true }
    /// 32, for the offset.
    @inlinable public static var abiHeadSize: Int { 32 }

    /// A length word and the elements, as a tuple of that many components (`Element.abiDecodeArray`).
    @inlinable
    public init(abiDecoding reader: ABIReader, at offset: Int, end: inout Int) throws(ABIDecodingError) {
        let count = try reader.length(at: offset, unit: Element.abiHeadSize)
        (self, end) = try Element.abiDecodeArray(reader, count: count, at: offset &+ 32)
    }

    /// The length word and the elements.
    @inlinable public var abiEncodedSize: Int { 32 &+ Element.abiEncodedSize(ofArray: self) }

    /// Writes the length word and the elements.
    @inlinable
    public func abiEncode(to writer: ABIWriter, at offset: Int) -> Int {
        UInt256(UInt64(count)).storeBigEndian(to: writer.base + offset)
        return Element.abiEncode(array: self, to: writer, at: offset &+ 32)
    }
}
