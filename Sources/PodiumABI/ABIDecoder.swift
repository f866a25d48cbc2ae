/// Decodes ABI-encoded bytes into `ABIValue`s, strictly (Solidity ABI spec, "Formal Specification of the
/// Encoding"; the rules are listed on `ABIReader`): never traps and never allocates more than the input can hold.
public enum ABIDecoder {
    /// Decodes `data`, the encoding of the tuple `(types…)` (function arguments without the selector, return
    /// values, event data); bytes after the encoding are ignored.
    public static func decode(
        _ data: UnsafeRawBufferPointer, as types: [ABIType]
    ) throws(ABIDecodingError) -> [ABIValue] {
        var values: [ABIValue] = []
        values.reserveCapacity(types.count)
        _ = try ABIReader(data).tuple(types, at: 0, into: &values)
        return values
    }

    /// Decodes `data`, the encoding of the tuple `(types…)`.
    @inlinable
    public static func decode(
        _ data: some Sequence<UInt8>, as types: [ABIType]
    ) throws(ABIDecodingError) -> [ABIValue] {
        try withBytes(data) { (buffer) throws(ABIDecodingError) in try decode(buffer, as: types) }
    }

    /// Decodes `data` as the values of `parameters`, naming them in errors (`amounts[3]`).
    public static func decode(
        _ data: some Sequence<UInt8>, as parameters: [ABIParameter]
    ) throws(ABIDecodingError) -> [ABIValue] {
        try withBytes(data) { (buffer) throws(ABIDecodingError) in try decode(buffer, as: parameters, skipping: 0) }
    }

    /// Decodes the bytes of `buffer` after the first `skipped` (at most its size) as the values of
    /// `parameters`; error offsets count from the start of `buffer`.
    static func decode(
        _ buffer: UnsafeRawBufferPointer, as parameters: [ABIParameter], skipping skipped: Int
    ) throws(ABIDecodingError) -> [ABIValue] {
        do {
            return try decode(UnsafeRawBufferPointer(rebasing: buffer[skipped...]), as: parameters.types)
        } catch {
            throw error.relocated(by: skipped, names: parameters)
        }
    }

    /// Decodes calldata or revert data: checks that `buffer` starts with `selector` and decodes the rest as the
    /// values of `parameters`.
    static func decode(
        _ buffer: UnsafeRawBufferPointer, after selector: Selector, as parameters: [ABIParameter]
    ) throws(ABIDecodingError) -> [ABIValue] {
        guard let found = Selector(prefixOf: buffer) else {
            throw ABIDecodingError(.missingSelector(length: buffer.count), offset: 0)
        }
        guard found == selector else {
            throw ABIDecodingError(.selectorMismatch(expected: selector, found: found), offset: 0)
        }
        return try decode(buffer, as: parameters, skipping: 4)
    }

    /// Calls `body` with the bytes of `data`, copied only when they are not contiguous.
    @inlinable
    static func withBytes<R>(
        _ data: some Sequence<UInt8>, _ body: (UnsafeRawBufferPointer) throws(ABIDecodingError) -> R
    ) throws(ABIDecodingError) -> R {
        let result = data.withContiguousStorageIfAvailable { buffer in
            Result { () throws(ABIDecodingError) -> R in try body(UnsafeRawBufferPointer(buffer)) }
        }
        if let result { return try result.get() }
        return try Array(data).withUnsafeBytes { buffer in
            Result { () throws(ABIDecodingError) -> R in try body(buffer) }
        }.get()
    }
}
