import PodiumABI
import PodiumTestSupport
import Testing

/// The type model and the type-string parser: canonical names, aliases, dynamic-ness and head sizes from the ABI
/// spec, and precise errors.
@Suite struct ABITypeTests {
    @Test(arguments: [
        ("uint", "uint256"), ("int", "int256"), ("byte", "bytes1"), ("uint8", "uint8"), ("int256", "int256"),
        ("address", "address"), ("bool", "bool"), ("bytes32", "bytes32"), ("bytes", "bytes"), ("string", "string"),
        ("function", "function"), ("uint[]", "uint256[]"), ("bytes3[2]", "bytes3[2]"),
        ("tuple(uint256,address)[]", "(uint256,address)[]"),
        (
            "( uint , ( address , bytes ) [ 2 ] ) [] [3]",
            "(uint256,(address,bytes)[2])[][3]"
        ), ("((uint8))", "((uint8))"), ("string[][]", "string[][]"),
    ])
    func typeStringParsesToItsCanonicalName(_ text: String, _ canonical: String) throws {
        let type = try ABIType(parsing: text)
        #expect(type.canonicalName == canonical)
        #expect(try ABIType(parsing: canonical) == type)
    }

    @Test func parsedTypesHaveTheSpecStructure() throws {
        #expect(try ABIType(parsing: "(uint256,address)[]") == .array(.tuple([.uint(256), .address])))
        #expect(try ABIType(parsing: "uint8[2][]") == .array(.fixedArray(.uint(8), 2)))
        #expect(try ABIType(parsing: "tuple(bytes,(bool))[3]") == .fixedArray(.tuple([.bytes, .tuple([.bool])]), 3))
    }

    @Test func canonicalNamesRoundTripForRandomTypes() throws {
        var generator = SeededGenerator()
        for _ in 0..<2000 {
            let type = generator.abiType(depth: 4)
            #expect(try ABIType(parsing: type.canonicalName) == type, "\(type), seed \(generator.seed)")
        }
    }

    /// Dynamic-ness and head sizes as the spec's "Formal Specification of the Encoding" defines them.
    @Test(arguments: [
        ("uint8", false, 32), ("bytes32", false, 32), ("function", false, 32), ("bytes", true, 32),
        ("string", true, 32), ("uint256[]", true, 32), ("uint256[3]", false, 96), ("string[2]", true, 32),
        ("(uint256,address)", false, 64), ("(uint256,bytes)", true, 32), ("(uint256,address)[2]", false, 128),
        ("(uint256[2],bool)[2]", false, 192),
    ])
    func dynamicTypesAndHeadSizesFollowTheSpec(_ text: String, _ isDynamic: Bool, _ headSize: Int) throws {
        let type = try ABIType(parsing: text)
        #expect(type.isDynamic == isDynamic)
        #expect(type.headSize == headSize)
    }

    @Test func depthCountsArraysAndTuples() throws {
        #expect(try ABIType(parsing: "uint256").depth == 1)
        #expect(try ABIType(parsing: "uint256[][]").depth == 3)
        #expect(try ABIType(parsing: "(uint256,(bool[])[])").depth == 5)
    }

    /// Bad type strings, where the problem starts, and why.
    @Test(arguments: [
        ("uint7", 0, ABIParseError.Reason.invalidIntegerWidth("uint7")),
        ("int264", 0, .invalidIntegerWidth("int264")),
        ("uint08", 0, .invalidIntegerWidth("uint08")),
        ("uint0", 0, .invalidIntegerWidth("uint0")),
        ("bytes33", 0, .invalidFixedBytesSize("bytes33")),
        ("bytes0", 0, .invalidFixedBytesSize("bytes0")),
        ("fixed128x18", 0, .unsupportedFixedPoint("fixed128x18")),
        ("ufixed", 0, .unsupportedFixedPoint("ufixed")),
        ("Pool", 0, .unknownType("Pool")),
        ("uint256[0]", 8, .zeroLengthArray),
        ("uint256[01]", 8, .invalidArrayLength("01")),
        ("uint256[4294967296]", 8, .invalidArrayLength("4294967296")),
        ("uint256[", 8, .unexpectedEnd(expected: "an array length or ']'")),
        ("uint256[2", 9, .unexpectedEnd(expected: "']'")),
        ("(uint256", 8, .unexpectedEnd(expected: "',' or ')'")),
        ("(uint256,", 9, .unexpectedEnd(expected: "a type")),
        ("uint256)", 7, .unexpectedCharacter(")", expected: "end of input")),
        ("(uint256))", 9, .unexpectedCharacter(")", expected: "end of input")),
        ("((uint256)", 10, .unexpectedEnd(expected: "',' or ')'")),
        ("()", 0, .emptyTuple),
        ("(uint256,)", 9, .unexpectedCharacter(")", expected: "a type")),
        ("", 0, .unexpectedEnd(expected: "a type")),
        ("uint256 amount", 8, .unexpectedName("amount")),
        ("uint256 indexed", 8, .unexpectedName("indexed")),
        ("€", 0, .unexpectedCharacter("€", expected: "a type")),
    ])
    func badTypeStringsAreRejectedWithPositionAndReason(
        _ text: String, _ position: Int, _ reason: ABIParseError.Reason
    ) {
        #expect(throws: ABIParseError(input: text, position: position, reason: reason)) { try ABIType(parsing: text) }
    }

    @Test func nestingIsBounded() throws {
        let limit = ABIType.maximumDepth
        let deepest = "uint8" + String(repeating: "[]", count: limit - 1)
        #expect(try ABIType(parsing: deepest).depth == limit)
        let tooManyArrays = deepest + "[]"
        #expect(
            throws: ABIParseError(
                input: tooManyArrays, position: tooManyArrays.utf8.count - 1, reason: .tooDeep(limit: limit))
        ) {
            try ABIType(parsing: tooManyArrays)
        }
        let tuples = String(repeating: "(", count: limit - 1) + "uint8" + String(repeating: ")", count: limit - 1)
        #expect(try ABIType(parsing: tuples).depth == limit)
        // A hundred thousand open parentheses stop at the limit, not at the end of the stack.
        let bomb = String(repeating: "(", count: 100_000)
        #expect(throws: ABIParseError(input: bomb, position: limit - 1, reason: .tooDeep(limit: limit))) {
            try ABIType(parsing: bomb)
        }
    }

    @Test func errorsDescribeThemselves() {
        let error = ABIParseError(input: "uint7", position: 0, reason: .invalidIntegerWidth("uint7"))
        #expect(error.description == "invalid integer width in uint7 (8…256, a multiple of 8) at offset 0 in \"uint7\"")
    }
}
