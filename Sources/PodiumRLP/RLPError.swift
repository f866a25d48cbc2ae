import PodiumPrimitives

/// Why bytes, an item or JSON text are not the RLP asked for. Offsets count bytes from the start of the input.
public enum RLPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There were no bytes to decode.
    case emptyInput
    /// A single byte below 0x80 wrapped as a one-byte string (`0x81 0x00`–`0x81 0x7f`); it encodes as itself.
    case nonCanonicalSingleByte(offset: Int)
    /// A long-form length whose first byte is zero.
    case leadingZeroInLength(offset: Int)
    /// A long-form length below 56, where the short form fits.
    case nonCanonicalLongForm(offset: Int)
    /// The item at `offset` needs `needed` bytes (header and payload, at most `Int.max`) but only `available` remain.
    case lengthPastEnd(offset: Int, needed: Int, available: Int)
    /// The item at `offset` runs past the end of the list payload that holds it, which ends at `listEnd`.
    case itemOverrunsList(offset: Int, listEnd: Int)
    /// Bytes left over after the one top-level item, from `offset`.
    case trailingBytes(offset: Int)
    /// The list at `offset` is nested more than `maxDepth` lists deep.
    case tooDeep(offset: Int, maxDepth: Int)
    /// An integer was expected and a list was found.
    case expectedBytes
    /// An integer with a leading zero byte (zero is the empty string).
    case leadingZeroInInteger
    /// An integer of `byteCount` bytes, more than the `maxByteCount` that fit.
    case integerTooLarge(byteCount: Int, maxByteCount: Int)
    /// Text that is not JSON, at a byte offset.
    case invalidJSON(reason: String, offset: Int)
    /// A JSON value other than a string or an array, at a path such as `$[1][0]`.
    case expectedHexStringOrArray(path: String, offset: Int)
    /// A JSON string that is not `0x`-prefixed hex with an even number of digits.
    case invalidHexString(path: String, reason: HexError)

    /// One line naming the problem and where it is.
    public var description: String {
        switch self {
        case .emptyInput: "empty input: RLP needs at least one byte"
        case .nonCanonicalSingleByte(let offset):
            "non-canonical RLP at offset \(offset): a single byte below 0x80 must encode as itself"
        case .leadingZeroInLength(let offset): "non-canonical RLP at offset \(offset): length starts with a zero byte"
        case .nonCanonicalLongForm(let offset):
            "non-canonical RLP at offset \(offset): long-form length below 56 where the short form fits"
        case .lengthPastEnd(let offset, let needed, let available):
            "RLP item at offset \(offset) needs \(needed == .max ? "more than \(available)" : "\(needed)") bytes, "
                + "only \(available) available"
        case .itemOverrunsList(let offset, let listEnd):
            "RLP item at offset \(offset) runs past the end of its list at offset \(listEnd)"
        case .trailingBytes(let offset): "trailing bytes after the RLP item, from offset \(offset)"
        case .tooDeep(let offset, let maxDepth): "RLP list at offset \(offset) is nested more than \(maxDepth) deep"
        case .expectedBytes: "expected an RLP byte string, found a list"
        case .leadingZeroInInteger: "non-canonical RLP integer: leading zero byte"
        case .integerTooLarge(let byteCount, let maxByteCount):
            "RLP integer of \(byteCount) bytes does not fit in \(maxByteCount)"
        case .invalidJSON(let reason, let offset): "invalid JSON at offset \(offset): \(reason)"
        case .expectedHexStringOrArray(let path, let offset):
            "expected a 0x-hex string or an array at \(path) (offset \(offset))"
        case .invalidHexString(let path, let reason): "invalid hex string at \(path): \(reason)"
        }
    }
}
