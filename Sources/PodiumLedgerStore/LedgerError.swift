import PodiumPrimitives

/// Why the ledger could not do what was asked.
public enum LedgerError: Error, Sendable, CustomStringConvertible {
    /// The database file could not be opened, read or written.
    case store(path: String, underlying: any Error)
    /// The database was migrated by a newer Podium.
    case newerDatabase(path: String, migration: String)
    /// The file to import lacks one of the seed's tables or columns.
    case notSeedDatabase(path: String, reason: String)
    /// The ledger already holds rows in a seed table, so importing would mix two databases' ids.
    case notEmpty(table: String, rows: Int)
    /// Amounts that are not an exact number of base units: every one found; nothing was imported.
    case inexactAmounts([AmountProblem])

    /// The one-line (for `inexactAmounts`, one line per amount) text a person reads.
    public var description: String {
        switch self {
        case .store(let path, let underlying): "ledger \(path): \(underlying)"
        case .newerDatabase(let path, let migration):
            "ledger \(path) was migrated by a newer Podium (migration \(migration)); refusing to open it"
        case .notSeedDatabase(let path, let reason): "\(path) is not a database with the seed's schema: \(reason)"
        case .notEmpty(let table, let rows):
            "the ledger already holds \(rows) row\(rows == 1 ? "" : "s") in \(table); import into a new ledger"
        case .inexactAmounts(let problems): problems.map(\.description).joined(separator: "\n")
        }
    }
}

/// One amount of an imported row that is not an exact number of base units.
public struct AmountProblem: Equatable, Sendable, CustomStringConvertible {
    /// The seed table.
    public let table: String
    /// The row's `id`.
    public let rowID: Int64
    /// The amount column.
    public let column: String
    /// The value as read: the shortest decimal that reads back as the stored REAL, or the stored text.
    public let value: String
    /// Why it is not exact.
    public let reason: String

    /// `revenue_allocation_log id 7: daily_pool_contribution 0.30000000000000004: …`.
    public var description: String { "\(table) id \(rowID): \(column) \(value): \(reason)" }
}
