import PodiumABI
import PodiumPrimitives
import Testing

/// Malformed encodings, each rejected with its own reason, the failing parameter and the byte offset; checked
/// against eth-abi's accept/reject where it is as strict.
@Suite struct MalformedInputTests {
    /// A malformed input and the error it must give.
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let parameters: [ABIParameter]
        let data: [UInt8]
        let reason: ABIDecodingError.Reason
        let path: String
        let offset: Int
        /// False where Podium is stricter than eth-abi, which accepts the input.
        var ethABIRejects = true

        var testDescription: String { label }
    }

    /// The 32-byte big-endian word of `value`.
    static func word(_ value: UInt256) -> [UInt8] { value.bigEndianBytes }

    /// The 32 bytes of 64 hex digits.
    static func word(hex: String) -> [UInt8] { try! Hex.decode(hex, count: 32) }

    static func parameters(_ signature: String) -> [ABIParameter] { try! ABIFunction(parsing: signature).inputs }

    static let twoTo255 = UInt256(1) << 255
    static let twoTo64 = UInt256(1) << 64

    static let cases: [Case] = [
        // Truncated data.
        Case(
            label: "a word cut short", parameters: parameters("f(uint256)"), data: [UInt8](repeating: 0, count: 31),
            reason: .truncated(needed: 32, available: 31), path: "", offset: 0),
        Case(
            label: "a head cut short", parameters: parameters("f(uint256,address)"), data: word(1) + [0, 0],
            reason: .truncated(needed: 64, available: 34), path: "", offset: 0),
        Case(
            label: "bytes without its padding", parameters: parameters("f(bytes)"),
            data: word(0x20) + word(5) + [1, 2, 3, 4, 5], reason: .truncated(needed: 32, available: 5), path: "#0",
            offset: 64),
        Case(
            label: "array elements missing", parameters: parameters("f(uint256[] amounts)"),
            data: word(0x20) + word(3) + word(1) + word(2), reason: .lengthTooLarge(UInt256(3), maximum: 2),
            path: "amounts", offset: 32),
        Case(
            label: "no length word", parameters: parameters("f(string)"), data: word(0x20) + [0, 0, 0],
            reason: .truncated(needed: 32, available: 3), path: "#0", offset: 32),
        // Offsets.
        Case(
            label: "offset past the end", parameters: parameters("f(bytes data)"), data: word(0x1000) + word(0),
            reason: .offsetOutOfBounds(UInt256(0x1000)), path: "data", offset: 0),
        Case(
            label: "offset of 2^255", parameters: parameters("f(bytes)"), data: word(twoTo255) + word(0),
            reason: .offsetOutOfBounds(twoTo255), path: "#0", offset: 0),
        Case(
            label: "offset at the very end", parameters: parameters("f(string)"), data: word(0x20),
            reason: .offsetOutOfBounds(UInt256(0x20)), path: "#0", offset: 0),
        Case(
            label: "offset back into the head", parameters: parameters("f(uint256,bytes)"),
            data: word(7) + word(0x20) + word(0), reason: .offsetIntoHead(32, headSize: 64), path: "#1", offset: 32),
        Case(
            label: "offset to the head's start", parameters: parameters("f(string[] names)"),
            data: word(0x20) + word(1) + word(0) + word(0),
            reason: .offsetIntoHead(0, headSize: 32), path: "names[0]", offset: 64),
        Case(
            label: "two values sharing their data", parameters: parameters("f(bytes a, bytes b)"),
            data: word(0x40) + word(0x40) + word(0), reason: .overlappingData(64, previousEnd: 96), path: "b",
            offset: 32, ethABIRejects: false),
        Case(
            label: "data in reverse order", parameters: parameters("f(string,string)"),
            data: word(0x80) + word(0x40) + word(0) + word(0) + word(0),
            reason: .overlappingData(64, previousEnd: 160), path: "#1", offset: 32, ethABIRejects: false),
        Case(
            label: "a nested value reaching into its sibling's data",
            parameters: parameters("f(uint256[][] a, bytes b)"),
            data: word(0x40) + word(0xa0) + word(1) + word(0x20) + word(1) + word(0),
            reason: .overlappingData(160, previousEnd: 192), path: "b", offset: 32, ethABIRejects: false),
        // Lengths.
        Case(
            label: "bytes of length 2^255", parameters: parameters("f(bytes)"), data: word(0x20) + word(twoTo255),
            reason: .lengthTooLarge(twoTo255, maximum: 0), path: "#0", offset: 32),
        Case(
            label: "array of length 2^64", parameters: parameters("f(address[] winners)"),
            data: word(0x20) + word(twoTo64) + word(0), reason: .lengthTooLarge(twoTo64, maximum: 1),
            path: "winners", offset: 32),
        Case(
            label: "array of 2^255 dynamic elements", parameters: parameters("f(string[])"),
            data: word(0x20) + word(twoTo255), reason: .lengthTooLarge(twoTo255, maximum: 0), path: "#0", offset: 32),
        Case(
            label: "array of tuples one element too long", parameters: parameters("f((uint256,uint256)[] pairs)"),
            data: word(0x20) + word(2) + word(1) + word(2) + word(3),
            reason: .lengthTooLarge(UInt256(2), maximum: 1), path: "pairs", offset: 32),
        // Narrow values.
        Case(
            label: "uint8 with high bits", parameters: parameters("f(uint8 prizeType)"), data: word(0x100),
            reason: .valueOutOfRange(.uint(8)), path: "prizeType", offset: 0),
        Case(
            label: "uint64 with bit 64 set", parameters: parameters("f(bool,uint64)"), data: word(1) + word(twoTo64),
            reason: .valueOutOfRange(.uint(64)), path: "#1", offset: 32),
        Case(
            label: "int8 of 128", parameters: parameters("f(int8)"), data: word(0x80),
            reason: .valueOutOfRange(.int(8)), path: "#0", offset: 0),
        Case(
            label: "int8 not sign-extended", parameters: parameters("f(int8)"),
            data: word(hex: "00000000000000000000000000000000000000000000000000000000000000ff"),
            reason: .valueOutOfRange(.int(8)), path: "#0", offset: 0),
        Case(
            label: "int16 with a broken sign extension", parameters: parameters("f(int16)"),
            data: word(hex: "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffeff8000"),
            reason: .valueOutOfRange(.int(16)), path: "#0", offset: 0),
        Case(
            label: "address with dirty padding", parameters: parameters("f(address to)"),
            data: word(hex: "000000000000000000000001ffffffffffffffffffffffffffffffffffffffff"),
            reason: .dirtyPadding(.address), path: "to", offset: 0),
        Case(
            label: "bool of 2", parameters: parameters("f(bool)"), data: word(2),
            reason: .invalidBool(UInt256(2)), path: "#0", offset: 0),
        Case(
            label: "bool with a high bit", parameters: parameters("f(bool)"), data: word(twoTo255 + UInt256(1)),
            reason: .invalidBool(twoTo255 + UInt256(1)), path: "#0", offset: 0),
        Case(
            label: "bytes4 with dirty padding", parameters: parameters("f(bytes4)"),
            data: word(hex: "a9059cbb00000000000000000000000000000000000000000000000000000001"),
            reason: .dirtyPadding(.fixedBytes(4)), path: "#0", offset: 0),
        Case(
            label: "function with dirty padding", parameters: parameters("f(function)"),
            data: word(hex: "11111111111111111111111111111111111111112222222200000000000000ff"),
            reason: .dirtyPadding(.function), path: "#0", offset: 0),
        Case(
            label: "bytes with dirty padding", parameters: parameters("f(bytes memo)"),
            data: word(0x20) + word(2) + word(hex: "abcd000000000000000000000000000000000000000000000000000000000100"),
            reason: .dirtyPadding(.bytes), path: "memo", offset: 94),
        Case(
            label: "string with dirty padding", parameters: parameters("f(string)"),
            data: word(0x20) + word(1) + word(hex: "41ff000000000000000000000000000000000000000000000000000000000000"),
            reason: .dirtyPadding(.string), path: "#0", offset: 65),
        Case(
            label: "string that is not UTF-8", parameters: parameters("f(string note)"),
            data: word(0x20) + word(2) + word(hex: "c328000000000000000000000000000000000000000000000000000000000000"),
            reason: .invalidUTF8, path: "note", offset: 64),
        Case(
            label: "string with a UTF-16 surrogate", parameters: parameters("f(string)"),
            data: word(0x20) + word(3) + word(hex: "eda0800000000000000000000000000000000000000000000000000000000000"),
            reason: .invalidUTF8, path: "#0", offset: 64),
        // Paths through tuples and arrays.
        Case(
            label: "a winner deep in a tuple", parameters: parameters("f(uint256, (address[] winners, bytes) t)"),
            data: word(1) + word(0x40) + word(0x40) + word(0xc0) + word(3) + word(0) + word(0)
                + word(hex: "0000000000000000000000010000000000000000000000000000000000000001") + word(0),
            reason: .dirtyPadding(.address), path: "t.winners[2]", offset: 224),
        Case(
            label: "an unnamed tuple component", parameters: parameters("f(uint256, (address[] winners, bytes))"),
            data: word(1) + word(0x40) + word(0x40) + word(0xa0) + word(1) + word(twoTo255) + word(0),
            reason: .dirtyPadding(.address), path: "#1.winners[0]", offset: 160),
        Case(
            label: "an element of a fixed array of tuples", parameters: parameters("f((uint8,bool)[2] pairs)"),
            data: word(1) + word(1) + word(2) + word(3), reason: .invalidBool(UInt256(3)), path: "pairs[1].#1",
            offset: 96),
    ]

    @Test(arguments: cases)
    func malformedInputIsRejectedWithItsReasonPathAndOffset(_ example: Case) {
        do {
            let values = try ABIDecoder.decode(example.data, as: example.parameters)
            Issue.record("accepted as \(values)")
        } catch {
            #expect(error.reason == example.reason)
            #expect(error.path.description == example.path)
            #expect(error.offset == example.offset)
        }
    }

    @Test func ethABIAcceptsOnlyWhatPodiumIsStricterAbout() throws {
        let answer = try ABIOracleAnswer.ask(
            ABIOracleRequest(
                decode: Self.cases.map {
                    .init(types: $0.parameters.types.map(\.canonicalName), hex: Hex.encode($0.data))
                }))
        for (example, decoded) in zip(Self.cases, try #require(answer.decode)) {
            #expect((decoded.error != nil) == example.ethABIRejects, "\(example.label): eth-abi says \(decoded)")
        }
    }

    @Test func calldataChecksItsSelectorAndCountsItInOffsets() throws {
        let transfer = try ABIFunction(parsing: "function transfer(address to, uint256 amount)")
        #expect(throws: ABIDecodingError(.missingSelector(length: 3), offset: 0)) {
            try transfer.decodeCall([0xa9, 0x05, 0x9c])
        }
        #expect(
            throws: ABIDecodingError(
                .selectorMismatch(expected: transfer.selector, found: Selector(rawValue: 0x095e_a7b3)), offset: 0)
        ) {
            try transfer.decodeCall([0x09, 0x5e, 0xa7, 0xb3] + Self.word(1) + Self.word(2))
        }
        let dirty =
            transfer.selector.bytes + Self.word(hex: "0000000000000000000000ff0000000000000000000000000000000000000001")
            + Self.word(5)
        #expect(throws: ABIDecodingError(.dirtyPadding(.address), offset: 4, path: ABIPath([.field(0, name: "to")]))) {
            try transfer.decodeCall(dirty)
        }
    }

    @Test func trailingBytesAfterTheEncodingAreIgnored() throws {
        #expect(try ABIDecoder.decode(Self.word(7) + [1, 2, 3], as: [.uint(8)]) == [.uint(UInt256(7), bits: 8)])
    }

    @Test func errorsDescribeTheProblemTheValueAndTheOffset() {
        let error = ABIDecodingError(
            .dirtyPadding(.address), offset: 224,
            path: ABIPath([.field(1, name: "t"), .field(0, name: "winners"), .element(2)]))
        #expect(error.description == "non-zero padding in address at offset 224 (t.winners[2])")
    }
}
