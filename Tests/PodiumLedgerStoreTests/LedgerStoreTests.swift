import Foundation
import GRDB
import PodiumLedger
import PodiumLedgerStore
import PodiumPrimitives
import Testing

/// A database with the seed's schema (seed 000, section 3.5), made here with GRDB from the seed's own SQL, the
/// fixture a team's copy would be: REAL amounts bound as Swift doubles, exactly as the seed's client writes them.
enum SeedFixture {
    static func make(
        prizes: [Double] = [23.6, 14.16], revenue: [(Double, Double, Double, Double)] = [(20, 1.8, 4.2, 14)],
        summaries: [Double] = [59.0]
    ) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podium-seed-\(UUID().uuidString).sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: LedgerStoreTests.seedSQL)
            for (index, prize) in prizes.enumerated() {
                try db.execute(
                    sql: "INSERT INTO leaderboard_archives (period_identifier, board_type, user_id, rank, score, prize_amount) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: ["2026-11-20", "daily", "user\(index)", index + 1, 100 - index, prize])
            }
            for (index, row) in revenue.enumerated() {
                try db.execute(
                    sql: "INSERT INTO revenue_allocation_log (purchase_id, total_revenue, daily_pool_contribution, weekly_pool_contribution, treasury_share) VALUES (?, ?, ?, ?, ?)",
                    arguments: ["purchase\(index)", row.0, row.1, row.2, row.3])
            }
            for total in summaries {
                try db.execute(
                    sql: "INSERT INTO distribution_summary_log (distribution_type, period_identifier, total_prize_pool, num_winners, status) VALUES ('weekly', '2026-W0', ?, 1, 'SUCCESS')",
                    arguments: [total])
                try db.execute(
                    sql: "INSERT INTO prize_distribution_log (distribution_summary_id, user_id, wallet_address, rank, score, prize_amount, status) VALUES (?, 'user0', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 1, 100, ?, 'SUCCESS')",
                    arguments: [db.lastInsertedRowID, total * 0.4])
            }
        }
        try queue.close()
        return path
    }
}

@Suite struct LedgerStoreTests {
    /// The seed's section 3.5, as written there.
    static let seedSQL = """
        CREATE TABLE IF NOT EXISTS leaderboard_archives (id INTEGER PRIMARY KEY AUTOINCREMENT, period_identifier TEXT NOT NULL,
          board_type TEXT NOT NULL CHECK(board_type IN ('daily', 'weekly')), user_id TEXT NOT NULL, rank INTEGER NOT NULL,
          score INTEGER NOT NULL, prize_amount REAL NOT NULL, archived_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE IF NOT EXISTS revenue_allocation_log (id INTEGER PRIMARY KEY AUTOINCREMENT, purchase_id TEXT NOT NULL,
          total_revenue REAL NOT NULL, daily_pool_contribution REAL NOT NULL, weekly_pool_contribution REAL NOT NULL,
          treasury_share REAL NOT NULL, allocated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE IF NOT EXISTS distribution_summary_log (id INTEGER PRIMARY KEY AUTOINCREMENT,
          distribution_type TEXT NOT NULL CHECK(distribution_type IN ('daily', 'weekly')), period_identifier TEXT NOT NULL,
          total_prize_pool REAL NOT NULL, num_winners INTEGER NOT NULL,
          status TEXT NOT NULL CHECK(status IN ('PENDING', 'SUCCESS', 'FAILED', 'SKIPPED')), reason TEXT,
          logged_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at DATETIME);
        CREATE TABLE IF NOT EXISTS prize_distribution_log (id INTEGER PRIMARY KEY AUTOINCREMENT,
          distribution_summary_id INTEGER NOT NULL, user_id TEXT NOT NULL, wallet_address TEXT NOT NULL, rank INTEGER NOT NULL,
          score INTEGER NOT NULL, prize_amount REAL NOT NULL, tx_hash TEXT,
          status TEXT NOT NULL CHECK(status IN ('PENDING', 'SUCCESS', 'FAILED', 'RETRYING')), error_message TEXT,
          distributed_at DATETIME, logged_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
          FOREIGN KEY (distribution_summary_id) REFERENCES distribution_summary_log(id));
        """

    static func withLedger<R>(_ body: (LedgerStore) throws -> R) throws -> R {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podium-ledger-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        return try body(try LedgerStore(path: path))
    }

    @Test func schemaKeepsTheSeedsColumnsAndAddsPodiums() throws {
        try Self.withLedger { store throws in
            let schema = try store.schema()
            for (table, columns) in LedgerStore.seedColumns {
                #expect(Array(schema[table]!.prefix(columns.count)) == columns, "\(table)")
            }
            #expect(schema["leaderboard_archives"]!.contains("prize_amount_base_units"))
            #expect(schema["revenue_allocation_log"]!.contains("treasury_share_base_units"))
            #expect(schema["standings"] == [
                "id", "board", "period", "period_id", "player", "wallet", "score", "reached_at", "imported_at", "source_file",
                "source_line",
            ])
            #expect(schema["payout_journal"]!.contains("block_hash"))
        }
    }

    @Test(arguments: [
        (23.6, "23600000000000000000"), (0.1, "100000000000000000"), (1e-18, "1"), (20.0, "20000000000000000000"),
        (1e16, "10000000000000000000000000000000000"), (1.5e20, "150000000000000000000000000000000000000"), (-0.0, "0"),
        (123456789.123456, "123456789123456000000000000"),
    ])
    func exactREALsConvert(value: Double, expected: String) throws {
        #expect(try ExactAmount.baseUnits(of: value).description == expected)
    }

    @Test(arguments: [0.1 + 0.2, 1e-19, -1.0, Double.infinity, 1.0000000000000002])
    func inexactREALsAreRefused(value: Double) {
        #expect(throws: ExactAmount.Failure.self) { try ExactAmount.baseUnits(of: value) }
    }

    @Test func importCopiesTheSeedTablesWithExactAmounts() throws {
        let seed = try SeedFixture.make()
        defer { try? FileManager.default.removeItem(atPath: seed) }
        try Self.withLedger { store throws in
            let counts = try store.importSeed(from: seed)
            #expect(counts == ["leaderboard_archives": 2, "revenue_allocation_log": 1, "distribution_summary_log": 1, "prize_distribution_log": 1])
            #expect(try store.text("leaderboard_archives", "prize_amount_base_units", id: 1) == "23600000000000000000")
            #expect(try store.text("leaderboard_archives", "prize_amount_base_units", id: 2) == "14160000000000000000")
            #expect(try store.text("leaderboard_archives", "period_id", id: 1) == "20261120")
            #expect(try store.text("revenue_allocation_log", "daily_pool_contribution_base_units", id: 1) == "1800000000000000000")
            #expect(try store.text("prize_distribution_log", "prize_amount_base_units", id: 1) == "23600000000000000000")
            // The seed's wrong weekly id `2026-W0` keeps no period id.
            #expect(try store.text("distribution_summary_log", "period_id", id: 1) == nil)
            // A second import would mix ids.
            #expect(throws: LedgerError.self) { try store.importSeed(from: seed) }
        }
    }

    @Test func anInexactAmountImportsNothingAndNamesEveryRow() throws {
        let seed = try SeedFixture.make(prizes: [23.6, 0.1 + 0.2, 1e-19])
        defer { try? FileManager.default.removeItem(atPath: seed) }
        try Self.withLedger { store throws in
            let result = Result(catching: { () throws(LedgerError) in try store.importSeed(from: seed) })
            guard case .failure(.inexactAmounts(let problems)) = result else {
                Issue.record("\(result)")
                return
            }
            #expect(problems.map(\.description) == [
                "leaderboard_archives id 2: prize_amount 0.30000000000000004: needs 17 significant digits, more than the 15 a REAL holds exactly (float arithmetic, not an amount)",
                "leaderboard_archives id 3: prize_amount 1e-19: not an exact number of base units (more than 18 decimals)",
            ])
            for table in LedgerStore.seedTables { #expect(try store.count(table) == 0) }
        }
    }

    @Test func aNewerDatabaseIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podium-ledger-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        _ = try LedgerStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        try queue.close()
        #expect(throws: LedgerError.self) { try LedgerStore(path: path) }
        let again = try? LedgerStore(path: path)
        #expect(again == nil)
    }

    @Test func reopeningAppliesNothing() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podium-ledger-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        #expect(try LedgerStore(path: path).appliedMigrations == ["v1", "v2"])
        #expect(try LedgerStore(path: path).appliedMigrations == [])
    }

    static let alice = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    static let bob = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"

    @Test func standingsReplaceTheirPeriodAndReimportIsIdempotent() throws {
        let csv = """
            player,wallet,score,reached_at,period,board
            alice,\(Self.alice),120,2026-11-20T09:00:00Z,,
            bob,\(Self.bob),95,2026-11-20T10:00:00Z,2026-W47,weekly

            """
        let rows = try Standings.read(Array(csv.utf8), board: .daily, period: try Period(parsing: "2026-11-20"))
        #expect(rows.map(\.sourceLine) == [2, 3])
        #expect(rows.map { $0.period?.description } == ["2026-11-20", "2026-W47"])
        try Self.withLedger { store throws in
            let now = UTCInstant(secondsSinceEpoch: 1_800_000_000)
            try store.replaceStandings(rows, sourceFile: "s.csv", importedAt: now)
            try store.replaceStandings(rows, sourceFile: "s.csv", importedAt: now)
            #expect(try store.count("standings") == 2)
            let daily = try store.standings(board: .daily, period: try Period(parsing: "2026-11-20"))
            #expect(daily.map(\.standing.player) == ["alice"])
            let weekly = try store.standings(board: .weekly, period: try Period(parsing: "2026-W47"))
            #expect(weekly.map(\.standing.wallet.description) == ["0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"])
        }
    }

    @Test func rowPeriodsMustMatchTheirBoard() {
        let csv = """
            player,wallet,score,reached_at,period,board
            alice,\(Self.alice),120,2026-11-20T09:00:00Z,2026-W47,daily
            bob,\(Self.bob),95,2026-11-20T10:00:00Z,2026-02-30,
            carol,\(Self.bob),95,2026-11-20T10:00:00Z,,monthly
            dave,\(Self.bob),95,2026-11-20T10:00:00Z,,weekly
            """
        #expect(throws: StandingsError.self) {
            try Standings.read(Array(csv.utf8), board: .daily, period: try Period(parsing: "2026-11-20"))
        }
        do {
            _ = try Standings.read(Array(csv.utf8), board: .daily, period: try Period(parsing: "2026-11-20"))
        } catch let error as StandingsError {
            #expect(error.problems.map(\.description) == [
                "line 2: period: expected a daily period as a UTC date such as 2026-11-20",
                "line 3: period: no such date or ISO week",
                "line 4: board: expected daily or weekly, found \"monthly\"",
                "line 5: period: 2026-11-20 is not a weekly period",
            ])
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func rowsWithoutAPeriodNeedOne() {
        let csv = "player,wallet,score,reached_at\nalice,\(Self.alice),1,2026-11-20T09:00:00Z\n"
        do {
            _ = try Standings.read(Array(csv.utf8), board: .daily, period: nil)
            Issue.record("read")
        } catch {
            #expect(error.problems.map(\.description) == ["line 2: period: missing"])
        }
    }
}
