import PodiumABI
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// Argument text in cast's syntax read as ABI values (`ABIValue(parsing:as:)`, `ABIValue.parseArguments`): the
/// accepted forms with values written independently of the parser, each rejection with its reason and place, and
/// the round trip from the text form cast prints.
@Suite struct ArgumentParsingTests {
    /// Integers: decimal, hex, signs, and the exponents and units cast accepts (alloy's `coerce_str` tests).
    @Test(arguments: [
        ("uint256", "0", ABIValue.uint(.zero, bits: 256)),
        ("uint256", "1000", .uint(UInt256(1000), bits: 256)),
        ("uint256", "0xff", .uint(UInt256(255), bits: 256)),
        ("uint256", "0XFF", .uint(UInt256(255), bits: 256)),
        ("uint256", "  007  ", .uint(UInt256(7), bits: 256)),
        (
            "uint256", "115792089237316195423570985008687907853269984665640564039457584007913129639935",
            .uint(.max, bits: 256)
        ),
        ("uint8", "255", .uint(UInt256(255), bits: 8)),
        ("uint256", "1ether", .uint(UInt256(1_000_000_000_000_000_000), bits: 256)),
        ("uint256", "1.5 ether", .uint(UInt256(1_500_000_000_000_000_000), bits: 256)),
        ("uint256", "0.1 gwei", .uint(UInt256(100_000_000), bits: 256)),
        ("uint256", "2gwei", .uint(UInt256(2_000_000_000), bits: 256)),
        ("uint256", "7wei", .uint(UInt256(7), bits: 256)),
        ("uint256", "1e18", .uint(UInt256(1_000_000_000_000_000_000), bits: 256)),
        ("uint256", "1.5e3", .uint(UInt256(1500), bits: 256)),
        ("uint256", "1.000", .uint(UInt256(1), bits: 256)),
        ("int8", "-128", .int(Int256(-128), bits: 8)),
        ("int8", "127", .int(Int256(127), bits: 8)),
        ("int8", "+5", .int(Int256(5), bits: 8)),
        ("int8", "-0x80", .int(Int256(-128), bits: 8)),
        ("int256", "-1", .int(Int256(-1), bits: 256)),
        ("int256", "-0", .int(.zero, bits: 256)),
        ("int256", "-1.5gwei", .int(Int256(-1_500_000_000), bits: 256)),
        (
            "int256", "-57896044618658097711785492504343953926634992332820282019728792003956564819968",
            .int(.min, bits: 256)
        ),
        ("int256", "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", .int(.max, bits: 256)),
    ])
    func readsIntegers(type: String, text: String, expected: ABIValue) throws {
        #expect(try ABIValue(parsing: text, as: ABIType(parsing: type)) == expected)
    }

    @Test(arguments: [
        ("uint8", "256", "256 is out of range for uint8 (0 to 255)"),
        ("uint16", "0x10000", "0x10000 is out of range for uint16 (0 to 65535)"),
        ("int8", "128", "128 is out of range for int8 (-128 to 127)"),
        ("int8", "-129", "-129 is out of range for int8 (-128 to 127)"),
        (
            "uint256", "115792089237316195423570985008687907853269984665640564039457584007913129639936",
            "115792089237316195423570985008687907853269984665640564039457584007913129639936 is out of range for "
                + "uint256 (0 to 115792089237316195423570985008687907853269984665640564039457584007913129639935)"
        ),
        (
            "int256", "0x8000000000000000000000000000000000000000000000000000000000000000",
            "0x8000000000000000000000000000000000000000000000000000000000000000 is out of range for int256 "
                + "(-57896044618658097711785492504343953926634992332820282019728792003956564819968 to "
                + "57896044618658097711785492504343953926634992332820282019728792003956564819967)"
        ),
        (
            "uint256", "1e78",
            "1e78 is out of range for uint256 "
                + "(0 to 115792089237316195423570985008687907853269984665640564039457584007913129639935)"
        ),
        ("uint8", "-1", "invalid integer \"-1\": unsigned number cannot have a sign"),
        ("uint256", "12a4", "invalid integer \"12a4\": invalid digit \"a\" at offset 2"),
        ("uint256", "12a", "unknown unit \"a\" (ether, gwei or wei)"),
        ("int256", "-12a4", "invalid integer \"-12a4\": invalid digit \"a\" at offset 3"),
        ("uint256", "0xfg", "invalid integer \"0xfg\": invalid digit \"g\" at offset 3"),
        ("uint256", "1.5", "\"1.5\" is not a whole number"),
        ("uint256", "0.1wei", "\"0.1wei\" is not a whole number"),
        ("uint256", "1 foo", "unknown unit \"foo\" (ether, gwei or wei)"),
        ("uint256", "", "unexpected end, expected a uint256 value"),
        ("uint256", "[1]", "unexpected \"[\", expected a uint256 value"),
    ])
    func rejectsBadIntegers(type: String, text: String, message: String) throws {
        let error = try #require(throws: ABIArgumentError.self) {
            try ABIValue(parsing: text, as: ABIType(parsing: type))
        }
        #expect(error.description == message)
    }

    @Test func readsAddressesCheckingMixedCase() throws {
        // EIP-55's own examples.
        let checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
        let address = try Address(hex: checksummed)
        for text in [
            checksummed, checksummed.lowercased(), "0x" + checksummed.dropFirst(2).uppercased(), " \(checksummed) ",
        ] {
            #expect(try ABIValue(parsing: text, as: .address) == .address(address), "\(text)")
        }
        #expect(try ABIValue(parsing: "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", as: .address) == .address(address))
        let wrongCase = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"
        let error = try #require(throws: ABIArgumentError.self) { try ABIValue(parsing: wrongCase, as: .address) }
        #expect(error.reason == .invalidAddress(wrongCase, .invalidChecksum(expected: address)))
        #expect(throws: ABIArgumentError.self) {
            try ABIValue(parsing: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea", as: .address)
        }
    }

    @Test func readsBoolsAsCastDoes() throws {
        #expect(try ABIValue(parsing: "true", as: .bool) == .bool(true))
        #expect(try ABIValue(parsing: "false", as: .bool) == .bool(false))
        for text in ["1", "0", "True", "yes"] {
            let error = try #require(throws: ABIArgumentError.self) { try ABIValue(parsing: text, as: .bool) }
            #expect(error.reason == .invalidBool(text))
        }
    }

    @Test func readsBytesAsHex() throws {
        #expect(try ABIValue(parsing: "0x64617665", as: .bytes) == .bytes(Array("dave".utf8)))
        #expect(try ABIValue(parsing: "64617665", as: .bytes) == .bytes(Array("dave".utf8)))
        #expect(try ABIValue(parsing: "0x", as: .bytes) == .bytes([]))
        #expect(try ABIValue(parsing: "0x616263", as: .fixedBytes(3)) == ABIValue(fixedBytes: Array("abc".utf8)))
        let error = try #require(throws: ABIArgumentError.self) { try ABIValue(parsing: "0x123", as: .bytes) }
        #expect(error.reason == .invalidHex("0x123", .oddLength(3)))
    }

    /// As alloy's `coerce_str`: `bytes<M>` takes exactly M bytes; shorter input is not padded.
    @Test(arguments: ["0x6162", "0x61626364", "0x"])
    func fixedBytesTakeExactlyTheirSize(text: String) throws {
        let error = try #require(throws: ABIArgumentError.self) { try ABIValue(parsing: text, as: .fixedBytes(3)) }
        #expect(error.reason == .wrongByteCount(.fixedBytes(3), expected: 3, found: (text.count - 2) / 2))
    }

    @Test func readsFunctionsAsAddressAndSelector() throws {
        let text = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeda9059cbb"
        let expected = ABIValue.function(
            try Address(hex: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"), Selector(rawValue: 0xa905_9cbb))
        #expect(try ABIValue(parsing: text, as: .function) == expected)
        #expect(throws: ABIArgumentError.self) {
            try ABIValue(parsing: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", as: .function)
        }
    }

    /// A whole string argument is its text as it is; inside brackets, strings are quoted or bare (alloy's tests).
    @Test func readsStrings() throws {
        for text in ["", "  Hello, world!  ", "\"quoted\"", "[not, an, array]", "a)b"] {
            #expect(try ABIValue(parsing: text, as: .string) == .string(text))
        }
        let strings = ABIType.array(.string)
        let cases: [(String, [String])] = [
            ("[]", []),
            ("[    ]", []),
            ("[ foo bar ]", ["foo bar"]),
            ("[foo bar,]", ["foo bar"]),
            ("[ foo , bar ]", ["foo", "bar"]),
            ("[\"a b\",\"c\"]", ["a b", "c"]),
            ("[\"a, b]\", 'c d']", ["a, b]", "c d"]),
            ("['\"hi\"', \"\"]", ["\"hi\"", ""]),
            ("[0x]", ["0x"]),
        ]
        for (text, expected) in cases {
            #expect(try ABIValue(parsing: text, as: strings) == .array(expected.map(ABIValue.string)), "\(text)")
        }
        let tuple = try ABIType(parsing: "(string,bool,string)")
        #expect(
            try ABIValue(parsing: "(\"a,]) b\", true, true? ]and] false!)", as: tuple)
                == .tuple([.string("a,]) b"), .bool(true), .string("true? ]and] false!")]))
    }

    @Test(arguments: [
        ("string[]", "[\"a]", ABIArgumentError.Reason.unterminatedString(quote: "\""), 1),
        ("string[]", "[a,,b]", .unexpectedCharacter(",", expected: "a string value (write an empty one as \"\")"), 3),
        ("uint256[]", "[1,2", .unexpectedEnd(expected: "\",\" or \"]\""), 4),
        ("uint256[]", "[1,2]]", .unexpectedCharacter("]", expected: "the end of the argument"), 5),
        ("uint256[]", "1,2", .unexpectedCharacter("1", expected: "\"[\" to start a uint256[] value"), 0),
        ("uint256[]", "[1 2]", .invalidInteger("1 2", .invalidCharacter("2", offset: 2)), 1),
        ("(uint256,bool)", "(1,true", .unexpectedEnd(expected: "\")\" after the 2 components of (uint256,bool)"), 7),
        (
            "(uint256,bool)", "(1,true,3)",
            .unexpectedCharacter(",", expected: "\")\" after the 2 components of (uint256,bool)"), 7
        ),
        ("(uint256,bool)", "(1)", .countMismatch(.tuple([.uint256, .bool]), expected: 2, found: 1), 2),
        ("(uint256,bool)", "()", .countMismatch(.tuple([.uint256, .bool]), expected: 2, found: 0), 1),
        ("(uint256,bool)", "(1;true)", .invalidInteger("1;true", .invalidCharacter(";", offset: 1)), 1),
        (
            "(uint256,bool)[]", "[(1,true]",
            .unexpectedCharacter("]", expected: "\")\" after the 2 components of (uint256,bool)"), 8
        ),
        ("bool[3]", "[true, false]", .countMismatch(.fixedArray(.bool, 3), expected: 3, found: 2), 0),
        ("uint8[][]", "[[1],[2,300]]", .outOfRange("300", .uint(8)), 8),
    ])
    func rejectsMalformedStructure(type: String, text: String, reason: ABIArgumentError.Reason, position: Int) throws {
        let error = try #require(throws: ABIArgumentError.self) {
            try ABIValue(parsing: text, as: ABIType(parsing: type))
        }
        #expect(error.reason == reason)
        #expect(error.position == position)
        #expect(error.input == text)
    }

    @Test func readsNestedArraysAndTuples() throws {
        let type = try ABIType(parsing: "(uint256,(address,bytes)[],string,bool[2][])")
        let owner = try Address(hex: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        let text =
            "( 1 ,[(0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, 0x01 ), (5aaeb6053f3e94c9b9a09f33669435e7ef1beaed,0x)],"
            + " a prize , [[true,false] , [ false , true ]] )"
        let expected = ABIValue.tuple([
            .uint(UInt256(1), bits: 256),
            .array([.tuple([.address(owner), .bytes([1])]), .tuple([.address(owner), .bytes([])])]),
            .string("a prize"),
            .array([.fixedArray([.bool(true), .bool(false)]), .fixedArray([.bool(false), .bool(true)])]),
        ])
        #expect(try ABIValue(parsing: text, as: type) == expected)
        #expect(
            try ABIValue(parsing: "[[1,2],[],[3]]", as: .array(.array(.uint256)))
                == .array([
                    .array([.uint256(UInt256(1)), .uint256(UInt256(2))]), .array([]), .array([.uint256(UInt256(3))]),
                ]))
    }

    @Test func argumentErrorsNameThePositionAndParameter() throws {
        let function = try ABIFunction(
            parsing: "function pay(address to, uint8[] amounts, (address maker, uint8 share)[] splits, string note)")
        let good = [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "[1, 2]", "[(0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, 3)]",
            "hi",
        ]
        #expect(try ABIValue.parseArguments(good, as: function.inputs).count == 4)

        var arguments = good
        arguments[1] = "[1,2,256]"
        let outOfRange = try #require(throws: ABIArgumentError.self) {
            try ABIValue.parseArguments(arguments, as: function.inputs)
        }
        #expect(outOfRange.argument == 1)
        #expect(outOfRange.path == ABIPath([.element(2)]))
        #expect(
            outOfRange.description
                == "argument 2, amounts[2]: 256 is out of range for uint8 (0 to 255) (offset 5 in \"[1,2,256]\")")

        arguments = good
        arguments[2] = "[(0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, -3)]"
        let nested = try #require(throws: ABIArgumentError.self) {
            try ABIValue.parseArguments(arguments, as: function.inputs)
        }
        #expect(nested.description.hasPrefix("argument 3, splits[0].share: invalid integer \"-3\""))

        arguments = good
        arguments[0] = "256"
        let top = try #require(throws: ABIArgumentError.self) {
            try ABIValue.parseArguments(arguments, as: function.inputs)
        }
        #expect(top.description == "argument 1, to: invalid address \"256\": an address is 40 hex digits, got 3")

        let count = try #require(throws: ABIArgumentError.self) {
            try ABIValue.parseArguments(Array(good.prefix(3)), as: function.inputs)
        }
        #expect(count.reason == .argumentCount(expected: 4, found: 3))
        #expect(count.description == "expected 4 arguments, found 3")
    }

    /// The text form `ABIValue.description` gives, as cast prints values, reads back as the same value: random types
    /// and values of every kind but `string` (which prints quoted and escaped), nested up to three deep.
    @Test func readsBackTheTextFormOfRandomValues() throws {
        var generator = SeededGenerator()
        for _ in 0..<2000 {
            let type = Self.replacingStrings(generator.abiType(depth: 3))
            let value = generator.abiValue(of: type)
            #expect(
                try ABIValue(parsing: value.description, as: type) == value,
                "\(type) \(value), seed \(generator.seed)")
        }
    }

    /// Random text made of the syntax's characters never traps the parser: it reads a value of the type or throws.
    @Test func neverTrapsOnRandomText() {
        var generator = SeededGenerator()
        let alphabet: [Character] = [
            "[", "]", "(", ")", ",", " ", "\"", "'", "-", "+", ".", "0", "1", "9", "x", "e", "a", "f", "g", "t", "r",
            "u", "w", "i", "é", "😀", "\n",
        ]
        for _ in 0..<5000 {
            let type = generator.abiType(depth: 3)
            let text = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            })
            if let value = try? ABIValue(parsing: text, as: type) {
                #expect(throws: Never.self, "\(type) \(text.debugDescription)") { try type.validate(value) }
            }
        }
    }

    /// `type` with `bytes` wherever it has `string`.
    static func replacingStrings(_ type: ABIType) -> ABIType {
        switch type {
        case .string: .bytes
        case .array(let element): .array(replacingStrings(element))
        case .fixedArray(let element, let count): .fixedArray(replacingStrings(element), count)
        case .tuple(let components): .tuple(components.map(replacingStrings))
        default: type
        }
    }
}
