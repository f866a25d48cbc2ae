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

/// A JSON reader for exactly the subset `RLPItem(json:)` takes, with errors that name the offset and the path.
struct RLPJSONParser {
    let text: [UInt8]
    let maxDepth: Int
    private var offset = 0
    /// The index within each enclosing array of the value being read.
    private var path: [Int] = []

    init(text: [UInt8], maxDepth: Int) {
        (self.text, self.maxDepth) = (text, maxDepth)
    }

    /// The one value of the document, with only whitespace around it.
    mutating func document() throws(RLPError) -> RLPItem {
        let item = try value()
        skipWhitespace()
        guard offset == text.count else {
            throw .invalidJSON(reason: "unexpected text after the value", offset: offset)
        }
        return item
    }

    private mutating func value() throws(RLPError) -> RLPItem {
        skipWhitespace()
        guard offset < text.count else { throw .invalidJSON(reason: "unexpected end of input", offset: offset) }
        switch text[offset] {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "["): return try array()
        default: throw .expectedHexStringOrArray(path: pathText, offset: offset)
        }
    }

    private mutating func array() throws(RLPError) -> RLPItem {
        guard path.count < maxDepth else { throw .tooDeep(offset: offset, maxDepth: maxDepth) }
        offset += 1
        skipWhitespace()
        if offset < text.count && text[offset] == UInt8(ascii: "]") {
            offset += 1
            return .list([])
        }
        var items: [RLPItem] = []
        path.append(0)
        while true {
            path[path.count - 1] = items.count
            items.append(try value())
            skipWhitespace()
            guard offset < text.count else { throw .invalidJSON(reason: "unterminated array", offset: offset) }
            offset += 1
            if text[offset - 1] == UInt8(ascii: "]") { break }
            guard text[offset - 1] == UInt8(ascii: ",") else {
                throw .invalidJSON(reason: "expected ',' or ']'", offset: offset - 1)
            }
        }
        path.removeLast()
        return .list(items)
    }

    /// A string's raw content, escapes left in place: hex needs none, and a backslash is then reported as not hex.
    private mutating func string() throws(RLPError) -> RLPItem {
        let start = offset + 1
        var end = start
        while end < text.count && text[end] != UInt8(ascii: "\"") {
            end += text[end] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard end < text.count else { throw .invalidJSON(reason: "unterminated string", offset: offset) }
        offset = end + 1
        do throws(HexError) {
            return .bytes(try Hex.decode(String(decoding: text[start..<end], as: UTF8.self), requirePrefix: true))
        } catch {
            throw .invalidHexString(path: pathText, reason: error)
        }
    }

    private mutating func skipWhitespace() {
        while offset < text.count && " \t\n\r".utf8.contains(text[offset]) { offset += 1 }
    }

    /// The JSONPath of the value being read, such as `$[1][0]`.
    private var pathText: String { "$" + path.map { "[\($0)]" }.joined() }
}
