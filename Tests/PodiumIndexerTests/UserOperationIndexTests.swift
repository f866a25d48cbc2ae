import Foundation
import PodiumAccountAbstraction
import PodiumContracts
import PodiumIndexer
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import PodiumTestSupport
import PodiumUserOperations
import Testing

/// The EntryPoint's events in the index: a user operation that creates its account, sent through `handleOps` on the
/// devnet, arrives in `user_operations` and `account_deployments` as the receipt's own events say.
@Suite struct UserOperationIndexTests {
    @Test func userOperationsArriveDecoded() async throws {
        let devnet = try await TestDevnet.start()
        defer { devnet.stop() }
        let client = try RPCClient(url: devnet.url)
        let owner = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[0])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-userop-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = DeploymentConfig()
        let record = try await Deployer(
            sender: owner,
            steps: DeploymentStep.podium(config: config, deployer: owner.address)
                + DeploymentStep.accountAbstraction(config: config, deployer: owner.address),
            recordURL: directory.appendingPathComponent("31337.json")
        ).run()
        let contracts = try AccountAbstractionDeployment(record: record, client: client)
        let podium = try PodiumDeployment(record: record, client: client)

        // The player's account, created by its first operation and paying for it from ETH sent to its address.
        let player = DevnetAccounts.privateKeys[5]
        let factory = AccountFactory(
            address: contracts.factory.address, implementation: try await contracts.factory.accountImplementation())
        let sender = factory.accountAddress(owner: player.address, salt: 7)
        #expect(try await contracts.factory.accountAddress(owner: player.address, salt: 7) == sender)
        _ = try await owner.sendAndWait(to: sender, input: [], value: UInt256(1_000_000_000_000_000_000))
        let approve = podium.token.approve(spender: podium.sale.address, amount: UInt256(1))
        var operation = UserOperation(
            sender: sender, nonce: try await contracts.entryPoint.nonce(of: sender),
            factory: factory.deployment(owner: player.address, salt: 7),
            callData: SimpleAccount.execute(AccountCall(to: approve.to, input: approve.input)),
            callGasLimit: 200_000, verificationGasLimit: 1_000_000, preVerificationGas: 100_000,
            maxFeePerGas: 3_000_000_000, maxPriorityFeePerGas: 1_000_000_000)
        let hash = try operation.packed().hash(entryPoint: contracts.entryPoint.address, chainID: 31337)
        #expect(try await contracts.entryPoint.userOperationHash(try operation.packed()) == hash)
        operation.signature = SimpleAccount.signature(for: hash, with: player)
        let receipt = try await contracts.entryPoint.handleOps([try operation.packed()], beneficiary: owner.address)
            .sendAndWait(from: owner)
        let event = try #require(try contracts.entryPoint.events(EntryPoint.UserOperationEvent.self, in: receipt).first)
        #expect(event.success && event.userOpHash == hash && event.sender == sender)
        let deployed = try #require(try contracts.entryPoint.events(EntryPoint.AccountDeployed.self, in: receipt).first)

        let store = try IndexStore(path: directory.appendingPathComponent("index.sqlite").path)
        _ = try await Indexer(client: client, store: store, target: try IndexTarget(record: record)).run()
        let rows = try store.rows("SELECT * FROM user_operations")
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect([UInt8](row["user_op_hash"] as Data) == hash.bytes)
        #expect([UInt8](row["sender"] as Data) == sender.bytes)
        #expect([UInt8](row["paymaster"] as Data) == Address.zero.bytes)
        #expect([UInt8](row["nonce"] as Data) == event.nonce.bigEndianBytes)
        #expect(row["success"] as Int == 1)
        #expect([UInt8](row["actual_gas_cost"] as Data) == event.actualGasCost.bigEndianBytes)
        #expect([UInt8](row["actual_gas_used"] as Data) == event.actualGasUsed.bigEndianBytes)
        #expect([UInt8](row["entry_point"] as Data) == contracts.entryPoint.address.bytes)
        #expect(row["block_number"] as Int64 == Int64(receipt.blockNumber))
        let accounts = try store.rows("SELECT * FROM account_deployments")
        #expect(accounts.count == 1)
        #expect([UInt8](try #require(accounts.first)["factory"] as Data) == deployed.factory.bytes)
        #expect([UInt8](try #require(accounts.first)["sender"] as Data) == sender.bytes)
    }
}
