import PodiumABI
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// SimpleAccount v0.7's `execute` and `executeBatch` callData against eth-abi, and parsed back as a sponsor policy
/// reads the call shape.
@Suite struct AccountCallTests {
    struct OracleCall: Codable, Sendable { let to: String, value: String, input: String }
    struct Request: Codable, Sendable { let execute: [OracleCall], executeBatch: [[OracleCall]] }
    struct Answer: Codable, Sendable { let execute: [String], executeBatch: [String] }

    static func oracleCall(_ call: AccountCall) -> OracleCall {
        OracleCall(to: call.to.description, value: call.value.description, input: Hex.encode(call.input))
    }

    @Test func selectorsAreSimpleAccountV07s() {
        #expect(SimpleAccount.executeSelector == Selector(rawValue: 0xb61d_27f6))
        #expect(SimpleAccount.executeBatchSelector == Selector(rawValue: 0x47e1_da2a))
        #expect(AccountFactory.createAccountSelector == Selector(rawValue: 0x5fbf_b9cf))
    }

    @Test func callDataMatchesEthAbiAndParsesBack() async throws {
        var generator = SeededGenerator()
        func call() -> AccountCall {
            AccountCall(
                to: generator.address(), value: generator.value(bits: 256), input: generator.byteString(upTo: 200))
        }
        let singles = (0..<100).map { _ in call() }
        let batches = (0..<100).map { _ in (0..<Int.random(in: 0...6, using: &generator)).map { _ in call() } }
        let request = Request(
            execute: singles.map(Self.oracleCall), executeBatch: batches.map { $0.map(Self.oracleCall) })
        let answers = try await PythonOracle.call("userop", request, as: Answer.self)
        for (i, single) in singles.enumerated() {
            let callData = SimpleAccount.execute(single)
            #expect(Hex.encode(callData) == answers.execute[i], "case \(i), seed \(generator.seed)")
            #expect(try SimpleAccount.calls(in: callData) == [single])
        }
        for (i, batch) in batches.enumerated() {
            let callData = SimpleAccount.executeBatch(batch)
            #expect(Hex.encode(callData) == answers.executeBatch[i], "batch \(i), seed \(generator.seed)")
            #expect(try SimpleAccount.calls(in: callData) == batch)
        }
    }

    static let target = try! Address(hex: "0x00000000000000000000000000000000000000aa")

    @Test func batchWithoutValuesParsesAsZeroValues() throws {
        let callData = SimpleAccount.executeBatchSelector.bytes
            + ABI.encode([Self.target, Self.target], [UInt256](), [ABIBytes([1]), ABIBytes([2, 3])])
        #expect(try SimpleAccount.calls(in: callData) == [
            AccountCall(to: Self.target, input: [1]), AccountCall(to: Self.target, input: [2, 3]),
        ])
    }

    @Test func parsingRefusesWhatTheAccountWouldNotRun() throws {
        #expect(try SimpleAccount.calls(in: []) == [])
        let mismatched = SimpleAccount.executeBatchSelector.bytes
            + ABI.encode([Self.target], [UInt256(1), 2], [ABIBytes([1])])
        #expect(throws: UserOperationError.batchLengthMismatch(targets: 1, values: 2, inputs: 1)) {
            try SimpleAccount.calls(in: mismatched)
        }
        let unpaired = SimpleAccount.executeBatchSelector.bytes
            + ABI.encode([Self.target, Self.target], [UInt256](), [ABIBytes([1])])
        #expect(throws: UserOperationError.batchLengthMismatch(targets: 2, values: 0, inputs: 1)) {
            try SimpleAccount.calls(in: unpaired)
        }
        #expect(throws: UserOperationError.unknownAccountFunction(Selector(rawValue: 0xa905_9cbb))) {
            try SimpleAccount.calls(in: [0xa9, 0x05, 0x9c, 0xbb, 0, 0])
        }
        #expect(throws: UserOperationError.invalidCallData(ABIDecodingError(.missingSelector(length: 2), offset: 0))) {
            try SimpleAccount.calls(in: [0xb6, 0x1d])
        }
        let truncated = Array(SimpleAccount.execute(AccountCall(to: Self.target, input: [1, 2, 3])).dropLast(32))
        let error = try #require(throws: UserOperationError.self) { try SimpleAccount.calls(in: truncated) }
        guard case .invalidCallData(let decoding) = error else { Issue.record("\(error)"); return }
        #expect(decoding.offset >= 4)
    }
}
