import ArgumentParser
import Foundation
import PodiumContracts
import PodiumIndexer
import PodiumRPC

/// `podium index`: Podium's events from the chain into SQLite, exactly once, through reorgs and restarts.
struct Index: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Index Podium's events (from the deployment record) into a SQLite file, through reorgs and restarts.",
        discussion: """
            Reads the distributor's PrizesDistributed and PeriodPaid, the sale's GamePassPurchased and the token's \
            Transfers to or from the distributor, the sale and the treasury, from the contracts of \
            <DIR>/<chainId>.json, into the tables blocks, logs, prizes_distributed (with prize_winners), \
            period_paid, game_pass_purchases, token_transfers and index_state. Each range of blocks commits with \
            its headers and the cursor in one transaction, so a killed run resumes with no gap and no duplicate. \
            Before each range the last indexed block is checked against the node: a reorg is rolled back to the \
            common ancestor and indexed again; one at or below the finalized block (the node's finalized tag, or \
            --confirmations below the head) halts the index, writes nothing, and exits with status 3. Without \
            --follow it indexes up to the head (less --confirmations) and exits; with --follow it keeps up until \
            interrupted.
            """)
    @OptionGroup var rpc: RPCOptions
    @Option(help: ArgumentHelp("Where deployment records live.", valueName: "DIR")) var deployments = "deployments"
    @Option(help: ArgumentHelp("The index file (default: index.sqlite beside the deployment record).", valueName: "FILE"))
    var db: String?
    @Option(help: ArgumentHelp("The first block (default: the earliest deployment).", valueName: "N")) var fromBlock: UInt64?
    @Option(help: ArgumentHelp("The last block (default: the head).", valueName: "N")) var toBlock: UInt64?
    @Option(help: ArgumentHelp("Blocks below the head taken as final and left out (default: the node's finalized tag).", valueName: "N"))
    var confirmations: UInt64?
    @Flag(help: "Keep up with the head until interrupted.") var follow = false
    @Flag(help: "Print nothing but errors.") var quiet = false

    /// The exit status of a reorg below finality.
    static let haltStatus: Int32 = 3

    func run() async throws {
        let client = try rpc.client()
        let chainID = try await client.chainID()
        let recordURL = DeploymentRecord.fileURL(directory: URL(fileURLWithPath: deployments), chainID: chainID)
        guard let record = try DeploymentRecord.load(from: recordURL) else {
            throw CommandFailure("no deployment record at \(recordURL.path): run podium deploy first, or give --deployments")
        }
        let path = db ?? URL(fileURLWithPath: deployments).appendingPathComponent("index.sqlite").path
        let store = try IndexStore(path: path)
        var options = Indexer.Options(fromBlock: fromBlock, toBlock: toBlock, confirmations: confirmations)
        options.initialRange = 10_000
        let indexer = Indexer(client: client, store: store, target: try IndexTarget(record: record), options: options)
        let quiet = quiet
        do {
            let state = try await indexer.run(follow: follow) { progress in
                guard !quiet else { return }
                if progress.rolledBack > 0 {
                    FileHandle.standardError.write(Data("podium: reorg: rolled back \(progress.rolledBack) blocks to \(progress.state.cursor)\n".utf8))
                }
            }
            if !quiet {
                let logs = try store.count(.logs, chainID: chainID)
                print("indexed to block \(state.cursor) of \(state.head) (finalized \(state.finalized)), \(logs) logs, in \(path)")
            }
        } catch IndexError.reorgBelowFinality(let block, let stored, let node) {
            throw FailureWithStatus(
                description: IndexError.reorgBelowFinality(block: block, stored: stored, node: node).description,
                status: Self.haltStatus)
        }
    }
}

/// A failure that exits with a status of its own, documented by the command.
struct FailureWithStatus: Error, CustomStringConvertible {
    let description: String
    let status: Int32
}
