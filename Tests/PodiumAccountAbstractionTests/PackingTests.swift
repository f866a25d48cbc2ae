import PodiumABI
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// The packed form EntryPoint v0.7 takes: packing and unpacking, the uint120 bound, the ABI encoding of one
/// operation and of handleOps against eth-abi (Tests/oracles/userop.py), and decoding back.
@Suite struct PackingTests {
    static let sender = try! Address(hex: "0x1234567890123456789012345678901234567890")
    static let paymaster = try! Address(hex: "0x00000000000000000000000000000000000000aa")

    static func operation() -> UserOperation {
        UserOperation(
            sender: sender, nonce: 7, factory: UserOperation.Factory(address: paymaster, data: [1, 2, 3]),
            callData: [0xb6], callGasLimit: 0x0102, verificationGasLimit: 0x0304, preVerificationGas: 0x0506,
            maxFeePerGas: 0x0708, maxPriorityFeePerGas: 0x090a,
            paymaster: UserOperation.Paymaster(
                address: paymaster, verificationGasLimit: 0x0b0c, postOpGasLimit: 0x0d0e, data: [0xee]),
            signature: [0x55])
    }

    @Test func packsGasValuesIntoHalvesAndGroupsIntoByteStrings() throws {
        let packed = try Self.operation().packed()
        #expect(packed.accountGasLimits == (try Bytes32(hex: String(repeating: "0", count: 28) + "0304"
            + String(repeating: "0", count: 28) + "0102")))
        #expect(packed.gasFees == (try Bytes32(hex: String(repeating: "0", count: 28) + "090a"
            + String(repeating: "0", count: 28) + "0708")))
        #expect(packed.initCode == Self.paymaster.bytes + [1, 2, 3])
        #expect(packed.paymasterAndData == Self.paymaster.bytes + [UInt8](repeating: 0, count: 14) + [0x0b, 0x0c]
            + [UInt8](repeating: 0, count: 14) + [0x0d, 0x0e, 0xee])
        #expect(packed.preVerificationGas == 0x0506)
        #expect(try UserOperation(unpacking: packed) == Self.operation())
    }

    @Test func randomOperationsSurvivePackingAndUnpacking() throws {
        var generator = SeededGenerator()
        for i in 0..<500 {
            let operation = generator.userOperation()
            #expect(try UserOperation(unpacking: operation.packed()) == operation, "case \(i), seed \(generator.seed)")
        }
    }

    static let gasFields: [(UserOperationField, any WritableKeyPath<UserOperation, UInt256> & Sendable)] = [
        (.callGasLimit, \.callGasLimit), (.verificationGasLimit, \.verificationGasLimit),
        (.preVerificationGas, \.preVerificationGas), (.maxFeePerGas, \.maxFeePerGas),
        (.maxPriorityFeePerGas, \.maxPriorityFeePerGas),
        (.paymasterVerificationGasLimit, \.paymaster!.verificationGasLimit),
        (.paymasterPostOpGasLimit, \.paymaster!.postOpGasLimit),
    ]

    @Test(arguments: gasFields.indices)
    func refusesEachGasValueAboveUint120NamingIt(index: Int) throws {
        let (field, path) = Self.gasFields[index]
        var operation = Self.operation()
        operation[keyPath: path] = UserOperation.maximumGasValue
        _ = try operation.packed()
        operation[keyPath: path] = UserOperation.maximumGasValue + 1
        #expect(throws: UserOperationError.gasValueTooLarge(field, UInt256(1) << 120)) { try operation.packed() }
        operation[keyPath: path] = .max
        #expect(throws: UserOperationError.gasValueTooLarge(field, .max)) { try operation.packed() }
    }

    @Test func unpackingRefusesByteStringsTooShortToSplit() throws {
        var packed = try Self.operation().packed()
        packed.initCode = [UInt8](repeating: 1, count: 19)
        #expect(throws: UserOperationError.tooShort(.initCode, length: 19, minimum: 20)) {
            try UserOperation(unpacking: packed)
        }
        packed.initCode = Self.paymaster.bytes
        #expect(
            try UserOperation(unpacking: packed).factory == UserOperation.Factory(address: Self.paymaster, data: []))
        packed.paymasterAndData = [UInt8](repeating: 1, count: 51)
        #expect(throws: UserOperationError.tooShort(.paymasterAndData, length: 51, minimum: 52)) {
            try UserOperation(unpacking: packed)
        }
    }

    @Test func handleOpsSelectorIsThe4337One() {
        #expect(EntryPoint.handleOpsSelector == Selector(rawValue: 0x765e_827f))
        #expect(PackedUserOperation.abiType.canonicalName
            == "(address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes)")
    }

    struct HandleOpsCase: Codable, Sendable { let ops: [OracleOperation], beneficiary: String }
    struct EncodingRequest: Codable, Sendable { let encode: [OracleOperation], handleOps: [HandleOpsCase] }
    struct EncodingAnswer: Codable, Sendable { let encode: [String], handleOps: [String] }

    @Test func encodingsMatchEthAbiAndDecodeBack() async throws {
        var generator = SeededGenerator()
        let operations = (0..<200).map { _ in generator.packedOperation() }
        let bundles = (0..<40).map { _ in
            (0..<Int.random(in: 0...8, using: &generator)).map { _ in generator.packedOperation() }
        }
        let beneficiaries = bundles.map { _ in generator.address() }
        let request = EncodingRequest(
            encode: operations.map(OracleOperation.init),
            handleOps: zip(bundles, beneficiaries).map {
                HandleOpsCase(ops: $0.map(OracleOperation.init), beneficiary: $1.description)
            })
        let answers = try await PythonOracle.call("userop", request, as: EncodingAnswer.self)
        for (i, operation) in operations.enumerated() {
            #expect(Hex.encode(operation.abiEncoded) == answers.encode[i], "case \(i), seed \(generator.seed)")
            #expect(try PackedUserOperation(abiEncoded: operation.abiEncoded) == operation)
        }
        for (i, bundle) in bundles.enumerated() {
            let calldata = EntryPoint.handleOps(bundle, beneficiary: beneficiaries[i])
            #expect(Hex.encode(calldata) == answers.handleOps[i], "bundle \(i), seed \(generator.seed)")
            let decoded = try EntryPoint.decodeHandleOps(calldata)
            #expect(decoded.operations == bundle && decoded.beneficiary == beneficiaries[i])
        }
    }

    @Test func decodingHandleOpsRefusesOtherCalldataWithOffsetsCountingTheSelector() throws {
        let calldata = EntryPoint.handleOps([try Self.operation().packed()], beneficiary: Self.sender)
        #expect(throws: ABIDecodingError(.missingSelector(length: 3), offset: 0)) {
            try EntryPoint.decodeHandleOps(Array(calldata.prefix(3)))
        }
        var other = calldata
        other[0] = 0
        #expect(throws: ABIDecodingError(
            .selectorMismatch(expected: EntryPoint.handleOpsSelector, found: Selector(rawValue: 0x005e_827f)),
            offset: 0)) { try EntryPoint.decodeHandleOps(other) }
        var dirty = calldata
        dirty[4 + 32 + 11] = 1  // a byte of the beneficiary word's zero padding
        let error = try #require(throws: ABIDecodingError.self) { try EntryPoint.decodeHandleOps(dirty) }
        #expect(error.reason == .dirtyPadding(.address) && error.offset == 36)
    }
}

/// Nonce keys and sequences, and the EntryPoint's size bounds.
@Suite struct NonceAndLimitTests {
    @Test func nonceSplitsIntoA192BitKeyAndA64BitSequence() throws {
        let nonce = try UserOperationNonce(key: UInt256.max >> 64, sequence: .max)
        #expect(nonce.value == .max)
        let split = UserOperationNonce(UInt256(limbs: 5, 6, 7, 8))
        #expect(split.sequence == 5 && split.key == UInt256(limbs: 6, 7, 8, 0))
        #expect(try UserOperationNonce(key: 1, sequence: 2).value == (UInt256(1) << 64) + 2)
        #expect(UserOperationNonce(try UserOperationNonce(key: 42, sequence: 9).value).key == 42)
        #expect(throws: UserOperationError.nonceKeyTooLarge(UInt256(1) << 192)) {
            try UserOperationNonce(key: UInt256(1) << 192, sequence: 0)
        }
    }

    @Test func podiumLimitsAreTheVyperEntryPoints() {
        let limits = UserOperationLimits.podium
        #expect(limits.operationsPerBundle == 8 && limits.initCode == 512 && limits.callData == 4096)
        #expect(limits.paymasterAndData == 512 && limits.signature == 512)
    }

    static let fields: [(UserOperationField, any WritableKeyPath<PackedUserOperation, [UInt8]> & Sendable, Int)] = [
        (.initCode, \.initCode, 512), (.callData, \.callData, 4096), (.paymasterAndData, \.paymasterAndData, 512),
        (.signature, \.signature, 512),
    ]

    @Test(arguments: fields.indices)
    func checkNamesTheFieldAboveItsBound(index: Int) throws {
        let (field, path, limit) = Self.fields[index]
        var operation = PackedUserOperation()
        operation[keyPath: path] = [UInt8](repeating: 1, count: limit)
        try UserOperationLimits.podium.check(operation)
        operation[keyPath: path].append(0)
        #expect(throws: UserOperationError.tooLong(field, length: limit + 1, limit: limit)) {
            try UserOperationLimits.podium.check(operation)
        }
        #expect(throws: UserOperationError.tooLong(field, length: limit + 1, limit: limit)) {
            try UserOperationLimits.podium.check(bundle: [PackedUserOperation(), operation])
        }
    }

    @Test func checkRefusesMoreThanEightOperations() throws {
        try UserOperationLimits.podium.check(bundle: Array(repeating: PackedUserOperation(), count: 8))
        #expect(throws: UserOperationError.tooManyOperations(count: 9, limit: 8)) {
            try UserOperationLimits.podium.check(bundle: Array(repeating: PackedUserOperation(), count: 9))
        }
    }
}
