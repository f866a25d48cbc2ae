import Foundation
import PodiumABI
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import PodiumTestSupport
import Testing

/// `Deployer` on the devnet: the record, idempotent re-runs, redeploys of what changed, resuming.
@Suite(.serialized) struct DeploymentTests {
    @Test func recordMatchesTheChainAndAReRunSendsNothing() async throws {
        let set = try await DeployedSet.start()
        #expect(set.record.chainID == 31337)
        #expect(set.record.contracts.keys.sorted() == ["Disperser", "GamePassSale", "GlicoToken", "PrizeDistributor"])
        for (name, entry) in set.record.contracts {
            let artifact = try ContractArtifacts.artifact(named: name)
            let address = try #require(entry.address)
            #expect(try await set.client.code(at: address).starts(with: artifact.runtimeCode))
            let receipt = try #require(try await set.client.receipt(entry.transactionHash))
            #expect(receipt.contractAddress == address && receipt.blockNumber == entry.blockNumber)
            let transaction = try #require(try await set.client.transaction(entry.transactionHash))
            #expect(Keccak256.hash(transaction.input) == entry.creationCodeHash)
        }
        #expect(set.record.contracts["GamePassSale"]?.constructorArguments == [
            set.record.contracts["GlicoToken"]!.address!.description, set.treasury.description,
            set.record.contracts["PrizeDistributor"]!.address!.description, DeploymentConfig.defaultGamePassPrice.description,
        ])
        #expect(try DeploymentRecord.load(from: set.recordURL) == set.record)

        let head = try await set.client.blockNumber()
        let again = deployer(set, config: DeployedSet.config)
        #expect(try await again.plan().allSatisfy { $0.action == .keep })
        #expect(try await again.run() == set.record)
        #expect(try await set.client.blockNumber() == head)
    }

    @Test func dryRunPredictsTheAddressesARunGets() async throws {
        let devnet = try await TestDevnet.start()
        let client = try RPCClient(url: devnet.url)
        let sender = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[0])
        let url = temporaryRecordURL()
        let deployer = Deployer(sender: sender, steps: DeploymentStep.podium(config: DeployedSet.config, deployer: sender.address), recordURL: url)
        let plan = try await deployer.plan()
        #expect(plan.allSatisfy { $0.action == .deploy && $0.reason == "new" })
        #expect(try await client.blockNumber() == 0 && !FileManager.default.fileExists(atPath: url.path))
        let record = try await deployer.run()
        for decision in plan {
            #expect(record.contracts[decision.name]?.address == decision.address)
            #expect(record.contracts[decision.name]?.constructorArguments == decision.arguments)
        }
    }

    @Test func changedSettingsRedeployOnlyWhatTheyTouch() async throws {
        let set = try await DeployedSet.start()
        var config = DeployedSet.config
        config.gamePassPrice = DeployedSet.glico * 25
        let record = try await deployer(set, config: config).run()
        for name in ["GlicoToken", "PrizeDistributor", "Disperser"] {
            #expect(record.contracts[name] == set.record.contracts[name])
        }
        #expect(record.contracts["GamePassSale"]?.address != set.record.contracts["GamePassSale"]?.address)
        let sale = try PodiumDeployment(record: record, client: set.client).sale
        #expect(sale.address == record.contracts["GamePassSale"]?.address)
        #expect(try await sale.price() == DeployedSet.glico * 25)

        // Code gone from the recorded address (another chain state) means a redeploy too.
        var forged = record
        forged.contracts["Disperser"]?.address = DevnetAccounts.privateKeys[9].address
        try forged.save(to: set.recordURL)
        let decisions = try await deployer(set, config: config).plan()
        #expect(decisions.first { $0.name == "Disperser" }?.reason == "no code at the recorded address")
        #expect(decisions.filter { $0.action == .deploy }.map(\.name) == ["Disperser"])
    }

    @Test func anInterruptedRunResumesFromItsPendingTransaction() async throws {
        let devnet = try await TestDevnet.start(arguments: ["--block-time", "1"])
        let client = try RPCClient(url: devnet.url)
        let sender = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[0])
        let url = temporaryRecordURL()
        let steps = DeploymentStep.podium(config: DeployedSet.config, deployer: sender.address)
        // What a run killed right after sending the token's creation leaves behind.
        let artifact = try ContractArtifacts.artifact(named: "GlicoToken")
        let code = try artifact.deploymentCode(arguments: [])
        let sent = try await sender.send(to: nil, input: code)
        #expect(sent.outcome == .accepted)
        let hash = sent.hash
        try DeploymentRecord(chainID: 31337, contracts: [
            "GlicoToken": DeployedContract(address: nil, transactionHash: hash, blockNumber: nil, creationCodeHash: Keccak256.hash(code), constructorArguments: [], sourceHash: artifact.sourceHash),
        ]).save(to: url)

        let deployer = Deployer(sender: sender, steps: steps, recordURL: url)
        let record = try await deployer.run()
        let receipt = try #require(try await client.receipt(hash))
        #expect(record.contracts["GlicoToken"]?.address == receipt.contractAddress)
        #expect(record.contracts["GlicoToken"]?.transactionHash == hash)
        #expect(record.contracts.count == 4)
    }

    @Test func aRecordForAnotherChainIsRefused() async throws {
        let devnet = try await TestDevnet.start()
        let sender = try await TransactionSender(client: try RPCClient(url: devnet.url), signer: DevnetAccounts.privateKeys[0])
        let url = temporaryRecordURL()
        try DeploymentRecord(chainID: 1).save(to: url)
        let deployer = Deployer(sender: sender, steps: DeploymentStep.podium(config: .init(), deployer: sender.address), recordURL: url)
        do {
            _ = try await deployer.run()
            Issue.record("a record for chain 1 was used on chain 31337")
        } catch DeploymentError.recordForAnotherChain(let path, let recordChain, let nodeChain) {
            #expect(path == url.path && recordChain == 1 && nodeChain == 31337)
        }
        #expect(try await sender.client.blockNumber() == 0)
    }

    @Test func aLostAnswerLeavesThePendingCreationInTheRecordAndAReRunResumesFromIt() async throws {
        let devnet = try await TestDevnet.start()
        let direct = try RPCClient(url: devnet.url)
        // Every eth_sendRawTransaction reaches the node, and its answer (and any lookup by hash) is lost.
        let proxy = try await FaultProxy.start(
            upstream: devnet.url, mode: "drop", count: 1_000, methods: ["eth_sendRawTransaction", "eth_getTransactionByHash"])
        let cutOff = try await TransactionSender(client: try RPCClient(url: proxy.url, retryPolicy: .none), signer: DevnetAccounts.privateKeys[0])
        let url = temporaryRecordURL()
        let steps = DeploymentStep.podium(config: DeployedSet.config, deployer: cutOff.address)
        var sentHash: TxHash?
        do {
            _ = try await Deployer(sender: cutOff, steps: steps, recordURL: url).run()
            Issue.record("the run finished though no answer came back")
        } catch DeploymentError.outcomeUnknown(let contract, let hash) {
            #expect(contract == "GlicoToken")
            sentHash = hash
        }
        let hash = try #require(sentHash)
        let pending = try #require(try DeploymentRecord.load(from: url)?.contracts["GlicoToken"])
        #expect(pending.transactionHash == hash && pending.address == nil)
        // The creation did land: the record's hash is the one the chain has.
        let landed = try #require(try await direct.receipt(hash))

        let sender = try await TransactionSender(client: direct, signer: DevnetAccounts.privateKeys[0])
        let record = try await Deployer(sender: sender, steps: steps, recordURL: url).run()
        #expect(record.contracts["GlicoToken"]?.address == landed.contractAddress)
        #expect(record.contracts["GlicoToken"]?.transactionHash == hash)
        // One creation per contract: the lost answer cost no second token.
        #expect(try await direct.transactionCount(of: sender.address, at: .latest) == 4)
    }

    @Test func aDeploymentWithoutOneOfTheContractsIsNamed() async throws {
        let devnet = try await TestDevnet.start()
        var record = DeploymentRecord(chainID: 31337)
        do {
            _ = try PodiumDeployment(record: record, client: try RPCClient(url: devnet.url))
            Issue.record("an empty record gave a deployment")
        } catch DeploymentError.notDeployed(let contract, let chainID) {
            #expect(contract == "GlicoToken" && chainID == 31337)
        }
        record.contracts["GlicoToken"] = DeployedContract(
            address: nil, transactionHash: Keccak256.hash("pending"), blockNumber: nil, creationCodeHash: Keccak256.hash(""),
            constructorArguments: [], sourceHash: Keccak256.hash(""))
        #expect(throws: DeploymentError.self) { _ = try PodiumDeployment(record: record, client: try RPCClient(url: devnet.url)) }
    }

    private func deployer(_ set: DeployedSet, config: DeploymentConfig) -> Deployer {
        Deployer(sender: set.owner, steps: DeploymentStep.podium(config: config, deployer: set.owner.address), recordURL: set.recordURL)
    }

    private func temporaryRecordURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("podium-deploy-\(UUID().uuidString)/31337.json")
    }
}
