/// Why text is not a JSON-RPC quantity, as the execution-apis specification writes them (`^0x(0|[1-9a-f][0-9a-f]*)$`,
/// upper-case hex digits also accepted): each rule broken has its own case.
public enum QuantityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `0x` in front.
    case missingPrefix
    /// `0x` and nothing after it.
    case emptyNumber
    /// A `+` or `-` sign.
    case sign
    /// A zero before other digits (`0x00ff`); only `0x0` itself may start with zero.
    case leadingZero
    /// A character that is not a hex digit, at this offset in the text.
    case invalidDigit(Character, offset: Int)
    /// More than `bits` bits.
    case overflow(bits: Int)

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .missingPrefix: "quantity must start with 0x"
        case .emptyNumber: "quantity has no digits after 0x"
        case .sign: "quantity cannot have a sign"
        case .leadingZero: "quantity has a leading zero"
        case .invalidDigit(let character, let offset): "\(character.debugDescription) at offset \(offset) is not a hex digit"
        case .overflow(let bits): "quantity does not fit in \(bits) bits"
        }
    }
}

/// JSON-RPC quantities: parsing them strictly and writing them canonically.
public enum Quantity {
    /// The value of a quantity below 2^64 (block numbers, nonces, gas, indexes).
    public static func uint64(_ text: some StringProtocol) throws(QuantityError) -> UInt64 {
        let digits = try validDigits(text, maximumBits: 64)
        var value: UInt64 = 0
        for digit in digits { value = value << 4 | UInt64(digit) }
        return value
    }

    /// The value of a quantity below 2^256 (wei amounts, fees, storage slots).
    public static func uint256(_ text: some StringProtocol) throws(QuantityError) -> UInt256 {
        _ = try validDigits(text, maximumBits: 256)
        guard let value = try? UInt256(hex: text) else { throw .overflow(bits: 256) }
        return value
    }

    /// `value` as a quantity: `0x` and hex digits without leading zeros.
    public static func text(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    /// `value` as a quantity of up to 256 bits.
    public static func text(_ value: UInt256) -> String { value.hexString }

    /// The digits' values, once the text is known to follow every rule and fit `maximumBits`.
    private static func validDigits(_ text: some StringProtocol, maximumBits: Int) throws(QuantityError) -> [UInt8] {
        let bytes = Array(text.utf8)
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { throw .sign }
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x") else {
            throw .missingPrefix
        }
        guard bytes.count > 2 else { throw .emptyNumber }
        if bytes[2] == UInt8(ascii: "+") || bytes[2] == UInt8(ascii: "-") { throw .sign }
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count - 2)
        for offset in 2..<bytes.count {
            guard let digit = Hex.nibble(bytes[offset]) else {
                throw .invalidDigit(Hex.character(of: text, atUTF8Offset: offset), offset: offset)
            }
            digits.append(digit)
        }
        if digits.count > 1, digits[0] == 0 { throw .leadingZero }
        guard digits.count * 4 - leadingZeroBits(digits[0]) <= maximumBits else { throw .overflow(bits: maximumBits) }
        return digits
    }

    private static func leadingZeroBits(_ digit: UInt8) -> Int { digit == 0 ? 4 : digit.leadingZeroBitCount - 4 }
}
