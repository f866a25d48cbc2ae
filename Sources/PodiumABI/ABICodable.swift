/// A Swift type with a fixed Solidity ABI type, encoded and decoded directly, without going through `ABIValue`s:
/// the typed path (alloy's `SolType`).
///
/// The conforming types and their ABI types: `UInt256`, `Int256`, `UInt8`…`UInt64`, `Int8`…`Int64` (`uint<M>`,
/// `int<M>`), `Address`, `Bool`, `Bytes32` (`bytes32`), `String`, `ABIBytes` (`bytes`; a `[UInt8]` is `uint8[]`),
/// `[T]` (`T[]`) and `ABITuple` structs (`(T1,…,Tn)`). `ABI.encode(_:)` and `ABI.decode(_:from:)` encode and
/// decode parameter lists of them.
///
/// Decoding makes the same checks as `ABIDecoder`, through the same `ABIReader`, and fails with the same
/// `ABIDecodingError` (reason, path, offset). Encoding cannot fail: every Swift value of a conforming type is a value
/// of its ABI type.
public protocol ABICodable {
    /// The ABI type: `uint256`, `address[]`, `(address,bytes,uint256)`.
    static var abiType: ABIType { get }
    /// `abiType.isDynamic`, known without building `abiType`.
    static var abiIsDynamic: Bool { get }
    /// `abiType.headSize`: the bytes a value takes in the head of an enclosing tuple or array.
    static var abiHeadSize: Int { get }

    /// Decodes the value whose encoding starts at `offset` (its place in the head for a static type, where the
    /// head's offset points for a dynamic one) and sets `end` to where its encoding ends.
    init(abiDecoding reader: ABIReader, at offset: Int, end: inout Int) throws(ABIDecodingError)

    /// The size of the encoding: `abiHeadSize` for a static type; for a dynamic one, the size of its data where the
    /// head's offset points (length word included).
    var abiEncodedSize: Int { get }

    /// Writes the encoding at `offset`, where `writer`'s zeroed buffer has `abiEncodedSize` bytes for it; returns
    /// where it ends.
    func abiEncode(to writer: ABIWriter, at offset: Int) -> Int

    /// Decodes `count` elements of an array whose elements start at `offset` (after the length word of a `T[]`).
    ///
    /// A customization point with a default implementation: `[Self]`'s conformance calls it so that arrays decode
    /// at full speed even where the array's type is not known at compile time (inside a parameter pack).
    static func abiDecodeArray(
        _ reader: ABIReader, count: Int, at offset: Int
    ) throws(ABIDecodingError) -> ([Self], end: Int)

    /// The size of the encoding of `elements` without a length word (a customization point, as `abiDecodeArray`).
    static func abiEncodedSize(ofArray elements: [Self]) -> Int

    /// Writes `elements` at `offset` without a length word; returns where they end (a customization point, as
    /// `abiDecodeArray`).
    static func abiEncode(array elements: [Self], to writer: ABIWriter, at offset: Int) -> Int
}

extension ABICodable {
    /// The bytes the value takes in an enclosing tuple or array: its head, and its data for a dynamic type.
    @inlinable
    var abiSizeInContainer: Int { Self.abiIsDynamic ? 32 &+ abiEncodedSize : abiEncodedSize }

    /// Decodes the elements one after the other, as a tuple of `count` components of this type.
    @inlinable
    public static func abiDecodeArray(
        _ reader: ABIReader, count: Int, at offset: Int
    ) throws(ABIDecodingError) -> ([Self], end: Int) {
        // `count` is bounded by the input's size (`ABIReader.length(at:unit:)`), so the product cannot overflow.
        var head = try ABIHeadReader(reader, at: offset, headSize: count &* abiHeadSize, of: .array)
        var elements: [Self] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try head.next(Self.self)) }
        return (elements, head.end)
    }

    /// The heads of the elements, and their data for a dynamic type.
    @inlinable
    public static func abiEncodedSize(ofArray elements: [Self]) -> Int {
        guard abiIsDynamic else { return elements.count &* abiHeadSize }
        return elements.reduce(32 &* elements.count) { $0 &+ $1.abiEncodedSize }
    }

    /// Writes the elements one after the other, as a tuple of `elements.count` components of this type.
    @inlinable
    public static func abiEncode(array elements: [Self], to writer: ABIWriter, at offset: Int) -> Int {
        var head = ABIHeadWriter(writer, at: offset, headSize: elements.count &* abiHeadSize)
        for element in elements { head.next(element) }
        return head.end
    }
}

extension ABIHeadReader {
    /// Reads the next component, a value of type `Value`.
    @inlinable @inline(__always)
    mutating func next<Value: ABICodable>(_: Value.Type) throws(ABIDecodingError) -> Value {
        try next(isDynamic: Value.abiIsDynamic) { [reader] (offset) throws(ABIDecodingError) in
            var end = offset
            let value = try Value(abiDecoding: reader, at: offset, end: &end)
            return (value, end)
        }
    }
}

extension ABIHeadWriter {
    /// Writes the next component, `value`.
    @inlinable @inline(__always)
    mutating func next<Value: ABICodable>(_ value: Value) {
        next(isDynamic: Value.abiIsDynamic) { [writer] in value.abiEncode(to: writer, at: $0) }
    }
}
