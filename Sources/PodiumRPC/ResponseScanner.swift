import Foundation

/// Reads JSON-RPC responses without building a tree: finds each response object's `id`, `result` and `error`
/// members and hands their text to the decoder of the type asked for, so a batch of 100 answers costs 100 small
/// decodes instead of one large `JSONDecoder` pass over dictionaries.
struct ResponseScanner {
    /// One response object: its id and the byte ranges of its result or error value.
    struct Envelope {
        var id: Int?
        var result: Range<Int>?
        var error: Range<Int>?
    }

    /// Why the text is not a JSON-RPC response; the client reports it as an invalid response.
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    let bytes: [UInt8]
    private var offset = 0

    /// The response objects of `bytes`: one for a single response, each element's for a batch.
    static func envelopes(in bytes: [UInt8]) throws(Malformed) -> [Envelope] {
        var scanner = ResponseScanner(bytes: bytes)
        var envelopes: [Envelope] = []
        scanner.skipWhitespace()
        if try scanner.peek() == UInt8(ascii: "[") {
            scanner.offset += 1
            if try !scanner.consume(UInt8(ascii: "]")) {
                repeat { envelopes.append(try scanner.envelope()) } while try scanner.separator(closing: UInt8(ascii: "]"))
            }
        } else {
            envelopes.append(try scanner.envelope())
        }
        scanner.skipWhitespace()
        guard scanner.offset == bytes.count else { throw scanner.failure("unexpected text after the response") }
        return envelopes
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func envelope() throws(Malformed) -> Envelope {
        guard try consume(UInt8(ascii: "{")) else { throw failure("expected a response object") }
        var envelope = Envelope()
        if try consume(UInt8(ascii: "}")) { return envelope }
        repeat {
            skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let key = try skipString()
            guard try consume(UInt8(ascii: ":")) else { throw failure("expected ':'") }
            let value = try skipValue()
            let name = bytes[key.lowerBound + 1..<key.upperBound - 1]
            if name.elementsEqual("id".utf8) {
                envelope.id = Int(String(decoding: bytes[value], as: UTF8.self))
            } else if name.elementsEqual("result".utf8) {
                envelope.result = value
            } else if name.elementsEqual("error".utf8) {
                envelope.error = value
            }
        } while try separator(closing: UInt8(ascii: "}"))
        return envelope
    }

    /// Steps over one value and returns its byte range; nested arrays and objects are matched bracket by bracket
    /// (no recursion, so no depth limit is needed), strings are checked for control characters and escapes.
    private mutating func skipValue() throws(Malformed) -> Range<Int> {
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
                case UInt8(ascii: "\""): _ = try skipString(); continue
                case UInt8(ascii: "{"): open.append(UInt8(ascii: "}"))
                case UInt8(ascii: "["): open.append(UInt8(ascii: "]"))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard open.popLast() == byte else { throw failure("mismatched bracket") }
                default: break
                }
                offset += 1
            } while !open.isEmpty
        default:
            while offset < bytes.count, !Self.delimiters.contains(bytes[offset]) { offset += 1 }
            guard offset > start else { throw failure("expected a value") }
        }
        return start..<offset
    }

    /// Steps over a string, quotes included, and returns its range.
    private mutating func skipString() throws(Malformed) -> Range<Int> {
        let start = offset
        offset += 1
        while true {
            switch try peek() {
            case UInt8(ascii: "\""):
                offset += 1
                return start..<offset
            case UInt8(ascii: "\\"):
                offset += 2
            case 0..<0x20:
                throw failure("control character in a string")
            default:
                offset += 1
            }
        }
    }

    private static let delimiters: Set<UInt8> = [
        UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D,
    ]

    private mutating func separator(closing: UInt8) throws(Malformed) -> Bool {
        if try consume(UInt8(ascii: ",")) { return true }
        if try consume(closing) { return false }
        throw failure("expected ',' or '\(Character(UnicodeScalar(closing)))'")
    }

    private mutating func consume(_ byte: UInt8) throws(Malformed) -> Bool {
        skipWhitespace()
        guard try peek() == byte else { return false }
        offset += 1
        return true
    }

    private func peek() throws(Malformed) -> UInt8 {
        guard offset < bytes.count else { throw failure("unexpected end of the response") }
        return bytes[offset]
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    private func failure(_ problem: String) -> Malformed {
        Malformed(description: "\(problem) at byte \(min(offset, bytes.count))")
    }
}
