extension Int256 {
    /// The signed number in the UTF-8 `text`: an optional `-`, then a magnitude spelled as `notation` allows.
    @usableFromInline
    static func parse(_ text: UnsafeBufferPointer<UInt8>, _ notation: UInt256.Notation) throws(IntegerParseError) -> Int256 {
        let negative = text.first == UInt8(ascii: "-")
        let magnitude = try UInt256.parseMagnitude(text, from: negative ? 1 : 0, notation)
        let limit = UInt256(limbs: 0, 0, 0, 1 << 63)
        guard negative ? magnitude <= limit : magnitude < limit else { throw .overflow }
        return signed(magnitude, negative: negative)
    }

    /// Parses an optional `-` and decimal digits, or hex digits after `0x` (`-0x1f`); leading zeros are allowed.
    @inlinable
    public init(parsing text: some StringProtocol) throws(IntegerParseError) {
        self = try withUTF8(text) { (bytes) throws(IntegerParseError) in try Int256.parse(bytes, .decimalOrHex) }
    }

    /// Parses an optional `-` and decimal digits (leading zeros allowed).
    @inlinable
    public init(decimal text: some StringProtocol) throws(IntegerParseError) {
        self = try withUTF8(text) { (bytes) throws(IntegerParseError) in try Int256.parse(bytes, .decimal) }
    }
}

extension Int256: CustomStringConvertible, LosslessStringConvertible {
    /// The decimal digits, with a leading `-` when negative.
    public var description: String { isNegative ? "-" + magnitude.description : magnitude.description }

    /// Parses an optional `-` and decimal, or hex after `0x`; nil when the text is not an `Int256`.
    public init?(_ description: String) {
        guard let value = try? Int256(parsing: description) else { return nil }
        self = value
    }
}

extension Int256: Codable {
    /// Decodes a decimal string (with an optional `-`), or a `0x` hex string.
    public init(from decoder: any Decoder) throws {
        self = try decodeString(from: decoder) { (text) throws(IntegerParseError) in try Int256(parsing: text) }
    }

    /// Encodes the decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
