import ArgumentParser
import Foundation
import PodiumAccountAbstraction
import PodiumBundler
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC

/// `podium bundler serve`: an ERC-7769 bundler for one EntryPoint v0.7.
struct BundlerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundler", abstract: "Run an ERC-4337 v0.7 bundler (ERC-7769's JSON-RPC methods).",
        subcommands: [BundlerServe.self], defaultSubcommand: BundlerServe.self)
}

/// `podium bundler serve [--port N] [--rpc-url …] [--deployments DIR] [--entry-point ADDRESS] [key]
/// [--bundle-interval MS]`: prints `listening on http://127.0.0.1:PORT` first, then serves until stopped.
struct BundlerServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve eth_sendUserOperation and the other ERC-7769 methods, bundling into handleOps transactions.",
        discussion: """
            The key's account sends each bundle, pays its gas and is its beneficiary. Operations are checked (size \
            bounds, fees against the base fee, the payer's deposit against its pending operations) and simulated \
            with eth_call of handleOps before they are accepted and again before they are bundled. ERC-7562's \
            opcode and storage rules are not traced.
            """)

    @OptionGroup var rpc: RPCOptions
    @OptionGroup var sender: SenderOptions

    @Option(help: ArgumentHelp("The port to listen on, on 127.0.0.1 (0: a free one).", valueName: "N"))
    var port = 4337

    @Option(help: ArgumentHelp("Where deployment records live (the EntryPoint is read from the chain's).", valueName: "DIR"))
    var deployments = "deployments"

    @Option(help: ArgumentHelp("The EntryPoint v0.7 to serve, instead of the deployment record's.", valueName: "ADDRESS"))
    var entryPoint: String?

    @Option(help: ArgumentHelp("Milliseconds between bundles.", valueName: "MS"))
    var bundleInterval = 500

    @Option(help: ArgumentHelp("The first block searched for UserOperationEvent logs.", valueName: "N"))
    var logsFromBlock: UInt64 = 0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard bundleInterval >= 1 else { throw ValidationError("--bundle-interval must be at least 1 ms") }
    }

    func run() async throws {
        let key = try sender.load()
        let sendingClient = try rpc.client()
        let transactionSender = try await TransactionSender(client: sendingClient, signer: key)
        let entryPointAddress: Address
        if let entryPoint {
            entryPointAddress = try ChainArgument.address(entryPoint, what: "entry point")
        } else {
            let recordURL = DeploymentRecord.fileURL(
                directory: URL(fileURLWithPath: deployments), chainID: transactionSender.chainID)
            guard let record = try DeploymentRecord.load(from: recordURL), let address = record.address(of: "EntryPoint")
            else {
                throw CommandFailure("no EntryPoint in \(recordURL.path): run podium deploy, or give --entry-point")
            }
            entryPointAddress = address
        }
        let configuration = BundlerConfiguration(
            entryPoint: entryPointAddress, bundleInterval: .milliseconds(bundleInterval), logsFromBlock: logsFromBlock)
        let bundler = Bundler(configuration: configuration, client: try rpc.client(), sender: transactionSender)
        let endpoint = BundlerRPC(bundler: bundler)

        let (server, bound) = try await ServiceLaunch.start(port: port) { ready in try await endpoint.serve(port: port, ready: ready) }
        ServiceLaunch.announce(port: bound)
        FileHandle.standardError.write(Data(
            "podium: bundling for EntryPoint \(entryPointAddress) on chain \(transactionSender.chainID), beneficiary \(transactionSender.address)\n".utf8))
        let bundling = Task {
            await bundler.run { report in
                var line = ""
                if let hash = report.transactionHash {
                    line += "bundle \(Hex.encode(hash.bytes)): \(report.included.count) operations, "
                        + (report.succeeded ? "mined" : "not mined yet")
                }
                for (hash, reason) in report.dropped { line += "\ndropped \(Hex.encode(hash.bytes)): \(reason)" }
                FileHandle.standardError.write(Data("podium: \(line.trimmingCharacters(in: .newlines))\n".utf8))
            }
        }
        let signals = SignalStop()
        await signals.wait()
        bundling.cancel()
        server.cancel()
    }
}

/// Waits for SIGTERM or SIGINT.
final class SignalStop: @unchecked Sendable {
    // Only touched on the main queue's signal sources and through the continuation, once.
    private var sources: [DispatchSourceSignal] = []

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = OnceFlag()
            for number in [SIGTERM, SIGINT] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { if once.claim() { continuation.resume() } }
                source.resume()
                sources.append(source)
            }
        }
    }
}

/// A flag that is claimed once.
private final class OnceFlag: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var claimed = false

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if claimed { return false }
        claimed = true
        return true
    }
}
