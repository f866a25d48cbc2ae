import Foundation
import PodiumABI
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import PodiumTestSupport

/// Podium's contracts deployed by `Deployer` on a devnet of their own: dev account 0 deploys and owns them,
/// account 1 is the game wallet, account 2 the treasury.
struct DeployedSet {
    let devnet: ListeningProcess
    let client: RPCClient
    let record: DeploymentRecord
    let recordURL: URL
    let owner: TransactionSender
    let gameWallet: TransactionSender
    let treasury: Address
    /// The typed bindings of the four contracts.
    let deployment: PodiumDeployment

    static let glico = UInt256(1_000_000_000_000_000_000)
    static let config = DeploymentConfig(
        gameWallet: DevnetAccounts.privateKeys[1].address, treasury: DevnetAccounts.privateKeys[2].address)

    static func start() async throws -> DeployedSet {
        let devnet = try await TestDevnet.start()
        let client = try RPCClient(url: devnet.url)
        let owner = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[0])
        let recordURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("podium-deploy-\(UUID().uuidString)/31337.json")
        let deployer = Deployer(
            sender: owner, steps: DeploymentStep.podium(config: config, deployer: owner.address), recordURL: recordURL)
        let record = try await deployer.run()
        return DeployedSet(
            devnet: devnet, client: client, record: record, recordURL: recordURL, owner: owner,
            gameWallet: try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[1]),
            treasury: DevnetAccounts.privateKeys[2].address,
            deployment: try PodiumDeployment(record: record, client: client))
    }

    /// Contract `name` of the set through its ABI, without a typed binding.
    func contract(_ name: String) throws -> Contract {
        guard let address = record.contracts[name]?.address else { throw ArtifactError.missing(name) }
        return Contract(address: address, abi: try ContractArtifacts.artifact(named: name).abi, client: client)
    }

    /// A sender for devnet account `index`.
    func account(_ index: Int) async throws -> TransactionSender {
        try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[index])
    }

    /// `holder`'s GLICO balance.
    func glicoBalance(_ holder: Address) async throws -> UInt256 {
        try await deployment.token.balanceOf(holder)
    }

    /// Mints `amount` GLICO base units to `to`, as the token's owner.
    func mint(_ amount: UInt256, to: Address) async throws {
        _ = try await deployment.token.mint(to: to, amount: amount).sendAndWait(from: owner)
    }
}

/// The reason a failed send carries, for comparing with the contract's reason string.
func revertMessage(of body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch let error as SendError {
        if case .error(let message) = error.revertReason { return message }
        return "no reason: \(error)"
    } catch {
        return "unexpected error: \(error)"
    }
}
