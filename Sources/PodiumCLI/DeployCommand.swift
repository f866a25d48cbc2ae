import ArgumentParser
import Foundation
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC

/// `podium deploy`: Podium's contracts, in dependency order, idempotently.
struct Deploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Deploy Podium's contracts (GlicoToken, PrizeDistributor, Disperser, GamePassSale and the ERC-4337 set), idempotently.",
        discussion: """
            Deploys in dependency order and wires the contracts through their constructors: the distributor knows \
            the token and the game wallet; the Game Pass sale knows the token, the treasury, the distributor and the \
            price. The record, <DIR>/<chainId>.json, holds each contract's address, transaction, block, creation \
            code hash and constructor arguments. A re-run keeps every contract whose code is on chain and whose \
            creation code and arguments are unchanged, and deploys the rest; a run that was interrupted resumes, \
            waiting for a creation it had sent. --config names a JSON file: {"gameWallet": "0x…", "treasury": \
            "0x…", "gamePassPrice": "20", "entryPoint": "0x…", "paymasterSigner": "0x…"} (price in GLICO; each \
            member optional, the deployer by default). The ERC-4337 set is an EntryPoint v0.7, the SimpleAccount \
            implementation, its factory and the verifying paymaster; with --entry-point (or "entryPoint") only the \
            last three are deployed, against that EntryPoint (the canonical one is \
            0x0000000071727De22E5E9d8BAf0edAc6f37da032), which the record then links.
            """)
    @OptionGroup var sender: SenderOptions
    @OptionGroup var rpc: RPCOptions
    @Option(help: ArgumentHelp("The deployment settings (JSON).", valueName: "FILE")) var config: String?
    @Option(help: ArgumentHelp("Where deployment records live.", valueName: "DIR")) var deployments = "deployments"
    @Option(help: ArgumentHelp("Use this EntryPoint v0.7 instead of deploying one.", valueName: "ADDRESS")) var entryPoint: String?
    @Flag(help: "Print what would be done, sending nothing.") var dryRun = false

    func run() async throws {
        var settings = try config.map { try DeploymentConfig.load(from: URL(fileURLWithPath: $0)) } ?? DeploymentConfig()
        if let entryPoint { settings.entryPoint = try ChainArgument.address(entryPoint, what: "--entry-point") }
        let transactionSender = try await TransactionSender(client: rpc.client(), signer: sender.load())
        let recordURL = DeploymentRecord.fileURL(
            directory: URL(fileURLWithPath: deployments), chainID: transactionSender.chainID)
        let deployer = Deployer(
            sender: transactionSender,
            steps: DeploymentStep.podium(config: settings, deployer: transactionSender.address)
                + DeploymentStep.accountAbstraction(config: settings, deployer: transactionSender.address),
            recordURL: recordURL)
        try DeploymentRecord.checkWritable(at: recordURL)
        if let linked = settings.entryPoint, try await transactionSender.client.code(at: linked).isEmpty {
            throw CommandFailure("no contract code at the EntryPoint \(linked): deploy one, or leave --entry-point out")
        }
        print("chain \(transactionSender.chainID), deployer \(transactionSender.address), record \(recordURL.relativePath)")
        if dryRun {
            for decision in try await deployer.plan() { print(Self.line(decision, planned: true)) }
            return
        }
        var record = try await deployer.run { decision in print(Self.line(decision, planned: false)) }
        if let linked = settings.entryPoint, record.linked["EntryPoint"] != linked {
            record.linked["EntryPoint"] = linked
            try record.save(to: recordURL)
            print("linked   \("EntryPoint".padding(toLength: 20, withPad: " ", startingAt: 0)) \(linked)")
        }
    }

    private static func line(_ decision: Deployer.Decision, planned: Bool) -> String {
        let verb: String
        switch decision.action {
        case .keep: verb = "keep    "
        case .deploy: verb = planned ? "deploy  " : "deployed"
        case .awaitPending: verb = "await   "
        }
        let name = decision.name.padding(toLength: max(20, decision.name.count), withPad: " ", startingAt: 0)
        let address = decision.address.map { "\($0)" } ?? "?"
        let arguments = decision.arguments.isEmpty ? "" : " (\(decision.arguments.joined(separator: ", ")))"
        return "\(verb) \(name) \(address)  \(decision.reason)\(arguments)"
    }
}
