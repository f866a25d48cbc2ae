import PodiumABI
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// Random bytes and mutated encodings against a varied set of types: the decoder must never trap, and must agree
/// with eth-abi on what it accepts, except where it is stricter by design (data that overlaps or comes out of
/// order, see `ABIDecodingError.Reason.overlappingData`).
@Suite struct DecoderFuzzTests {
    /// Types that exercise every path: PrizesDistributed's data, nested dynamic arrays and tuples, narrow types.
    static let fixedTypes: [[ABIType]] = [
        "uint8,address[],uint256[],uint256", "bytes", "string", "string[]", "uint256[][]", "bool,bytes4,int16,function",
        "(uint256,(address,bytes,uint256)[],string)", "bytes32[2][]", "(string,bytes)[2]", "uint8[3],string[2][]",
    ].map { list in try! parseList(list) }

    /// The types of a comma-separated list, reading tuples whole.
    static func parseList(_ list: String) throws -> [ABIType] {
        try ABIFunction(parsing: "f(\(list))").inputs.types
    }

    /// Words that steer a decoder: small offsets and lengths, edges of the integer ranges, dirty padding.
    static func structuralWord(using generator: inout SeededGenerator) -> [UInt8] {
        let value: UInt256 =
            switch Int.random(in: 0..<8, using: &generator) {
            case 0: .zero
            case 1: UInt256(UInt64(32 * Int.random(in: 0...12, using: &generator)))
            case 2: UInt256(UInt64(Int.random(in: 0...70, using: &generator)))
            case 3: .max
            case 4: UInt256(1) << Int.random(in: 0...255, using: &generator)
            case 5: UInt256.max >> Int.random(in: 0...255, using: &generator)
            case 6: UInt256(limbs: generator.next(), generator.next(), generator.next(), generator.next())
            default: UInt256(limbs: generator.next(), generator.next(), 0, 0)
            }
        return value.bigEndianBytes
    }

    /// A random input: structural words, sometimes followed by loose bytes.
    static func randomInput(using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = (0..<Int.random(in: 0...10, using: &generator)).flatMap { _ in structuralWord(using: &generator) }
        if Bool.random(using: &generator) { bytes += generator.bytes(Int.random(in: 0...40, using: &generator)) }
        return bytes
    }

    /// A valid encoding with one to three edits: a word replaced by a structural one, a byte changed, a word
    /// inserted or removed, or a cut.
    static func mutated(_ encoding: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = encoding
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let wordIndex = Int.random(in: 0...(bytes.count / 32), using: &generator)
            let start = min(32 * wordIndex, bytes.count)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where start + 32 <= bytes.count:
                bytes.replaceSubrange(start..<start + 32, with: structuralWord(using: &generator))
            case 1 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            case 2:
                bytes.insert(contentsOf: structuralWord(using: &generator), at: start)
            case 3 where start + 32 <= bytes.count:
                bytes.removeSubrange(start..<start + 32)
            default:
                bytes.removeLast(bytes.count - Int.random(in: 0...bytes.count, using: &generator))
            }
        }
        return bytes
    }

    @Test func fuzzedInputNeverTrapsAndAgreesWithEthABI() throws {
        var generator = SeededGenerator()
        var cases: [(types: [ABIType], data: [UInt8])] = []
        for i in 0..<24_000 {
            let types =
                i % 2 == 0
                ? Self.fixedTypes.randomElement(using: &generator)!
                : (0..<Int.random(in: 1...3, using: &generator)).map { _ in generator.abiType(depth: 3) }
            if i % 3 == 0 {
                cases.append((types, Self.randomInput(using: &generator)))
            } else {
                let values = types.map { generator.abiValue(of: $0) }
                cases.append((types, Self.mutated(try ABIEncoder.encode(values, as: types), using: &generator)))
            }
        }
        let answer = try ABIOracleAnswer.ask(
            ABIOracleRequest(
                decode: cases.map {
                    .init(types: $0.types.map(\.canonicalName), hex: Hex.encode($0.data))
                }))
        let pythonDecodings = try #require(answer.decode)
        var (accepted, stricter) = (0, 0)
        for ((types, data), python) in zip(cases, pythonDecodings) {
            let context: Comment = "types \(types), input \(Hex.encode(data)), seed \(generator.seed)"
            do {
                let values = try ABIDecoder.decode(data, as: types)
                accepted += 1
                #expect(python.values == values.map(OracleValue.init), context)
            } catch {
                guard python.values != nil else { continue }
                stricter += 1
                #expect(
                    Self.isKnownEthABILaxness(error, types: types),
                    "rejected (\(error)) what eth-abi accepts: \(context)")
            }
        }
        // The corpus must exercise both outcomes.
        #expect(accepted > 1_000 && accepted < 20_000, "accepted \(accepted), seed \(generator.seed)")
        #expect(stricter < accepted / 10, "stricter than eth-abi \(stricter) times, seed \(generator.seed)")
    }

    /// True for the two ways eth-abi 6 is laxer than Podium: it lets data overlap or come out of order, and it
    /// sizes a tuple's head counting a static tuple as one word and a static fixed array by its outer length only,
    /// so it accepts offsets that point into the true head.
    static func isKnownEthABILaxness(_ error: ABIDecodingError, types: [ABIType]) -> Bool {
        switch error.reason {
        case .overlappingData:
            return true
        case .offsetIntoHead(let offset, _):
            // Find the tuple that holds the failing offset and size its head as eth-abi does.
            guard case .field? = error.path.components.last else { return false }
            var container = ABIType.tuple(types)
            for step in error.path.components.dropLast() {
                switch (step, container) {
                case (.field(let index, _), .tuple(let components)): container = components[index]
                case (.element, .array(let element)), (.element, .fixedArray(let element, _)): container = element
                default: return false
                }
            }
            guard case .tuple(let components) = container else { return false }
            // eth-abi's TupleDecoder.validate_pointers: Σ getattr(decoder, "array_size", 1) — a static fixed-size array
            // counts its length; a dynamic one sits behind a HeadTailDecoder and counts 1, as does any tuple.
            let ethABIHeadWords = components.reduce(0) { words, type in
                if case .fixedArray(_, let count) = type, !type.isDynamic { words + count } else { words + 1 }
            }
            return offset >= 32 * ethABIHeadWords
        default:
            return false
        }
    }

    @Test func randomBytesNeverTrapAgainstRandomTypes() {
        var generator = SeededGenerator()
        for _ in 0..<20_000 {
            let types = (0..<Int.random(in: 1...4, using: &generator)).map { _ in generator.abiType(depth: 4) }
            let data = Self.randomInput(using: &generator)
            _ = try? ABIDecoder.decode(data, as: types)
        }
    }

    @Test func hugeLengthsFailBeforeAllocating() throws {
        // A length of 2^255 and offsets of 2^64 on an input of a few words fail with an error: allocating what
        // they claim would trap or exhaust memory instead.
        for type in ["bytes", "string", "uint256[]", "string[]", "(uint256,bytes)[]", "uint256[][2]"] {
            let types = [try ABIType(parsing: type)]
            for length in [UInt256(1) << 255, UInt256(1) << 64, UInt256(UInt64(Int.max))] {
                #expect(throws: ABIDecodingError.self) {
                    try ABIDecoder.decode(UInt256(0x20).bigEndianBytes + length.bigEndianBytes, as: types)
                }
            }
        }
    }
}
