import PodiumABI
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// Values checked against their types before anything is written, with the value's path in errors; packed mode's
/// documented cases and what it refuses.
@Suite struct EncodingTests {
    @Test(
        arguments: [
            ("uint8", ABIValue.uint(UInt256(256), bits: 256), ABIEncodingError.Reason.valueOutOfRange(.uint(8))),
            ("uint256", .uint(UInt256.max, bits: 256), nil),
            ("int8", .int(Int256(-129), bits: 256), .valueOutOfRange(.int(8))),
            ("int8", .int(Int256(128), bits: 256), .valueOutOfRange(.int(8))),
            ("int8", .int(Int256(-128), bits: 8), nil),
            ("uint256", .bool(true), .typeMismatch(expected: .uint256, found: "bool")),
            ("uint256", .int(Int256(1), bits: 256), .typeMismatch(expected: .uint256, found: "int256")),
            ("bytes4", ABIValue(fixedBytes: [1, 2, 3]), .valueOutOfRange(.fixedBytes(4))),
            ("bytes3", .fixedBytes(Bytes32(UInt256(1)), size: 3), .valueOutOfRange(.fixedBytes(3))),
            ("string", .bytes([0x41]), .typeMismatch(expected: .string, found: "bytes")),
            ("uint8[2]", .fixedArray([.uint(UInt256(1), bits: 8)]), .countMismatch(expected: 2, found: 1)),
            (
                "uint8[2]", .array([.uint(UInt256(1), bits: 8), .uint(UInt256(2), bits: 8)]),
                .typeMismatch(expected: .fixedArray(.uint(8), 2), found: "array of 2")
            ),
            ("(bool,bool)", .tuple([.bool(true)]), .countMismatch(expected: 2, found: 1)),
        ] as [(String, ABIValue, ABIEncodingError.Reason?)])
    func valuesAreCheckedAgainstTheirType(
        _ typeName: String, _ value: ABIValue, _ reason: ABIEncodingError.Reason?
    ) throws {
        let type = try ABIType(parsing: typeName)
        if let reason {
            #expect(throws: ABIEncodingError(reason)) { try type.validate(value) }
            #expect(throws: ABIEncodingError(reason, path: ABIPath([.field(0, name: nil)]))) {
                try ABIEncoder.encode([value], as: [type])
            }
        } else {
            #expect(throws: Never.self) { try type.validate(value) }
        }
    }

    @Test func errorsNameTheValue() throws {
        let distribute = try ABIFunction(
            parsing: "function distribute(address[] winners, uint256[] amounts, uint8 kind)")
        let amounts: ABIValue = .array([.uint256(UInt256(1)), .bool(true)])
        #expect {
            try distribute.encodeCall([.array([]), amounts, .uint(UInt256(0), bits: 8)])
        } throws: { error in
            let error = error as? ABIEncodingError
            return error?.path.description == "amounts[1]"
                && error?.reason == .typeMismatch(expected: .uint256, found: "bool")
        }
        #expect(throws: ABIEncodingError(.countMismatch(expected: 3, found: 1))) {
            try distribute.encodeCall([.array([])])
        }
    }

    @Test func emptyParameterListsEncodeToNothing() throws {
        #expect(try ABIEncoder.encode([], as: [ABIType]()) == [])
        let function = try ABIFunction(parsing: "totalSupply()")
        #expect(try function.encodeCall([]) == [0x18, 0x16, 0x0d, 0xdd])
        #expect(try function.decodeCall([0x18, 0x16, 0x0d, 0xdd]) == [])
    }

    @Test func packedModeExamplesFromTheSolidityDocumentation() throws {
        // `abi.encodePacked(uint16(0x12)) == hex"0012"`
        #expect(try ABIEncoder.encodePacked([.uint(UInt256(0x12), bits: 16)], as: [.uint(16)]) == [0x00, 0x12])
        // `abi.encodePacked("a", "bc") == abi.encodePacked("ab", "c")`
        #expect(
            try ABIEncoder.encodePacked([.string("a"), .string("bc")], as: [.string, .string])
                == ABIEncoder.encodePacked([.string("ab"), .string("c")], as: [.string, .string]))
    }

    @Test(arguments: ["(uint256,address)", "uint256[][]", "string[]", "bytes[2]", "(bool)[]"])
    func packedModeRefusesWhatSolidityRefuses(_ typeName: String) throws {
        let type = try ABIType(parsing: typeName)
        var generator = SeededGenerator(seed: 1)
        let value = generator.abiValue(of: type)
        #expect(throws: ABIEncodingError(.unsupportedInPackedMode(type), path: ABIPath([.field(1, name: nil)]))) {
            try ABIEncoder.encodePacked([.bool(true), value], as: [.bool, type])
        }
    }

    @Test func valueAccessorsAndDescriptions() throws {
        let value: ABIValue = .tuple([
            .uint256(UInt256(5)), .int(Int256(-3), bits: 8),
            .address(try Address(hex: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")),
            .bool(false), ABIValue(fixedBytes: [0xab]), .bytes([1, 2]), .string("hé"), .array([]),
            .fixedArray([.bool(true)]),
        ])
        #expect(
            value.description
                == #"(5, -3, 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, false, 0xab, 0x0102, "hé", [], [true])"#)
        let elements = try #require(value.elements)
        #expect(elements[0].uintValue == UInt256(5))
        #expect(elements[1].intValue == Int256(-3))
        #expect(elements[2].addressValue != nil)
        #expect(elements[3].boolValue == false)
        #expect(elements[4].bytesValue == [0xab])
        #expect(elements[5].bytesValue == [1, 2])
        #expect(elements[6].stringValue == "hé")
        #expect(elements[0].stringValue == nil)
    }
}
