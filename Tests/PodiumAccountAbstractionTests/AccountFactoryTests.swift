import Foundation
import PodiumABI
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// Counterfactual account addresses for Podium's Vyper factory: checked against Vyper 0.4.3's
/// `create_minimal_proxy_to` deployed on an in-process chain (Tests/vyper/minimal_proxy.py under devnet/.venv), and
/// against the oracle's formula for random inputs.
@Suite struct AccountFactoryTests {
    static let implementation = try! Address(hex: "0x1234567890123456789012345678901234567890")

    @Test func proxyInitCodeIsVypersLoaderAndTheEIP1167Runtime() {
        let code = AccountFactory.proxyInitCode(implementation: Self.implementation)
        #expect(Hex.encode(code) == "0x602d3d8160093d39f3" + "363d3d373d3d3d363d73"
            + "1234567890123456789012345678901234567890" + "5af43d82803e903d91602b57fd5bf3")
        #expect(code.count == 54)
    }

    struct ChainCase: Codable, Sendable { let implementation: String, owner: String, salt: String }
    struct ChainRequest: Codable, Sendable { let cases: [ChainCase] }
    struct ChainAnswer: Codable, Sendable {
        let deployer: String, initCodePrefix: String, initCodeSuffix: String, created: [String]
    }

    @Test func predictedAddressesAreWhereVyperDeploysTheProxies() async throws {
        var generator = SeededGenerator()
        let cases = (0..<12).map { i in
            ChainCase(
                implementation: generator.address().description, owner: generator.address().description,
                salt: (i == 0 ? .zero : i == 1 ? .max : generator.value(bits: 256)).description)
        }
        let answer = try await PythonOracle.call(
            path: "Tests/vyper/minimal_proxy.py", python: PythonOracle.devnetPython, ChainRequest(cases: cases),
            as: ChainAnswer.self)
        let deployer = try Address(hex: answer.deployer)
        #expect(answer.initCodePrefix == "0x602d3d8160093d39f3363d3d373d3d3d363d73")
        #expect(answer.initCodeSuffix == "0x5af43d82803e903d91602b57fd5bf3")
        for (i, chainCase) in cases.enumerated() {
            let factory = AccountFactory(address: deployer, implementation: try Address(hex: chainCase.implementation))
            let predicted = factory.accountAddress(
                owner: try Address(hex: chainCase.owner), salt: try UInt256(decimal: chainCase.salt))
            #expect(predicted == (try Address(hex: answer.created[i])), "case \(i), seed \(generator.seed)")
        }
    }

    struct OracleCase: Codable, Sendable { let factory: String, implementation: String, owner: String, salt: String }
    struct OracleRequest: Codable, Sendable { let account: [OracleCase] }
    struct OracleAnswer: Codable, Sendable { let account: [String] }

    @Test func predictedAddressesMatchTheOracleOnRandomInputs() async throws {
        var generator = SeededGenerator()
        let factories = (0..<300).map { _ in
            AccountFactory(address: generator.address(), implementation: generator.address())
        }
        let owners = factories.map { _ in generator.address() }
        let salts = factories.map { _ in generator.value(bits: 256) }
        let request = OracleRequest(account: factories.indices.map { i in
            OracleCase(
                factory: factories[i].address.description, implementation: factories[i].implementation.description,
                owner: owners[i].description, salt: salts[i].description)
        })
        let answers = try await PythonOracle.call("userop", request, as: OracleAnswer.self).account
        for i in factories.indices {
            let predicted = factories[i].accountAddress(owner: owners[i], salt: salts[i])
            #expect(predicted.lowercaseHex == answers[i], "case \(i), seed \(generator.seed)")
        }
    }

    @Test func deploymentCallsCreateAccountWithOwnerAndSalt() throws {
        let factory = AccountFactory(address: Self.implementation, implementation: .zero)
        let owner = try Address(hex: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
        let deployment = factory.deployment(owner: owner, salt: 42)
        #expect(deployment.address == factory.address)
        #expect(deployment.data == [0x5f, 0xbf, 0xb9, 0xcf] + owner.word.bytes + Bytes32(UInt256(42)).bytes)
    }
}
