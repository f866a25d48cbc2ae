import PodiumPrimitives
import PodiumRLP
import PodiumTestSupport
import Testing

/// Differential tests against the Python `rlp` package (Tests/oracles/rlp.py), on random items and on fuzzed bytes.
@Suite struct RLPDifferentialTests {
    @Test func encodingAgreesWithPythonRLPBothWays() async throws {
        var generator = SeededGenerator()
        let items = (0..<3000).map { _ in generator.rlpItem(depth: 5) }
        let encodings = items.map { $0.rlpEncoded() }
        let answer = try await PythonOracle.call(
            "rlp", RLPOracleRequest(encode: items.map(OracleTree.init), decode: encodings.map { Hex.encode($0) }),
            as: RLPOracleAnswer.self)
        let pythonEncodings = try #require(answer.encode), pythonDecodings = try #require(answer.decode)
        for (i, item) in items.enumerated() {
            let context: Comment = "item \(i), seed \(generator.seed)"
            #expect(Hex.encode(encodings[i]) == pythonEncodings[i], context)
            #expect(try RLPItem(rlpEncoded: Hex.decode(pythonEncodings[i])) == item, context)
            #expect(pythonDecodings[i].item == OracleTree(item), context)
        }
    }

    /// Bytes that decide structure: single bytes, every prefix boundary, and small lengths.
    static let structuralBytes: [UInt8] = [
        0x00, 0x01, 0x02, 0x03, 0x37, 0x38, 0x7f, 0x80, 0x81, 0x82, 0xb7, 0xb8, 0xb9, 0xbf,
        0xc0, 0xc1, 0xc2, 0xc3, 0xf7, 0xf8, 0xf9, 0xff,
    ]

    static func fuzzByte(using generator: inout SeededGenerator) -> UInt8 {
        Bool.random(using: &generator)
            ? structuralBytes.randomElement(using: &generator)!
            : UInt8.random(in: 0...255, using: &generator)
    }

    /// A valid encoding with one to three random edits: a changed, inserted or deleted byte, or a cut.
    static func mutated(_ encoding: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = encoding
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let index = Int.random(in: 0...bytes.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0 where index < bytes.count: bytes[index] = fuzzByte(using: &generator)
            case 1: bytes.insert(fuzzByte(using: &generator), at: index)
            case 2 where index < bytes.count: bytes.remove(at: index)
            default: bytes.removeLast(bytes.count - index)
            }
        }
        return bytes
    }

    @Test func fuzzedInputNeverCrashesAndIsAcceptedExactlyWhenPythonRLPAcceptsIt() async throws {
        var generator = SeededGenerator()
        var inputs: [[UInt8]] = (0..<20_000).map { _ in
            (0..<Int.random(in: 0...24, using: &generator)).map { _ in Self.fuzzByte(using: &generator) }
        }
        for _ in 0..<20_000 {
            inputs.append(Self.mutated(generator.rlpItem(depth: 3).rlpEncoded(), using: &generator))
        }
        let answer = try await PythonOracle.call(
            "rlp", RLPOracleRequest(decode: inputs.map { Hex.encode($0) }), as: RLPOracleAnswer.self)
        let pythonDecodings = try #require(answer.decode)
        var accepted = 0
        for (input, python) in zip(inputs, pythonDecodings) {
            let context: Comment = "input \(Hex.encode(input)), seed \(generator.seed)"
            switch Result(catching: { () throws(RLPError) in try RLPItem(rlpEncoded: input) }) {
            case .success(let item):
                accepted += 1
                #expect(python.item == OracleTree(item), context)
            case .failure(let error):
                #expect(python.item == nil, "rejected (\(error)) what Python accepts: \(context)")
            }
        }
        // The corpus must exercise both outcomes.
        #expect(accepted > 2_000 && accepted < 38_000, "accepted \(accepted), seed \(generator.seed)")
    }
}
