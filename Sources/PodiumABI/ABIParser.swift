/// The recursive-descent parser behind `ABIType(parsing:)` and the human-readable signature parsers: a cursor
/// over the UTF-8 bytes of the input, whitespace allowed between tokens.
struct ABIParser {
    /// Where a parameter list appears, which decides the keywords its parameters may carry.
    enum ListKind {
        /// A canonical type string's tuple: types only, no names.
        case types
        /// Function, constructor or error parameters: names and `memory` / `calldata` / `storage`.
        case parameters
        /// Event parameters: names and `indexed`.
        case eventParameters
        /// The components of a tuple inside a signature: names only.
        case components
    }

    /// The largest static encoding, in bytes, a parsed type may have; keeps size arithmetic far from overflow.
    static let maximumStaticSize = 1 << 32

    /// The text being parsed, for errors.
    let input: String
    /// Its UTF-8 bytes.
    let text: [UInt8]
    /// The cursor: the offset in `text` of the next byte to read.
    var position = 0
    /// True once a function's output list was read, even an empty one (`f()()`, `returns ()`).
    var declaredOutputs = false

    /// A parser at the start of `input`.
    init(_ input: some StringProtocol) {
        self.input = String(input)
        self.text = Array(input.utf8)
    }

    // MARK: Errors

    /// The error for `reason` at `position`, the cursor by default.
    func error(_ reason: ABIParseError.Reason, at position: Int? = nil) -> ABIParseError {
        ABIParseError(input: input, position: position ?? self.position, reason: reason)
    }

    /// `unexpectedEnd` at the end, else `unexpectedCharacter` for the character at the cursor.
    func unexpected(expected: String) -> ABIParseError {
        guard position < text.count else { return error(.unexpectedEnd(expected: expected)) }
        let character = String(decoding: text[position..<min(position + 4, text.count)], as: UTF8.self).first!
        return error(.unexpectedCharacter(character, expected: expected))
    }

    // MARK: Tokens

    /// True when the whole input has been read.
    var isAtEnd: Bool { position == text.count }

    /// Moves the cursor past spaces, tabs and line breaks.
    mutating func skipWhitespace() {
        while position < text.count, [0x20, 0x09, 0x0a, 0x0d].contains(text[position]) { position += 1 }
    }

    /// Skips whitespace and consumes `byte` when it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < text.count, text[position] == byte else { return false }
        position += 1
        return true
    }

    /// Consumes `byte`, which must come next.
    mutating func expect(_ byte: UInt8) throws(ABIParseError) {
        guard consume(byte) else { throw unexpected(expected: "'\(Character(Unicode.Scalar(byte)))'") }
    }

    /// The byte after any whitespace, without consuming it.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < text.count ? text[position] : nil
    }

    /// True for the bytes an identifier may start with: ASCII letters, `_` and `$`.
    private static func isIdentifierStart(_ c: UInt8) -> Bool {
        (0x61...0x7a).contains(c) || (0x41...0x5a).contains(c) || c == 0x5f || c == 0x24
    }

    /// True for the bytes an identifier may continue with: those it may start with, and digits.
    private static func isIdentifierByte(_ c: UInt8) -> Bool { isIdentifierStart(c) || (0x30...0x39).contains(c) }

    /// Skips whitespace and reads an identifier (`[A-Za-z_$][A-Za-z0-9_$]*`) and where it starts, or nil.
    mutating func identifier() -> (name: String, start: Int)? {
        skipWhitespace()
        let start = position
        guard position < text.count, Self.isIdentifierStart(text[position]) else { return nil }
        while position < text.count, Self.isIdentifierByte(text[position]) { position += 1 }
        return (String(decoding: text[start..<position], as: UTF8.self), start)
    }

    /// The identifier at the cursor, without consuming it.
    mutating func peekIdentifier() -> String? {
        let saved = position
        defer { position = saved }
        return identifier()?.name
    }

    /// Checks that only whitespace is left.
    mutating func expectEnd() throws(ABIParseError) {
        skipWhitespace()
        guard isAtEnd else { throw unexpected(expected: "end of input") }
    }

    // MARK: Types and parameters

    /// Parses a whole canonical type string.
    mutating func parseTypeString() throws(ABIParseError) -> ABIType {
        let type = try parseParameter(in: .types, nesting: 0).type
        try expectEnd()
        return type
    }

    /// Parses `(` parameters `)`, an empty list allowed; `nesting` counts the enclosing tuples.
    mutating func parseParameterList(in kind: ListKind, nesting: Int) throws(ABIParseError) -> [ABIParameter] {
        try expect(UInt8(ascii: "("))
        if consume(UInt8(ascii: ")")) { return [] }
        var parameters: [ABIParameter] = []
        repeat {
            parameters.append(try parseParameter(in: kind, nesting: nesting))
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: ")")) else { throw unexpected(expected: "',' or ')'") }
        return parameters
    }

    /// Parses a type followed, outside type strings, by keywords and a name.
    mutating func parseParameter(in kind: ListKind, nesting: Int) throws(ABIParseError) -> ABIParameter {
        skipWhitespace()
        let start = position
        var components: [ABIParameter]?
        let base: ABIType
        if peek() == UInt8(ascii: "(") {
            components = try parseTuple(in: kind, nesting: nesting, start: start)
            base = .tuple(components!.types)
        } else if let (name, nameStart) = identifier() {
            if name == "tuple" && peek() == UInt8(ascii: "(") {
                components = try parseTuple(in: kind, nesting: nesting, start: start)
                base = .tuple(components!.types)
            } else {
                guard let elementary = Self.elementaryType(name) else {
                    throw error(Self.reason(for: name), at: nameStart)
                }
                base = elementary
                if base == .address && kind != .types && peekIdentifier() == "payable" { _ = identifier() }
            }
        } else {
            throw unexpected(expected: "a type")
        }
        let type = try parseArraySuffixes(base, depth: nesting + base.depth)
        guard kind != .types else {
            if let (word, wordStart) = identifier() { throw error(.unexpectedName(word), at: wordStart) }
            return ABIParameter(type: type, components: components)
        }
        var parameter = ABIParameter(type: type, components: components)
        while let (word, wordStart) = identifier() {
            switch word {
            case "indexed":
                guard kind == .eventParameters && !parameter.indexed && parameter.name.isEmpty else {
                    throw error(.misplacedKeyword(word), at: wordStart)
                }
                parameter.indexed = true
            case "memory", "calldata", "storage":
                guard kind == .parameters && parameter.name.isEmpty else {
                    throw error(.misplacedKeyword(word), at: wordStart)
                }
            default:
                guard parameter.name.isEmpty else {
                    throw error(.unexpectedCharacter(word.first!, expected: "',' or ')'"), at: wordStart)
                }
                parameter.name = word
            }
        }
        return parameter
    }

    /// Parses a tuple's component list, counting it as one more level of nesting.
    private mutating func parseTuple(
        in kind: ListKind, nesting: Int, start: Int
    ) throws(ABIParseError) -> [ABIParameter] {
        guard nesting + 1 < ABIType.maximumDepth else { throw error(.tooDeep(limit: ABIType.maximumDepth)) }
        let componentKind: ListKind = kind == .types ? .types : .components
        let components = try parseParameterList(in: componentKind, nesting: nesting + 1)
        guard !components.isEmpty else { throw error(.emptyTuple, at: start) }
        return components
    }

    /// Parses any number of `[]` and `[k]` after `base`, whose depth (with its enclosing tuples) is `depth`.
    mutating func parseArraySuffixes(_ base: ABIType, depth: Int) throws(ABIParseError) -> ABIType {
        var type = base
        var depth = depth
        while consume(UInt8(ascii: "[")) {
            depth += 1
            guard depth <= ABIType.maximumDepth else { throw error(.tooDeep(limit: ABIType.maximumDepth)) }
            if consume(UInt8(ascii: "]")) {
                type = .array(type)
                continue
            }
            skipWhitespace()
            let start = position
            while position < text.count, (0x30...0x39).contains(text[position]) { position += 1 }
            let digits = String(decoding: text[start..<position], as: UTF8.self)
            guard !digits.isEmpty else { throw unexpected(expected: "an array length or ']'") }
            guard digits != "0" else { throw error(.zeroLengthArray, at: start) }
            guard digits.first != "0", digits.count <= 10, let count = Int(digits), count <= Self.maximumStaticSize,
                type.isDynamic || type.headSize * count <= Self.maximumStaticSize
            else { throw error(.invalidArrayLength(digits), at: start) }
            try expect(UInt8(ascii: "]"))
            type = .fixedArray(type, count)
        }
        return type
    }

    /// The elementary type `name` spells, or nil.
    static func elementaryType(_ name: String) -> ABIType? {
        switch name {
        case "address": return .address
        case "bool": return .bool
        case "string": return .string
        case "bytes": return .bytes
        case "function": return .function
        case "uint": return .uint(256)
        case "int": return .int(256)
        case "byte": return .fixedBytes(1)
        default: break
        }
        for (prefix, make) in [("uint", ABIType.uint), ("int", ABIType.int)] where name.hasPrefix(prefix) {
            guard let bits = canonicalNumber(name.dropFirst(prefix.count)), bits % 8 == 0, (8...256).contains(bits)
            else { return nil }
            return make(bits)
        }
        if name.hasPrefix("bytes") {
            guard let size = canonicalNumber(name.dropFirst(5)), (1...32).contains(size) else { return nil }
            return .fixedBytes(size)
        }
        return nil
    }

    /// Why `name`, which `elementaryType` refused, is not a type.
    static func reason(for name: String) -> ABIParseError.Reason {
        let isDigits = { (suffix: Substring) in !suffix.isEmpty && suffix.allSatisfy(\.isASCIIDigit) }
        if name.hasPrefix("uint"), isDigits(name.dropFirst(4)) { return .invalidIntegerWidth(name) }
        if name.hasPrefix("int"), isDigits(name.dropFirst(3)) { return .invalidIntegerWidth(name) }
        if name.hasPrefix("bytes"), isDigits(name.dropFirst(5)) { return .invalidFixedBytesSize(name) }
        if name.hasPrefix("fixed") || name.hasPrefix("ufixed") { return .unsupportedFixedPoint(name) }
        return .unknownType(name)
    }

    /// The value of 1 to 3 decimal digits without a leading zero, or nil.
    private static func canonicalNumber(_ digits: Substring) -> Int? {
        guard (1...3).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), digits.first != "0" else { return nil }
        return Int(digits)
    }
}

extension Character {
    /// True for `0`…`9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
