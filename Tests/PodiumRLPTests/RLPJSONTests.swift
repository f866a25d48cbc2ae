import PodiumPrimitives
import PodiumRLP
import PodiumTestSupport
import Testing

/// The JSON form the command line reads and prints: "0x"-hex strings for byte strings, arrays for lists.
@Suite struct RLPJSONTests {
    @Test func printsAndParsesLikePythonJSON() async throws {
        var generator = SeededGenerator()
        let items = (0..<500).map { _ in generator.rlpItem(depth: 4) }
        let answer = try await PythonOracle.call(
            "rlp", RLPOracleRequest(json: items.map(OracleTree.init)), as: RLPOracleAnswer.self)
        for (item, python) in zip(items, try #require(answer.json)) {
            #expect(item.json == python.compact, "seed \(generator.seed)")
            #expect(try RLPItem(json: python.compact) == item, "seed \(generator.seed)")
            #expect(try RLPItem(json: python.pretty) == item, "seed \(generator.seed)")
        }
    }

    @Test(arguments: [
        (#""0x""#, RLPItem.bytes([])),
        (#" "0xABcd" "#, .bytes([0xab, 0xcd])),
        ("[]", .list([])),
        (#"["0x61",["0x62",[]],"0x"]"#, .list([.bytes([0x61]), .list([.bytes([0x62]), .list([])]), .bytes([])])),
        ("\t[\n \"0x00\" ,\r\n[ ] ]\n", .list([.bytes([0]), .list([])])),
        // JSON escapes are resolved first: "\u0030x01" is "0x01".
        (#"["\u0030x\u0030\u0031", "\u0030x"]"#, .list([.bytes([1]), .bytes([])])),
    ])
    func parsesHexStringsAndArrays(json: String, item: RLPItem) throws {
        #expect(try RLPItem(json: json) == item)
    }

    @Test(arguments: [
        ("", RLPError.invalidJSON(reason: "unexpected end of input", offset: 0)),
        ("[", .invalidJSON(reason: "unexpected end of input", offset: 1)),
        (#"["0x00""#, .invalidJSON(reason: "unexpected end of input", offset: 7)),
        (#"["0x00" "0x01"]"#, .invalidJSON(reason: "expected ',' or ']'", offset: 8)),
        (#""0x00"#, .invalidJSON(reason: "unterminated string", offset: 5)),
        (#""0x00" x"#, .invalidJSON(reason: "unexpected text after the value", offset: 7)),
        ("1", .expectedHexStringOrArray(path: "$", offset: 0)),
        (#"["0x00", [null]]"#, .expectedHexStringOrArray(path: "$[1][0]", offset: 10)),
        (#"["0x00", {"a": "0x"}]"#, .expectedHexStringOrArray(path: "$[1]", offset: 9)),
        (#"["0x00",]"#, .expectedHexStringOrArray(path: "$[1]", offset: 8)),
        (#""abcd""#, .invalidHexString(path: "$", reason: .missingPrefix)),
        (#"[["0x123"]]"#, .invalidHexString(path: "$[0][0]", reason: .oddLength(3))),
        (#"["0xzz"]"#, .invalidHexString(path: "$[0]", reason: .invalidCharacter("z", offset: 2))),
        // Escapes are JSON's: "0x\u0030" is the string "0x0", whose one digit is odd.
        (#"["0x\u0030"]"#, .invalidHexString(path: "$[0]", reason: .oddLength(1))),
        ("[[[]]]", .tooDeep(offset: 2, maxDepth: 2)),
    ])
    func rejectsOtherJSONNamingWhereAndWhy(json: String, error: RLPError) {
        #expect(throws: error) { try RLPItem(json: json, maxDepth: 2) }
    }

    @Test func errorsDescribeThemselvesInOneLine() {
        #expect(RLPError.expectedHexStringOrArray(path: "$[1]", offset: 7).description
            == "expected a 0x-hex string or an array at $[1] (offset 7)")
        #expect(RLPError.invalidJSON(reason: "unterminated array", offset: 7).description
            == "invalid JSON at offset 7: unterminated array")
        #expect(RLPError.invalidHexString(path: "$[0]", reason: .oddLength(3)).description
            == "invalid hex string at $[0]: odd number of hex digits (3)")
    }
}
