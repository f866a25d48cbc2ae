/// Why text could not be read as a `UInt256` or `Int256`; `description` is a one-line message for a user.
public enum IntegerParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text was empty.
    case empty
    /// A sign or `0x` prefix with no digits after it.
    case missingDigits
    /// A character that is not a digit of the number's base, at this offset (in UTF-8 bytes) in the text.
    case invalidCharacter(Character, offset: Int)
    /// A sign on an unsigned number.
    case unexpectedSign
    /// The value does not fit in the type.
    case overflow

    /// A one-line message naming the problem.
    public var description: String {
        switch self {
        case .empty: "empty number"
        case .missingDigits: "number has no digits"
        case .invalidCharacter(let character, let offset):
            "invalid digit \(character.debugDescription) at offset \(offset)"
        case .unexpectedSign: "unsigned number cannot have a sign"
        case .overflow: "number out of range for a 256-bit integer"
        }
    }

    /// `.invalidCharacter` for the character starting at byte `offset` of the UTF-8 `text`.
    static func invalidCharacter(in text: UnsafeBufferPointer<UInt8>, at offset: Int) -> IntegerParseError {
        .invalidCharacter(character(in: text, at: offset), offset: offset)
    }
}

/// The character that starts at byte `offset` of the UTF-8 `text`.
func character(in text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Character {
    let bytes = UnsafeBufferPointer(rebasing: text[offset..<min(offset + 4, text.count)])
    return String(decoding: bytes, as: UTF8.self).first!
}

/// Calls `body` with the UTF-8 bytes of `text`, copying them only when the string is not stored contiguously.
@inlinable @inline(__always)
func withUTF8<R, E: Error>(
    _ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
) throws(E) -> R {
    let result: Result<R, E>? = text.utf8.withContiguousStorageIfAvailable { bytes in
        Result { () throws(E) -> R in try body(bytes) }
    }
    if let result { return try result.get() }
    return try Array(text.utf8).withUnsafeBufferPointer { bytes in
        Result { () throws(E) -> R in try body(bytes) }
    }.get()
}

/// True when `text` starts with `0x` or `0X` at `offset`.
@inline(__always)
func hasHexPrefix(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
    text.count - offset >= 2 && text[offset] == UInt8(ascii: "0") && text[offset + 1] | 0x20 == UInt8(ascii: "x")
}

extension UInt256 {
    /// The spellings a parse accepts.
    @usableFromInline
    enum Notation: Sendable {
        /// Decimal digits, or hex digits after `0x`.
        case decimalOrHex
        /// Decimal digits only.
        case decimal
        /// Hex digits with or without `0x`.
        case hex
    }

    /// The magnitude in `text[start...]` (after any sign), spelled as `notation` allows.
    @usableFromInline
    static func parseMagnitude(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, _ notation: Notation
    ) throws(IntegerParseError) -> UInt256 {
        guard text.count > start else { throw start == 0 ? .empty : .missingDigits }
        if notation != .decimal && hasHexPrefix(text, at: start) {
            guard text.count > start + 2 else { throw .missingDigits }
            return try parseHex(text, from: start + 2)
        }
        return try notation == .hex ? parseHex(text, from: start) : parseDecimal(text, from: start)
    }

    /// The unsigned number in the UTF-8 `text`, spelled as `notation` allows.
    @usableFromInline
    static func parse(_ text: UnsafeBufferPointer<UInt8>, _ notation: Notation) throws(IntegerParseError) -> UInt256 {
        if text.first == UInt8(ascii: "-") || text.first == UInt8(ascii: "+") { throw .unexpectedSign }
        return try parseMagnitude(text, from: 0, notation)
    }

    /// Parses decimal digits, or hex digits after `0x`; leading zeros are allowed, signs are not.
    @inlinable
    public init(parsing text: some StringProtocol) throws(IntegerParseError) {
        self = try withUTF8(text) { (bytes) throws(IntegerParseError) in try UInt256.parse(bytes, .decimalOrHex) }
    }

    /// Parses decimal digits (leading zeros allowed).
    @inlinable
    public init(decimal text: some StringProtocol) throws(IntegerParseError) {
        self = try withUTF8(text) { (bytes) throws(IntegerParseError) in try UInt256.parse(bytes, .decimal) }
    }

    /// Parses hex digits, with or without `0x` (either case, leading zeros allowed).
    @inlinable
    public init(hex text: some StringProtocol) throws(IntegerParseError) {
        self = try withUTF8(text) { (bytes) throws(IntegerParseError) in try UInt256.parse(bytes, .hex) }
    }
}

extension UInt256: CustomStringConvertible, LosslessStringConvertible {
    /// The decimal digits, without leading zeros.
    public var description: String { decimalString }

    /// Parses decimal, or hex after `0x`; nil when the text is not a `UInt256`.
    public init?(_ description: String) {
        guard let value = try? UInt256(parsing: description) else { return nil }
        self = value
    }
}

/// The value of the string in `decoder`'s single value, read by `parse`; a parse error becomes a `DecodingError`.
func decodeString<Value>(
    from decoder: any Decoder, _ parse: (String) throws(IntegerParseError) -> Value
) throws -> Value {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
        return try parse(text)
    } catch {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text.debugDescription): \(error)")
    }
}

extension UInt256: Codable {
    /// Decodes a decimal string, or a `0x` hex string.
    public init(from decoder: any Decoder) throws {
        self = try decodeString(from: decoder) { (text) throws(IntegerParseError) in try UInt256(parsing: text) }
    }

    /// Encodes the decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
