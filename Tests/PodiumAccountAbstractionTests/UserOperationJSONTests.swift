import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// ERC-7769's JSON object: what viem and permissionless send reads back to the same operation and writes back to
/// the same text; every malformed member is refused with an error naming it.
@Suite struct UserOperationJSONTests {
    /// A sponsored operation deploying its account, as viem's `formatUserOperationRequest` writes one (addresses
    /// as given, quantities without leading zeros).
    static let sponsoredDeployment = """
        {"sender":"0x1234567890123456789012345678901234567890","nonce":"0x0",\
        "factory":"0x9406Cc6185a346906296840746125a0E44976454","factoryData":"0x5fbfb9cf00",\
        "callData":"0xb61d27f6","callGasLimit":"0x13880","verificationGasLimit":"0x5b8d80",\
        "preVerificationGas":"0xc350","maxFeePerGas":"0x3b9aca00","maxPriorityFeePerGas":"0x3b9aca00",\
        "paymaster":"0x0000000071727De22E5E9d8BAf0edAc6f37da032","paymasterVerificationGasLimit":"0x186a0",\
        "paymasterPostOpGasLimit":"0x1","paymasterData":"0x","signature":"0xdeadbeef"}
        """

    static func json(_ text: String) throws -> JSONValue { try JSONValue(json: Array(text.utf8)) }

    /// The members of `sponsoredDeployment`, edited.
    static func members(_ edit: (inout [String: JSONValue]) -> Void) throws -> JSONValue {
        var members = try json(sponsoredDeployment).objectValue!
        edit(&members)
        return .object(members)
    }

    @Test func readsWhatViemSendsAndWritesItBack() throws {
        let operation = try UserOperation(json: Self.json(Self.sponsoredDeployment))
        #expect(operation.sender == (try Address(hex: "0x1234567890123456789012345678901234567890")))
        #expect(operation.factory?.data == [0x5f, 0xbf, 0xb9, 0xcf, 0x00])
        #expect(operation.callGasLimit == 80_000)
        #expect(operation.verificationGasLimit == 6_000_000)
        #expect(operation.paymaster?.verificationGasLimit == 100_000)
        #expect(operation.paymaster?.postOpGasLimit == 1)
        #expect(operation.paymaster?.data == [])
        #expect(operation.signature == [0xde, 0xad, 0xbe, 0xef])
        #expect(operation.json == (try Self.json(Self.sponsoredDeployment)))
    }

    @Test func absentAndNullOptionalGroupsAreTheSame() throws {
        let absent = try Self.members { members in
            for name in ["factory", "factoryData", "paymaster", "paymasterVerificationGasLimit",
                         "paymasterPostOpGasLimit", "paymasterData"] { members[name] = nil }
        }
        let null = try Self.members { members in
            for name in ["factory", "factoryData", "paymaster", "paymasterVerificationGasLimit",
                         "paymasterPostOpGasLimit", "paymasterData"] { members[name] = .null }
        }
        let operation = try UserOperation(json: absent)
        #expect(operation.factory == nil && operation.paymaster == nil)
        #expect(try UserOperation(json: null) == operation)
        #expect(operation.json == absent)
        #expect(operation.json.objectValue?.count == 9)
    }

    @Test func randomOperationsRoundTripThroughJSONText() throws {
        var generator = SeededGenerator()
        for i in 0..<300 {
            let operation = generator.userOperation()
            let text = operation.json.jsonText
            #expect(try UserOperation(json: Self.json(text)) == operation, "case \(i), seed \(generator.seed)")
        }
    }

    @Test func writesQuantitiesWithoutLeadingZerosAndEmptyBytesAsBare0x() throws {
        let operation = UserOperation(
            sender: .zero, nonce: 0, callData: [], callGasLimit: 0x10, verificationGasLimit: 0,
            preVerificationGas: UserOperation.maximumGasValue, maxFeePerGas: 1, maxPriorityFeePerGas: 0)
        let members = try #require(operation.json.objectValue)
        #expect(members["nonce"] == "0x0")
        #expect(members["callGasLimit"] == "0x10")
        #expect(members["preVerificationGas"] == .string("0x" + String(repeating: "f", count: 30)))
        #expect(members["callData"] == "0x")
        #expect(members["signature"] == "0x")
        #expect(members["sender"] == "0x0000000000000000000000000000000000000000")
    }

    /// One malformed edit of `sponsoredDeployment` and the error it must give.
    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let edit: @Sendable (inout [String: JSONValue]) -> Void
        let error: UserOperationError
        var testDescription: String { name }

        init(
            _ name: String, _ edit: @escaping @Sendable (inout [String: JSONValue]) -> Void,
            _ error: UserOperationError
        ) {
            (self.name, self.edit, self.error) = (name, edit, error)
        }
    }

    static let malformed: [Malformed] = [
        Malformed("v0.6 initCode", { $0["initCode"] = "0x" }, .unknownMember("initCode")),
        Malformed("v0.6 paymasterAndData", { $0["paymasterAndData"] = "0x" }, .unknownMember("paymasterAndData")),
        Malformed("EIP-7702 authorization", { $0["eip7702Auth"] = .object([:]) }, .unknownMember("eip7702Auth")),
        Malformed("no sender", { $0["sender"] = nil }, .missingMember(.sender)),
        Malformed("null nonce", { $0["nonce"] = .null }, .missingMember(.nonce)),
        Malformed("no callData", { $0["callData"] = nil }, .missingMember(.callData)),
        Malformed("no signature", { $0["signature"] = nil }, .missingMember(.signature)),
        Malformed("no maxFeePerGas", { $0["maxFeePerGas"] = nil }, .missingMember(.maxFeePerGas)),
        Malformed("number nonce", { $0["nonce"] = .number("1") }, .notAString(.nonce)),
        Malformed("bool signature", { $0["signature"] = true }, .notAString(.signature)),
        Malformed("leading zero", { $0["callGasLimit"] = "0x01" }, .invalidQuantity(.callGasLimit, .leadingZero)),
        Malformed("zero as 0x00", { $0["nonce"] = "0x00" }, .invalidQuantity(.nonce, .leadingZero)),
        Malformed("empty quantity", { $0["preVerificationGas"] = "0x" },
            .invalidQuantity(.preVerificationGas, .emptyNumber)),
        Malformed("decimal quantity", { $0["maxFeePerGas"] = "1000" }, .invalidQuantity(.maxFeePerGas, .missingPrefix)),
        Malformed("negative quantity", { $0["verificationGasLimit"] = "-0x1" },
            .invalidQuantity(.verificationGasLimit, .sign)),
        Malformed("bad digit", { $0["maxPriorityFeePerGas"] = "0x1g" },
            .invalidQuantity(.maxPriorityFeePerGas, .invalidDigit("g", offset: 3))),
        Malformed("257-bit nonce", { $0["nonce"] = .string("0x1" + String(repeating: "0", count: 64)) },
            .invalidQuantity(.nonce, .overflow(bits: 256))),
        Malformed("gas above uint120", { $0["callGasLimit"] = .string("0x1" + String(repeating: "0", count: 30)) },
            .gasValueTooLarge(.callGasLimit, UInt256(1) << 120)),
        Malformed("paymaster gas above uint120",
            { $0["paymasterPostOpGasLimit"] = .string("0x" + String(repeating: "f", count: 31)) },
            .gasValueTooLarge(.paymasterPostOpGasLimit, UInt256.max >> 132)),
        Malformed("odd bytes", { $0["callData"] = "0xabc" }, .invalidBytes(.callData, .oddLength(3))),
        Malformed("bytes without 0x", { $0["signature"] = "deadbeef" }, .missingPrefix(.signature)),
        Malformed("bad byte digit", { $0["factoryData"] = "0xzz" },
            .invalidBytes(.factoryData, .invalidCharacter("z", offset: 2))),
        Malformed("address without 0x", { $0["sender"] = "1234567890123456789012345678901234567890" },
            .missingPrefix(.sender)),
        Malformed("short address", { $0["paymaster"] = "0x1234" },
            .invalidAddress(.paymaster, .wrongLength(digits: 4))),
        Malformed("bad checksum", { $0["factory"] = "0x9406cc6185a346906296840746125a0E44976454" },
            .invalidAddress(.factory, .invalidChecksum(
                expected: try! Address(hex: "0x9406Cc6185a346906296840746125a0E44976454")))),
        Malformed("EIP-7702 factory marker", { $0["factory"] = "0x7702" },
            .invalidAddress(.factory, .wrongLength(digits: 4))),
        Malformed("factory alone", { $0["factoryData"] = nil },
            .incompleteGroup(present: .factory, missing: .factoryData)),
        Malformed("factoryData alone", { $0["factory"] = .null },
            .incompleteGroup(present: .factoryData, missing: .factory)),
        Malformed("paymaster without data", { $0["paymasterData"] = nil },
            .incompleteGroup(present: .paymaster, missing: .paymasterData)),
        Malformed("paymaster without limits", { $0["paymasterVerificationGasLimit"] = nil },
            .incompleteGroup(present: .paymaster, missing: .paymasterVerificationGasLimit)),
        Malformed("paymaster limits alone", { $0["paymaster"] = nil; $0["paymasterData"] = nil },
            .incompleteGroup(present: .paymasterVerificationGasLimit, missing: .paymaster)),
    ]

    @Test(arguments: malformed)
    func refusesMalformedMembersNamingTheField(_ malformed: Malformed) throws {
        let json = try Self.members(malformed.edit)
        #expect(throws: malformed.error) { try UserOperation(json: json) }
    }

    @Test func refusesWhatIsNotAnObject() throws {
        #expect(throws: UserOperationError.notAnObject) { try UserOperation(json: ["0x0"]) }
        #expect(throws: UserOperationError.notAnObject) { try UserOperation(json: .null) }
    }

    @Test func errorsReadAsOneLineNamingTheField() {
        #expect(UserOperationError.invalidQuantity(.callGasLimit, .leadingZero).description
            == "callGasLimit: quantity has a leading zero")
        #expect(UserOperationError.incompleteGroup(present: .paymaster, missing: .paymasterData).description
            == "paymaster is given without paymasterData")
        #expect(UserOperationError.gasValueTooLarge(.maxFeePerGas, UInt256(1) << 120).description.hasPrefix(
            "maxFeePerGas 1329227995784915872903807060280344576 is above 2^120 - 1"))
    }
}
