/// Why a text is not one JSON document: the problem and the byte offset where it was found.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let reason: String
    /// Where, in bytes from the start of the text.
    public let offset: Int

    /// The error for `reason` at byte `offset`.
    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// The one-line text a person reads.
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

/// Builds a `JSONValue` tree from `JSONScanner`'s tokens, bounding how deeply arrays and objects nest.
struct JSONParser {
    private var scanner: JSONScanner
    private var depth = 0

    init(text: [UInt8]) {
        scanner = JSONScanner(text: text)
    }

    /// The one value of the document, with only whitespace around it.
    mutating func document() throws(JSONParseError) -> JSONValue {
        let value = try value()
        guard scanner.atEnd() else { throw scanner.failure("unexpected text after the value") }
        return value
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        scanner.skipWhitespace()
        switch try scanner.peek() {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try scanner.string())
        case UInt8(ascii: "t"):
            try scanner.literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try scanner.literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try scanner.literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try scanner.number())
        case let byte: throw scanner.failure("unexpected character \(scanner.describe(byte))")
        }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        var members: [String: JSONValue] = [:]
        if try scanner.consume(UInt8(ascii: "}")) { return .object(members) }
        repeat {
            scanner.skipWhitespace()
            let keyOffset = scanner.offset
            guard try scanner.peek() == UInt8(ascii: "\"") else { throw scanner.failure("expected a key") }
            let key = try scanner.string()
            guard members[key] == nil else {
                throw JSONParseError(reason: "duplicate key \(key.debugDescription)", offset: keyOffset)
            }
            guard try scanner.consume(UInt8(ascii: ":")) else { throw scanner.failure("expected ':'") }
            members[key] = try value()
        } while try scanner.separator(closing: UInt8(ascii: "}"))
        return .object(members)
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        var elements: [JSONValue] = []
        if try scanner.consume(UInt8(ascii: "]")) { return .array(elements) }
        repeat {
            elements.append(try value())
        } while try scanner.separator(closing: UInt8(ascii: "]"))
        return .array(elements)
    }

    /// Steps into an array or object, refusing to go deeper than `JSONValue.maximumDepth`.
    private mutating func enter() throws(JSONParseError) {
        guard depth < JSONValue.maximumDepth else {
            throw scanner.failure("arrays and objects nest deeper than \(JSONValue.maximumDepth)")
        }
        depth += 1
        scanner.offset += 1
    }
}
