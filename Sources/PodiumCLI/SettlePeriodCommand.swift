import ArgumentParser
import Foundation
import PodiumContracts
import PodiumIndexer
import PodiumLedger
import PodiumLedgerStore
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSettlement
import PodiumSigner
import PodiumUserOperations

/// The files settlement, reconciliation and reports read: the deployment record, the ledger and the index.
struct BooksOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where deployment records live.", valueName: "DIR")) var deployments = "deployments"
    @Option(help: ArgumentHelp("The ledger file (default: ledger.sqlite beside the deployment records).", valueName: "FILE"))
    var ledger: String?
    @Option(help: ArgumentHelp("The index file (default: index.sqlite beside the deployment records).", valueName: "FILE"))
    var index: String?

    /// The ledger (created when missing), the index (which must exist) and the deployment record of `chainID`.
    func open(chainID: UInt64) throws -> (LedgerStore, IndexStore, DeploymentRecord) {
        let indexPath = index ?? URL(fileURLWithPath: deployments).appendingPathComponent("index.sqlite").path
        guard FileManager.default.fileExists(atPath: indexPath) else {
            throw CommandFailure("no index at \(indexPath): run podium index first (or give --index)")
        }
        let recordURL = DeploymentRecord.fileURL(directory: URL(fileURLWithPath: deployments), chainID: chainID)
        guard let record = try DeploymentRecord.load(from: recordURL) else {
            throw CommandFailure("no deployment record at \(recordURL.path): run podium deploy first, or give --deployments")
        }
        let ledger = try LedgerLocation(deployments: deployments, db: self.ledger).open()
        return (ledger, try IndexStore(path: indexPath), record)
    }
}

extension LedgerLocation {
    init(deployments: String, db: String?) {
        self.init()
        self.deployments = deployments
        self.db = db
    }
}

/// `podium settle`: a period settled and paid (`run`, the default), or the split previewed (`preview`).
struct Settle: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Settle a leaderboard period and pay its winners once through the prize distributor.",
        usage: """
            podium settle --board daily|weekly --period ID [--dry-run] [--json] [--dev-account N | --private-key KEY]
              podium settle --due [--board daily|weekly] [--dry-run] [--json] [--via-account --bundler-url URL]
              podium settle preview --board daily|weekly --standings FILE --total AMOUNT [--json]
            """,
        discussion: "Without a subcommand, settle runs `run`; `podium settle run --help` lists all of its options.",
        subcommands: [SettleRun.self, SettlePreview.self], defaultSubcommand: SettleRun.self)
}

/// `podium settle [run] --board B --period ID [--dry-run] [--json]`, `podium settle --due`: a period's settlement
/// against the ledger, the index and the chain, paid once through the prize distributor.
struct SettleRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Settle a leaderboard period and pay its winners once through the prize distributor.",
        discussion: """
            The pool is the board's base (50 GLICO daily, 500 weekly; --daily-base, --weekly-base) + the period's Game \
            Pass contributions from the index's final blocks + the carry-over of the board's previous period; it is \
            split over the standings imported for the period (podium standings import). A period settles only once \
            the index's last final block lies after its end, and only after the board's previous period. The \
            settlement (archive, PENDING rows, pool) is written to the ledger, then the payout is journaled \
            (intended → submitted with its signed transaction → confirmed or failed) and sent from the game wallet (its key, or with --via-account its smart account as a user operation). A \
            run that was interrupted is finished by the next one from the chain, never paid twice; two runs at once \
            take turns. --dry-run prints the split without writing or sending. --due settles every finished period \
            not yet settled, in order, for a scheduler. Exit status: 0 done; 1 refused or failed (FAILED is recorded \
            and a re-run retries); 3 the payout was sent but its outcome is not known yet (re-run to resolve it).
            """)

    @Option(help: ArgumentHelp("daily or weekly (with --due: only that board).", valueName: "BOARD")) var board: String?
    @Option(help: ArgumentHelp("The period, 2026-11-20 or 2026-W47.", valueName: "ID")) var period: String?
    @Flag(help: "Settle every finished period not yet settled, oldest first.") var due = false
    @Flag(help: "Compute and print the split; record and send nothing.") var dryRun = false
    @Flag(help: "Print the result as JSON (amounts as decimal strings of base units).") var json = false
    @Option(help: ArgumentHelp("The daily base pool (base units, or GLICO with a glico suffix).", valueName: "AMOUNT"))
    var dailyBase = "50glico"
    @Option(help: ArgumentHelp("The weekly base pool.", valueName: "AMOUNT")) var weeklyBase = "500glico"
    @Option(help: ArgumentHelp("Seconds to wait for the payout's receipt.", valueName: "SECONDS")) var wait = 120
    @Flag(help: "Pay as a user operation of the game's smart account (owned by the signing key) through --bundler-url.")
    var viaAccount = false
    @Option(help: ArgumentHelp("The ERC-7769 bundler, with --via-account (default: $PODIUM_BUNDLER_URL).", valueName: "URL"))
    var bundlerURL: String?
    @Option(help: ArgumentHelp("The factory's salt of the game's smart account, with --via-account.", valueName: "N"))
    var accountSalt = "0"
    @OptionGroup var books: BooksOptions
    @OptionGroup var sender: SenderOptions
    @OptionGroup var rpc: RPCOptions

    /// The game wallet: the key's account, or with --via-account the key's smart account through the bundler.
    func payer(key: PrivateKey, client: RPCClient, record: DeploymentRecord) async throws -> SettlementPayer {
        guard viaAccount else { return .wallet(try await TransactionSender(client: client, signer: key, chainID: record.chainID)) }
        guard let url = bundlerURL ?? ProcessInfo.processInfo.environment["PODIUM_BUNDLER_URL"] else {
            throw CommandFailure("--via-account needs a bundler: pass --bundler-url or set PODIUM_BUNDLER_URL")
        }
        let account = try await SmartAccount(
            owner: key, salt: try parseArgument("account-salt", accountSalt) { try UInt256(parsing: $0) },
            contracts: try AccountAbstractionDeployment(record: record, client: client), bundler: try BundlerClient(url: url),
            sponsor: nil, chainID: record.chainID)
        return .account(account)
    }

    func run() async throws {
        let board = try board.map { text in
            guard let board = Board(rawValue: text) else { throw CommandFailure("--board must be daily or weekly") }
            return board
        }
        let bases = BasePools(
            daily: try parseArgument("daily-base", dailyBase) { try PoolAmount.parse($0) },
            weekly: try parseArgument("weekly-base", weeklyBase) { try PoolAmount.parse($0) })
        var periods: [Period] = []
        if !due {
            guard let board else { throw CommandFailure("give --board daily|weekly and --period, or --due") }
            guard let text = period else { throw CommandFailure("give --period (2026-11-20 or 2026-W47), or --due") }
            periods = [try parseArgument("period", text) { try Period(parsing: $0, board: board) }]
        } else if period != nil {
            throw CommandFailure("--due settles every due period: give no --period")
        }
        let client = try rpc.client()
        let chainID = try await client.chainID()
        let (ledger, index, record) = try books.open(chainID: chainID)
        let settler = Settler(ledger: ledger, index: index, client: client, contracts: try SettlementContracts(record: record), bases: bases)
        if due {
            for board in board.map({ [$0] }) ?? Board.allCases { periods += try await settler.duePeriods(of: board) }
            if periods.isEmpty && !json { print("nothing due: every finished period is settled") }
        }
        if dryRun {
            var plans: [JSONValue] = []
            for period in periods {
                let plan = try await settler.plan(period)
                if json {
                    plans.append(SettlePreview.json(plan.settlement.split, board: period.board, period: period))
                } else {
                    print(Self.poolLine(plan.settlement, purchases: plan.purchases.count, through: plan.countedThroughBlock))
                    print(SettlePreview.table(plan.settlement.split, board: period.board, period: period))
                }
            }
            if json { print((due ? JSONValue.array(plans) : plans.first ?? .null).prettyText) }
            return
        }
        let payer = try await payer(key: try sender.load(), client: client, record: record)
        var results: [JSONValue] = []
        for period in periods {
            if !json { print("\(period.board.rawValue) \(period) (period id \(period.periodID))") }
            let quiet = json
            let killAt = ProcessInfo.processInfo.environment[Self.faultVariable]
            let settled = try await Self.settle(period, with: settler, payer: payer, wait: wait) { line in
                if !quiet { print("  \(line)") }
                if let killAt, line.hasPrefix(killAt) {  // fault injection for the crash tests
                    fflush(nil)
                    kill(getpid(), SIGKILL)
                }
            }
            if json { results.append(Self.json(settled)) } else { print(Self.summary(settled)) }
        }
        if json { print((due ? JSONValue.array(results) : results.first ?? .null).prettyText) }
    }

    /// Fault injection for crash tests: when set, the process kills itself (SIGKILL) right after the step line that
    /// starts with its value (recorded, journaled, submitted, mined, confirmed).
    static let faultVariable = "PODIUM_SETTLE_KILL_AFTER"

    /// Settles `period`, an unknown outcome exiting with status 3.
    static func settle(
        _ period: Period, with settler: Settler, payer: SettlementPayer, wait: Int, say: @escaping @Sendable (String) -> Void
    ) async throws -> SettlementRecord {
        let result: Result<SettlementRecord, SettlementError>
        do {
            result = .success(try await settler.settle(period, payer: payer, timeout: .seconds(wait), say: say))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let settled): return settled
        case .failure(.outcomeUnknown(let period, let transaction, let detail)):
            throw FailureWithStatus(description: SettlementError.outcomeUnknown(period, transaction: transaction, detail: detail).description, status: 3)
        case .failure(let error): throw CommandFailure(error.description)
        }
    }

    /// `pool 59 GLICO = base 50 + bonus 9 + carry-in 0 (5 purchases through block 120)`.
    static func poolLine(_ settlement: PeriodSettlement, purchases: Int, through block: UInt64) -> String {
        let glico = { (amount: UInt256) in Units.format(amount, decimals: 18) }
        return "pool \(glico(settlement.total)) GLICO = base \(glico(settlement.base)) + bonus \(glico(settlement.bonus)) + carry-in \(glico(settlement.carryIn)) (\(purchases) purchase\(purchases == 1 ? "" : "s") through final block \(block))"
    }

    /// The settlement's outcome in a few lines.
    static func summary(_ settled: SettlementRecord) -> String {
        let glico = { (amount: UInt256) in Units.format(amount, decimals: 18) }
        var lines = ["  pool \(glico(settled.total)) GLICO = base \(glico(settled.base)) + bonus \(glico(settled.bonus)) + carry-in \(glico(settled.carryIn))"]
        for place in settled.places {
            lines.append("  \(place.place)  \(place.wallet)  \(place.score)  \(glico(place.amount)) GLICO")
        }
        lines.append("  paid \(glico(settled.paid)), dust \(glico(settled.dust)), carry-out \(glico(settled.carryOut)) GLICO")
        if let attempt = settled.attempt, let hash = attempt.transactionHash, let block = attempt.blockNumber {
            lines.append("  \(settled.status): paid in \(hash) (block \(block))")
        } else {
            lines.append("  \(settled.status)\(settled.status == "SKIPPED" ? ": no eligible player, the whole pool carries over" : "")")
        }
        return lines.joined(separator: "\n")
    }

    /// The preview's JSON shape with the ledger's status and the payout transaction.
    static func json(_ settled: SettlementRecord) -> JSONValue {
        let places = settled.places.map { place -> JSONValue in
            [
                "place": .number(String(place.place)), "wallet": .string(place.wallet.description),
                "score": .string(place.score.description), "amount": .string(place.amount.description),
            ]
        }
        return [
            "board": .string(settled.board.rawValue), "period": .string(settled.period.description),
            "periodId": .number(String(settled.period.periodID)), "status": .string(settled.status),
            "base": .string(settled.base.description), "bonus": .string(settled.bonus.description),
            "carryIn": .string(settled.carryIn.description), "total": .string(settled.total.description),
            "places": .array(places), "paid": .string(settled.paid.description), "dust": .string(settled.dust.description),
            "carryOut": .string(settled.carryOut.description),
            "txHash": settled.attempt?.transactionHash.map { .string($0.description) } ?? .null,
            "block": settled.attempt?.blockNumber.map { .number(String($0)) } ?? .null,
        ]
    }
}
