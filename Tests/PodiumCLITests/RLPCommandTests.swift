import PodiumTestSupport
import Testing

@Suite struct RLPCommandTests {
    /// The Ethereum wiki's RLP examples.
    @Test(arguments: [
        ("\"0x646f67\"", "0x83646f67"),
        ("[\"0x636174\",\"0x646f67\"]", "0xc88363617483646f67"),
        ("\"0x\"", "0x80"),
        ("[]", "0xc0"),
        ("\"0x0f\"", "0x0f"),
        ("\"0x0400\"", "0x820400"),
        ("[[],[[]],[[],[[]]]]", "0xc7c0c1c0c3c0c1c0"),
        ("[\"0x636174\",[\"0x646f67\"]]", "0xc983636174c483646f67"),
    ])
    func encodesAndDecodesWikiExamples(json: String, encoded: String) async throws {
        let encode = try await PodiumProcess.run(["to-rlp", json])
        #expect(encode.status == 0, "\(encode.stderr)")
        #expect(encode.stdout == encoded + "\n")
        let decode = try await PodiumProcess.run(["from-rlp", encoded])
        #expect(decode.status == 0, "\(decode.stderr)")
        #expect(decode.stdout == json + "\n")
    }

    @Test(arguments: [
        ["to-rlp", "[\"0x64\""],
        ["to-rlp", "[1]"],
        ["to-rlp", "\"dog\""],
        ["from-rlp", "0x8105"],  // single byte below 0x80 wrapped as a string
        ["from-rlp", "0xb801ff"],  // long form where the short form fits
        ["from-rlp", "0x83646f"],  // length past the end
        ["from-rlp", "0x83646f6700"],  // trailing bytes
        ["from-rlp", "0x"],
        ["from-rlp", "0xzz"],
    ])
    func rejectsMalformedInput(arguments: [String]) async throws {
        let result = try await PodiumProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("podium: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }
}
