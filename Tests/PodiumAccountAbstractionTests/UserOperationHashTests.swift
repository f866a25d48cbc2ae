import Foundation
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// The v0.7 userOpHash: viem's published vectors, then random operations against Tests/oracles/userop.py.
@Suite struct UserOperationHashTests {
    static let address = try! Address(hex: "0x1234567890123456789012345678901234567890")

    @Test func hashesMatchViemsPublishedVectors() throws {
        let lines = try vectorLines("viem-user-operation-hashes", in: .module)
        #expect(lines.count == 2)
        for line in lines {
            let fields = line.split(separator: " ").map(String.init)
            var operation = UserOperation(
                sender: Self.address, nonce: 0, callData: [], callGasLimit: 6_942_069, verificationGasLimit: 6_942_069,
                preVerificationGas: 6_942_069, maxFeePerGas: 69_420, maxPriorityFeePerGas: 69)
            if fields[0] != "-" {
                operation.paymaster = UserOperation.Paymaster(
                    address: try Address(hex: fields[0]), verificationGasLimit: try UInt256(decimal: fields[1]),
                    postOpGasLimit: try UInt256(decimal: fields[2]), data: try Hex.decode(fields[3]))
            }
            let hash = try operation.packed().hash(entryPoint: Self.address, chainID: 1)
            #expect(hash == (try Bytes32(hex: fields[4])), "\(line)")
        }
    }

    @Test func signatureIsNotPartOfTheHash() throws {
        var generator = SeededGenerator()
        var operation = generator.packedOperation()
        let hash = operation.hash(entryPoint: Self.address, chainID: 31337)
        operation.signature = generator.bytes(65)
        #expect(operation.hash(entryPoint: Self.address, chainID: 31337) == hash)
        #expect(operation.hash(entryPoint: Self.address, chainID: 1) != hash)
        #expect(operation.hash(entryPoint: .zero, chainID: 31337) != hash)
    }

    struct HashCase: Codable, Sendable { let op: OracleOperation, entryPoint: String, chainId: UInt64 }
    struct HashRequest: Codable, Sendable { let hash: [HashCase] }
    struct HashAnswer: Codable, Sendable { let hash: [String] }

    @Test func hashesMatchTheOracleOnRandomOperations() async throws {
        var generator = SeededGenerator()
        let operations = (0..<400).map { _ in generator.packedOperation() }
        let chains: [ChainID] = [1, 31337, 11_155_111, .max]
        let cases = operations.enumerated().map { i, op in
            HashCase(op: OracleOperation(op), entryPoint: generator.address().description, chainId: chains[i % 4])
        }
        let answers = try await PythonOracle.call("userop", HashRequest(hash: cases), as: HashAnswer.self).hash
        for (i, operation) in operations.enumerated() {
            let hash = operation.hash(entryPoint: try Address(hex: cases[i].entryPoint), chainID: cases[i].chainId)
            #expect(hash.description == answers[i], "case \(i), seed \(generator.seed)")
        }
    }
}
