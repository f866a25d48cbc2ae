import ArgumentParser
import Foundation
import PodiumABI
import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumSigner
import PodiumUserOperations

/// `podium gamepass buy`: a player's Game Pass bought from their smart account in one user operation.
struct GamePass: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gamepass", abstract: "Buy a Game Pass from a player's smart account as an ERC-4337 user operation.",
        subcommands: [GamePassBuy.self])
}

/// `podium gamepass buy --player-key K [--sponsored | --self-paid] [--paymaster-url URL] [--bundler-url URL]`, or
/// `--player-keys-file FILE [--concurrency N] [--each]` for one purchase per key, made concurrently.
struct GamePassBuy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buy",
        abstract: "Buy a Game Pass from the player's SimpleAccount in one user operation, sponsored by default.",
        discussion: """
            The player's account (the factory's account of the key's address and --salt) is created by its first \
            operation; the operation approves the sale for the price when the allowance falls short and buys, in one \
            executeBatch. Sponsored (the default), a paymaster service (ERC-7677, --paymaster-url or \
            $PODIUM_PAYMASTER_URL) pays the gas, so the player needs no ETH; --self-paid makes the account pay from \
            its ETH. The operation goes to an ERC-7769 bundler (--bundler-url or $PODIUM_BUNDLER_URL). Prints the \
            userOpHash, the transaction hash, the UserOperationEvent (the actual gas cost, and who paid it) and the \
            GamePassPurchased event.

            With --player-keys-file, one purchase for each key of the file (one 64-hex-digit key a line; blank lines \
            and lines starting with # are skipped), --concurrency at a time from one process, so the bundler packs \
            several into each handleOps. The gas limits are estimated by the bundler once per operation shape \
            (account created or not, approve and buy or buy) and reused for the others of that shape. Prints one line \
            per day of the purchases' GamePassPurchased events, "day 2026-11-21: 50 purchases in 7 bundles, 6.1 s" \
            (--each: first a line per purchase: account, userOpHash, transaction, block); a purchase that fails is \
            said on stderr, by account, and the command exits non-zero. Keys are never printed.
            """)
    @Option(help: ArgumentHelp(
        "The player's key (owner of the account), 64 hex digits (default: $PODIUM_PLAYER_KEY).", valueName: "KEY"))
    var playerKey: String?
    @Option(help: ArgumentHelp(
        "A file of player keys, one a line: one purchase for each, made concurrently.", valueName: "FILE"))
    var playerKeysFile: String?
    @Option(help: ArgumentHelp("With --player-keys-file: purchases in flight at once.", valueName: "N")) var concurrency = 16
    @Flag(help: "With --player-keys-file: a line per purchase before each day's summary.") var each = false
    @Option(help: ArgumentHelp("Seconds to wait for the operations to be included.", valueName: "SECONDS")) var wait = 120
    @Option(help: ArgumentHelp("The factory's salt of the player's account.", valueName: "N")) var salt = "0"
    @Flag(exclusivity: .exclusive, help: "Who pays the gas.") var payer: Payer = .sponsored
    @Option(help: ArgumentHelp("The ERC-7677 paymaster service (default: $PODIUM_PAYMASTER_URL).", valueName: "URL"))
    var paymasterURL: String?
    @Option(help: ArgumentHelp("The ERC-7769 bundler (default: $PODIUM_BUNDLER_URL).", valueName: "URL")) var bundlerURL: String?
    @OptionGroup var contracts: AccountAbstractionOptions
    @OptionGroup var rpc: RPCOptions

    enum Payer: String, EnumerableFlag {
        case sponsored, selfPaid
    }

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard wait >= 1 else { throw ValidationError("--wait must be at least 1 second") }
        if playerKeysFile != nil {
            guard playerKey == nil else { throw ValidationError("give --player-key or --player-keys-file, not both") }
            guard payer == .sponsored else { throw ValidationError("--player-keys-file buys sponsored only") }
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if let playerKeysFile {
            guard let bundlerURL = bundlerURL ?? environment["PODIUM_BUNDLER_URL"] else {
                throw CommandFailure("no bundler: pass --bundler-url or set PODIUM_BUNDLER_URL (podium bundler serve runs one)")
            }
            guard let paymasterURL = paymasterURL ?? environment["PODIUM_PAYMASTER_URL"] else {
                throw CommandFailure("no paymaster service: pass --paymaster-url or set PODIUM_PAYMASTER_URL")
            }
            let batch = GamePassBatch(
                keys: try GamePassBatch.readKeys(playerKeysFile), salt: try parseArgument("--salt", salt) { try UInt256(parsing: $0) },
                bundlerURL: bundlerURL, paymasterURL: paymasterURL, concurrency: concurrency, each: each,
                timeout: .seconds(wait), contracts: contracts, rpc: rpc)
            try await batch.run()
            return
        }
        guard let keyText = playerKey ?? environment["PODIUM_PLAYER_KEY"] else {
            throw CommandFailure("no player key: pass --player-key or set PODIUM_PLAYER_KEY")
        }
        let player: PrivateKey
        do { player = try PrivateKey(hex: keyText) } catch { throw CommandFailure("invalid player key: \(error)") }
        guard let bundlerURL = bundlerURL ?? environment["PODIUM_BUNDLER_URL"] else {
            throw CommandFailure("no bundler: pass --bundler-url or set PODIUM_BUNDLER_URL (podium bundler serve runs one)")
        }
        var sponsor: PaymasterClient?
        if payer == .sponsored {
            guard let url = paymasterURL ?? environment["PODIUM_PAYMASTER_URL"] else {
                throw CommandFailure("no paymaster service: pass --paymaster-url, set PODIUM_PAYMASTER_URL, or buy --self-paid")
            }
            sponsor = try PaymasterClient(url: url)
        }
        let client = try rpc.client()
        let chainID = try await client.chainID()
        guard let record = try contracts.record(chainID: chainID) else {
            throw CommandFailure("no deployment record for chain \(chainID) in \(contracts.deployments): run podium deploy first")
        }
        let podium = try PodiumDeployment(record: record, client: client)
        let account = try await SmartAccount(
            owner: player, salt: try parseArgument("--salt", salt) { try UInt256(parsing: $0) },
            contracts: try contracts.contracts(chainID: chainID, client: client), bundler: try BundlerClient(url: bundlerURL),
            sponsor: sponsor, chainID: chainID)
        let calls = try await podium.gamePassPurchase(by: account.address)
        print("account          \(account.address)\(try await client.code(at: account.address).isEmpty ? " (created by this operation)" : "")")
        let receipt = try await account.send(calls) { hash in print("userOpHash       \(hash)") }
        let event = receipt.event
        print("transaction      \(receipt.transactionHash) (block \(receipt.receipt.blockNumber))")
        print("UserOperationEvent success \(event.success), nonce \(event.nonce), actualGasCost \(event.actualGasCost) wei, actualGasUsed \(event.actualGasUsed), paid by \(event.paymaster == .zero ? "the account" : "paymaster \(event.paymaster)")")
        guard event.success else {
            let reason = receipt.reason.flatMap { try? RevertReason(decoding: $0).description } ?? "no reason given"
            throw CommandFailure("the purchase reverted inside the account: \(reason)")
        }
        for purchase in try podium.sale.events(GamePassSale.GamePassPurchased.self, in: receipt.logs.map(\.log)) {
            print("GamePassPurchased buyer \(purchase.buyer), day \(purchase.day), price \(purchase.price), treasury \(purchase.treasuryAmount), daily pool \(purchase.dailyPoolAmount), weekly pool \(purchase.weeklyPoolAmount)")
        }
    }
}
