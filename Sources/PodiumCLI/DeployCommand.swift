import ArgumentParser
import Foundation
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC

/// `podium deploy`: Podium's contracts, in dependency order, idempotently.
struct Deploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Deploy Podium's contracts (GlicoToken, PrizeDistributor, Disperser, GamePassSale), idempotently.",
        discussion: """
            Deploys in dependency order and wires the contracts through their constructors: the distributor knows \
            the token and the game wallet; the Game Pass sale knows the token, the treasury, the distributor and the \
            price. The record, <DIR>/<chainId>.json, holds each contract's address, transaction, block, creation \
            code hash and constructor arguments. A re-run keeps every contract whose code is on chain and whose \
            creation code and arguments are unchanged, and deploys the rest; a run that was interrupted resumes, \
            waiting for a creation it had sent. --config names a JSON file: {"gameWallet": "0x…", "treasury": \
            "0x…", "gamePassPrice": "20"} (price in GLICO; each member optional, the deployer by default).
            """)
    @OptionGroup var sender: SenderOptions
    @OptionGroup var rpc: RPCOptions
    @Option(help: ArgumentHelp("The deployment settings (JSON).", valueName: "FILE")) var config: String?
    @Option(help: ArgumentHelp("Where deployment records live.", valueName: "DIR")) var deployments = "deployments"
    @Flag(help: "Print what would be done, sending nothing.") var dryRun = false

    func run() async throws {
        let settings = try config.map { try DeploymentConfig.load(from: URL(fileURLWithPath: $0)) } ?? DeploymentConfig()
        let transactionSender = try await TransactionSender(client: rpc.client(), signer: sender.load())
        let recordURL = DeploymentRecord.fileURL(
            directory: URL(fileURLWithPath: deployments), chainID: transactionSender.chainID)
        let deployer = Deployer(
            sender: transactionSender,
            steps: DeploymentStep.podium(config: settings, deployer: transactionSender.address),
            recordURL: recordURL)
        try DeploymentRecord.checkWritable(at: recordURL)
        print("chain \(transactionSender.chainID), deployer \(transactionSender.address), record \(recordURL.relativePath)")
        if dryRun {
            for decision in try await deployer.plan() { print(Self.line(decision, planned: true)) }
            return
        }
        _ = try await deployer.run { decision in print(Self.line(decision, planned: false)) }
    }

    private static func line(_ decision: Deployer.Decision, planned: Bool) -> String {
        let verb: String
        switch decision.action {
        case .keep: verb = "keep    "
        case .deploy: verb = planned ? "deploy  " : "deployed"
        case .awaitPending: verb = "await   "
        }
        let name = decision.name.padding(toLength: 17, withPad: " ", startingAt: 0)
        let address = decision.address.map { "\($0)" } ?? "?"
        let arguments = decision.arguments.isEmpty ? "" : " (\(decision.arguments.joined(separator: ", ")))"
        return "\(verb) \(name) \(address)  \(decision.reason)\(arguments)"
    }
}
