import ArgumentParser
import Foundation
import PodiumPrimitives
import PodiumRPC
import PodiumSigner

/// `--rpc-url <URL>` (alias `--rpc`), falling back on `$ETH_RPC_URL` and then the local devnet, as cast does.
struct RPCOptions: ParsableArguments {
    static let environmentVariable = "ETH_RPC_URL"
    static let defaultURL = "http://127.0.0.1:8545"

    @Option(
        name: [.customLong("rpc-url"), .customLong("rpc"), .customShort("r")],
        help: ArgumentHelp("The node's JSON-RPC URL (default: $\(environmentVariable), else \(defaultURL)).", valueName: "URL"))
    var rpcURL: String?

    @Option(help: ArgumentHelp(
        "Seconds one attempt of a request may take. With retries a request can take (retries + 1) × timeout, plus "
            + "pauses of 0.1, 0.2, 0.4… s between attempts.", valueName: "SECONDS"))
    var timeout: Int = 30

    @Option(help: ArgumentHelp(
        "How often to retry a request that failed in transport or with HTTP 429 or 5xx; a transaction's submission "
            + "is never blindly resent.", valueName: "N"))
    var retries: Int = 3

    /// A client for the chosen node.
    func client() throws -> RPCClient {
        let url = rpcURL ?? ProcessInfo.processInfo.environment[Self.environmentVariable] ?? Self.defaultURL
        guard timeout > 0 else { throw CommandFailure("--timeout must be at least 1 second") }
        guard (0...20).contains(retries) else { throw CommandFailure("--retries must be 0 to 20") }
        var policy = RetryPolicy.standard
        policy.maximumAttempts = retries + 1
        return try RPCClient(url: url, timeout: .seconds(timeout), retryPolicy: policy)
    }
}

/// `--block <BLOCK>` (`-b`) of the commands that read state: a number, a tag or a block hash (EIP-1898).
struct BlockOption: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp(
        "The block to read at: a number, latest, pending, safe, finalized, earliest, or a block hash.",
        valueName: "BLOCK"))
    var block = "latest"

    /// The block, parsed.
    func tag() throws -> BlockTag { try ChainArgument.block(block) }
}

/// The account that signs: `--private-key <KEY>` (or `$PODIUM_PRIVATE_KEY`), or `--dev-account <N>`, one of the
/// devnet's ten test-mnemonic accounts.
struct SenderOptions: ParsableArguments {
    @OptionGroup var key: PrivateKeyOptions

    @Option(help: ArgumentHelp("Sign with devnet account N (0-9) of the test mnemonic.", valueName: "N"))
    var devAccount: UInt32?

    func load() throws -> PrivateKey {
        guard let devAccount else { return try key.load() }
        guard key.privateKey == nil else { throw CommandFailure("give --private-key or --dev-account, not both") }
        guard devAccount < DevnetAccounts.count else {
            throw CommandFailure("--dev-account must be 0 to \(DevnetAccounts.count - 1), got \(devAccount)")
        }
        return DevnetAccounts.privateKeys[Int(devAccount)]
    }
}

/// Command-line forms of chain values.
enum ChainArgument {
    /// An address: lowercase or uppercase hex, or mixed case carrying a valid EIP-55 checksum.
    static func address(_ text: String, what: String = "address") throws -> Address {
        try parseArgument(what, text) { try Address(hex: $0) }
    }

    static func hash(_ text: String, what: String = "transaction hash") throws -> Bytes32 {
        try parseArgument(what, text) { try Bytes32(hex: $0) }
    }

    static func block(_ text: String) throws -> BlockTag {
        do { return try BlockTag(parsing: text) } catch { throw CommandFailure("invalid block: \(error)") }
    }
}
