import PodiumABI
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// The typed path against eth-abi 6.0.0 (Tests/oracles/abi.py) on random values of the TypedPath shapes, both ways:
/// Podium encodes and eth-abi decodes the same values and encodes the same bytes; Podium decodes eth-abi's bytes to
/// the same Swift values.
@Suite struct TypedPathOracleTests {
    /// One random value: its types and JSON for the oracle, the typed encoding, and a check that decoding bytes
    /// with the typed path gives the value back.
    struct Case {
        let label: String
        let types: [String]
        let fields: [OracleValue]
        let encoding: [UInt8]
        let decodesBack: ([UInt8]) throws -> Bool
    }

    /// `count` random values of `shape`, encoded and decoded as a tuple struct (`ABI.encode(fieldsOf:)`).
    static func cases<Shape: TypedShape>(
        _ shape: Shape.Type, count: Int, using generator: inout SeededGenerator
    ) -> [Case] {
        (0..<count).map { i in
            let value = Shape.random(using: &generator)
            return Case(
                label: "\(Shape.self) \(i)", types: Shape.componentTypes, fields: value.oracleFields,
                encoding: ABI.encode(fieldsOf: value),
                decodesBack: { try ABI.decode(fieldsOf: Shape.self, from: $0) == value })
        }
    }

    /// `count` random PrizesDistributed arguments, encoded and decoded as a parameter pack.
    static func packCases(count: Int, using generator: inout SeededGenerator) -> [Case] {
        (0..<count).map { i in
            let value = PrizesDistributed.random(using: &generator)
            return Case(
                label: "PrizesDistributed pack \(i)", types: PrizesDistributed.componentTypes,
                fields: value.oracleFields,
                encoding: ABI.encode(value.prizeType, value.winners, value.amounts, value.timestamp),
                decodesBack: { data in
                    let (prizeType, winners, amounts, timestamp) = try ABI.decode(
                        (UInt8, [Address], [UInt256], UInt256).self, from: data)
                    return PrizesDistributed(
                        prizeType: prizeType, winners: winners, amounts: amounts, timestamp: timestamp) == value
                })
        }
    }

    @Test func randomValuesAgreeWithEthABIBothWays() throws {
        var generator = SeededGenerator()
        var cases = Self.packCases(count: 200, using: &generator)
        cases += Self.cases(PrizesDistributed.self, count: 200, using: &generator)
        cases += Self.cases(Payout.self, count: 200, using: &generator)
        cases += Self.cases(Payment.self, count: 100, using: &generator)
        cases += Self.cases(Words.self, count: 200, using: &generator)
        cases += Self.cases(Mixed.self, count: 200, using: &generator)
        cases += Self.cases(StaticPair.self, count: 100, using: &generator)

        let answer = try ABIOracleAnswer.ask(
            ABIOracleRequest(
                encode: cases.map { .init(types: $0.types, values: $0.fields) },
                decode: cases.map { .init(types: $0.types, hex: Hex.encode($0.encoding)) }))
        let pythonEncodings = try #require(answer.encode)
        let pythonDecodings = try #require(answer.decode)
        for (i, example) in cases.enumerated() {
            let context: Comment = "\(example.label), seed \(generator.seed)"
            // Podium encodes, eth-abi decodes the same values.
            #expect(pythonDecodings[i].values == example.fields, context)
            // eth-abi encodes the same bytes, and Podium decodes them to the same Swift value.
            let pythonBytes = try Hex.decode(try #require(pythonEncodings[i].hex, context))
            #expect(pythonBytes == example.encoding, context)
            #expect(try example.decodesBack(pythonBytes), context)
        }
    }
}
