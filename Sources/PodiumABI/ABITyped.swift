/// The typed path's entry points: encodes and decodes parameter lists of `ABICodable` Swift values, without
/// `ABIValue`s (Solidity ABI spec, "Formal Specification of the Encoding").
///
///     let data = ABI.encode(winners, amounts, timestamp)   // (address[],uint256[],uint256)
///     let (winners, amounts, timestamp) = try ABI.decode(([Address], [UInt256], UInt256).self, from: data)
///     let prizes = try ABI.decode(fieldsOf: PrizesDistributedData.self, from: data)   // an ABITuple struct
///
/// Decoding is exactly as strict as `ABIDecoder`'s and fails with the same errors; bytes after the encoding are
/// ignored. An `ABITuple` struct is the fastest form: the compiler specializes its whole walk, where a parameter pack
/// still leaves generic calls for its arrays.
public enum ABI {
    /// The encoding of the parameter list `(values…)`: function arguments (without a selector), return values, event
    /// data (Solidity's `abi.encode(values…)`).
    @inlinable
    public static func encode<each Value: ABICodable>(_ values: repeat each Value) -> [UInt8] {
        var headSize = 0, size = 0
        for type in repeat (each Value).self { headSize &+= type.abiHeadSize }
        for value in repeat each values { size &+= value.abiSizeInContainer }
        return makeBytes(count: size, zeroed: true) { base in
            var head = ABIHeadWriter(ABIWriter(base: base), at: 0, headSize: headSize)
            for value in repeat each values { head.next(value) }
            assert(head.end == size, "typed ABI encoder wrote \(head.end) bytes, sized \(size)")
        }
    }

    /// The encoding of `value`'s fields as the parameter list, as `ABI.encode(field1, field2, …)` gives it.
    @inlinable
    public static func encode(fieldsOf value: some ABITuple) -> [UInt8] {
        let size = value.abiEncodedSize
        return makeBytes(count: size, zeroed: true) { base in
            let end = value.abiEncode(to: ABIWriter(base: base), at: 0)
            assert(end == size, "typed ABI encoder wrote \(end) bytes, sized \(size)")
        }
    }

    /// Decodes `data` as the parameter list `(types…)`; one type gives its value, several a tuple.
    @inlinable
    public static func decode<each Value: ABICodable>(
        _ types: (repeat each Value).Type, from data: UnsafeRawBufferPointer
    ) throws(ABIDecodingError) -> (repeat each Value) {
        var headSize = 0
        for type in repeat (each Value).self { headSize &+= type.abiHeadSize }
        var head = try ABIHeadReader(ABIReader(data), at: 0, headSize: headSize, of: .tuple)
        return (repeat try head.next((each Value).self))
    }

    /// Decodes `data` as the parameter list `(types…)`; one type gives its value, several a tuple.
    @inlinable
    public static func decode<each Value: ABICodable>(
        _ types: (repeat each Value).Type, from data: some Sequence<UInt8>
    ) throws(ABIDecodingError) -> (repeat each Value) {
        try withBytes(data) { (buffer) throws(ABIDecodingError) in try decode(types, from: buffer) }
    }

    /// Decodes `data` as the parameter list of `type`'s fields.
    @inlinable
    public static func decode<Value: ABITuple>(
        fieldsOf type: Value.Type, from data: UnsafeRawBufferPointer
    ) throws(ABIDecodingError) -> Value {
        var end = 0
        return try Value(abiDecoding: ABIReader(data), at: 0, end: &end)
    }

    /// Decodes `data` as the parameter list of `type`'s fields.
    @inlinable
    public static func decode<Value: ABITuple>(
        fieldsOf type: Value.Type, from data: some Sequence<UInt8>
    ) throws(ABIDecodingError) -> Value {
        try withBytes(data) { (buffer) throws(ABIDecodingError) in try decode(fieldsOf: type, from: buffer) }
    }

    /// Calls `body` with the bytes of `data`, in place when it is a `[UInt8]` (the cast folds away once
    /// specialized), else copied into one.
    @inlinable
    static func withBytes<Decoded>(
        _ data: some Sequence<UInt8>, _ body: (UnsafeRawBufferPointer) throws(ABIDecodingError) -> Decoded
    ) throws(ABIDecodingError) -> Decoded {
        let bytes = data as? [UInt8] ?? Array(data)
        return try bytes.withUnsafeBytes { buffer in Result { () throws(ABIDecodingError) in try body(buffer) } }.get()
    }
}
