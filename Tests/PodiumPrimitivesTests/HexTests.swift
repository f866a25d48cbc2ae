import PodiumPrimitives
import PodiumTestSupport
import Testing

@Suite struct HexTests {
    @Test func encodingAndDecodingAgreeWithPython() async throws {
        var random = SeededGenerator()
        let inputs = (0..<500).map { random.bytes($0 % 70) }
        let expected = try await PythonOracle.call("hex", inputs, as: [String].self)
        for (bytes, hex) in zip(inputs, expected) {
            #expect(Hex.encode(bytes) == "0x" + hex, "seed \(random.seed)")
            #expect(Hex.encode(bytes, prefix: false) == hex, "seed \(random.seed)")
            #expect(try Hex.decode("0x" + hex) == bytes, "seed \(random.seed)")
            #expect(try Hex.decode(hex.uppercased()) == bytes, "seed \(random.seed)")
            #expect(try Hex.decode("0X" + hex, requirePrefix: true) == bytes, "seed \(random.seed)")
        }
    }

    @Test(arguments: [
        ("0x123", HexError.oddLength(3)),
        ("abc", HexError.oddLength(3)),
        ("0xzz", HexError.invalidCharacter("z", offset: 2)),
        ("0x00g0", HexError.invalidCharacter("g", offset: 4)),
        ("0x 0", HexError.invalidCharacter(" ", offset: 2)),
        ("0x0é", HexError.invalidCharacter("é", offset: 3)),
        ("x0", HexError.invalidCharacter("x", offset: 0)),
    ])
    func decodeNamesTheProblem(input: String, error: HexError) {
        #expect(throws: error) { try Hex.decode(input) }
    }

    @Test func prefixCanBeRequired() {
        #expect(throws: HexError.missingPrefix) { try Hex.decode("00", requirePrefix: true) }
        #expect(throws: Never.self) { try Hex.decode("0x", requirePrefix: true) }
    }

    @Test func fixedSizeDecodingChecksTheByteCount() async throws {
        #expect(throws: HexError.wrongByteCount(expected: 32, actual: 31)) {
            try Bytes32(hex: "0x" + String(repeating: "ab", count: 31))
        }
        let hex = "0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
        let word = try Bytes32(hex: hex)
        #expect(word.bytes == Array(0..<32))
        #expect(word[31] == 31 && word[0] == 0)
        #expect(word.description == hex)
    }
}
