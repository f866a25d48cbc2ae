import ArgumentParser
import Foundation
import Synchronization
import PodiumContracts
import GRDB
import PodiumIndexer
import PodiumPrimitives
import PodiumRPC
import PodiumServices

/// `podium index [run] | status`: the indexer and what it has done.
struct Index: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Index Podium's events into a SQLite file (podium index [run] …), or say where an index stands (status).",
        subcommands: [IndexRun.self, IndexStatus.self, IndexRebuild.self], defaultSubcommand: IndexRun.self)
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
    @Option(help: ArgumentHelp("What to index, as JSON (default: Podium's events from the deployment record).", valueName: "FILE"))
    var config: String?
    @Option(help: ArgumentHelp("The first block (default: the earliest deployment).", valueName: "N")) var fromBlock: UInt64?
    @Option(help: ArgumentHelp("The last block (default: the head).", valueName: "N")) var toBlock: UInt64?
    @Option(help: ArgumentHelp("Blocks below the head taken as final and left out (default: the node's finalized tag).", valueName: "N"))
    var confirmations: UInt64?
    @Option(help: ArgumentHelp(
        "The eth_getLogs block range to start with; it then grows after small answers (to 100,000 blocks), halves "
            + "after ones of over 10,000 logs, and follows the node's refusals.", valueName: "N"))
    var logRange: UInt64 = 1_000
    @Flag(help: "Keep up with the head until interrupted.") var follow = false
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Print a JSON status line on stdout after every range, for schedulers.") var jsonStatus = false
    @Option(help: ArgumentHelp(
        "Serve Prometheus metrics at http://127.0.0.1:N/metrics while indexing (0: a free port, printed on stderr).",
        valueName: "N"))
    var metricsPort: Int?

    /// The exit status of a reorg below finality.
    static let haltStatus: Int32 = 3

    func run() async throws {
        let client = try rpc.client()
        let chainID = try await client.chainID()
        let target: IndexTarget
        if let config {
            target = try IndexTarget(config: URL(fileURLWithPath: config))
        } else {
            let recordURL = DeploymentRecord.fileURL(directory: URL(fileURLWithPath: location.deployments), chainID: chainID)
            guard let record = try DeploymentRecord.load(from: recordURL) else {
                throw CommandFailure("no deployment record at \(recordURL.path): run podium deploy first, or give --deployments or --config")
            }
            target = try IndexTarget(record: record)
        }
        let path = location.path
        let store = try IndexStore(path: path)
        var options = Indexer.Options(fromBlock: fromBlock, toBlock: toBlock, confirmations: confirmations)
        guard logRange > 0 else { throw ValidationError("--log-range must be at least 1") }
        options.initialRange = logRange
        guard (0...65535).contains(metricsPort ?? 0) else { throw ValidationError("--metrics-port must be 0 to 65535") }
        let metrics = metricsPort.map { _ in IndexMetrics(chainID: chainID) }
        let indexer = Indexer(client: client, store: store, target: target, options: options, metrics: metrics)
        let reporter = ProgressReporter(quiet: quiet, json: jsonStatus)
        let stop = StopSignals()
        var server: Task<Void, Never>?
        if let metrics { server = try await Self.serveMetrics(metrics, port: metricsPort ?? 0, quiet: quiet) }
        defer { server?.cancel() }
        do {
            let state = try await indexer.run(follow: follow, shouldStop: { stop.requested }) { reporter.report($0) }
            reporter.finish()
            if !quiet && !jsonStatus {
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

extension IndexRun {
    /// Starts serving `metrics` on loopback and returns once the port listens (said on stderr unless `quiet`); the
    /// task serves until cancelled. A port that cannot be bound is an error naming it.
    static func serveMetrics(_ metrics: IndexMetrics, port: Int, quiet: Bool) async throws -> Task<Void, Never> {
        let (server, bound) = try await ServiceLaunch.start(port: port) { ready in
            try await HTTPService.serve(MetricsEndpoint.router { metrics.text() }, port: port, ready: ready)
        }
        if !quiet { FileHandle.standardError.write(Data("podium: metrics on http://127.0.0.1:\(bound)/metrics\n".utf8)) }
        return server
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

/// `podium index rebuild`: the decoded tables made again from `logs`, offline.
struct IndexRebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Drop the decoded tables and decode them again from the logs table, offline, in one transaction.")
    @OptionGroup var location: IndexLocation
    @Option(help: "The chain.") var chainId: UInt64 = 31337

    func run() throws {
        let decoded = try location.openExisting().rebuildDecoded(chainID: chainId)
        print("decoded \(decoded) logs again into the event tables of \(location.path)")
    }
}

/// The progress of a catch-up: one line on stderr, refreshed at most every half second (blocks/s, logs/s, blocks
/// left, ETA), reorgs on lines of their own; or with --json-status one JSON object per range on stdout.
final class ProgressReporter: Sendable {
    private struct Totals {
        var started = ContinuousClock.now
        var lastLine = ContinuousClock.now - .seconds(1)
        var firstCursor: UInt64?
        var logs = 0
        var drewLine = false
    }

    private let quiet: Bool
    private let json: Bool
    private let totals = Mutex(Totals())

    init(quiet: Bool, json: Bool) {
        (self.quiet, self.json) = (quiet, json)
    }

    func report(_ progress: Indexer.Progress) {
        let state = progress.state
        let indexed = state.cursor == UInt64.max ? 0 : state.cursor
        if json {
            let line: JSONValue = .object([
                "indexed": .number("\(indexed)"), "head": .number("\(state.head)"), "finalized": .number("\(state.finalized)"),
                "logs": .number("\(progress.logs)"), "rolledBack": .number("\(progress.rolledBack)"), "logRange": .number("\(state.logRange)"),
            ])
            FileHandle.standardOutput.write(Data((line.jsonText + "\n").utf8))
            return
        }
        guard !quiet else { return }
        if progress.rolledBack > 0 {
            FileHandle.standardError.write(Data("\rpodium: reorg: rolled back \(progress.rolledBack) blocks to \(indexed)\n".utf8))
        }
        totals.withLock { totals in
            if totals.firstCursor == nil { totals.firstCursor = indexed }
            totals.logs += progress.logs
            let now = ContinuousClock.now
            guard now - totals.lastLine >= .milliseconds(500), state.head > indexed else { return }
            totals.lastLine = now
            let seconds = max((now - totals.started) / .seconds(1), 0.001)
            let blocks = Double(indexed - min(indexed, totals.firstCursor ?? indexed))
            let rate = blocks / seconds
            let left = state.head - indexed
            let eta = rate > 0 ? "\(Int(Double(left) / rate)) s" : "?"
            FileHandle.standardError.write(Data(
                "\rpodium: block \(indexed) of \(state.head): \(Int(rate)) blocks/s, \(Int(Double(totals.logs) / seconds)) logs/s, \(left) left, ETA \(eta)   ".utf8))
            totals.drewLine = true
        }
    }

    /// Ends the refreshed line, if one was drawn.
    func finish() {
        if totals.withLock({ $0.drewLine }) { FileHandle.standardError.write(Data("\n".utf8)) }
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

/// `podium query prizes|purchases`: the decoded tables of an index, in base units and EIP-55 addresses.
struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what an index holds: prizes paid (by period and place) or Game Pass purchases.",
        subcommands: [QueryPrizes.self, QueryPurchases.self])
}

/// `podium query prizes [--period ID] [--board daily|weekly] [--json|--csv]`.
struct QueryPrizes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prizes",
        abstract: "Prizes paid: block, board, period, place, winner and amount (base units), in chain order.",
        discussion: "The period is the PeriodPaid event of the same transaction as the PrizesDistributed one.")
    @OptionGroup var location: IndexLocation
    @Option(help: ArgumentHelp("Only this period (YYYYMMDD or YYYYWW).", valueName: "ID")) var period: String?
    @Option(help: ArgumentHelp("daily or weekly.", valueName: "BOARD")) var board: String?
    @OptionGroup var format: TableFormat

    func run() throws {
        let store = try location.openExisting()
        let boardFilter: Int? = try board.map { name in
            guard let value = ["daily": 0, "weekly": 1][name] else { throw CommandFailure("--board must be daily or weekly") }
            return value
        }
        let periodFilter = try period.map { text in try parseArgument("period", text) { try UInt256(parsing: $0) } }
        let rows = try store.rows("""
            SELECT l.block_number, d.prize_type, w.place, w.winner, w.amount,
                (SELECT p.period_id FROM period_paid p JOIN logs pl ON pl.id = p.log_id
                 WHERE pl.chain_id = l.chain_id AND pl.transaction_hash = l.transaction_hash AND p.prize_type = d.prize_type
                 LIMIT 1) AS period_id
            FROM prizes_distributed d JOIN logs l ON l.id = d.log_id JOIN prize_winners w ON w.log_id = d.log_id
            ORDER BY l.block_number, l.log_index, w.place
            """)
        let table: [[String]] = rows.compactMap { row in
            let prizeType = row["prize_type"] as Int
            let periodID = (row["period_id"] as Data?).flatMap { UInt256(bigEndianBytes: $0) }
            if let boardFilter, prizeType != boardFilter { return nil }
            if let periodFilter, periodID != periodFilter { return nil }
            let winner = (try? Address(Array(row["winner"] as Data)))?.description ?? "?"
            let amount = UInt256(bigEndianBytes: row["amount"] as Data) ?? .zero
            return ["\(row["block_number"] as Int64)", prizeType == 0 ? "daily" : prizeType == 1 ? "weekly" : "\(prizeType)",
                    periodID?.description ?? "", "\(row["place"] as Int)", winner, amount.description]
        }
        format.print(header: ["block", "board", "period", "place", "winner", "amount"], rows: table)
    }
}

/// `podium query purchases [--buyer ADDRESS] [--json|--csv]`.
struct QueryPurchases: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purchases", abstract: "Game Pass purchases: block, buyer, day, price and its three parts (base units).")
    @OptionGroup var location: IndexLocation
    @Option(help: ArgumentHelp("Only this buyer.", valueName: "ADDRESS")) var buyer: String?
    @OptionGroup var format: TableFormat

    func run() throws {
        let store = try location.openExisting()
        let only = try buyer.map { try ChainArgument.address($0, what: "buyer") }
        let rows = try store.rows("""
            SELECT d.block_number, d.buyer, d.day, d.price, d.treasury_amount, d.daily_pool_amount, d.weekly_pool_amount
            FROM game_pass_purchases d JOIN logs l ON l.id = d.log_id ORDER BY l.block_number, l.log_index
            """)
        let table: [[String]] = rows.compactMap { row in
            guard let buyer = try? Address(Array(row["buyer"] as Data)), only == nil || only == buyer else { return nil }
            let amounts = ["day", "price", "treasury_amount", "daily_pool_amount", "weekly_pool_amount"].map { column in
                (UInt256(bigEndianBytes: row[column] as Data) ?? .zero).description
            }
            return ["\(row["block_number"] as Int64)", buyer.description] + amounts
        }
        format.print(header: ["block", "buyer", "day", "price", "treasury", "daily_pool", "weekly_pool"], rows: table)
    }
}

extension IndexLocation {
    /// The index, which must exist.
    func openExisting() throws -> IndexStore {
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("no index at \(path): run podium index first") }
        return try IndexStore(path: path)
    }
}

/// `--json` or `--csv` for the query commands; columns separated by two spaces otherwise.
struct TableFormat: ParsableArguments {
    @Flag(help: "Print a JSON array of objects, amounts as decimal strings.") var json = false
    @Flag(help: "Print CSV with a header line.") var csv = false

    func print(header: [String], rows: [[String]]) {
        if json {
            let objects = rows.map { row in JSONValue.object(Dictionary(uniqueKeysWithValues: zip(header, row.map(JSONValue.string)))) }
            Swift.print(JSONValue.array(objects).prettyText)
        } else if csv {
            Swift.print(header.joined(separator: ","))
            for row in rows { Swift.print(row.joined(separator: ",")) }
        } else {
            for row in rows { Swift.print(row.joined(separator: "  ")) }
        }
    }
}
