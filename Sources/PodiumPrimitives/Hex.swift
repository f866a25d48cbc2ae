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
        do {
            return try decode(utf8: Array(text.utf8)[...], requirePrefix: requirePrefix)
        } catch .invalidCharacter(_, let offset) {
            // Name the whole character, not the byte: a multi-byte one is reported as written.
            throw .invalidCharacter(character(of: text, atUTF8Offset: offset), offset: offset)
        }
    }

    /// Decodes the hex digits in UTF-8 `bytes`, as `decode(_:requirePrefix:)` does text, in one pass with a table.
    package static func decode(utf8 bytes: ArraySlice<UInt8>, requirePrefix: Bool) throws(HexError) -> [UInt8] {
        let prefixed = bytes.count >= 2 && bytes[bytes.startIndex] == 0x30 && bytes[bytes.startIndex + 1] | 0x20 == 0x78
        if requirePrefix && !prefixed { throw .missingPrefix }
        let start = prefixed ? 2 : 0
        let digitCount = bytes.count - start
        let failure: (offset: Int, byte: UInt8)? = bytes.withUnsafeBufferPointer { input in
            nibbleTable.withUnsafeBufferPointer { table in
                var bad: UInt8 = 0
                for index in start..<input.count { bad |= table[Int(input[index])] }
                guard bad & 0x80 != 0 else { return nil }
                let offset = (start..<input.count).first { table[Int(input[$0])] & 0x80 != 0 }!
                return (offset, input[offset])
            }
        }
        if let failure { throw .invalidCharacter(Character(Unicode.Scalar(failure.byte)), offset: failure.offset) }
        guard digitCount % 2 == 0 else { throw .oddLength(digitCount) }
        return bytes.withUnsafeBufferPointer { input in
            nibbleTable.withUnsafeBufferPointer { table in
                [UInt8](unsafeUninitializedCapacity: digitCount / 2) { output, initialized in
                    for i in 0..<digitCount / 2 {
                        output[i] = table[Int(input[start + 2 * i])] << 4 | table[Int(input[start + 2 * i + 1])]
                    }
                    initialized = digitCount / 2
                }
            }
        }
    }

    /// Each byte's hex value, or 0xFF for a byte that is not a hex digit.
    private static let nibbleTable: [UInt8] = (0...255).map { nibble(UInt8($0)) ?? 0xFF }

    /// The character whose UTF-8 encoding covers byte `offset` of `text`.
    package static func character(of text: some StringProtocol, atUTF8Offset offset: Int) -> Character {
        var position = 0
        for character in text {
            let length = character.utf8.count
            if offset < position + length { return character }
            position += length
        }
        return "\u{FFFD}"
    }

    /// Decodes hex that must be exactly `count` bytes long.
    public static func decode(_ text: some StringProtocol, count: Int) throws(HexError) -> [UInt8] {
        let bytes = try decode(text)
        guard bytes.count == count else { throw .wrongByteCount(expected: count, actual: bytes.count) }
        return bytes
    }
}
