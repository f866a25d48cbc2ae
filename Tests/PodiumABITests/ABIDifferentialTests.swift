import PodiumABI
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// Differential tests against eth-abi 6.0.0 (Tests/oracles/abi.py) on random signatures covering every type and
/// nesting, in both directions.
@Suite struct ABIDifferentialTests {
    /// `count` random parameter lists of one to four types nesting up to `depth`, with a random value each.
    static func randomCases(
        _ count: Int, depth: Int, using generator: inout SeededGenerator
    ) -> [(types: [ABIType], values: [ABIValue])] {
        (0..<count).map { _ in
            let types = (0..<Int.random(in: 1...4, using: &generator)).map { _ in generator.abiType(depth: depth) }
            return (types, types.map { generator.abiValue(of: $0) })
        }
    }

    @Test func encodingAgreesWithEthABIBothWays() throws {
        var generator = SeededGenerator()
        let cases = Self.randomCases(2500, depth: 3, using: &generator)
        let encodings = try cases.map { try ABIEncoder.encode($0.values, as: $0.types) }
        let request = ABIOracleRequest(
            encode: cases.map { .init(types: $0.types.map(\.canonicalName), values: $0.values.map(OracleValue.init)) },
            decode: zip(cases, encodings).map { .init(types: $0.types.map(\.canonicalName), hex: Hex.encode($1)) })
        let answer = try ABIOracleAnswer.ask(request)
        let pythonEncodings = try #require(answer.encode)
        let pythonDecodings = try #require(answer.decode)
        for (i, (types, values)) in cases.enumerated() {
            let context: Comment = "case \(i) \(types), seed \(generator.seed)"
            // Podium encodes, eth-abi decodes the same values.
            #expect(pythonDecodings[i].values == values.map(OracleValue.init), context)
            // eth-abi encodes the same bytes; Podium decodes them to the same values and re-encodes identically.
            let pythonBytes = try Hex.decode(try #require(pythonEncodings[i].hex, context))
            #expect(pythonBytes == encodings[i], context)
            let decoded = try ABIDecoder.decode(pythonBytes, as: types)
            #expect(decoded == values, context)
            #expect(try ABIEncoder.encode(decoded, as: types) == pythonBytes, context)
            #expect(try ABIEncoder.encodedSize(of: values, as: types) == pythonBytes.count, context)
        }
    }

    @Test func deeplyNestedTypesAgreeWithEthABI() throws {
        var generator = SeededGenerator()
        let cases = Self.randomCases(300, depth: 5, using: &generator)
        let encodings = try cases.map { try ABIEncoder.encode($0.values, as: $0.types) }
        let answer = try ABIOracleAnswer.ask(
            ABIOracleRequest(
                decode: zip(cases, encodings).map { .init(types: $0.types.map(\.canonicalName), hex: Hex.encode($1)) }))
        let pythonDecodings = try #require(answer.decode)
        for (i, (types, values)) in cases.enumerated() {
            let context: Comment = "case \(i) \(types), seed \(generator.seed)"
            #expect(pythonDecodings[i].values == values.map(OracleValue.init), context)
            #expect(try ABIDecoder.decode(encodings[i], as: types) == values, context)
        }
    }

    @Test func packedEncodingAgreesWithSolidityRulesOnEthABI() throws {
        var generator = SeededGenerator()
        // Packed mode takes value types, bytes and string, and arrays of value types.
        let cases: [(types: [ABIType], values: [ABIValue])] = (0..<1500).map { _ in
            let types = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                var type = generator.abiType(depth: 0)
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    while !type.isValueType { type = generator.abiType(depth: 0) }
                    type =
                        Bool.random(using: &generator)
                        ? .array(type) : .fixedArray(type, Int.random(in: 1...3, using: &generator))
                }
                return type
            }
            return (types, types.map { generator.abiValue(of: $0) })
        }
        let answer = try ABIOracleAnswer.ask(
            ABIOracleRequest(
                packed: cases.map {
                    .init(types: $0.types.map(\.canonicalName), values: $0.values.map(OracleValue.init))
                }))
        let pythonPacked = try #require(answer.packed)
        for (i, (types, values)) in cases.enumerated() {
            let context: Comment = "case \(i) \(types), seed \(generator.seed)"
            #expect(Hex.encode(try ABIEncoder.encodePacked(values, as: types)) == pythonPacked[i].hex, context)
        }
    }
}
