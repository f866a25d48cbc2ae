import PodiumPrimitives

/// A result type that reads itself straight from an answer's JSON text, without Foundation's decoder: the fast path
/// for the large answers an indexer reads (`eth_getLogs`, batches of headers). Its checks are those of its
/// `Decodable` form; `read` returns nil to leave a value it does not handle (a block with whole transactions) to
/// that form.
protocol ScannedResult {
    /// The value at the reader's position, or nil when `Decodable` must read it.
    static func read(_ reader: inout ResultReader) throws(ResultReader.Failure) -> Self?
}

/// Reads JSON values out of an answer's text with `JSONScanner`: objects member by member, arrays element by
/// element, and JSON-RPC's hex strings decoded in place from their bytes.
struct ResultReader {
    /// Why a value could not be read: where (members and array positions, outermost first) and the problem.
    struct Failure: Error {
        var path: [String] = []
        let problem: String

        init(reason: String) { problem = reason }

        /// "at [3].logIndex: expected …", as `DecodingError.explanation` words it.
        var reason: String {
            guard var place = path.first else { return problem }
            for step in path.dropFirst() { place += step.hasPrefix("[") ? step : ".\(step)" }
            return "at \(place): \(problem)"
        }
    }

    private var scanner: JSONScanner
    private let end: Int

    /// A reader of the value at `range` in `text`.
    init(text: [UInt8], range: Range<Int>) {
        scanner = JSONScanner(text: text)
        scanner.offset = range.lowerBound
        end = range.upperBound
    }

    /// Reads the whole range as one value of `T`, or nil when `T` leaves it to `Decodable`.
    static func read<T: ScannedResult>(_ type: T.Type, text: [UInt8], range: Range<Int>) throws(Failure) -> T? {
        var reader = ResultReader(text: text, range: range)
        guard let value = try T.read(&reader) else { return nil }
        reader.scanner.skipWhitespace()
        guard reader.scanner.offset == reader.end else { throw Failure(reason: "unexpected text after the value") }
        return value
    }

    /// True, stepping over it, when the next value is `null`.
    mutating func null() throws(Failure) -> Bool {
        scanner.skipWhitespace()
        guard try syntax({ (scanner) throws(JSONParseError) in try scanner.peek() }) == UInt8(ascii: "n") else { return false }
        try syntax { (scanner) throws(JSONParseError) in try scanner.literal("null") }
        return true
    }

    /// Calls `member` with each member's name of the object that comes next; `member` must read or `skip()` the
    /// value. A name given twice is refused, as it leaves the value ambiguous.
    mutating func object(_ member: (inout ResultReader, ArraySlice<UInt8>) throws(Failure) -> Void) throws(Failure) {
        guard try syntax({ (scanner) throws(JSONParseError) in try scanner.consume(UInt8(ascii: "{")) }) else {
            throw Failure(reason: "expected an object")
        }
        if try syntax({ (scanner) throws(JSONParseError) in try scanner.consume(UInt8(ascii: "}")) }) { return }
        var names: [ArraySlice<UInt8>] = []
        repeat {
            scanner.skipWhitespace()
            let name = try stringContent()
            guard !names.contains(where: { $0.elementsEqual(name) }) else {
                throw Failure(reason: "duplicate member \(String(decoding: name, as: UTF8.self).debugDescription)")
            }
            names.append(name)
            guard try syntax({ (scanner) throws(JSONParseError) in try scanner.consume(UInt8(ascii: ":")) }) else {
                throw Failure(reason: "expected ':'")
            }
            try member(&self, name)
        } while try syntax({ (scanner) throws(JSONParseError) in try scanner.separator(closing: UInt8(ascii: "}")) })
    }

    /// Calls `element` for each element of the array that comes next.
    mutating func array(_ element: (inout ResultReader) throws(Failure) -> Void) throws(Failure) {
        guard try syntax({ (scanner) throws(JSONParseError) in try scanner.consume(UInt8(ascii: "[")) }) else {
            throw Failure(reason: "expected an array")
        }
        if try syntax({ (scanner) throws(JSONParseError) in try scanner.consume(UInt8(ascii: "]")) }) { return }
        repeat {
            try element(&self)
        } while try syntax({ (scanner) throws(JSONParseError) in try scanner.separator(closing: UInt8(ascii: "]")) })
    }

    /// The first byte of the next value, without reading it.
    mutating func peek() throws(Failure) -> UInt8 {
        scanner.skipWhitespace()
        return try syntax { (scanner) throws(JSONParseError) in try scanner.peek() }
    }

    /// Steps over the next value.
    mutating func skip() throws(Failure) {
        _ = try syntax { (scanner) throws(JSONParseError) in try scanner.skipValue() }
    }

    /// `true` or `false`.
    mutating func bool() throws(Failure) -> Bool {
        scanner.skipWhitespace()
        if try peek() == UInt8(ascii: "t") {
            try syntax { (scanner) throws(JSONParseError) in try scanner.literal("true") }
            return true
        }
        try syntax { (scanner) throws(JSONParseError) in try scanner.literal("false") }
        return false
    }

    /// A quantity below 2^64, by JSON-RPC's strict rules.
    mutating func quantity() throws(Failure) -> UInt64 {
        let text = try stringContent()
        do { return try Quantity.uint64(String(decoding: text, as: UTF8.self)) } catch {
            throw mismatch("a 0x quantity below 2^64", text, error)
        }
    }

    /// A quantity below 2^256.
    mutating func uint256() throws(Failure) -> UInt256 {
        let text = try stringContent()
        do { return try Quantity.uint256(String(decoding: text, as: UTF8.self)) } catch {
            throw mismatch("a 0x quantity below 2^256", text, error)
        }
    }

    /// `0x` data of any length.
    mutating func data() throws(Failure) -> [UInt8] {
        let text = try stringContent()
        do { return try Hex.decode(utf8: text, requirePrefix: true) } catch { throw mismatch("0x data", text, error) }
    }

    /// 32 bytes of `0x` data.
    mutating func bytes32() throws(Failure) -> Bytes32 {
        let text = try stringContent()
        do { return try Bytes32(Hex.decode(utf8: text, requirePrefix: true)) } catch {
            throw mismatch("32 bytes of 0x data", text, error)
        }
    }

    /// A 20-byte address in any letter case.
    mutating func address() throws(Failure) -> Address {
        let text = try stringContent()
        do { return try Address(Hex.decode(utf8: text, requirePrefix: true)) } catch {
            throw mismatch("a 20-byte address", text, error)
        }
    }

    /// An array of 32-byte values.
    mutating func bytes32Array() throws(Failure) -> [Bytes32] {
        var values: [Bytes32] = []
        try array { (reader) throws(Failure) in values.append(try reader.bytes32()) }
        return values
    }

    /// The bytes between the quotes of the string that comes next, escapes unresolved: hex has none, so the hex
    /// readers refuse a backslash as they refuse any other character that is not a digit.
    private mutating func stringContent() throws(Failure) -> ArraySlice<UInt8> {
        scanner.skipWhitespace()
        guard try peek() == UInt8(ascii: "\"") else { throw Failure(reason: "expected a string") }
        let range = try syntax { (scanner) throws(JSONParseError) in try scanner.skipString() }
        let content = scanner.text[range.lowerBound + 1..<range.upperBound - 1]
        return content
    }

    private func mismatch(_ expected: String, _ text: ArraySlice<UInt8>, _ error: some Error) -> Failure {
        Failure(reason: "expected \(expected), got \(String(decoding: text.prefix(80), as: UTF8.self).debugDescription) (\(error))")
    }

    /// Runs a scanner step, its syntax error as a `Failure`; nothing may be read past the value's end.
    private mutating func syntax<Value>(_ step: (inout JSONScanner) throws(JSONParseError) -> Value) throws(Failure) -> Value {
        let value: Value
        do { value = try step(&scanner) } catch { throw Failure(reason: error.reason) }
        guard scanner.offset <= end else { throw Failure(reason: "the value ends early") }
        return value
    }
}

extension ResultReader.Failure {
    /// The failure as it reads inside member `name`.
    func inside(_ name: ArraySlice<UInt8>) -> Self {
        var failure = self
        failure.path.insert(String(decoding: name, as: UTF8.self), at: 0)
        return failure
    }

    /// The failure as it reads at position `index` of an array.
    func at(_ index: Int) -> Self {
        var failure = self
        failure.path.insert("[\(index)]", at: 0)
        return failure
    }
}

extension Array: ScannedResult where Element: ScannedResult {
    static func read(_ reader: inout ResultReader) throws(ResultReader.Failure) -> [Element]? {
        var elements: [Element] = []
        var handled = true
        try reader.array { (reader) throws(ResultReader.Failure) in
            let element: Element?
            do throws(ResultReader.Failure) { element = handled ? try Element.read(&reader) : nil } catch { throw error.at(elements.count) }
            guard let element else {
                handled = false
                try reader.skip()
                return
            }
            elements.append(element)
        }
        return handled ? elements : nil
    }
}

extension Optional: ScannedResult where Wrapped: ScannedResult {
    static func read(_ reader: inout ResultReader) throws(ResultReader.Failure) -> Wrapped?? {
        if try reader.null() { return .some(.none) }
        return try Wrapped.read(&reader).map { .some($0) }
    }
}
