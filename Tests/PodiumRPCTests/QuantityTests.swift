import Foundation
import PodiumPrimitives
import PodiumRPC
import Testing

/// JSON-RPC quantities as the execution-apis specification defines them (schemas/base-types.yaml, `uint`:
/// `^0x(0|[1-9a-f][0-9a-f]*)$`), each broken rule with its own error.
@Suite struct QuantityTests {
    @Test(arguments: [
        ("0x0", UInt64(0)), ("0x1", 1), ("0xff", 255), ("0x400", 1024), ("0xFF", 255),
        ("0xffffffffffffffff", UInt64.max),
    ])
    func acceptsCanonicalQuantities(text: String, value: UInt64) throws {
        #expect(try Quantity.uint64(text) == value)
        #expect(try Quantity.uint256(text) == UInt256(value))
    }

    @Test(arguments: [
        ("ff", QuantityError.missingPrefix), ("", .missingPrefix), ("255", .missingPrefix), ("0x", .emptyNumber),
        ("0x+ff", .sign), ("-0x1", .sign), ("+0x1", .sign), ("0x-1", .sign), ("0x00ff", .leadingZero),
        ("0x00", .leadingZero), ("0x0g", .invalidDigit("g", offset: 3)), ("0x 1", .invalidDigit(" ", offset: 2)),
        ("0x1ffffffffffffffff", .overflow(bits: 64)),
    ])
    func rejectsEachBrokenRuleByName(text: String, error: QuantityError) {
        #expect(throws: error) { try Quantity.uint64(text) }
    }

    @Test func uint256TakesAllOf256BitsAndNoMore() throws {
        let max = "0x" + String(repeating: "f", count: 64)
        #expect(try Quantity.uint256(max) == .max)
        #expect(throws: QuantityError.overflow(bits: 256)) { try Quantity.uint256("0x1" + String(repeating: "0", count: 64)) }
        #expect(throws: QuantityError.leadingZero) { try Quantity.uint256("0x0" + String(repeating: "f", count: 63)) }
    }

    /// Random short strings over the quantity alphabet: accepted exactly when the specification's pattern
    /// (case-insensitive, as nodes write upper case too) matches, with the value Foundation's parser gives.
    @Test func agreesWithTheSpecificationPatternOnRandomText() throws {
        let pattern = try NSRegularExpression(pattern: "^0[xX](0|[1-9a-fA-F][0-9a-fA-F]*)$")
        let alphabet = Array("0x0123456789abcdefABCDEFX+- g")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...8, using: &generator)
            var text = Int.random(in: 0..<4, using: &generator) == 0 ? "" : "0x"
            for _ in 0..<length { text.append(alphabet.randomElement(using: &generator)!) }
            let matches = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            let parsed = try? Quantity.uint64(text)
            #expect((parsed != nil) == matches, "\(text.debugDescription)")
            if let parsed { #expect(parsed == UInt64(text.dropFirst(2), radix: 16), "\(text.debugDescription)") }
        }
    }

    @Test(arguments: ["+5", "-1", "0x+5", "0x05", "0x", "lates", "5.0", "18446744073709551616", ""])
    func blockTagsAreStrict(text: String) {
        #expect(BlockTag(text) == nil)
    }

    @Test func blockTagsParseNamesDecimalAndHex() {
        #expect(BlockTag("finalized") == .finalized && BlockTag("safe") == .safe && BlockTag("earliest") == .earliest)
        #expect(BlockTag("5") == .number(5) && BlockTag("0x5") == .number(5) && BlockTag("0x0") == .number(0))
        #expect(throws: BlockTagError.invalidQuantity("0x05", .leadingZero)) { try BlockTag(parsing: "0x05") }
    }

    @Test func redactedURLsHideKeysAndPasswords() {
        #expect(RedactedURL("https://user:hunter2@node.example/rpc?apikey=s3cret&x=1").description
            == "https://***@node.example/rpc?apikey=***&x=***")
        #expect(RedactedURL("https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef").description
            == "https://mainnet.infura.io/v3/***")
        #expect(RedactedURL("http://127.0.0.1:8545").description == "http://127.0.0.1:8545")
    }
}
