import Foundation
import PodiumPrimitives

/// Reads JSON-RPC responses without building a tree: finds each response object's `id`, `result` and `error`
/// members and hands their text to the decoder of the type asked for, so a batch of 100 answers costs 100 small
/// decodes instead of one large `JSONDecoder` pass over dictionaries.
enum ResponseScanner {
    /// One response object: its id and the byte ranges of its result or error value.
    struct Envelope {
        var id: Int?
        var result: Range<Int>?
        var error: Range<Int>?
    }

    /// The response objects of `bytes`: one for a single response, each element's for a batch.
    static func envelopes(in bytes: [UInt8]) throws(JSONParseError) -> [Envelope] {
        var scanner = JSONScanner(text: bytes)
        var envelopes: [Envelope] = []
        scanner.skipWhitespace()
        if try scanner.consume(UInt8(ascii: "[")) {
            if try !scanner.consume(UInt8(ascii: "]")) {
                repeat {
                    envelopes.append(try envelope(&scanner))
                } while try scanner.separator(closing: UInt8(ascii: "]"))
            }
        } else {
            envelopes.append(try envelope(&scanner))
        }
        guard scanner.atEnd() else { throw scanner.failure("unexpected text after the response") }
        return envelopes
    }

    private static func envelope(_ scanner: inout JSONScanner) throws(JSONParseError) -> Envelope {
        guard try scanner.consume(UInt8(ascii: "{")) else { throw scanner.failure("expected a response object") }
        var envelope = Envelope()
        if try scanner.consume(UInt8(ascii: "}")) { return envelope }
        var names: [ArraySlice<UInt8>] = []
        repeat {
            scanner.skipWhitespace()
            guard try scanner.peek() == UInt8(ascii: "\"") else { throw scanner.failure("expected a member name") }
            let key = try scanner.skipString()
            let name = scanner.text[key.lowerBound + 1..<key.upperBound - 1]
            // Two members of one name leave the answer ambiguous (which result is it?): refuse it.
            guard !names.contains(where: { $0.elementsEqual(name) }) else {
                throw JSONParseError(reason: "duplicate member \(String(decoding: name, as: UTF8.self).debugDescription)", offset: key.lowerBound)
            }
            names.append(name)
            guard try scanner.consume(UInt8(ascii: ":")) else { throw scanner.failure("expected ':'") }
            let value = try scanner.skipValue()
            if name.elementsEqual("id".utf8) {
                envelope.id = Int(String(decoding: scanner.text[value], as: UTF8.self))
            } else if name.elementsEqual("result".utf8) {
                envelope.result = value
            } else if name.elementsEqual("error".utf8) {
                envelope.error = value
            }
        } while try scanner.separator(closing: UInt8(ascii: "}"))
        return envelope
    }
}
