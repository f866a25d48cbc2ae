import Foundation
import PodiumABI
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// The two ways values are printed: the JSON form of `--json`, and the text form cast prints (`description`).
@Suite struct ValueFormattingTests {
    /// EIP-55's first mixed-case example.
    static let address = try! Address(hex: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")

    @Test(arguments: [
        (
            ABIValue.uint(.max, bits: 256),
            "\"115792089237316195423570985008687907853269984665640564039457584007913129639935\""
        ),
        (.uint(.zero, bits: 8), "\"0\""),
        (.int(Int256(-5), bits: 8), "\"-5\""),
        (
            .int(.min, bits: 256),
            "\"-57896044618658097711785492504343953926634992332820282019728792003956564819968\""
        ),
        (.address(address), "\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\""),
        (.bool(true), "true"),
        (.bool(false), "false"),
        (.bytes([0xDE, 0xAD, 0xBE, 0xEF]), "\"0xdeadbeef\""),
        (.bytes([]), "\"0x\""),
        (ABIValue(fixedBytes: [0xAB, 0x00]), "\"0xab00\""),
        (.function(address, Selector(rawValue: 0xa905_9cbb)), "\"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeda9059cbb\""),
        (.string("plain"), "\"plain\""),
        (.string("quote \" backslash \\ slash /"), #""quote \" backslash \\ slash /""#),
        (.string("line\nfeed\ttab\r\u{0}\u{1F}\u{08}\u{0C}"), #""line\nfeed\ttab\r\u0000\u001f\b\f""#),
        (.string("é€中😀"), "\"é€中😀\""),
        (.array([]), "[]"),
        (.array([.uint256(UInt256(1)), .uint256(UInt256(2))]), "[\"1\",\"2\"]"),
        (.tuple([.bool(true), .fixedArray([.string("a"), .array([.bytes([1])])])]), "[true,[\"a\",[\"0x01\"]]]"),
    ])
    func jsonFormOfEachKind(value: ABIValue, json: String) {
        #expect(value.json == json)
    }

    @Test func valueListIsOneJSONArray() {
        #expect([ABIValue]().json == "[]")
        #expect(
            [ABIValue.uint256(UInt256(10)), .address(Self.address)].json
                == "[\"10\",\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]")
    }

    /// Random values of every type print JSON that Foundation's decoder reads back, through the oracle's JSON model
    /// and the primitives' parsers, as the same values.
    @Test func randomValuesPrintJSONThatReadsBack() throws {
        var generator = SeededGenerator()
        for _ in 0..<500 {
            let types = (0..<Int.random(in: 1...4, using: &generator)).map { _ in generator.abiType(depth: 3) }
            let values = types.map { generator.abiValue(of: $0) }
            let json = try JSONDecoder().decode([OracleValue].self, from: Data(values.json.utf8))
            #expect(
                try zip(types, json).map { type, item in try item.value(of: type) } == values,
                "\(types), seed \(generator.seed)")
        }
    }

    /// The text form, one value as cast prints it: decimal integers, checksummed addresses, 0x-hex bytes, quoted
    /// strings, `[a, b]` arrays and `(a, b)` tuples (foundry's `format_token_raw`).
    @Test(arguments: [
        (ABIValue.uint256(UInt256(31_802_608_249)), "31802608249"),
        (.int(Int256(-1), bits: 256), "-1"),
        (
            .address(try! Address(hex: "0x0a2ac0c368dc8ec680a0c98c907656bd97067595")),
            "0x0A2AC0c368Dc8eC680a0c98C907656BD97067595"
        ),
        (.bool(false), "false"),
        (.bytes(Array("dave".utf8)), "0x64617665"),
        (.string("Hello, \"world\""), #""Hello, \"world\"""#),
        (.array([.uint256(UInt256(1)), .uint256(UInt256(2))]), "[1, 2]"),
        (
            .tuple([.address(address), .string("x"), .array([])]),
            "(0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, \"x\", [])"
        ),
    ])
    func textFormAsCastPrints(value: ABIValue, text: String) {
        #expect(value.description == text)
    }
}
