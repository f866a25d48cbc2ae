// Exact conversion between token amounts in base units and decimal text, as Foundry's `cast parse-units` and
// `cast format-units` do, except that nothing is ever rounded: an amount finer than the unit is an error, and
// formatting gives the shortest exact decimal.

/// Why decimal text could not be converted to base units; `description` is a one-line message for a user.
public enum UnitsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text was empty.
    case empty
    /// No digits on either side of the decimal point (`.`, `-`, `-.`).
    case missingDigits
    /// A character that is not a digit or the one decimal point, at this offset (in UTF-8 bytes) in the text.
    case invalidCharacter(Character, offset: Int)
    /// A sign on an amount that must be unsigned.
    case unexpectedSign
    /// Nonzero digits beyond the unit's decimals: the amount is finer than one base unit.
    case tooManyFractionalDigits(decimals: Int)
    /// The amount in base units does not fit in 256 bits (or in Int256's range).
    case overflow
    /// The unit's decimals are outside 0…77.
    case decimalsOutOfRange(Int)

    /// A one-line message naming the problem.
    public var description: String {
        switch self {
        case .empty: "empty amount"
        case .missingDigits: "amount has no digits"
        case .invalidCharacter(let character, let offset):
            "invalid character \(character.debugDescription) at offset \(offset) in amount"
        case .unexpectedSign: "amount cannot be negative"
        case .tooManyFractionalDigits(let decimals):
            "amount has more than \(decimals) fractional digit\(decimals == 1 ? "" : "s") (it would need rounding)"
        case .overflow: "amount out of range for a 256-bit integer"
        case .decimalsOutOfRange(let decimals): "decimals must be 0 through 77, not \(decimals)"
        }
    }
}

/// Decimal amounts ⇄ integer base units: with 18 decimals, `"1.5"` is 1500000000000000000 and back.
///
/// Amounts are digits with at most one decimal point; either side of the point may be empty (`".5"`, `"1."`, as
/// Foundry accepts) but not both. No exponent, no `+`, no spaces or separators. Trailing zeros beyond the unit's
/// decimals are exact and accepted (`"1.50"` with 1 decimal); any other digit there is an error, never a rounding.
public enum Units {
    /// The most decimals a unit can have: 10⁷⁷ is the largest power of ten below 2²⁵⁶.
    public static let maximumDecimals = 77

    /// Ether's named units and their decimals, as cast and Solidity's ether units spell them: `ether` 18, `gwei` 9,
    /// `wei` 0.
    public static let etherUnits = ["ether": 18, "gwei": 9, "wei": 0]

    /// The base units of the decimal amount `text` (`parse("1.5", decimals: 18)` is 1500000000000000000).
    public static func parse(_ text: some StringProtocol, decimals: Int) throws(UnitsError) -> UInt256 {
        try withUTF8(text) { (bytes) throws(UnitsError) in
            if bytes.first == UInt8(ascii: "-") { throw .unexpectedSign }
            return try magnitude(bytes, from: 0, decimals: decimals)
        }
    }

    /// The base units of the signed decimal amount `text` (an optional leading `-`).
    public static func parseSigned(_ text: some StringProtocol, decimals: Int) throws(UnitsError) -> Int256 {
        try withUTF8(text) { (bytes) throws(UnitsError) in
            let negative = bytes.first == UInt8(ascii: "-")
            let value = try magnitude(bytes, from: negative ? 1 : 0, decimals: decimals)
            let limit = UInt256(limbs: 0, 0, 0, 1 << 63)
            guard negative ? value <= limit : value < limit else { throw .overflow }
            return Int256(bitPattern: negative ? .zero &- value : value)
        }
    }

    /// The shortest exact decimal of `value / 10ᵈᵉᶜⁱᵐᵃˡˢ`: "1", "1.5", "0.000000000000000001". Any `decimals` ≥ 0
    /// works (a token's `decimals()` may exceed 77).
    public static func format(_ value: UInt256, decimals: Int) -> String {
        precondition(decimals >= 0, "Units.format needs decimals ≥ 0")
        var digits = Array(value.description.utf8)
        guard decimals > 0 else { return value.description }
        if digits.count <= decimals {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals + 1 - digits.count), at: 0)
        }
        let point = digits.count - decimals
        while digits.count > point && digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.count > point { digits.insert(UInt8(ascii: "."), at: point) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The shortest exact decimal of `value / 10ᵈᵉᶜⁱᵐᵃˡˢ`, with a leading `-` when negative.
    public static func format(_ value: Int256, decimals: Int) -> String {
        let text = format(value.magnitude, decimals: decimals)
        return value < .zero ? "-" + text : text
    }

    /// The unsigned amount in `text[start...]` in base units.
    private static func magnitude(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, decimals: Int
    ) throws(UnitsError) -> UInt256 {
        guard (0...maximumDecimals).contains(decimals) else { throw .decimalsOutOfRange(decimals) }
        guard !text.isEmpty else { throw .empty }
        var point: Int?
        for offset in start..<text.count where !UInt256.isDecimalDigit(text[offset]) {
            guard text[offset] == UInt8(ascii: "."), point == nil else {
                throw .invalidCharacter(character(in: text, at: offset), offset: offset)
            }
            point = offset
        }
        let integerDigits = text[start..<(point ?? text.count)]
        var fractionDigits = text[((point ?? text.count - 1) + 1)...]
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { throw .missingDigits }
        while fractionDigits.last == UInt8(ascii: "0") { fractionDigits.removeLast() }
        guard fractionDigits.count <= decimals else { throw .tooManyFractionalDigits(decimals: decimals) }
        // The base units are the digits with the point moved `decimals` places right.
        var digits = [UInt8](integerDigits) + fractionDigits
        digits += repeatElement(UInt8(ascii: "0"), count: decimals - fractionDigits.count)
        if digits.isEmpty { digits = [UInt8(ascii: "0")] }
        do {
            return try digits.withUnsafeBufferPointer { (digits) throws(IntegerParseError) in
                try UInt256.parseDecimal(digits, from: 0)
            }
        } catch {
            throw .overflow
        }
    }
}
