import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// preVerificationGas from calldata cost with EIP-7623's floor, against the same formula in
/// Tests/oracles/userop.py over eth-abi's encoding.
@Suite struct PreVerificationGasTests {
    struct Request: Codable, Sendable { let preVerificationGas: [OracleOperation] }
    struct Answer: Codable, Sendable { let preVerificationGas: [String] }

    @Test func matchesTheOracleOnRandomOperations() async throws {
        var generator = SeededGenerator()
        let operations = (0..<300).map { i in
            var operation = generator.userOperation()
            // Long non-zero callData now and then, where the floor decides.
            if i % 10 == 0 { operation.callData = [UInt8](repeating: 0xff, count: 4096) }
            return operation
        }
        let request = Request(preVerificationGas: try operations.map { OracleOperation(try $0.packed()) })
        let answers = try await PythonOracle.call("userop", request, as: Answer.self).preVerificationGas
        for (i, operation) in operations.enumerated() {
            let gas = try PreVerificationGasOverheads.default.preVerificationGas(for: operation)
            #expect(gas.description == answers[i], "case \(i), seed \(generator.seed)")
        }
    }

    static let small = UserOperation(
        sender: try! Address(hex: "0x1234567890123456789012345678901234567890"), nonce: 0,
        callData: SimpleAccount.execute(AccountCall(to: .zero, input: [])), callGasLimit: 100_000,
        verificationGasLimit: 100_000, preVerificationGas: 0, maxFeePerGas: 1_000_000_000,
        maxPriorityFeePerGas: 1_000_000_000)

    @Test func doesNotChangeOnceFilledInAndSigned() throws {
        var operation = Self.small
        let gas = try PreVerificationGasOverheads.default.preVerificationGas(for: operation)
        operation.preVerificationGas = gas
        operation.signature = SimpleAccount.stubSignature
        #expect(try PreVerificationGasOverheads.default.preVerificationGas(for: operation) == gas)
        operation.signature = []
        #expect(try PreVerificationGasOverheads.default.preVerificationGas(for: operation) == gas)
    }

    @Test func standardAccountingDecidesForASmallOperationAndTheFloorForALargeOne() throws {
        let overheads = PreVerificationGasOverheads.default
        var noFloor = overheads
        noFloor.floorPerToken = 0
        #expect(try overheads.preVerificationGas(for: Self.small) == noFloor.preVerificationGas(for: Self.small))
        var large = Self.small
        large.callData = [UInt8](repeating: 0xff, count: 4096)
        let floored = try overheads.preVerificationGas(for: large)
        #expect(floored > (try noFloor.preVerificationGas(for: large)))
        // 4,096 non-zero bytes alone are 16,384 tokens: 163,840 gas at the floor.
        #expect(floored > 21_000 + 163_840)
    }

    @Test func sharesTheBaseCostAcrossTheBundleRoundingUp() throws {
        var shared = PreVerificationGasOverheads.default
        let alone = try shared.preVerificationGas(for: Self.small)
        shared.bundleSize = 4
        #expect(try shared.preVerificationGas(for: Self.small) == alone - 21_000 + 5_250)
        shared.bundleSize = 8
        #expect(try shared.preVerificationGas(for: Self.small) == alone - 21_000 + 2_625)
        shared.bundleSize = 11
        #expect(try shared.preVerificationGas(for: Self.small) == alone - 21_000 + 1_910)
    }

    @Test func refusesAnOperationThatDoesNotPack() throws {
        var operation = Self.small
        operation.maxFeePerGas = .max
        #expect(throws: UserOperationError.gasValueTooLarge(.maxFeePerGas, .max)) {
            try PreVerificationGasOverheads.default.preVerificationGas(for: operation)
        }
    }
}
