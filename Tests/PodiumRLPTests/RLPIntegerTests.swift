import PodiumPrimitives
import PodiumRLP
import PodiumTestSupport
import Testing

/// Integers as RLP holds them: minimal big-endian byte strings, zero as the empty string.
@Suite struct RLPIntegerTests {
    /// Every byte-length boundary of a UInt64, and random values of every size.
    static func integers(using generator: inout SeededGenerator) -> [UInt64] {
        var values: [UInt64] = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x1_0000, 1 << 32, .max - 1, .max]
        for bits in 1...64 {
            values.append(UInt64.random(in: 0...UInt64.max, using: &generator) >> (64 - bits))
        }
        return values
    }

    @Test func encodesUInt64LikePythonRLP() async throws {
        var generator = SeededGenerator()
        let values = Self.integers(using: &generator)
        let answer = try await PythonOracle.call("rlp", RLPOracleRequest(integers: values), as: RLPOracleAnswer.self)
        let expected = try #require(answer.integers)
        for (value, encoding) in zip(values, expected) {
            #expect(Hex.encode(RLPItem.uint(value).rlpEncoded()) == encoding, "\(value), seed \(generator.seed)")
            #expect(try RLPItem(rlpEncoded: Hex.decode(encoding)).uint64() == value, "\(value), seed \(generator.seed)")
        }
    }

    @Test(arguments: [
        ([], RLPItem.bytes([])),
        ([0, 0, 0], .bytes([])),
        ([0, 0, 1, 0], .bytes([1, 0])),
        ([0xff], .bytes([0xff])),
        ([UInt8](repeating: 0, count: 31) + [7], .bytes([7])),
    ] as [([UInt8], RLPItem)])
    func bigEndianBytesLoseTheirLeadingZeros(bytes: [UInt8], item: RLPItem) {
        #expect(RLPItem.uint(bigEndianBytes: bytes) == item)
    }

    @Test(arguments: [
        (RLPItem.bytes([0]), RLPError.leadingZeroInInteger),
        (.bytes([0, 1]), .leadingZeroInInteger),
        (.bytes([1, 2, 3, 4, 5, 6, 7, 8, 9]), .integerTooLarge(byteCount: 9, maxByteCount: 8)),
        (.list([]), .expectedBytes),
    ])
    func uint64RejectsNonCanonicalOrOversizedIntegers(item: RLPItem, error: RLPError) {
        #expect(throws: error) { try item.uint64() }
    }

    @Test func uintBytesAcceptsUpToItsWidth() async throws {
        let word = [UInt8](repeating: 0xab, count: 32)
        #expect(try RLPItem.bytes(word).uintBytes(maxByteCount: 32) == word)
        #expect(try RLPItem.bytes([]).uintBytes(maxByteCount: 32) == [])
        #expect(throws: RLPError.integerTooLarge(byteCount: 33, maxByteCount: 32)) {
            try RLPItem.bytes([1] + word).uintBytes(maxByteCount: 32)
        }
        #expect(throws: RLPError.leadingZeroInInteger) { try RLPItem.bytes([0] + word).uintBytes(maxByteCount: 64) }
    }

    @Test func errorsDescribeThemselvesInOneLine() {
        #expect(RLPError.expectedBytes.description == "expected an RLP byte string, found a list")
        #expect(RLPError.leadingZeroInInteger.description == "non-canonical RLP integer: leading zero byte")
        #expect(RLPError.integerTooLarge(byteCount: 9, maxByteCount: 8).description
            == "RLP integer of 9 bytes does not fit in 8")
    }
}
