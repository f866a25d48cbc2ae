import Foundation
import GRDB
import PodiumTestSupport
import Testing

/// `podium ledger` and `podium standings` through the binary.
@Suite struct LedgerCommandTests {
    /// A fresh folder under the temporary directory, removed after `body`.
    static func withFolder<R>(_ body: (URL) async throws -> R) async throws -> R {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("podium-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }

    /// A seed-schema database (seed 000 section 3.5's leaderboard table and the three others), with the prizes
    /// given as REALs bound from Swift doubles.
    static func seedDatabase(at url: URL, prizes: [Double]) throws {
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE leaderboard_archives (id INTEGER PRIMARY KEY AUTOINCREMENT, period_identifier TEXT NOT NULL,
                  board_type TEXT NOT NULL, user_id TEXT NOT NULL, rank INTEGER NOT NULL, score INTEGER NOT NULL,
                  prize_amount REAL NOT NULL, archived_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
                CREATE TABLE revenue_allocation_log (id INTEGER PRIMARY KEY AUTOINCREMENT, purchase_id TEXT NOT NULL,
                  total_revenue REAL NOT NULL, daily_pool_contribution REAL NOT NULL, weekly_pool_contribution REAL NOT NULL,
                  treasury_share REAL NOT NULL, allocated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
                CREATE TABLE distribution_summary_log (id INTEGER PRIMARY KEY AUTOINCREMENT, distribution_type TEXT NOT NULL,
                  period_identifier TEXT NOT NULL, total_prize_pool REAL NOT NULL, num_winners INTEGER NOT NULL,
                  status TEXT NOT NULL, reason TEXT, logged_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at DATETIME);
                CREATE TABLE prize_distribution_log (id INTEGER PRIMARY KEY AUTOINCREMENT, distribution_summary_id INTEGER NOT NULL,
                  user_id TEXT NOT NULL, wallet_address TEXT NOT NULL, rank INTEGER NOT NULL, score INTEGER NOT NULL,
                  prize_amount REAL NOT NULL, tx_hash TEXT, status TEXT NOT NULL, error_message TEXT, distributed_at DATETIME,
                  logged_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
                INSERT INTO revenue_allocation_log (purchase_id, total_revenue, daily_pool_contribution, weekly_pool_contribution, treasury_share)
                  VALUES ('p1', 20, 1.8, 4.2, 14);
                """)
            for (index, prize) in prizes.enumerated() {
                try db.execute(
                    sql: "INSERT INTO leaderboard_archives (period_identifier, board_type, user_id, rank, score, prize_amount) VALUES ('2026-11-20', 'daily', ?, ?, 10, ?)",
                    arguments: ["u\(index)", index + 1, prize])
            }
        }
        try queue.close()
    }

    @Test func initIsIdempotent() async throws {
        try await Self.withFolder { folder in
            let db = folder.appendingPathComponent("ledger.sqlite").path
            #expect(try await ChainCommandTests.succeed(["ledger", "init", "--db", db]) == "ledger \(db): applied v1, v2")
            #expect(try await ChainCommandTests.succeed(["ledger", "init", "--db", db]) == "ledger \(db): up to date")
            let deployments = folder.appendingPathComponent("deployments").path
            let output = try await ChainCommandTests.succeed(["ledger", "init", "--deployments", deployments])
            #expect(output == "ledger \(deployments)/ledger.sqlite: applied v1, v2")
        }
    }

    @Test func importReportsCountsAndExactAmounts() async throws {
        try await Self.withFolder { folder in
            let seed = folder.appendingPathComponent("seed.sqlite")
            try Self.seedDatabase(at: seed, prizes: [23.6, 14.16])
            let db = folder.appendingPathComponent("ledger.sqlite").path
            let output = try await ChainCommandTests.succeed(["ledger", "import", seed.path, "--db", db])
            #expect(output == """
                leaderboard_archives: 2 rows
                revenue_allocation_log: 1 rows
                distribution_summary_log: 0 rows
                prize_distribution_log: 0 rows
                """)
            let queue = try DatabaseQueue(path: db)
            let amounts = try await queue.read { db in
                try String.fetchAll(db, sql: "SELECT prize_amount_base_units FROM leaderboard_archives ORDER BY id")
            }
            #expect(amounts == ["23600000000000000000", "14160000000000000000"])
        }
    }

    @Test func anInexactAmountImportsNothing() async throws {
        try await Self.withFolder { folder in
            let seed = folder.appendingPathComponent("seed.sqlite")
            try Self.seedDatabase(at: seed, prizes: [23.6, 0.1 + 0.2])
            let db = folder.appendingPathComponent("ledger.sqlite").path
            let result = try await PodiumProcess.run(["ledger", "import", seed.path, "--db", db])
            #expect(result.status != 0)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == """
                podium: \(seed.path): leaderboard_archives id 2: prize_amount 0.30000000000000004: needs 17 significant digits, more than the 15 a REAL holds exactly (float arithmetic, not an amount)
                podium: \(seed.path) refused: 1 inexact amount, nothing imported

                """)
            let queue = try DatabaseQueue(path: db)
            #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM revenue_allocation_log") } == 0)
        }
    }

    @Test func standingsImportListAndReimport() async throws {
        try await Self.withFolder { folder in
            let db = folder.appendingPathComponent("ledger.sqlite").path
            let file = folder.appendingPathComponent("standings.csv")
            try Data(SettleCommandTests.csv.utf8).write(to: file)
            let arguments = ["standings", "import", file.path, "--board", "daily", "--period", "2026-11-20", "--db", db]
            #expect(try await ChainCommandTests.succeed(arguments) == "daily 2026-11-20: 7 standings")
            #expect(try await ChainCommandTests.succeed(arguments) == "daily 2026-11-20: 7 standings")
            let list = try await ChainCommandTests.succeed(["standings", "list", "--board", "daily", "--period", "2026-11-20", "--db", db])
            let lines = list.split(separator: "\n")
            #expect(lines.count == 9)
            #expect(lines.first == "daily 2026-11-20 (period id 20261120): 7 standings")
            #expect(lines[2].hasPrefix("alice "))
        }
    }

    @Test func aBadStandingsFileImportsNothing() async throws {
        try await Self.withFolder { folder in
            let db = folder.appendingPathComponent("ledger.sqlite").path
            let file = folder.appendingPathComponent("standings.csv")
            let text = """
                player,wallet,score,reached_at,period
                alice,\(SettleCommandTests.wallets[0]),12,2026-11-20T09:00:00Z,
                bob,\(SettleCommandTests.wallets[1]),1.5,2026-11-20T09:00:00Z,
                carol,\(SettleCommandTests.wallets[2]),3,2026-11-20T09:00:00Z,2026-W47

                """
            try Data(text.utf8).write(to: file)
            let result = try await PodiumProcess.run(["standings", "import", file.path, "--board", "daily", "--period", "2026-11-20", "--db", db])
            #expect(result.status != 0)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines.first?.hasPrefix("podium: \(file.path): line 3: score:") == true)
            #expect(lines.dropFirst().first == "podium: \(file.path): line 4: period: expected a daily period as a UTC date such as 2026-11-20")
            let list = try await ChainCommandTests.succeed(["standings", "list", "--board", "daily", "--period", "2026-11-20", "--db", db])
            #expect(list == "daily 2026-11-20 (period id 20261120): 0 standings")
        }
    }
}
