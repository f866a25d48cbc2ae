/// Why a hex string could not be decoded.
public enum HexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The digits (after any `0x`) are not an even number.
    case oddLength(Int)
    /// A character that is not a hex digit, at this offset in the input.
    case invalidCharacter(Character, offset: Int)
    /// The input had to start with `0x` and did not.
    case missingPrefix
    /// The input decoded to the wrong number of bytes for a fixed-size type.
    case wrongByteCount(expected: Int, actual: Int)

    public var description: String {
        switch self {
        case .oddLength(let digits): "odd number of hex digits (\(digits))"
        case .invalidCharacter(let character, let offset):
            "invalid hex character \(character.debugDescription) at offset \(offset)"
        case .missingPrefix: "hex string must start with 0x"
        case .wrongByteCount(let expected, let actual): "expected \(expected) bytes of hex, got \(actual)"
        }
    }
}

/// Hexadecimal encoding and decoding of byte strings.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lowercase hex of `bytes`, with a leading `0x` unless `prefix` is false.
    public static func encode(_ bytes: some Sequence<UInt8>, prefix: Bool = true) -> String {
        let count = bytes.underestimatedCount
        var out = [UInt8]()
        out.reserveCapacity(2 * count + 2)
        if prefix { out.append(contentsOf: [0x30, 0x78]) }
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of one ASCII hex digit, or nil.
    @inlinable @inline(__always)
    package static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c &- 0x30
        case 0x61...0x66: c &- 0x61 &+ 10
        case 0x41...0x46: c &- 0x41 &+ 10
        default: nil
        }
    }

    /// True when `text` starts with `0x` or `0X`.
    public static func hasPrefix(_ text: some StringProtocol) -> Bool {
        var it = text.utf8.makeIterator()
        return it.next() == 0x30 && [0x78, 0x58].contains(it.next())
    }

    /// Decodes hex digits, with or without a `0x` prefix (required when `requirePrefix`).
    /// "0x" alone is the empty byte string.
    public static func decode(_ text: some StringProtocol, requirePrefix: Bool = false) throws(HexError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        let start = hasPrefix(text) ? 2 : 0
        if requirePrefix && start == 0 { throw .missingPrefix }
        let digitCount = utf8.count - start
        for (offset, c) in utf8.enumerated().dropFirst(start) where nibble(c) == nil {
            let character = text[text.utf8.index(text.startIndex, offsetBy: offset)]
            throw .invalidCharacter(character, offset: offset)
        }
        guard digitCount % 2 == 0 else { throw .oddLength(digitCount) }
        var out = [UInt8](repeating: 0, count: digitCount / 2)
        for i in 0..<out.count {
            out[i] = nibble(utf8[start + 2 * i])! << 4 | nibble(utf8[start + 2 * i + 1])!
        }
        return out
    }

    /// Decodes hex that must be exactly `count` bytes long.
    public static func decode(_ text: some StringProtocol, count: Int) throws(HexError) -> [UInt8] {
        let bytes = try decode(text)
        guard bytes.count == count else { throw .wrongByteCount(expected: count, actual: bytes.count) }
        return bytes
    }
}
