/// Why a text is not one JSON document: the problem and the byte offset where it was found.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let reason: String
    public let offset: Int

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

extension JSONValue {
    /// Parses one JSON document (RFC 8259) of UTF-8 text, keeping number tokens as written. Refuses duplicate
    /// object keys, unpaired surrogate escapes and nesting deeper than `maximumDepth`; what it builds is bounded by
    /// the size of the text.
    public init(json: some Collection<UInt8>) throws(JSONParseError) {
        let bytes = Array(json)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw JSONParseError(reason: "the text is not UTF-8", offset: 0)
        }
        var parser = JSONParser(text: bytes)
        self = try parser.document()
    }
}

/// A JSON reader that keeps numbers as text and reports the byte offset of what it refuses.
struct JSONParser {
    let text: [UInt8]
    private var offset = 0
    private var depth = 0

    init(text: [UInt8]) {
        self.text = text
    }

    /// The one value of the document, with only whitespace around it.
    mutating func document() throws(JSONParseError) -> JSONValue {
        let value = try value()
        skipWhitespace()
        guard offset == text.count else { throw failure("unexpected text after the value") }
        return value
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard offset < text.count else { throw failure("unexpected end of input") }
        switch text[offset] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected character \(describe(text[offset]))")
        }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        try enter()
        var members: [String: JSONValue] = [:]
        if try consume(UInt8(ascii: "}")) {
            depth -= 1
            return .object(members)
        }
        repeat {
            skipWhitespace()
            let keyOffset = offset
            guard offset < text.count && text[offset] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try string()
            guard members[key] == nil else {
                throw JSONParseError(reason: "duplicate key \(key.debugDescription)", offset: keyOffset)
            }
            guard try consume(UInt8(ascii: ":")) else { throw failure("expected ':'") }
            members[key] = try value()
        } while try separator(closing: UInt8(ascii: "}"))
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        try enter()
        var elements: [JSONValue] = []
        if try consume(UInt8(ascii: "]")) {
            depth -= 1
            return .array(elements)
        }
        repeat {
            elements.append(try value())
        } while try separator(closing: UInt8(ascii: "]"))
        depth -= 1
        return .array(elements)
    }

    /// Steps into an array or object, refusing to go deeper than `JSONValue.maximumDepth`.
    private mutating func enter() throws(JSONParseError) {
        guard depth < JSONValue.maximumDepth else {
            throw failure("arrays and objects nest deeper than \(JSONValue.maximumDepth)")
        }
        depth += 1
        offset += 1
    }

    /// After a member or element: true on `,`, false on `closing`.
    private mutating func separator(closing: UInt8) throws(JSONParseError) -> Bool {
        if try consume(UInt8(ascii: ",")) { return true }
        if try consume(closing) { return false }
        throw failure("expected ',' or '\(Character(UnicodeScalar(closing)))'")
    }

    /// Skips whitespace, then steps over `byte` when it is next.
    private mutating func consume(_ byte: UInt8) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard offset < text.count else { throw failure("unexpected end of input") }
        guard text[offset] == byte else { return false }
        offset += 1
        return true
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        let bytes = Array(word.utf8)
        guard text.count - offset >= bytes.count && text[offset..<offset + bytes.count].elementsEqual(bytes) else {
            throw failure("unexpected character \(describe(text[offset]))")
        }
        offset += bytes.count
        return value
    }

    /// A number token (`-? int frac? exp?`), kept as written.
    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = offset
        if text[offset] == UInt8(ascii: "-") { offset += 1 }
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
        return .number(String(decoding: text[start..<offset], as: UTF8.self))
    }

    /// A string's content with its escapes resolved; the opening quote is at `offset`.
    private mutating func string() throws(JSONParseError) -> String {
        offset += 1
        var scalars = String.UnicodeScalarView()
        var runStart = offset
        while true {
            guard offset < text.count else { throw failure("unterminated string") }
            let byte = text[offset]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: String(decoding: text[runStart..<offset], as: UTF8.self).unicodeScalars)
                offset += 1
                if byte == UInt8(ascii: "\"") { return String(scalars) }
                scalars.append(try escape())
                runStart = offset
            } else if byte < 0x20 {
                throw failure("control character \(describe(byte)) in a string")
            } else {
                offset += 1
            }
        }
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
            guard let nibble = hexValue(text[offset]) else { throw failure("expected 4 hex digits after \\u") }
            unit = unit << 4 | UInt32(nibble)
            offset += 1
        }
        return unit
    }

    private mutating func skipDigits() {
        while offset < text.count && isDigit(text[offset]) { offset += 1 }
    }

    private mutating func skipWhitespace() {
        while offset < text.count && [0x20, 0x09, 0x0A, 0x0D].contains(text[offset]) { offset += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A byte for a message: the ASCII character quoted, or its hex value.
    private func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(UnicodeScalar(byte)))'" : Hex.encode([byte])
    }

    private func failure(_ problem: String) -> JSONParseError {
        JSONParseError(reason: problem, offset: offset)
    }
}
