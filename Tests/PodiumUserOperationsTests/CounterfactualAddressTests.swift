import Foundation
import PodiumABI
import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import PodiumTestSupport
import PodiumUserOperations
import Testing

/// Podium's factory on the devnet: the addresses computed locally equal the factory's own `getAddress` and the
/// EntryPoint's `getSenderAddress` for 1,000 random owner and salt pairs, and the account `createAccount` makes is
/// at that address.
@Suite struct CounterfactualAddressTests {
    @Test func localAddressesAgreeWithTheChain() async throws {
        let devnet = try await TestDevnet.start()
        defer { devnet.stop() }
        let client = try RPCClient(url: devnet.url)
        let owner = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[0])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-counterfactual-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let record = try await Deployer(
            sender: owner, steps: DeploymentStep.accountAbstraction(config: DeploymentConfig(), deployer: owner.address),
            recordURL: directory.appendingPathComponent("31337.json")
        ).run()
        let contracts = try AccountAbstractionDeployment(record: record, client: client)
        let factory = AccountFactory(
            address: contracts.factory.address, implementation: try #require(record.address(of: "SimpleAccount")))
        #expect(try await contracts.factory.accountImplementation() == factory.implementation)

        var generator = SeededGenerator()
        let pairs: [(Address, UInt256)] = (0..<1000).map { _ in
            let owner = try! Address((0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let salt = UInt256(limbs: .random(in: 0...UInt64.max, using: &generator), .random(in: 0...UInt64.max, using: &generator),
                               .random(in: 0...3, using: &generator), 0)
            return (owner, salt)
        }
        for chunk in stride(from: 0, to: pairs.count, by: 100).map({ Array(pairs[$0..<min($0 + 100, pairs.count)]) }) {
            let getAddress: [Result<String, RPCError>] = try await client.batch(chunk.map { owner, salt in
                ("eth_call", [CallRequest(to: factory.address, input: contracts.factory.write("getAddress(address,uint256)", owner, salt).input).json, .string("latest")])
            })
            for ((owner, salt), answer) in zip(chunk, getAddress) {
                let word = try Hex.decode(try answer.get(), requirePrefix: true)
                #expect(Address(truncating: try Bytes32(word)) == factory.accountAddress(owner: owner, salt: salt))
            }
        }
        // getSenderAddress reverts with SenderAddressResult(address), for every pair too (in batches of reverting calls);
        // and through the binding, for a few.
        for chunk in stride(from: 0, to: pairs.count, by: 100).map({ Array(pairs[$0..<min($0 + 100, pairs.count)]) }) {
            let answers: [Result<String, RPCError>] = try await client.batch(chunk.map { owner, salt in
                let initCode = factory.address.bytes + contracts.factory.createAccount(owner: owner, salt: salt).input
                let input = Selector(signature: "getSenderAddress(bytes)").bytes + ABI.encode(ABIBytes(initCode))
                return ("eth_call", [CallRequest(to: contracts.entryPoint.address, input: input).json, .string("latest")])
            })
            for ((owner, salt), answer) in zip(chunk, answers) {
                guard case .failure(.node(let error)) = answer, let data = error.revertData,
                    case .senderAddressResult(let sender) = try EntryPointError(revertData: data)
                else {
                    Issue.record("getSenderAddress did not revert with SenderAddressResult: \(answer)")
                    continue
                }
                #expect(sender == factory.accountAddress(owner: owner, salt: salt))
            }
        }
        for (owner, salt) in pairs.prefix(3) {
            let initCode = factory.address.bytes + contracts.factory.createAccount(owner: owner, salt: salt).input
            #expect(try await contracts.entryPoint.senderAddress(initCode: initCode) == factory.accountAddress(owner: owner, salt: salt))
        }
        // And createAccount puts the account where it was predicted.
        let (first, salt) = pairs[0]
        _ = try await contracts.factory.createAccount(owner: first, salt: salt).sendAndWait(from: owner)
        #expect(try await !client.code(at: factory.accountAddress(owner: first, salt: salt)).isEmpty)
    }
}
