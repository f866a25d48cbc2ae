import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumSigner
import PodiumTestSupport
import Testing

/// SimpleAccount v0.7's signature and VerifyingPaymaster v0.7's approval, against eth-account's
/// `sign_message(encode_defunct(primitive=hash))` and the oracle's `getHash` (Tests/oracles/userop.py).
@Suite struct SigningTests {
    static let entryPoint = try! Address(hex: "0x1234567890123456789012345678901234567890")

    struct PersonalCase: Codable, Sendable { let key: String, hash: String }
    struct PersonalRequest: Codable, Sendable { let personal: [PersonalCase] }
    struct PersonalAnswer: Codable, Sendable { let personal: [String] }

    static func randomKey(using generator: inout SeededGenerator) -> PrivateKey {
        while true {
            if let key = try? PrivateKey(generator.bytes(32)) { return key }
        }
    }

    @Test func simpleAccountSignaturesMatchEthAccount() async throws {
        var generator = SeededGenerator()
        let keys = (0..<200).map { _ in Self.randomKey(using: &generator) }
        let hashes = try (0..<200).map { _ in
            try generator.userOperation().packed().hash(entryPoint: Self.entryPoint, chainID: 31337)
        }
        let request = PersonalRequest(
            personal: zip(keys, hashes).map { PersonalCase(key: $0.revealHex(), hash: $1.description) })
        let answers = try await PythonOracle.call("userop", request, as: PersonalAnswer.self).personal
        for (i, (key, hash)) in zip(keys, hashes).enumerated() {
            let signature = SimpleAccount.signature(for: hash, with: key)
            #expect(signature.count == 65 && [27, 28].contains(signature[64]))
            #expect(Hex.encode(signature) == answers[i], "case \(i), seed \(generator.seed)")
            #expect(try await SimpleAccount.signature(for: hash, by: key) == signature)
            #expect(try Signature(signature).recoverAddress(hash: SimpleAccount.signingHash(hash)) == key.address)
        }
    }

    @Test func signingHashIsThePersonalMessageHashOfTheOperationHash() throws {
        let hash = try Bytes32(hex: "0x1903d62bb5dc75af6fed866aa46d8e80063d9e288aa7f2caad0ff1fcae22e40d")
        #expect(SimpleAccount.signingHash(hash) == EIP191.personalMessageHash(hash.bytes))
        var prefixed = Array("\u{19}Ethereum Signed Message:\n32".utf8)
        prefixed += hash.bytes
        #expect(SimpleAccount.signingHash(hash) == Keccak256.hash(prefixed))
    }

    @Test func stubSignatureIsWellFormedAndRecovers() throws {
        let stub = SimpleAccount.stubSignature
        // permissionless.js's getDummySignature for SimpleAccount, r then s and v.
        #expect(Hex.encode(stub) == "0xfffffffffffffffffffffffffffffff000000000000000000000000000000000"
            + "7aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1c")
        let signature = try Signature(stub)
        #expect(signature.hasLowS)
        var generator = SeededGenerator()
        for _ in 0..<20 {
            _ = try signature.recoverAddress(hash: try Bytes32(generator.bytes(32)))
        }
    }

    struct PaymasterCase: Codable, Sendable {
        let op: OracleOperation, chainId: UInt64, validUntil: UInt64, validAfter: UInt64
    }
    struct DataCase: Codable, Sendable { let validUntil: UInt64, validAfter: UInt64, signature: String }
    struct PaymasterRequest: Codable, Sendable { let paymasterHash: [PaymasterCase], paymasterData: [DataCase] }
    struct PaymasterAnswer: Codable, Sendable { let paymasterHash: [String], paymasterData: [String] }

    @Test func paymasterHashAndDataMatchTheOracle() async throws {
        var generator = SeededGenerator()
        var operations: [PackedUserOperation] = []
        while operations.count < 300 {
            var operation = generator.packedOperation()
            if operation.paymasterAndData.count < 52 { operation.paymasterAndData += generator.byteString(52) }
            operations.append(operation)
        }
        let times = operations.map { _ in
            (UInt64(generator.value(bits: 48).limbs.0), UInt64(generator.value(bits: 48).limbs.0))
        }
        let signatures = operations.map { _ in generator.byteString(Bool.random(using: &generator) ? 65 : 64) }
        let request = PaymasterRequest(
            paymasterHash: zip(operations, times).map {
                PaymasterCase(op: OracleOperation($0), chainId: 31337, validUntil: $1.0, validAfter: $1.1)
            },
            paymasterData: zip(times, signatures).map {
                DataCase(validUntil: $0.0, validAfter: $0.1, signature: Hex.encode($1))
            })
        let answers = try await PythonOracle.call("userop", request, as: PaymasterAnswer.self)
        for i in operations.indices {
            let context: Comment = "case \(i), seed \(generator.seed)"
            let hash = try VerifyingPaymaster.hash(
                of: operations[i], chainID: 31337, validUntil: times[i].0, validAfter: times[i].1)
            #expect(hash.description == answers.paymasterHash[i], context)
            let data = try VerifyingPaymasterData(
                validUntil: times[i].0, validAfter: times[i].1, signature: signatures[i])
            #expect(Hex.encode(data.bytes) == answers.paymasterData[i], context)
            #expect(try VerifyingPaymasterData(parsing: data.bytes) == data, context)
        }
    }

    @Test func paymasterHashLeavesPaymasterDataOutAndTakesEverythingElse() throws {
        var generator = SeededGenerator()
        var operation = generator.packedOperation()
        operation.paymasterAndData = generator.bytes(52) + [1, 2, 3]
        let hash = try VerifyingPaymaster.hash(of: operation, chainID: 1, validUntil: 10, validAfter: 5)
        var changed = operation
        changed.paymasterAndData = Array(operation.paymasterAndData.prefix(52)) + generator.bytes(129)
        changed.signature = generator.bytes(65)
        #expect(try VerifyingPaymaster.hash(of: changed, chainID: 1, validUntil: 10, validAfter: 5) == hash)
        changed.paymasterAndData[51] ^= 1
        #expect(try VerifyingPaymaster.hash(of: changed, chainID: 1, validUntil: 10, validAfter: 5) != hash)
        #expect(try VerifyingPaymaster.hash(of: operation, chainID: 2, validUntil: 10, validAfter: 5) != hash)
        #expect(try VerifyingPaymaster.hash(of: operation, chainID: 1, validUntil: 11, validAfter: 5) != hash)
    }

    @Test func paymasterHashRefusesOperationsWithoutAPaymasterHeader() throws {
        var operation = PackedUserOperation()
        #expect(throws: UserOperationError.missingPaymaster) {
            try VerifyingPaymaster.hash(of: operation, chainID: 1, validUntil: 0, validAfter: 0)
        }
        operation.paymasterAndData = [UInt8](repeating: 1, count: 51)
        #expect(throws: UserOperationError.tooShort(.paymasterAndData, length: 51, minimum: 52)) {
            try VerifyingPaymaster.hash(of: operation, chainID: 1, validUntil: 0, validAfter: 0)
        }
        operation.paymasterAndData.append(0)
        #expect(throws: UserOperationError.timestampTooLarge(1 << 48)) {
            try VerifyingPaymaster.hash(of: operation, chainID: 1, validUntil: 1 << 48, validAfter: 0)
        }
    }

    @Test func paymasterDataIsSignedByThePaymastersSignerOverTheOperation() async throws {
        var generator = SeededGenerator()
        let key = Self.randomKey(using: &generator)
        var operation = generator.userOperation()
        operation.paymaster = UserOperation.Paymaster(
            address: generator.address(), verificationGasLimit: 100_000, postOpGasLimit: 50_000,
            data: try VerifyingPaymasterData.stub(validUntil: 2_000_000_000, validAfter: 0).bytes)
        let data = try await VerifyingPaymaster.paymasterData(
            for: operation, chainID: 31337, validUntil: 2_000_000_000, validAfter: 1_000, signer: key)
        #expect(data.validUntil == 2_000_000_000 && data.validAfter == 1_000)
        #expect(data.bytes.count == operation.paymaster!.data.count)
        operation.paymaster!.data = data.bytes
        let hash = try VerifyingPaymaster.hash(
            of: operation.packed(), chainID: 31337, validUntil: data.validUntil, validAfter: data.validAfter)
        #expect(try Signature(data.signature).personalMessageSigner(hash.bytes) == key.address)
    }

    @Test func stubPaymasterDataIsAsLongAsTheFinalAndParses() throws {
        let stub = try VerifyingPaymasterData.stub(validUntil: 0, validAfter: 0)
        #expect(stub.bytes.count == 64 + 65)
        #expect(stub.signature == SimpleAccount.stubSignature)
        #expect(try VerifyingPaymasterData(parsing: stub.bytes) == stub)
    }

    @Test func paymasterDataParsingRefusesOtherLayouts() throws {
        let valid = try VerifyingPaymasterData(
            validUntil: 1, validAfter: 2, signature: [UInt8](repeating: 7, count: 65))
        for length in [0, 64, 127, 130] {
            #expect(throws: UserOperationError.invalidPaymasterDataLength(length)) {
                try VerifyingPaymasterData(parsing: Array(valid.bytes.prefix(length)) + [UInt8](
                    repeating: 0, count: max(0, length - valid.bytes.count)))
            }
        }
        var wide = valid.bytes
        wide[25] = 1  // bit 48 of validUntil
        let error = try #require(throws: UserOperationError.self) { try VerifyingPaymasterData(parsing: wide) }
        guard case .invalidPaymasterData(let decoding) = error else { Issue.record("\(error)"); return }
        #expect(decoding.reason == .valueOutOfRange(.uint(48)))
        #expect(throws: UserOperationError.timestampTooLarge(1 << 48)) {
            try VerifyingPaymasterData(validUntil: 0, validAfter: 1 << 48, signature: valid.signature)
        }
        #expect(throws: UserOperationError.invalidPaymasterDataLength(64 + 66)) {
            try VerifyingPaymasterData(validUntil: 0, validAfter: 0, signature: [UInt8](repeating: 0, count: 66))
        }
    }
}
