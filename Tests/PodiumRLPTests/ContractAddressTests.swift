import Foundation
import PodiumPrimitives
import PodiumRLP
import PodiumTestSupport
import Testing

/// `CREATE` addresses, `keccak256(rlp([deployer, nonce]))[12:]`, against published ones and the Python oracle.
@Suite struct ContractAddressTests {
    static func publishedVectors() throws -> [(deployer: String, nonce: UInt64, address: String)] {
        let url = try #require(
            Bundle.module.url(forResource: "address-create", withExtension: "txt", subdirectory: "Vectors"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let fields = $0.split(separator: " ").map(String.init)
            return (fields[0], try #require(UInt64(fields[1])), fields[2])
        }
    }

    @Test func matchesPublishedAddresses() async throws {
        let vectors = try Self.publishedVectors()
        #expect(vectors.count == 4)
        for (deployer, nonce, address) in vectors {
            let computed = Address.contractAddress(deployer: try Address(hex: deployer), nonce: nonce)
            #expect(computed.lowercaseHex == address, "nonce \(nonce)")
        }
    }

    struct Case: Encodable {
        let deployer: String
        let nonce: UInt64
    }

    struct Request: Encodable {
        let create: [Case]
    }

    struct Answer: Decodable {
        let create: [String]
    }

    @Test func matchesPythonAtEveryNonceWidth() async throws {
        var generator = SeededGenerator()
        let edges: [UInt64] = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x1_0000, 1 << 32, .max - 1, .max]
        let nonces = edges + (0..<300).map { _ in
            UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator)
        }
        let deployers = try nonces.map { _ in try Address(generator.bytes(20)) }
        let answer = try await PythonOracle.call(
            "address", Request(create: zip(deployers, nonces).map { Case(deployer: $0.lowercaseHex, nonce: $1) }),
            as: Answer.self)
        for (i, expected) in answer.create.enumerated() {
            let computed = Address.contractAddress(deployer: deployers[i], nonce: nonces[i])
            #expect(computed.lowercaseHex == expected, "\(deployers[i]) nonce \(nonces[i]), seed \(generator.seed)")
        }
    }
}
