import Foundation
import PodiumPrimitives
import Testing

@Suite struct UInt256ConversionTests {
    let fixture: UInt256Fixture

    init() throws { fixture = try UInt256Fixture.shared.get() }

    @Test func decimalAndHexTextMatchPython() {
        // Python's str(), hex() (0x, lowercase, shortest), 32 big-endian bytes, and the byte-swapped value.
        fixture.expect("text", fixture.singles, describe: { "0x\(oracleHex($0))" }) { value in
            [value.description, value.hexString, value.bigEndianBytes.map { String(format: "%02x", $0) }.joined(),
             oracleHex(value.byteSwapped)]
        }
    }

    @Test func pythonsTextParsesBackToTheValue() throws {
        let answers = try #require(fixture.answers["text"])
        var mismatches = 0
        for (value, answer) in zip(fixture.singles, answers) {
            let (decimal, hex) = (answer[0], answer[1])
            let padded = "000" + decimal, upper = "0X" + hex.dropFirst(2).uppercased()
            let parsed = [try UInt256(decimal: decimal), try UInt256(parsing: decimal), try UInt256(parsing: hex),
                          try UInt256(hex: hex), try UInt256(hex: hex.dropFirst(2)), try UInt256(parsing: upper),
                          try UInt256(decimal: padded), UInt256(decimal)]
            if parsed.contains(where: { $0 != value }) {
                mismatches += 1
                Issue.record("\(decimal) / \(hex) parsed as \(parsed.map { $0.map(oracleHex) ?? "nil" }) (seed \(fixture.seed))")
            }
            if mismatches > 5 { break }
        }
    }

    @Test func bigEndianBytesAndWordsRoundTrip() throws {
        let answers = try #require(fixture.answers["text"])
        for (value, answer) in zip(fixture.singles, answers).prefix(300) {
            let bytes = try #require(decodeHex(answer[2]))
            #expect(UInt256(bigEndianBytes: bytes) == value)
            #expect(bytes.withUnsafeBytes { UInt256(bigEndianWord: $0) } == value)
            var written = [UInt8](repeating: 0, count: 32)
            written.withUnsafeMutableBytes { value.storeBigEndianWord(into: $0) }
            #expect(written == bytes)
            let word = try Bytes32(bytes)
            #expect(UInt256(word) == value)
            #expect(Bytes32(value) == word)
        }
    }

    @Test func shortBigEndianBytesAreTheValueOfFewerBytes() {
        #expect(UInt256(bigEndianBytes: [] as [UInt8]) == .zero)
        #expect(UInt256(bigEndianBytes: [0x01, 0x00]) == UInt256(256))
        #expect(UInt256(bigEndianBytes: [UInt8](repeating: 0, count: 33)) == nil)
    }

    @Test(arguments: [
        ("", IntegerParseError.empty),
        ("0x", .missingDigits),
        ("0X", .missingDigits),
        ("-1", .unexpectedSign),
        ("+1", .unexpectedSign),
        ("12a4", .invalidCharacter("a", offset: 2)),
        ("1 000", .invalidCharacter(" ", offset: 1)),
        ("123456789012345678901234567890é", .invalidCharacter("é", offset: 30)),
        ("0x12g4", .invalidCharacter("g", offset: 4)),
        ("0x-1", .invalidCharacter("-", offset: 2)),
        ("115792089237316195423570985008687907853269984665640564039457584007913129639936", .overflow),
        ("999999999999999999999999999999999999999999999999999999999999999999999999999999", .overflow),
        ("1157920892373161954235709850086879078532699846656405640394575840079131296399350", .overflow),
        ("0x10000000000000000000000000000000000000000000000000000000000000000", .overflow),
    ])
    func parseErrorsNameTheProblem(text: String, error: IntegerParseError) {
        #expect(throws: error) { try UInt256(parsing: text) }
        #expect(UInt256(text) == nil)
    }

    @Test func invalidCharactersAreFoundBeforeOverflow() {
        let long = String(repeating: "9", count: 90) + "x"
        #expect(throws: IntegerParseError.invalidCharacter("x", offset: 90)) { try UInt256(decimal: long) }
    }

    @Test func leadingZerosAreAllowedAtAnyLength() throws {
        let zeros = String(repeating: "0", count: 200)
        #expect(try UInt256(decimal: zeros + "42") == UInt256(42))
        #expect(try UInt256(parsing: "0x" + zeros + "ff") == UInt256(255))
        #expect(try UInt256(decimal: zeros) == .zero)
        #expect(try UInt256(decimal: zeros + "115792089237316195423570985008687907853269984665640564039457584007913129639935") == .max)
    }

    @Test func decimalOnlyParsingRejectsHex() {
        #expect(throws: IntegerParseError.invalidCharacter("x", offset: 1)) { try UInt256(decimal: "0x10") }
    }

    @Test func errorDescriptionsAreOneLineMessages() {
        #expect(IntegerParseError.invalidCharacter("g", offset: 4).description == "invalid digit \"g\" at offset 4")
        #expect(IntegerParseError.overflow.description == "number out of range for a 256-bit integer")
        #expect(IntegerParseError.empty.description == "empty number")
    }

    @Test func codableUsesDecimalStringsAndAcceptsHex() throws {
        let value = UInt256(limbs: 0, 0, 0, 1)
        let json = try JSONEncoder().encode([value])
        #expect(String(decoding: json, as: UTF8.self) == #"["6277101735386680763835789423207666416102355444464034512896"]"#)
        #expect(try JSONDecoder().decode([UInt256].self, from: json) == [value])
        #expect(try JSONDecoder().decode([UInt256].self, from: Data(#"["0x1000000000000000000000000000000000000000000000000"]"#.utf8)) == [value])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([UInt256].self, from: Data(#"["12z"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([UInt256].self, from: Data("[12]".utf8)) }
    }

    @Test func substringsParseWithoutCopying() throws {
        let text = "amount=12345678901234567890123"
        let digits = text[text.index(after: text.firstIndex(of: "=")!)...]
        #expect(try UInt256(decimal: digits) == UInt256(limbs: 0x42b6_4e76_7142_44cb, 0x29d, 0, 0))
    }
}

/// The bytes of an even number of hex digits, decoded here rather than by the code under test.
private func decodeHex(_ hex: String) -> [UInt8]? {
    var bytes = [UInt8]()
    var characters = hex.makeIterator()
    while let high = characters.next() {
        guard let low = characters.next(), let byte = UInt8(String([high, low]), radix: 16) else { return nil }
        bytes.append(byte)
    }
    return bytes
}
