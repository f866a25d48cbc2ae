import PodiumABI
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// The typed path rejects malformed input exactly as the dynamic path does: the same `ABIDecodingError` (reason, path
/// and offset) on MalformedInputTests' cases, on dirty padding at every position, and on mutated encodings.
@Suite struct TypedPathMalformedTests {
    /// The error of decoding `data` as the parameter list `(types…)` on the typed path, or nil.
    static func typedError<each Value: ABICodable>(
        _ data: [UInt8], as types: (repeat each Value).Type
    ) -> ABIDecodingError? {
        do {
            _ = try ABI.decode(types, from: data)
            return nil
        } catch {
            return error
        }
    }

    /// The error of decoding `data` as `types` on the dynamic path, or nil.
    static func dynamicError(_ data: [UInt8], as types: [ABIType]) -> ABIDecodingError? {
        do {
            _ = try ABIDecoder.decode(data, as: types)
            return nil
        } catch {
            return error
        }
    }

    /// `(uint256,uint256)`.
    struct UIntPair: ABITuple {
        var first: UInt256 = 0
        var second: UInt256 = 0

        mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
            try fields.visit(&first)
            try fields.visit(&second)
        }
    }

    /// `(address[],bytes)`.
    struct WinnersAndMemo: ABITuple {
        var winners: [Address] = []
        var memo: ABIBytes = []

        mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
            try fields.visit(&winners)
            try fields.visit(&memo)
        }
    }

    /// MalformedInputTests' cases by label, with the typed decoding of their parameters.
    static let typedDecoders: [String: @Sendable ([UInt8]) -> ABIDecodingError?] = [
        "a word cut short": { typedError($0, as: UInt256.self) },
        "a head cut short": { typedError($0, as: (UInt256, Address).self) },
        "bytes without its padding": { typedError($0, as: ABIBytes.self) },
        "array elements missing": { typedError($0, as: [UInt256].self) },
        "no length word": { typedError($0, as: String.self) },
        "offset past the end": { typedError($0, as: ABIBytes.self) },
        "offset of 2^255": { typedError($0, as: ABIBytes.self) },
        "offset at the very end": { typedError($0, as: String.self) },
        "offset back into the head": { typedError($0, as: (UInt256, ABIBytes).self) },
        "offset to the head's start": { typedError($0, as: [String].self) },
        "two values sharing their data": { typedError($0, as: (ABIBytes, ABIBytes).self) },
        "data in reverse order": { typedError($0, as: (String, String).self) },
        "a nested value reaching into its sibling's data": { typedError($0, as: ([[UInt256]], ABIBytes).self) },
        "bytes of length 2^255": { typedError($0, as: ABIBytes.self) },
        "array of length 2^64": { typedError($0, as: [Address].self) },
        "array of 2^255 dynamic elements": { typedError($0, as: [String].self) },
        "array of tuples one element too long": { typedError($0, as: [UIntPair].self) },
        "uint8 with high bits": { typedError($0, as: UInt8.self) },
        "uint64 with bit 64 set": { typedError($0, as: (Bool, UInt64).self) },
        "int8 of 128": { typedError($0, as: Int8.self) },
        "int8 not sign-extended": { typedError($0, as: Int8.self) },
        "int16 with a broken sign extension": { typedError($0, as: Int16.self) },
        "address with dirty padding": { typedError($0, as: Address.self) },
        "bool of 2": { typedError($0, as: Bool.self) },
        "bool with a high bit": { typedError($0, as: Bool.self) },
        "bytes with dirty padding": { typedError($0, as: ABIBytes.self) },
        "string with dirty padding": { typedError($0, as: String.self) },
        "string that is not UTF-8": { typedError($0, as: String.self) },
        "string with a UTF-16 surrogate": { typedError($0, as: String.self) },
        "a winner deep in a tuple": { typedError($0, as: (UInt256, WinnersAndMemo).self) },
        "an unnamed tuple component": { typedError($0, as: (UInt256, WinnersAndMemo).self) },
    ]

    /// The cases whose types have no typed form: `bytes4`, `function` and fixed arrays.
    static let untyped: Set = [
        "bytes4 with dirty padding", "function with dirty padding", "an element of a fixed array of tuples",
    ]

    @Test(arguments: MalformedInputTests.cases)
    func malformedInputIsRejectedAsTheDynamicPathRejectsIt(_ example: MalformedInputTests.Case) throws {
        guard let decode = Self.typedDecoders[example.label] else {
            #expect(Self.untyped.contains(example.label), "a new case needs its typed decoding here")
            return
        }
        let dynamic = try #require(Self.dynamicError(example.data, as: example.parameters.types))
        let typed = try #require(decode(example.data), "the typed path accepts it")
        #expect(typed == dynamic)
        #expect(typed.reason == example.reason && typed.offset == example.offset)
    }

    @Test func dirtyPaddingIsFoundAtEveryPosition() {
        for length in [1, 2, 7, 8, 9, 15, 16, 17, 24, 31, 33, 40, 63] {
            let padded = (length + 31) / 32 * 32
            for position in length..<padded {
                // bytes 0xaa…aa (or ASCII "a…a") of `length`, with byte `position` of its padding set.
                for (isString, filler) in [(false, UInt8(0xaa)), (true, UInt8(ascii: "a"))] {
                    var data = MalformedInputTests.word(0x20) + MalformedInputTests.word(UInt256(UInt64(length)))
                    data += [UInt8](repeating: filler, count: length) + [UInt8](repeating: 0, count: padded - length)
                    data[64 + position] = 0x01
                    let type: ABIType = isString ? .string : .bytes
                    let expected = ABIDecodingError(
                        .dirtyPadding(type), offset: 64 + position, path: ABIPath([.field(0, name: nil)]))
                    let typed =
                        isString ? Self.typedError(data, as: String.self) : Self.typedError(data, as: ABIBytes.self)
                    #expect(typed == expected, "length \(length), position \(position)")
                    #expect(Self.dynamicError(data, as: [type]) == expected, "length \(length), position \(position)")
                }
            }
        }
    }

    @Test func nonASCIIStringsAreCheckedAsUTF8() throws {
        let text = "prix: 5 € pour 中 😀"
        #expect(try ABI.decode(String.self, from: ABI.encode(text)) == text)
        var data = ABI.encode(text)
        data[64 + 9] = 0xff  // a byte of "€" replaced: no longer UTF-8
        let expected = ABIDecodingError(.invalidUTF8, offset: 64, path: ABIPath([.field(0, name: nil)]))
        #expect(Self.typedError(data, as: String.self) == expected)
        #expect(Self.dynamicError(data, as: [.string]) == expected)
    }

    /// Decodes `data` on both paths; both must fail with the same error or succeed with the same values (compared by
    /// re-encoding them).
    static func decodesAlike<Shape: TypedShape>(_: Shape.Type, _ data: [UInt8], _ context: Comment) throws {
        let types = try Shape.componentTypes.map { try ABIType(parsing: $0) }
        let typed = Result { () throws(ABIDecodingError) in try ABI.decode(fieldsOf: Shape.self, from: data) }
        let dynamic = Result { () throws(ABIDecodingError) in try ABIDecoder.decode(data, as: types) }
        switch (typed, dynamic) {
        case (.success(let value), .success(let values)):
            #expect(ABI.encode(fieldsOf: value) == (try ABIEncoder.encode(values, as: types)), context)
        case (.failure(let typedError), .failure(let dynamicError)):
            #expect(typedError == dynamicError, context)
        default:
            Issue.record("the paths disagree: typed \(typed), dynamic \(dynamic); \(context)")
        }
    }

    /// A copy of `data` with a few bytes changed or cut off: offsets and lengths (the last bytes of words) more often
    /// than other bytes.
    static func mutated(_ data: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = data
        for _ in 0..<Int.random(in: 1...3, using: &generator) where !bytes.isEmpty {
            let word = Int.random(in: 0..<(bytes.count + 31) / 32, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: bytes.removeLast(Int.random(in: 1...bytes.count, using: &generator))
            case 1: bytes[min(word * 32 + 31, bytes.count - 1)] = .random(in: 0...255, using: &generator)
            case 2: bytes[min(word * 32 + 30, bytes.count - 1)] ^= 1 << UInt8.random(in: 0...7, using: &generator)
            default:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= .random(in: 1...255, using: &generator)
            }
        }
        return bytes
    }

    @Test func mutatedEncodingsDecodeAlikeOnBothPaths() throws {
        var generator = SeededGenerator()
        for i in 0..<1500 {
            let context: Comment = "mutation \(i), seed \(generator.seed)"
            switch i % 3 {
            case 0:
                let data = ABI.encode(fieldsOf: PrizesDistributed.random(using: &generator))
                try Self.decodesAlike(PrizesDistributed.self, Self.mutated(data, using: &generator), context)
            case 1:
                let data = ABI.encode(fieldsOf: Payout.random(using: &generator))
                try Self.decodesAlike(Payout.self, Self.mutated(data, using: &generator), context)
            default:
                let data = ABI.encode(fieldsOf: Mixed.random(using: &generator))
                try Self.decodesAlike(Mixed.self, Self.mutated(data, using: &generator), context)
            }
        }
    }
}
