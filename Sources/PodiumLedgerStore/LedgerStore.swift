import Foundation
import GRDB
import PodiumLedger
import PodiumPrimitives

/// The ledger: one SQLite file (WAL) through GRDB holding the seed's four settlement tables with the seed's column
/// names and types (seed 000, section 3.5), Podium's columns beside them, the game's standings and the payout
/// journal. It is its own file, not the index's: the index can be rebuilt from the chain at any time, the ledger
/// (standings, imported books, payout intentions) cannot.
///
/// Podium's amounts are decimal TEXT of base units (`23600000000000000000`): exact, readable next to the seed's REAL
/// columns with any SQLite tool, and compared by value in Swift (the ledger does no range queries on amounts).
/// Hashes are `0x` lowercase hex TEXT, as the seed writes `tx_hash`; wallets are `0x` lowercase hex.
public final class LedgerStore: Sendable {
    /// The file.
    public let path: String
    /// The migrations this opening applied (empty when the file was already up to date).
    public let appliedMigrations: [String]
    private let database: DatabasePool

    /// The seed's four tables, in the order rows are imported (a summary before the prizes that point to it).
    public static let seedTables = ["leaderboard_archives", "revenue_allocation_log", "distribution_summary_log", "prize_distribution_log"]

    /// The default file: `ledger.sqlite` in the deployments folder.
    public static func defaultPath(deployments: String) -> String {
        URL(fileURLWithPath: deployments).appendingPathComponent("ledger.sqlite").path
    }

    /// Opens (creating it when missing) the ledger at `path` and brings its schema up to date; refuses a file that a
    /// newer Podium migrated further.
    public init(path: String) throws(LedgerError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            // Several commands may use the ledger at once (two settle runs, an import beside a report): a writer
            // waits for another's transaction rather than failing with "database is locked".
            configuration.busyMode = .timeout(30)
            database = try DatabasePool(path: path, configuration: configuration)
            let migrator = Self.migrator
            let applied = try database.read { db in try migrator.appliedIdentifiers(db) }
            if let unknown = applied.subtracting(migrator.migrations).sorted().first {
                throw LedgerError.newerDatabase(path: path, migration: unknown)
            }
            try migrator.migrate(database)
            appliedMigrations = migrator.migrations.filter { !applied.contains($0) }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .store(path: path, underlying: error)
        }
    }

    // MARK: Schema

    /// The seed's tables and indexes exactly as section 3.5 writes them.
    static let seedSchema = """
        CREATE TABLE IF NOT EXISTS leaderboard_archives (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          period_identifier TEXT NOT NULL,
          board_type TEXT NOT NULL CHECK(board_type IN ('daily', 'weekly')),
          user_id TEXT NOT NULL,
          rank INTEGER NOT NULL,
          score INTEGER NOT NULL,
          prize_amount REAL NOT NULL,
          archived_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE TABLE IF NOT EXISTS revenue_allocation_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          purchase_id TEXT NOT NULL,
          total_revenue REAL NOT NULL,
          daily_pool_contribution REAL NOT NULL,
          weekly_pool_contribution REAL NOT NULL,
          treasury_share REAL NOT NULL,
          allocated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE TABLE IF NOT EXISTS distribution_summary_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          distribution_type TEXT NOT NULL CHECK(distribution_type IN ('daily', 'weekly')),
          period_identifier TEXT NOT NULL,
          total_prize_pool REAL NOT NULL,
          num_winners INTEGER NOT NULL,
          status TEXT NOT NULL CHECK(status IN ('PENDING', 'SUCCESS', 'FAILED', 'SKIPPED')),
          reason TEXT,
          logged_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
          updated_at DATETIME
        );
        CREATE INDEX IF NOT EXISTS idx_leaderboard_archives_period_type ON leaderboard_archives(period_identifier, board_type);
        CREATE INDEX IF NOT EXISTS idx_revenue_allocation_log_purchase_id ON revenue_allocation_log(purchase_id);
        CREATE INDEX IF NOT EXISTS idx_distribution_summary_log_period_type ON distribution_summary_log(period_identifier, distribution_type);
        CREATE TABLE IF NOT EXISTS prize_distribution_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          distribution_summary_id INTEGER NOT NULL, -- Foreign key to distribution_summary_log
          user_id TEXT NOT NULL,                    -- The internal user ID
          wallet_address TEXT NOT NULL,             -- The wallet address that received the prize
          rank INTEGER NOT NULL,
          score INTEGER NOT NULL,
          prize_amount REAL NOT NULL,
          tx_hash TEXT,                             -- Transaction hash of the payout from Base network
          status TEXT NOT NULL CHECK(status IN ('PENDING', 'SUCCESS', 'FAILED', 'RETRYING')), -- Status of this specific payout
          error_message TEXT,                       -- If the payout failed
          distributed_at DATETIME,                  -- Timestamp of when the distribution was confirmed on-chain
          logged_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
          FOREIGN KEY (distribution_summary_id) REFERENCES distribution_summary_log(id)
        );
        CREATE INDEX IF NOT EXISTS idx_prize_distribution_log_summary_id ON prize_distribution_log(distribution_summary_id);
        CREATE INDEX IF NOT EXISTS idx_prize_distribution_log_user_id ON prize_distribution_log(user_id);
        CREATE INDEX IF NOT EXISTS idx_prize_distribution_log_wallet_address ON prize_distribution_log(wallet_address);
        CREATE INDEX IF NOT EXISTS idx_prize_distribution_log_status ON prize_distribution_log(status);
        CREATE INDEX IF NOT EXISTS idx_prize_distribution_log_tx_hash ON prize_distribution_log(tx_hash);
        """

    /// Each seed REAL amount column and the TEXT column of exact base units Podium keeps beside it.
    public static let amountColumns: [String: [String]] = [
        "leaderboard_archives": ["prize_amount"],
        "revenue_allocation_log": ["total_revenue", "daily_pool_contribution", "weekly_pool_contribution", "treasury_share"],
        "distribution_summary_log": ["total_prize_pool"],
        "prize_distribution_log": ["prize_amount"],
    ]

    /// The seed's columns of each table, in its order.
    public static let seedColumns: [String: [String]] = [
        "leaderboard_archives": ["id", "period_identifier", "board_type", "user_id", "rank", "score", "prize_amount", "archived_at"],
        "revenue_allocation_log": [
            "id", "purchase_id", "total_revenue", "daily_pool_contribution", "weekly_pool_contribution", "treasury_share",
            "allocated_at",
        ],
        "distribution_summary_log": [
            "id", "distribution_type", "period_identifier", "total_prize_pool", "num_winners", "status", "reason",
            "logged_at", "updated_at",
        ],
        "prize_distribution_log": [
            "id", "distribution_summary_id", "user_id", "wallet_address", "rank", "score", "prize_amount", "tx_hash",
            "status", "error_message", "distributed_at", "logged_at",
        ],
    ]

    /// A CHECK that `column` is NULL or the decimal text of a UInt256 (no sign, no leading zero, at most 78 digits).
    static func baseUnitsCheck(_ column: String, nullable: Bool = true) -> String {
        let decimal = "(\(column) != '' AND \(column) NOT GLOB '*[^0-9]*' AND (\(column) = '0' OR \(column) NOT GLOB '0*') AND length(\(column)) <= 78)"
        return nullable ? "CHECK (\(column) IS NULL OR \(decimal))" : "CHECK \(decimal)"
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: seedSchema)
            // Podium's columns beside the seed's, all nullable so that the seed's own INSERTs still work.
            var additions: [String] = []
            for table in seedTables {
                for column in amountColumns[table]! {
                    let name = "\(column)_base_units"
                    additions.append("ALTER TABLE \(table) ADD COLUMN \(name) TEXT \(baseUnitsCheck(name))")
                }
                additions.append("ALTER TABLE \(table) ADD COLUMN chain_id INTEGER")
            }
            for table in ["leaderboard_archives", "distribution_summary_log"] {
                additions.append("ALTER TABLE \(table) ADD COLUMN period_id INTEGER")
            }
            for column in ["block_number INTEGER", "block_hash TEXT", "tx_hash TEXT", "log_index INTEGER"] {
                additions.append("ALTER TABLE revenue_allocation_log ADD COLUMN \(column)")
            }
            for column in ["block_number INTEGER", "block_hash TEXT"] {
                additions.append("ALTER TABLE prize_distribution_log ADD COLUMN \(column)")
            }
            try db.execute(sql: additions.joined(separator: ";\n"))
            try db.execute(sql: """
                CREATE TABLE standings (
                    id INTEGER PRIMARY KEY,
                    board TEXT NOT NULL CHECK (board IN ('daily', 'weekly')),
                    period TEXT NOT NULL,
                    period_id INTEGER NOT NULL,
                    player TEXT NOT NULL CHECK (player != ''),
                    wallet TEXT NOT NULL CHECK (length(wallet) = 42 AND wallet GLOB '0x*' AND substr(wallet, 3) NOT GLOB '*[^0-9a-f]*'),
                    score TEXT NOT NULL \(baseUnitsCheck("score", nullable: false)),
                    reached_at TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    source_file TEXT NOT NULL,
                    source_line INTEGER NOT NULL);
                CREATE INDEX standings_by_period ON standings (board, period);
                CREATE TABLE payout_journal (
                    id INTEGER PRIMARY KEY,
                    chain_id INTEGER NOT NULL,
                    board TEXT NOT NULL CHECK (board IN ('daily', 'weekly')),
                    period TEXT NOT NULL,
                    period_id INTEGER NOT NULL,
                    distribution_summary_id INTEGER REFERENCES distribution_summary_log (id),
                    total_base_units TEXT NOT NULL \(baseUnitsCheck("total_base_units", nullable: false)),
                    state TEXT NOT NULL CHECK (state IN ('intended', 'submitted', 'confirmed', 'failed')),
                    tx_hash TEXT,
                    block_number INTEGER,
                    block_hash TEXT,
                    error TEXT,
                    intended_at TEXT NOT NULL,
                    submitted_at TEXT,
                    confirmed_at TEXT,
                    failed_at TEXT,
                    CHECK (state NOT IN ('submitted', 'confirmed') OR tx_hash IS NOT NULL),
                    CHECK (state != 'confirmed' OR (block_number IS NOT NULL AND block_hash IS NOT NULL)));
                CREATE UNIQUE INDEX payout_journal_live ON payout_journal (chain_id, board, period_id) WHERE state != 'failed';
                """)
        }
        migrator.registerMigration("v2") { db in
            // Settlements: each period's pool with its parts, the record of which standings were imported (an
            // empty import included), the payout journal's signed transaction (or user operation), and one revenue
            // row per purchase.
            try db.execute(sql: """
                CREATE TABLE standings_imports (
                    board TEXT NOT NULL CHECK (board IN ('daily', 'weekly')),
                    period TEXT NOT NULL,
                    rows INTEGER NOT NULL,
                    source_file TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    PRIMARY KEY (board, period));
                INSERT INTO standings_imports (board, period, rows, source_file, imported_at)
                    SELECT board, period, count(*), max(source_file), max(imported_at) FROM standings GROUP BY board, period;
                CREATE TABLE settlements (
                    id INTEGER PRIMARY KEY,
                    chain_id INTEGER NOT NULL,
                    board TEXT NOT NULL CHECK (board IN ('daily', 'weekly')),
                    period TEXT NOT NULL,
                    period_id INTEGER NOT NULL,
                    distribution_summary_id INTEGER NOT NULL REFERENCES distribution_summary_log (id),
                    base TEXT NOT NULL \(baseUnitsCheck("base", nullable: false)),
                    bonus TEXT NOT NULL \(baseUnitsCheck("bonus", nullable: false)),
                    carry_in TEXT NOT NULL \(baseUnitsCheck("carry_in", nullable: false)),
                    total TEXT NOT NULL \(baseUnitsCheck("total", nullable: false)),
                    paid TEXT NOT NULL \(baseUnitsCheck("paid", nullable: false)),
                    dust TEXT NOT NULL \(baseUnitsCheck("dust", nullable: false)),
                    carry_out TEXT NOT NULL \(baseUnitsCheck("carry_out", nullable: false)),
                    purchases INTEGER NOT NULL,
                    counted_through_block INTEGER NOT NULL,
                    standings INTEGER NOT NULL,
                    settled_at TEXT NOT NULL,
                    UNIQUE (chain_id, board, period_id));
                ALTER TABLE payout_journal ADD COLUMN settlement_id INTEGER REFERENCES settlements (id);
                ALTER TABLE payout_journal ADD COLUMN sender TEXT;
                ALTER TABLE payout_journal ADD COLUMN nonce INTEGER;
                ALTER TABLE payout_journal ADD COLUMN raw_transaction TEXT;
                ALTER TABLE payout_journal ADD COLUMN user_operation_hash TEXT;
                CREATE UNIQUE INDEX revenue_allocation_by_purchase ON revenue_allocation_log (chain_id, purchase_id)
                    WHERE chain_id IS NOT NULL;
                """)
        }
        return migrator
    }

    // MARK: Access

    func read<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try database.read(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .store(path: path, underlying: error)
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try database.write(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .store(path: path, underlying: error)
        }
    }

    /// The tables and columns of the ledger, for inspection: `table → [column]`.
    public func schema() throws(LedgerError) -> [String: [String]] {
        try read { db in
            var tables: [String: [String]] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'") {
                tables[table] = try db.columns(in: table).map(\.name)
            }
            return tables
        }
    }

    /// The number of rows in `table`.
    public func count(_ table: String) throws(LedgerError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0 }
    }

    /// The value of `column` in row `id` of `table`, as SQLite text (for tests and inspection).
    public func text(_ table: String, _ column: String, id: Int64) throws(LedgerError) -> String? {
        try read { db in
            try String.fetchOne(
                db, sql: "SELECT CAST(\(column.quotedDatabaseIdentifier) AS TEXT) FROM \(table.quotedDatabaseIdentifier) WHERE id = ?",
                arguments: [id])
        }
    }
}
