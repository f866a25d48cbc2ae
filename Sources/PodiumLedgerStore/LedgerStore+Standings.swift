import Foundation
import GRDB
import PodiumLedger
import PodiumPrimitives

/// A standing as the ledger holds it: the entry, its board and period, and where it came from.
public struct StoredStanding: Hashable, Sendable {
    /// The entry.
    public let standing: Standing
    /// Its board.
    public let board: Board
    /// Its period.
    public let period: Period
    /// When it was imported.
    public let importedAt: UTCInstant
    /// The file it was imported from.
    public let sourceFile: String
    /// Its CSV line in that file (or its JSON index plus one).
    public let sourceLine: Int
}

extension LedgerStore {
    /// Replaces, in one transaction, the standings of every (board, period) the rows belong to with those rows; a
    /// second import of the same file leaves the same standings. Returns the rows written per (board, period), in
    /// first-appearance order. Every row must carry its board and period (`Standings.read(_:board:period:)`).
    @discardableResult
    public func replaceStandings(
        _ rows: [StandingsRow], sourceFile: String, importedAt: UTCInstant
    ) throws(LedgerError) -> [(board: Board, period: Period, rows: Int)] {
        var groups: [(board: Board, period: Period, rows: [StandingsRow])] = []
        for row in rows {
            guard let period = row.period else { preconditionFailure("replaceStandings needs rows with a period") }
            let board = row.board ?? period.board
            if let index = groups.firstIndex(where: { $0.board == board && $0.period == period }) {
                groups[index].rows.append(row)
            } else {
                groups.append((board, period, [row]))
            }
        }
        try write { db in
            for group in groups {
                try db.execute(
                    sql: "DELETE FROM standings WHERE board = ? AND period = ?",
                    arguments: [group.board.rawValue, group.period.description])
                try db.execute(
                    sql: "INSERT OR REPLACE INTO standings_imports (board, period, rows, source_file, imported_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [group.board.rawValue, group.period.description, group.rows.count, sourceFile, importedAt.description])
                let statement = try db.makeStatement(sql: """
                    INSERT INTO standings (board, period, period_id, player, wallet, score, reached_at, imported_at, source_file, source_line)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for row in group.rows {
                    try statement.execute(arguments: [
                        group.board.rawValue, group.period.description, Int64(group.period.periodID), row.standing.player,
                        row.standing.wallet.description.lowercased(), row.standing.score.description,
                        row.standing.reachedAt.description, importedAt.description, sourceFile, row.sourceLine,
                    ])
                }
            }
        }
        return groups.map { ($0.board, $0.period, $0.rows.count) }
    }

    /// The standings of `board` in `period`, in file order.
    public func standings(board: Board, period: Period) throws(LedgerError) -> [StoredStanding] {
        var result: [StoredStanding] = []
        // A cursor read by column index: 100,000 players' rows are never all held as `Row`s, nor looked up by name.
        // An import shares one imported_at, parsed once.
        try read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT player, wallet, score, reached_at, imported_at, source_file, source_line FROM standings WHERE board = ? AND period = ? ORDER BY id",
                arguments: [board.rawValue, period.description])
            var importedAt: (text: String, instant: UTCInstant)?
            while let row = try rows.next() {
                let player: String = row[0], walletText: String = row[1], scoreText: String = row[2]
                let reachedText: String = row[3], importedText: String = row[4]
                if importedAt?.text != importedText { importedAt = (try? UTCInstant(rfc3339: importedText)).map { (importedText, $0) } }
                guard let wallet = try? Address(hex: walletText), let score = try? UInt256(decimal: scoreText),
                    let reachedAt = try? UTCInstant(rfc3339: reachedText), let importedAt
                else {
                    throw CorruptRow(table: "standings", detail: "\(player) \(walletText) \(scoreText) \(reachedText)")
                }
                result.append(StoredStanding(
                    standing: Standing(player: player, wallet: wallet, score: score, reachedAt: reachedAt), board: board,
                    period: period, importedAt: importedAt.instant, sourceFile: row[5], sourceLine: row[6]))
            }
        }
        return result
    }
}

/// A stored row this code did not write.
struct CorruptRow: Error, CustomStringConvertible {
    let table: String
    let detail: String
    var description: String { "a row of \(table) is not what Podium writes: \(detail)" }
}
