import ArgumentParser
import Foundation
import PodiumLedger
import PodiumLedgerStore
import PodiumPrimitives

/// Where the ledger file is: --db, else ledger.sqlite beside the deployment records.
struct LedgerLocation: ParsableArguments {
    @Option(help: ArgumentHelp("Where deployment records live.", valueName: "DIR")) var deployments = "deployments"
    @Option(help: ArgumentHelp("The ledger file (default: ledger.sqlite beside the deployment records).", valueName: "FILE"))
    var db: String?

    var path: String { db ?? LedgerStore.defaultPath(deployments: deployments) }

    /// The ledger, created (with its folder) when missing.
    func open() throws -> LedgerStore {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try LedgerStore(path: path)
    }
}

/// `podium ledger init | import`: the settlement ledger.
struct Ledger: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The settlement ledger: the seed's settlement tables, Podium's exact amounts, standings and payouts.",
        subcommands: [LedgerInit.self, LedgerImport.self])
}

/// `podium ledger init [--db FILE]`: creates the ledger or brings its schema up to date.
struct LedgerInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the ledger, or bring its schema up to date (safe to run again).")

    @OptionGroup var location: LedgerLocation

    func run() throws {
        let store = try location.open()
        if store.appliedMigrations.isEmpty {
            print("ledger \(store.path): up to date")
        } else {
            print("ledger \(store.path): applied \(store.appliedMigrations.joined(separator: ", "))")
        }
    }
}

/// `podium ledger import FILE [--db FILE]`: a team's own settlement tables into the ledger.
struct LedgerImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Copy the seed's four settlement tables from a copy of a team's SQLite database into the ledger.",
        discussion: """
            FILE is opened read-only. Each REAL amount is taken as the shortest decimal that reads back as the stored \
            value (23.6) and converted exactly to base units (18 decimals); a value needing more than 15 significant \
            digits (0.30000000000000004), with more than 18 decimals, negative, infinite or not a number fails the import, every such row named on stderr, \
            and nothing is written. The ledger's seed tables must be empty.
            """)

    @Argument(help: ArgumentHelp("A SQLite database with the seed's tables.", valueName: "FILE")) var file: String
    @OptionGroup var location: LedgerLocation

    func run() throws {
        let store = try location.open()
        let counts: [String: Int]
        switch Result(catching: { () throws(LedgerError) in try store.importSeed(from: file) }) {
        case .success(let copied):
            counts = copied
        case .failure(.inexactAmounts(let problems)):
            let lines = problems.map { "podium: \(file): \($0)\n" }.joined()
            FileHandle.standardError.write(Data(lines.utf8))
            let count = problems.count
            throw CommandFailure("\(file) refused: \(count) inexact amount\(count == 1 ? "" : "s"), nothing imported")
        case .failure(let error):
            throw error
        }
        for table in LedgerStore.seedTables {
            print("\(table): \(counts[table] ?? 0) rows")
        }
    }
}

/// `podium standings import | list`: the game's standings in the ledger.
struct StandingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standings",
        abstract: "Import the game's standings into the ledger, or list them.",
        subcommands: [StandingsImport.self, StandingsList.self])
}

/// `podium standings import FILE [--board B] [--period ID] [--db FILE]`.
struct StandingsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Replace a board's standings for a period with those of a CSV or JSON file.",
        discussion: """
            FILE is CSV with the header player,wallet,score,reached_at, optionally followed by period and board \
            columns, or a JSON array of objects with those keys. A row's own period and board (when present and not \
            empty) take the place of --period and --board. A file with any bad row is refused whole, each bad row on \
            its own stderr line; otherwise the standings of each (board, period) in the file are replaced in one \
            transaction, so importing the same file again changes nothing. A file with a header and no rows, with \
            --period, records that nobody played that period.
            """)

    @Argument(help: ArgumentHelp("The standings file, CSV or JSON.", valueName: "FILE")) var file: String
    @Option(help: ArgumentHelp("daily or weekly, for rows without a board column.", valueName: "BOARD")) var board: String?
    @Option(help: ArgumentHelp("The period (2026-11-20, 2026-W47), for rows without a period column.", valueName: "ID"))
    var period: String?
    @OptionGroup var location: LedgerLocation

    func run() throws {
        let board = try board.map { text in
            guard let board = Board(rawValue: text) else { throw CommandFailure("--board must be daily or weekly") }
            return board
        }
        let period = try period.map { text in try parseArgument("period", text) { try Period(parsing: $0, board: board) } }
        let bytes = try FileArgument.read(file, what: "standings")
        let rows: [StandingsRow]
        do {
            rows = try Standings.read(bytes, board: board, period: period)
        } catch {
            let shown = SettlePreview.maximumProblemsShown
            var lines = error.problems.prefix(shown).map { "podium: \(file): \($0)\n" }.joined()
            if error.problems.count > shown { lines += "podium: \(file): … and \(error.problems.count - shown) more\n" }
            FileHandle.standardError.write(Data(lines.utf8))
            let count = error.problems.count
            throw CommandFailure("standings \(file) refused: \(count) problem\(count == 1 ? "" : "s"), nothing imported")
        }
        let store = try location.open()
        let now = UTCInstant(secondsSinceEpoch: Int64(time(nil)))
        guard !rows.isEmpty else {
            guard let period else {
                throw CommandFailure("standings \(file) has no rows: give --board and --period to record that nobody played")
            }
            try store.recordEmptyStandings(board: board ?? period.board, period: period, sourceFile: file, importedAt: now)
            print("\((board ?? period.board).rawValue) \(period): 0 standings (nobody eligible: the period will be SKIPPED)")
            return
        }
        for group in try store.replaceStandings(rows, sourceFile: file, importedAt: now) {
            print("\(group.board.rawValue) \(group.period): \(group.rows) standing\(group.rows == 1 ? "" : "s")")
        }
    }
}

/// `podium standings list --board B --period ID [--json] [--db FILE]`.
struct StandingsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The standings of a board's period in the ledger, best first.")

    @Option(help: ArgumentHelp("daily or weekly.", valueName: "BOARD")) var board: String
    @Option(help: ArgumentHelp("The period, 2026-11-20 or 2026-W47.", valueName: "ID")) var period: String
    @Flag(help: "Print the standings as JSON (scores as decimal strings).") var json = false
    @OptionGroup var location: LedgerLocation

    func run() throws {
        guard let board = Board(rawValue: board) else { throw CommandFailure("--board must be daily or weekly") }
        let period = try parseArgument("period", period) { try Period(parsing: $0, board: board) }
        let stored = try location.open().standings(board: board, period: period)
            .sorted { $0.standing.ranks(above: $1.standing) }
        if json {
            let rows = stored.map { entry -> JSONValue in
                [
                    "player": .string(entry.standing.player), "wallet": .string(entry.standing.wallet.description),
                    "score": .string(entry.standing.score.description), "reached_at": .string(entry.standing.reachedAt.description),
                    "source": .string("\(entry.sourceFile):\(entry.sourceLine)"),
                ]
            }
            print(JSONValue.object(["board": .string(board.rawValue), "period": .string(period.description), "standings": .array(rows)]).prettyText)
            return
        }
        print("\(board.rawValue) \(period) (period id \(period.periodID)): \(stored.count) standing\(stored.count == 1 ? "" : "s")")
        guard !stored.isEmpty else { return }
        let table = [["player", "wallet", "score", "reached_at"]]
            + stored.map { [$0.standing.player, $0.standing.wallet.description, $0.standing.score.description, $0.standing.reachedAt.description] }
        let widths = (0..<4).map { column in table.map { $0[column].count }.max() ?? 0 }
        for row in table {
            print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces))
        }
    }
}
