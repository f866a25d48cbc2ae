import PodiumPrimitives

// Values written as Foundry's `cast` takes them on the command line (alloy's `DynSolType::coerce_str`), read
// against the type they must have:
//
//   uint<M>, int<M>   decimal `1000`, hex `0xff`, a leading `-` (or `+`) for int<M>; a decimal may end in an exponent
//                     and a unit that make it whole: `1e18`, `1.5ether`, `2 gwei`, `7wei`. Checked against M bits.
//   address           40 hex digits, `0x` optional; mixed case must be the EIP-55 checksum.
//   bool              `true` or `false`.
//   bytes<M>          exactly M bytes of hex, `0x` optional (as alloy: shorter input is an error, not padded).
//   function          24 bytes of hex: the address, then the selector.
//   bytes             hex, `0x` optional; `0x` alone is empty.
//   string            a whole argument is the text as it is. Inside an array or tuple: `"…"` or `'…'` (no escapes),
//                     or the text up to the next `,` or closing bracket, without surrounding whitespace.
//   T[], T[k]         `[a, b]`, exactly k elements for T[k]; a trailing comma is allowed.
//   (T1,…,Tn)         `(a, b)`, exactly n components.
//
// Whitespace around values, commas and brackets is ignored; arrays and tuples nest freely.

extension ABIValue {
    /// Reads a value of `type` from argument text in cast's syntax (alloy's `DynSolType::coerce_str`; the rules are
    /// listed at the top of this file). The value always fits the type: integers are range-checked, `bytes<M>` have
    /// M bytes, fixed arrays and tuples their counts.
    public init(parsing text: some StringProtocol, as type: ABIType) throws(ABIArgumentError) {
        var parser = ABIArgumentParser(String(text))
        self = try parser.parseWhole(type)
    }

    /// Reads one argument per parameter, as `cast calldata` and `cast abi-encode` take them; an error names the
    /// argument's position and the parameter (`argument 2, amounts[1]: …`).
    public static func parseArguments(
        _ arguments: [String], as parameters: [ABIParameter]
    ) throws(ABIArgumentError) -> [ABIValue] {
        guard arguments.count == parameters.count else {
            throw ABIArgumentError(.argumentCount(expected: parameters.count, found: arguments.count), input: "")
        }
        var values: [ABIValue] = []
        values.reserveCapacity(arguments.count)
        for (index, (text, parameter)) in zip(arguments, parameters).enumerated() {
            do {
                values.append(try ABIValue(parsing: text, as: parameter.type))
            } catch {
                throw error.naming(argument: index, parameter: parameter)
            }
        }
        return values
    }
}

/// Why argument text is not a value of its type, and where.
public struct ABIArgumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let reason: Reason
    /// The argument text.
    public let input: String
    /// The offset in UTF-8 bytes of `input` where the problem starts.
    public let position: Int
    /// The value that is wrong inside the argument (`[2]`, `#1.amount`); empty for the argument itself.
    public internal(set) var path: ABIPath
    /// The index of the argument in the list, when read by `parseArguments`.
    public internal(set) var argument: Int?
    /// The name of the argument's parameter, when read by `parseArguments` (empty when it has none).
    public internal(set) var parameterName: String

    /// What is wrong at `position`.
    public enum Reason: Equatable, Sendable {
        /// Another number of arguments than parameters.
        case argumentCount(expected: Int, found: Int)
        /// The text ends where `expected` should follow.
        case unexpectedEnd(expected: String)
        /// A character where `expected` should be.
        case unexpectedCharacter(Character, expected: String)
        /// A string opened with a quote that is never closed.
        case unterminatedString(quote: Character)
        /// Not an integer (the text, and why).
        case invalidInteger(String, IntegerParseError)
        /// A decimal with a fraction, exponent or unit that is not a number (the text, and why).
        case invalidAmount(String, UnitsError)
        /// A decimal whose fraction is finer than its exponent and unit allow: `1.5`, `0.1wei`.
        case notWhole(String)
        /// A unit other than `ether`, `gwei` and `wei`.
        case unknownUnit(String)
        /// An integer outside the range of its type: `256` for `uint8`.
        case outOfRange(String, ABIType)
        /// Not an address (the text, and why).
        case invalidAddress(String, AddressError)
        /// Not hex (the text, and why).
        case invalidHex(String, HexError)
        /// A `bytes<M>` or `function` value with another number of bytes than the type holds.
        case wrongByteCount(ABIType, expected: Int, found: Int)
        /// Neither `true` nor `false`.
        case invalidBool(String)
        /// A fixed array or tuple with another number of elements than its type has.
        case countMismatch(ABIType, expected: Int, found: Int)
    }

    /// The error for `reason` at `position` in `input`.
    public init(_ reason: Reason, input: String, position: Int = 0, path: ABIPath = ABIPath()) {
        self.reason = reason
        self.input = input
        self.position = position
        self.path = path
        self.parameterName = ""
    }

    /// The error with `component` added in front of its path.
    func within(_ component: ABIPath.Component) -> ABIArgumentError {
        var error = self
        error.path = path.prepending(component)
        return error
    }

    /// The error as the argument at `index` for `parameter`, with tuple components named from it.
    func naming(argument index: Int, parameter: ABIParameter) -> ABIArgumentError {
        var error = self
        error.argument = index
        error.parameterName = parameter.name
        error.path = path.named(by: parameter.components)
        return error
    }

    /// One line: the argument and value, the problem, and where in the text it is when that is not plain.
    public var description: String {
        var location = parameterName
        let inner = path.description
        if !inner.isEmpty { location += location.isEmpty || inner.hasPrefix("[") ? inner : "." + inner }
        var prefix = ""
        if let argument {
            prefix = "argument \(argument + 1)" + (location.isEmpty ? "" : ", \(location)") + ": "
        } else if !location.isEmpty {
            prefix = location + ": "
        }
        let isPlain = position == 0 && path.components.isEmpty
        return prefix + reason.description + (isPlain ? "" : " (offset \(position) in \(input.debugDescription))")
    }
}

extension ABIArgumentError.Reason: CustomStringConvertible {
    /// The problem in a few words.
    public var description: String {
        switch self {
        case .argumentCount(let expected, let found):
            "expected \(expected) argument\(expected == 1 ? "" : "s"), found \(found)"
        case .unexpectedEnd(let expected): "unexpected end, expected \(expected)"
        case .unexpectedCharacter(let character, let expected):
            "unexpected \(character.debugDescription), expected \(expected)"
        case .unterminatedString(let quote): "string opened with \(quote) is not closed"
        case .invalidInteger(let text, let error): "invalid integer \(text.debugDescription): \(error)"
        case .invalidAmount(let text, let error): "invalid number \(text.debugDescription): \(error)"
        case .notWhole(let text): "\(text.debugDescription) is not a whole number"
        case .unknownUnit(let unit): "unknown unit \(unit.debugDescription) (ether, gwei or wei)"
        case .outOfRange(let text, let type):
            "\(text) is out of range for \(type)" + (type.integerRange.map { " (\($0))" } ?? "")
        case .invalidAddress(let text, let error): "invalid address \(text.debugDescription): \(error)"
        case .invalidHex(let text, let error): "invalid hex \(text.debugDescription): \(error)"
        case .wrongByteCount(let type, let expected, let found):
            "\(type) takes exactly \(expected) bytes, found \(found)"
        case .invalidBool(let text): "expected true or false, found \(text.debugDescription)"
        case .countMismatch(let type, let expected, let found):
            "\(type) takes \(expected) \(type.isTuple ? "components" : "elements"), found \(found)"
        }
    }
}

extension ABIType {
    /// True for a tuple type.
    fileprivate var isTuple: Bool {
        if case .tuple = self { true } else { false }
    }

    /// The values an integer type holds, for messages (`0 to 255`, `-128 to 127`); nil for other types.
    fileprivate var integerRange: String? {
        switch self {
        case .uint(let bits): "0 to \(UInt256.max >> (256 - bits))"
        case .int(let bits): "-\(UInt256(1) << (bits - 1)) to \((UInt256(1) << (bits - 1)) - UInt256(1))"
        default: nil
        }
    }
}

/// Reads one argument's text against a type, byte by byte over its UTF-8.
struct ABIArgumentParser {
    /// The argument text.
    let input: String
    /// Its UTF-8 bytes.
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    private var position = 0

    /// A parser at the start of `input`.
    init(_ input: String) {
        self.input = input
        self.bytes = Array(input.utf8)
    }

    /// Reads the whole text as a value of `type`: a string as it is, anything else with whitespace around it.
    mutating func parseWhole(_ type: ABIType) throws(ABIArgumentError) -> ABIValue {
        let value = try parseValue(type, closing: nil)
        skipWhitespace()
        guard position == bytes.count else { throw unexpected(expected: "the end of the argument") }
        return value
    }

    /// Reads a value of `type`; `closing` is the bracket that ends the enclosing array or tuple, nil at the top.
    private mutating func parseValue(_ type: ABIType, closing: UInt8?) throws(ABIArgumentError) -> ABIValue {
        switch type {
        case .uint(let bits):
            let (text, start) = try scalar(type, closing)
            return .uint(try unsigned(text, bits: bits, at: start), bits: bits)
        case .int(let bits):
            let (text, start) = try scalar(type, closing)
            return .int(try signed(text, bits: bits, at: start), bits: bits)
        case .address:
            let (text, start) = try scalar(type, closing)
            do {
                return .address(try Address(hex: text))
            } catch {
                throw failure(.invalidAddress(text, error), at: start)
            }
        case .bool:
            let (text, start) = try scalar(type, closing)
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw failure(.invalidBool(text), at: start)
            }
        case .fixedBytes(let size):
            let (text, start) = try scalar(type, closing)
            let value = try hex(text, at: start)
            guard value.count == size else {
                throw failure(.wrongByteCount(type, expected: size, found: value.count), at: start)
            }
            return ABIValue(fixedBytes: value)
        case .function:
            let (text, start) = try scalar(type, closing)
            let value = try hex(text, at: start)
            guard value.count == 24 else {
                throw failure(.wrongByteCount(type, expected: 24, found: value.count), at: start)
            }
            let selector = value[20...].reduce(0) { $0 << 8 | UInt32($1) }
            return .function(try! Address(value[..<20]), Selector(rawValue: selector))
        case .bytes:
            let (text, start) = try scalar(type, closing)
            return .bytes(try hex(text, at: start))
        case .string:
            return .string(try string(closing: closing))
        case .array(let element):
            return .array(try list(of: element, in: type))
        case .fixedArray(let element, let count):
            skipWhitespace()
            let start = position
            let elements = try list(of: element, in: type)
            guard elements.count == count else {
                throw failure(.countMismatch(type, expected: count, found: elements.count), at: start)
            }
            return .fixedArray(elements)
        case .tuple(let components):
            return .tuple(try tuple(components, in: type))
        }
    }

    // MARK: Arrays and tuples

    /// Reads `[a, b, …]` with elements of `element`.
    private mutating func list(of element: ABIType, in type: ABIType) throws(ABIArgumentError) -> [ABIValue] {
        try open(UInt8(ascii: "["), of: type)
        var elements: [ABIValue] = []
        skipWhitespace()
        if take(UInt8(ascii: "]")) { return elements }
        while true {
            do {
                elements.append(try parseValue(element, closing: UInt8(ascii: "]")))
            } catch {
                throw error.within(.element(elements.count))
            }
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return elements }
            guard take(UInt8(ascii: ",")) else { throw unexpected(expected: "\",\" or \"]\"") }
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return elements }
        }
    }

    /// Reads `(a, b, …)` with one value per component.
    private mutating func tuple(_ components: [ABIType], in type: ABIType) throws(ABIArgumentError) -> [ABIValue] {
        try open(UInt8(ascii: "("), of: type)
        var values: [ABIValue] = []
        for (index, component) in components.enumerated() {
            skipWhitespace()
            if peek() == UInt8(ascii: ")") {
                throw failure(.countMismatch(type, expected: components.count, found: index), at: position)
            }
            if index > 0 {
                guard take(UInt8(ascii: ",")) else { throw unexpected(expected: "\",\" or \")\"") }
            }
            do {
                values.append(try parseValue(component, closing: UInt8(ascii: ")")))
            } catch {
                throw error.within(.field(index, name: nil))
            }
        }
        skipWhitespace()
        guard take(UInt8(ascii: ")")) else {
            throw unexpected(expected: "\")\" after the \(components.count) components of \(type)")
        }
        return values
    }

    /// Consumes the bracket that opens a value of `type`.
    private mutating func open(_ bracket: UInt8, of type: ABIType) throws(ABIArgumentError) {
        skipWhitespace()
        guard take(bracket) else {
            throw unexpected(expected: "\"\(Character(Unicode.Scalar(bracket)))\" to start a \(type) value")
        }
    }

    // MARK: Scalars

    /// The text of a value other than a string, array or tuple, and its offset: up to a comma or closing bracket
    /// inside an array or tuple, else the rest of the argument, without surrounding whitespace.
    private mutating func scalar(_ type: ABIType, _ closing: UInt8?) throws(ABIArgumentError) -> (String, Int) {
        skipWhitespace()
        let start = position
        while position < bytes.count && (closing == nil || !Self.ends(bytes[position])) { position += 1 }
        var end = position
        while end > start && Self.isWhitespace(bytes[end - 1]) { end -= 1 }
        guard end > start, !Self.opens(bytes[start]) else {
            position = start
            throw unexpected(expected: "a \(type) value")
        }
        return (String(decoding: bytes[start..<end], as: UTF8.self), start)
    }

    /// A string: the rest of the text as it is at the top (`closing` nil); inside an array or tuple, quoted with `"`
    /// or `'` (no escapes), or bare up to the next comma or `closing` without surrounding whitespace.
    private mutating func string(closing: UInt8?) throws(ABIArgumentError) -> String {
        guard let closing else {
            defer { position = bytes.count }
            return String(decoding: bytes[position...], as: UTF8.self)
        }
        skipWhitespace()
        let start = position
        if let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            guard let end = bytes[(start + 1)...].firstIndex(of: quote) else {
                throw failure(.unterminatedString(quote: Character(Unicode.Scalar(quote))), at: start)
            }
            position = end + 1
            return String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        }
        while position < bytes.count && bytes[position] != UInt8(ascii: ",") && bytes[position] != closing {
            position += 1
        }
        var end = position
        while end > start && Self.isWhitespace(bytes[end - 1]) { end -= 1 }
        guard end > start else {
            position = start
            throw unexpected(expected: "a string value (write an empty one as \"\")")
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The bytes of hex `text` at `start`, `0x` optional.
    private func hex(_ text: String, at start: Int) throws(ABIArgumentError) -> [UInt8] {
        do {
            return try Hex.decode(text)
        } catch {
            throw failure(.invalidHex(text, error), at: start)
        }
    }

    // MARK: Integers

    /// A `uint<bits>` value: a magnitude without a sign, below 2^bits.
    private func unsigned(_ text: String, bits: Int, at start: Int) throws(ABIArgumentError) -> UInt256 {
        let type = ABIType.uint(bits)
        if let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            throw failure(.invalidInteger(text, .unexpectedSign), at: start)
        }
        let value = try magnitude(text, type, skipping: 0, at: start)
        guard value.fitsUnsigned(bits: bits) else { throw failure(.outOfRange(text, type), at: start) }
        return value
    }

    /// An `int<bits>` value: an optional sign and a magnitude, from −2^(bits−1) to 2^(bits−1) − 1.
    private func signed(_ text: String, bits: Int, at start: Int) throws(ABIArgumentError) -> Int256 {
        let type = ABIType.int(bits)
        let first = text.utf8.first
        let negative = first == UInt8(ascii: "-")
        let signLength = negative || first == UInt8(ascii: "+") ? 1 : 0
        let value = try magnitude(text, type, skipping: signLength, at: start)
        let limit = UInt256(1) << (bits - 1)
        guard negative ? value <= limit : value < limit else { throw failure(.outOfRange(text, type), at: start) }
        return Int256(bitPattern: negative ? .zero &- value : value)
    }

    /// The magnitude spelled by `text` after its first `signLength` bytes: `0x` and hex digits, or decimal digits
    /// with an optional fraction, exponent (`e18`) and unit (`ether`, `gwei`, `wei`) that together make it whole.
    private func magnitude(
        _ text: String, _ type: ABIType, skipping signLength: Int, at start: Int
    ) throws(ABIArgumentError) -> UInt256 {
        let utf8 = Array(text.utf8)
        let body = String(decoding: utf8[signLength...], as: UTF8.self)
        if Hex.hasPrefix(body) {
            do {
                return try UInt256(hex: body)
            } catch {
                throw failure(integerFailure(text, error, shift: signLength, type), at: start)
            }
        }
        var index = signLength
        while index < utf8.count && (Self.isDigit(utf8[index]) || utf8[index] == UInt8(ascii: ".")) { index += 1 }
        let mantissa = String(decoding: utf8[signLength..<index], as: UTF8.self)
        var decimals = 0
        if index + 1 < utf8.count && utf8[index] | 0x20 == UInt8(ascii: "e") && Self.isDigit(utf8[index + 1]) {
            index += 1
            while index < utf8.count && Self.isDigit(utf8[index]) {
                decimals = min(decimals * 10 + Int(utf8[index] - UInt8(ascii: "0")), 1000)
                index += 1
            }
        }
        var unitStart = index
        while unitStart < utf8.count && Self.isWhitespace(utf8[unitStart]) { unitStart += 1 }
        if unitStart < utf8.count {
            let unit = utf8[unitStart...]
            guard unit.allSatisfy({ $0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z") }) else {
                let character = Self.character(in: utf8, at: unitStart)
                throw failure(.invalidInteger(text, .invalidCharacter(character, offset: unitStart)), at: start)
            }
            let name = String(decoding: unit, as: UTF8.self)
            guard let unitDecimals = Units.etherUnits[name] else { throw failure(.unknownUnit(name), at: start) }
            decimals += unitDecimals
        } else if decimals == 0 && !mantissa.utf8.contains(UInt8(ascii: ".")) {
            do {
                return try UInt256(decimal: mantissa)
            } catch {
                throw failure(integerFailure(text, error, shift: signLength, type), at: start)
            }
        }
        do {
            return try Units.parse(mantissa, decimals: decimals)
        } catch {
            let reason: ABIArgumentError.Reason
            switch error {
            case .tooManyFractionalDigits: reason = .notWhole(text)
            case .overflow, .decimalsOutOfRange: reason = .outOfRange(text, type)
            case .invalidCharacter(let character, let offset):
                reason = .invalidAmount(text, .invalidCharacter(character, offset: offset + signLength))
            default: reason = .invalidAmount(text, error)
            }
            throw failure(reason, at: start)
        }
    }

    /// The reason for an integer parse `error` in `text` after `shift` bytes: out of range on overflow.
    private func integerFailure(
        _ text: String, _ error: IntegerParseError, shift: Int, _ type: ABIType
    ) -> ABIArgumentError.Reason {
        switch error {
        case .overflow: .outOfRange(text, type)
        case .invalidCharacter(let character, let offset):
            .invalidInteger(text, .invalidCharacter(character, offset: offset + shift))
        default: .invalidInteger(text, error)
        }
    }

    // MARK: Bytes

    /// The next byte, or nil at the end.
    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    /// Consumes `byte` when it comes next.
    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    /// Skips spaces, tabs and line breaks.
    private mutating func skipWhitespace() {
        while position < bytes.count && Self.isWhitespace(bytes[position]) { position += 1 }
    }

    /// The error for `reason` at `offset`.
    private func failure(_ reason: ABIArgumentError.Reason, at offset: Int) -> ABIArgumentError {
        ABIArgumentError(reason, input: input, position: offset)
    }

    /// The error for what is at the current position when `expected` should be there.
    private func unexpected(expected: String) -> ABIArgumentError {
        guard position < bytes.count else { return failure(.unexpectedEnd(expected: expected), at: position) }
        let character = Self.character(in: bytes, at: position)
        return failure(.unexpectedCharacter(character, expected: expected), at: position)
    }

    /// The character that starts at `offset` in the UTF-8 `bytes`.
    private static func character(in bytes: [UInt8], at offset: Int) -> Character {
        String(decoding: bytes[offset..<min(offset + 4, bytes.count)], as: UTF8.self).first!
    }

    /// True for space, tab and the line breaks.
    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0d).contains(byte) }
    /// True for the decimal digits.
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    /// True for the bytes that end a value inside an array or tuple.
    private static func ends(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: ")")
    }
    /// True for the brackets that open an array or tuple.
    private static func opens(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") }
}
