import Foundation
import GRDB
import PodiumLedger
import PodiumPrimitives

extension LedgerStore {
    /// Copies the seed's four tables from the SQLite database at `source` (opened read-only) into the ledger,
    /// keeping each row's `id` and every seed column as stored, and filling Podium's columns: the exact base units
    /// of each REAL amount (`ExactAmount`) and the period id of a period identifier that names a real period of
    /// its board (the seed's `year-W(week-1)` ids may not; those stay NULL). All in one transaction: any amount
    /// that is not an exact number of base units fails the import, naming every such row, and nothing is written.
    /// Returns the rows copied per table.
    public func importSeed(from source: String) throws(LedgerError) -> [String: Int] {
        guard FileManager.default.fileExists(atPath: source) else {
            throw .notSeedDatabase(path: source, reason: "no such file")
        }
        var rows: [String: [[DatabaseValue]]] = [:]
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: source, configuration: configuration)
            try queue.read { db in
                for table in Self.seedTables {
                    guard try db.tableExists(table) else {
                        throw LedgerError.notSeedDatabase(path: source, reason: "no table \(table)")
                    }
                    let present = Set(try db.columns(in: table).map(\.name))
                    let columns = Self.seedColumns[table]!
                    if let missing = columns.first(where: { !present.contains($0) }) {
                        throw LedgerError.notSeedDatabase(path: source, reason: "\(table) has no column \(missing)")
                    }
                    let list = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                    rows[table] = try Row.fetchAll(db, sql: "SELECT \(list) FROM \(table) ORDER BY id").map { row in
                        (0..<columns.count).map { row[$0] as DatabaseValue }
                    }
                }
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .notSeedDatabase(path: source, reason: "\(error)")
        }
        // Convert everything first, so that every bad amount is named.
        var problems: [AmountProblem] = []
        var inserts: [(table: String, columns: [String], values: [[DatabaseValue]])] = []
        for table in Self.seedTables {
            let columns = Self.seedColumns[table]!
            let amounts = Self.amountColumns[table]!
            let boardColumn = table == "leaderboard_archives" ? "board_type" : table == "distribution_summary_log" ? "distribution_type" : nil
            let hasPeriodID = boardColumn != nil
            var out: [[DatabaseValue]] = []
            for row in rows[table]! {
                let value = { (column: String) in row[columns.firstIndex(of: column)!] }
                let id = Int64.fromDatabaseValue(value("id")) ?? 0
                var extra: [DatabaseValue] = []
                for column in amounts {
                    do throws(ExactAmount.Failure) {
                        extra.append(try Self.baseUnits(value(column)).description.databaseValue)
                    } catch {
                        problems.append(AmountProblem(
                            table: table, rowID: id, column: column, value: Self.shown(value(column)), reason: error.description))
                        extra.append(.null)
                    }
                }
                if let boardColumn {
                    let board = String.fromDatabaseValue(value(boardColumn)).flatMap(Board.init(rawValue:))
                    let text = String.fromDatabaseValue(value("period_identifier"))
                    let period = board.flatMap { board in text.flatMap { try? Period(parsing: $0, board: board) } }
                    extra.append(period.map { Int64($0.periodID).databaseValue } ?? .null)
                }
                out.append(row + extra)
            }
            let names = columns + amounts.map { "\($0)_base_units" } + (hasPeriodID ? ["period_id"] : [])
            inserts.append((table, names, out))
        }
        guard problems.isEmpty else { throw .inexactAmounts(problems) }
        return try write { db in
            for table in Self.seedTables {
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                if count > 0 { throw LedgerError.notEmpty(table: table, rows: count) }
            }
            var counts: [String: Int] = [:]
            for insert in inserts {
                let list = insert.columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                let marks = Array(repeating: "?", count: insert.columns.count).joined(separator: ", ")
                let statement = try db.makeStatement(sql: "INSERT INTO \(insert.table) (\(list)) VALUES (\(marks))")
                for values in insert.values {
                    try statement.execute(arguments: StatementArguments(values))
                }
                counts[insert.table] = insert.values.count
            }
            return counts
        }
    }

    /// The exact base units of a stored amount: a REAL by its shortest round-trip decimal, an INTEGER as is, TEXT
    /// as decimal text.
    static func baseUnits(_ value: DatabaseValue) throws(ExactAmount.Failure) -> UInt256 {
        switch value.storage {
        case .double(let double): return try ExactAmount.baseUnits(of: double)
        case .int64(let integer):
            guard integer >= 0 else { throw .negative }
            return try ExactAmount.baseUnits(ofDecimal: String(integer))
        case .string(let text): return try ExactAmount.baseUnits(ofDecimal: text)
        case .null, .blob: throw .notANumber
        }
    }

    /// A stored value as an error message shows it.
    static func shown(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .double(let double): ExactAmount.text(of: double)
        case .int64(let integer): String(integer)
        case .string(let text): text.debugDescription
        case .null: "NULL"
        case .blob(let data): "a \(data.count)-byte BLOB"
        }
    }
}
