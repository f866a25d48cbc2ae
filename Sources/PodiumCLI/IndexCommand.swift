import ArgumentParser
import Foundation
import Synchronization
import PodiumContracts
import PodiumIndexer
import PodiumPrimitives
import PodiumRPC

/// `podium index [run] | status`: the indexer and what it has done.
struct Index: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Index Podium's events into a SQLite file (podium index [run] …), or say where an index stands (status).",
        subcommands: [IndexRun.self, IndexStatus.self], defaultSubcommand: IndexRun.self)
}

/// Where the index file is: --db, else index.sqlite beside the deployment records.
struct IndexLocation: ParsableArguments {
    @Option(help: ArgumentHelp("Where deployment records live.", valueName: "DIR")) var deployments = "deployments"
    @Option(help: ArgumentHelp("The index file (default: index.sqlite beside the deployment record).", valueName: "FILE"))
    var db: String?

    var path: String { db ?? URL(fileURLWithPath: deployments).appendingPathComponent("index.sqlite").path }
}

/// `podium index [run]`: Podium's events from the chain into SQLite, exactly once, through reorgs and restarts.
struct IndexRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
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
    @OptionGroup var location: IndexLocation
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
        let recordURL = DeploymentRecord.fileURL(directory: URL(fileURLWithPath: location.deployments), chainID: chainID)
        guard let record = try DeploymentRecord.load(from: recordURL) else {
            throw CommandFailure("no deployment record at \(recordURL.path): run podium deploy first, or give --deployments")
        }
        let path = location.path
        let store = try IndexStore(path: path)
        var options = Indexer.Options(fromBlock: fromBlock, toBlock: toBlock, confirmations: confirmations)
        options.initialRange = 10_000
        let indexer = Indexer(client: client, store: store, target: try IndexTarget(record: record), options: options)
        let quiet = quiet
        let stop = StopSignals()
        do {
            let state = try await indexer.run(follow: follow, shouldStop: { stop.requested }) { progress in
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

/// `podium index status [--json]`: what the index holds and where it stands, without asking a node.
struct IndexStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Say how far the index has come: cursor, head and finalized block seen, rows, range, halt.")
    @OptionGroup var location: IndexLocation
    @Option(help: "The chain.") var chainId: UInt64 = 31337
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: location.path) else { throw CommandFailure("no index at \(location.path)") }
        let store = try IndexStore(path: location.path)
        guard let state = try store.state(chainID: chainId) else { throw CommandFailure("the index holds nothing for chain \(chainId)") }
        var counts: [(String, Int)] = []
        for table in IndexTable.allCases { counts.append((table.rawValue, try store.count(table, chainID: chainId))) }
        let indexed = state.cursor == UInt64.max ? "none" : "\(state.cursor)"
        if json {
            var object: [String: JSONValue] = [
                "chainId": .number("\(chainId)"), "head": .number("\(state.head)"), "finalized": .number("\(state.finalized)"),
                "logRange": .number("\(state.logRange)"), "halt": state.halt.map(JSONValue.string) ?? .null,
                "rows": .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.0, JSONValue.number("\($0.1)")) })),
            ]
            object["indexed"] = state.cursor == UInt64.max ? .null : .number("\(state.cursor)")
            print(JSONValue.object(object).prettyText)
            return
        }
        let lag = state.cursor == UInt64.max ? state.head : state.head - min(state.head, state.cursor)
        FieldPrinter.print([
            ("chain", "\(chainId)"), ("indexed", indexed), ("head", "\(state.head) (lag \(lag))"),
            ("finalized", "\(state.finalized)"), ("logRange", "\(state.logRange) blocks"),
            ("halt", state.halt ?? "none"),
        ] + counts.map { ($0.0, "\($0.1) rows") })
    }
}

/// SIGINT and SIGTERM, turned into a request to stop after the range in hand.
final class StopSignals: Sendable {
    private let flag = Atomic<Bool>(false)
    /// Kept alive for as long as the signals matter; only touched in `init`.
    private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in flag.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
    }

    /// True once a signal came.
    var requested: Bool { flag.load(ordering: .relaxed) }
}

/// A failure that exits with a status of its own, documented by the command.
struct FailureWithStatus: Error, CustomStringConvertible {
    let description: String
    let status: Int32
}
