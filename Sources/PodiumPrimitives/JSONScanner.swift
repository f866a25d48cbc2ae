/// The tokens of JSON text (RFC 8259), read in place: whitespace, punctuation, strings, numbers and the byte ranges
/// of whole values. `JSONValue(json:)` builds a tree with it; the JSON-RPC client uses it to find a response's
/// members and skip over their values without building one.
package struct JSONScanner {
    /// The UTF-8 text.
    package let text: [UInt8]
    /// The offset in `text` of the next byte to read.
    package var offset = 0

    /// A scanner at the start of `text`.
    package init(text: [UInt8]) {
        self.text = text
    }

    /// True when only whitespace is left.
    package mutating func atEnd() -> Bool {
        skipWhitespace()
        return offset == text.count
    }

    /// The next byte, without stepping over it; the end of the text is an error.
    package func peek() throws(JSONParseError) -> UInt8 {
        guard offset < text.count else { throw failure("unexpected end of input") }
        return text[offset]
    }

    /// Skips whitespace, then steps over `byte` when it is next.
    package mutating func consume(_ byte: UInt8) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard try peek() == byte else { return false }
        offset += 1
        return true
    }

    /// After a member or element: true on `,`, false on `closing`.
    package mutating func separator(closing: UInt8) throws(JSONParseError) -> Bool {
        if try consume(UInt8(ascii: ",")) { return true }
        if try consume(closing) { return false }
        throw failure("expected ',' or '\(Character(UnicodeScalar(closing)))'")
    }

    /// Steps over `word` (`true`, `false`, `null`), which must be next.
    package mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            text.count - offset >= count && text[offset..<offset + count].elementsEqual(expected)
        }
        guard matches else { throw failure("unexpected character \(describe(try peek()))") }
        offset += count
    }

    /// A number token (`-? int frac? exp?`), as written.
    package mutating func number() throws(JSONParseError) -> String {
        let start = offset
        if try peek() == UInt8(ascii: "-") { offset += 1 }
        guard offset < text.count && isDigit(text[offset]) else { throw failure("expected a digit") }
        if text[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            skipDigits()
        }
        if offset < text.count && text[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < text.count && isDigit(text[offset]) else { throw failure("expected a digit") }
            skipDigits()
        }
        if offset < text.count && text[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < text.count && (text[offset] == UInt8(ascii: "+") || text[offset] == UInt8(ascii: "-")) {
                offset += 1
            }
            guard offset < text.count && isDigit(text[offset]) else { throw failure("expected a digit") }
            skipDigits()
        }
        return String(decoding: text[start..<offset], as: UTF8.self)
    }

    /// A string's content with its escapes resolved; the opening quote is next.
    package mutating func string() throws(JSONParseError) -> String {
        offset += 1
        var scalars = String.UnicodeScalarView()
        var runStart = offset
        while true {
            let byte = try stringByte()
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: String(decoding: text[runStart..<offset], as: UTF8.self).unicodeScalars)
                offset += 1
                if byte == UInt8(ascii: "\"") { return String(scalars) }
                scalars.append(try escape())
                runStart = offset
            } else {
                offset += 1
            }
        }
    }

    /// Steps over a string, quotes included, checking its escapes without resolving them; returns its range.
    package mutating func skipString() throws(JSONParseError) -> Range<Int> {
        let start = offset
        offset += 1
        while true {
            offset = plainRun(from: offset)
            switch try stringByte() {
            case UInt8(ascii: "\""):
                offset += 1
                return start..<offset
            case UInt8(ascii: "\\"):
                offset += 1
                _ = try escape()
            default:
                offset += 1
            }
        }
    }

    /// The offset of the first byte from `start` on that ends a run of plain string bytes: a quote, a backslash,
    /// a control character or the end of the text. Eight bytes are tested at a time (the "has a zero byte" and
    /// "has a byte less than n" word tests, which never miss one), so long hex strings cost little.
    private func plainRun(from start: Int) -> Int {
        text.withUnsafeBytes { bytes in
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            var index = start
            while index &+ 8 <= bytes.count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
                let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                if special & highs != 0 { break }
                index &+= 8
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
                index &+= 1
            }
            return index
        }
    }

    /// Steps over one value, whatever it is, checking it as far as its extent needs, and returns its byte range:
    /// strings and numbers in full, arrays and objects bracket by bracket (iteratively, so no depth limit is
    /// needed).
    package mutating func skipValue() throws(JSONParseError) -> Range<Int> {
        skipWhitespace()
        let start = offset
        switch try peek() {
        case UInt8(ascii: "\""):
            _ = try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var open: [UInt8] = []
            repeat {
                let byte = try peek()
                switch byte {
                case UInt8(ascii: "\""):
                    _ = try skipString()
                    continue
                case UInt8(ascii: "{"): open.append(UInt8(ascii: "}"))
                case UInt8(ascii: "["): open.append(UInt8(ascii: "]"))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard open.popLast() == byte else { throw failure("mismatched bracket") }
                default: break
                }
                offset += 1
            } while !open.isEmpty
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        case let byte: throw failure("unexpected character \(describe(byte))")
        }
        return start..<offset
    }

    /// Steps over spaces, tabs, line feeds and carriage returns.
    package mutating func skipWhitespace() {
        while offset < text.count && [0x20, 0x09, 0x0A, 0x0D].contains(text[offset]) { offset += 1 }
    }

    /// The error for `problem` at the current offset.
    package func failure(_ problem: String) -> JSONParseError {
        JSONParseError(reason: problem, offset: min(offset, text.count))
    }

    /// A byte for a message: the ASCII character quoted, or its hex value.
    package func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(UnicodeScalar(byte)))'" : Hex.encode([byte])
    }

    /// The next byte inside a string: the end of the text and control characters are errors.
    private func stringByte() throws(JSONParseError) -> UInt8 {
        guard offset < text.count else { throw failure("unterminated string") }
        let byte = text[offset]
        guard byte >= 0x20 else { throw failure("control character \(describe(byte)) in a string") }
        return byte
    }

    /// The character of the escape after a backslash.
    private mutating func escape() throws(JSONParseError) -> Unicode.Scalar {
        guard offset < text.count else { throw failure("unterminated string") }
        offset += 1
        switch text[offset - 1] {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            switch unit {
            case 0xD800..<0xDC00:
                guard text.count - offset >= 2 && text[offset] == UInt8(ascii: "\\")
                    && text[offset + 1] == UInt8(ascii: "u")
                else { throw failure("unpaired surrogate escape") }
                offset += 2
                let low = try hexUnit()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate escape") }
                return Unicode.Scalar(0x10000 + (unit - 0xD800) << 10 + (low - 0xDC00))!
            case 0xDC00..<0xE000:
                throw failure("unpaired surrogate escape")
            default:
                return Unicode.Scalar(unit)!
            }
        default:
            offset -= 1
            throw failure("invalid escape \\\(describe(text[offset]))")
        }
    }

    /// The four hex digits of a `\u` escape.
    private mutating func hexUnit() throws(JSONParseError) -> UInt32 {
        guard text.count - offset >= 4 else { throw failure("unterminated \\u escape") }
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let nibble = Hex.nibble(text[offset]) else { throw failure("expected 4 hex digits after \\u") }
            unit = unit << 4 | UInt32(nibble)
            offset += 1
        }
        return unit
    }

    private mutating func skipDigits() {
        while offset < text.count && isDigit(text[offset]) { offset += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
