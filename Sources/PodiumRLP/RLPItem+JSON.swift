import PodiumPrimitives

extension RLPItem {
    /// Parses JSON whose values are `0x`-hex strings (byte strings) and arrays (lists), as `cast to-rlp` takes it;
    /// arrays nest at most `maxDepth` deep.
    public init(json text: String, maxDepth: Int = RLPItem.defaultMaxDepth) throws(RLPError) {
        var parser = RLPJSONParser(text: Array(text.utf8), maxDepth: maxDepth)
        self = try parser.document()
    }

    /// Compact JSON: byte strings as lowercase `0x`-hex strings (`"0x"` when empty), lists as arrays.
    public var json: String {
        var out = ""
        appendJSON(to: &out)
        return out
    }

    private func appendJSON(to out: inout String) {
        switch self {
        case .bytes(let bytes):
            out += "\"" + Hex.encode(bytes) + "\""
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.appendJSON(to: &out)
            }
            out += "]"
        }
    }
}

/// Reads exactly the JSON subset `RLPItem(json:)` takes with the shared `JSONScanner` (escapes resolved, as in
/// any JSON), with errors that name the offset and the path.
struct RLPJSONParser {
    let maxDepth: Int
    private var scanner: JSONScanner
    /// The index within each enclosing array of the value being read.
    private var path: [Int] = []

    init(text: [UInt8], maxDepth: Int) {
        scanner = JSONScanner(text: text)
        self.maxDepth = maxDepth
    }

    /// The one value of the document, with only whitespace around it.
    mutating func document() throws(RLPError) -> RLPItem {
        let item = try value()
        guard scanner.atEnd() else {
            throw .invalidJSON(reason: "unexpected text after the value", offset: scanner.offset)
        }
        return item
    }

    private mutating func value() throws(RLPError) -> RLPItem {
        scanner.skipWhitespace()
        switch try json({ (scanner) throws(JSONParseError) in try scanner.peek() }) {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "["): return try array()
        default: throw .expectedHexStringOrArray(path: pathText, offset: scanner.offset)
        }
    }

    private mutating func array() throws(RLPError) -> RLPItem {
        guard path.count < maxDepth else { throw .tooDeep(offset: scanner.offset, maxDepth: maxDepth) }
        scanner.offset += 1
        if try json({ (scanner) throws(JSONParseError) in try scanner.consume(UInt8(ascii: "]")) }) { return .list([]) }
        var items: [RLPItem] = []
        path.append(0)
        repeat {
            path[path.count - 1] = items.count
            items.append(try value())
        } while try json({ (scanner) throws(JSONParseError) in try scanner.separator(closing: UInt8(ascii: "]")) })
        path.removeLast()
        return .list(items)
    }

    /// A string, its escapes resolved, read as `0x`-hex bytes.
    private mutating func string() throws(RLPError) -> RLPItem {
        let text = try json { (scanner) throws(JSONParseError) in try scanner.string() }
        do throws(HexError) {
            return .bytes(try Hex.decode(text, requirePrefix: true))
        } catch {
            throw .invalidHexString(path: pathText, reason: error)
        }
    }

    /// Runs one scanner step, reporting its JSON error as RLP's.
    private mutating func json<Value>(_ step: (inout JSONScanner) throws(JSONParseError) -> Value) throws(RLPError) -> Value {
        do throws(JSONParseError) {
            return try step(&scanner)
        } catch {
            throw .invalidJSON(reason: error.reason, offset: error.offset)
        }
    }

    /// The JSONPath of the value being read, such as `$[1][0]`.
    private var pathText: String { "$" + path.map { "[\($0)]" }.joined() }
}
