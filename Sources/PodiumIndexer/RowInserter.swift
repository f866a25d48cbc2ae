import GRDB
import GRDBSQLite
import PodiumPrimitives

/// One INSERT of a commit's hot path: GRDB's cached prepared statement, bound and stepped through SQLite's C API,
/// so that a row costs no argument array, no `Data` and no existential per value. Valid only inside the write that
/// made it; columns are bound in order, from 1.
struct RowInserter {
    private let statement: SQLiteStatement
    private let connection: SQLiteConnection
    private var column: Int32 = 0

    /// The inserter of `sql`, prepared once per connection and reused.
    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql).sqliteStatement
        connection = db.sqliteConnection!
    }

    /// Binds an integer to the next column.
    mutating func bind(_ value: Int64) {
        column += 1
        sqlite3_bind_int64(statement, column, value)
    }

    /// Binds a 64-bit unsigned integer to the next column, stored as its bit pattern (block numbers, indexes).
    mutating func bind(_ value: UInt64) { bind(Int64(bitPattern: value)) }

    /// Binds a 32-byte BLOB (a hash, a topic).
    mutating func bind(_ word: Bytes32) {
        column += 1
        word.withUnsafeBytes { raw in _ = sqlite3_bind_blob(statement, column, raw.baseAddress, 32, Self.transient) }
    }

    /// Binds a uint256 as its 32-byte big-endian BLOB, which sorts numerically.
    mutating func bind(_ value: UInt256) { bind(Bytes32(value)) }

    /// Binds a 20-byte BLOB.
    mutating func bind(_ address: Address) {
        column += 1
        address.withUnsafeBytes { raw in _ = sqlite3_bind_blob(statement, column, raw.baseAddress, 20, Self.transient) }
    }

    /// Binds bytes as a BLOB (an empty one is a zero-length BLOB, not NULL).
    mutating func bind(_ bytes: [UInt8]) {
        column += 1
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return _ = sqlite3_bind_zeroblob(statement, column, 0) }
            _ = sqlite3_bind_blob64(statement, column, base, sqlite3_uint64(raw.count), Self.transient)
        }
    }

    /// Binds NULL to the next column.
    mutating func bindNull() {
        column += 1
        sqlite3_bind_null(statement, column)
    }

    /// Runs the INSERT with the values bound and readies the statement for the next row; returns the new rowid.
    @discardableResult
    mutating func insert() throws -> Int64 {
        column = 0
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
        return sqlite3_last_insert_rowid(connection)
    }

    /// SQLite's SQLITE_TRANSIENT: it copies the bytes before the bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// One SELECT of the books' hot paths (a season's million purchases), stepped and read through SQLite's C API, so
/// that a row costs no `Row`, no `Data` and no existential per column. Valid only inside the read that made it;
/// columns are numbered from 0.
struct RowReader {
    private let prepared: Statement
    private let statement: SQLiteStatement
    private let connection: SQLiteConnection

    /// The reader of `sql` with `arguments` bound.
    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        prepared = try db.makeStatement(sql: sql)
        try prepared.setArguments(arguments)
        statement = prepared.sqliteStatement
        connection = db.sqliteConnection!
    }

    /// Moves to the next row; false after the last.
    func next() throws -> Bool {
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    /// A 32-byte BLOB as a uint256 (big-endian).
    func amount(_ column: Int32) throws -> UInt256 {
        try blob(column, count: 32, "a uint256 column") { UInt256(bigEndianWord: $0) }
    }

    /// A 32-byte BLOB (a hash).
    func word(_ column: Int32) throws -> Bytes32 {
        try blob(column, count: 32, "a 32-byte hash column") { try Bytes32($0) }
    }

    /// A 20-byte BLOB.
    func address(_ column: Int32) throws -> Address {
        try blob(column, count: 20, "an address column") { try Address($0) }
    }

    private func blob<T>(_ column: Int32, count: Int, _ what: String, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        let bytes = sqlite3_column_blob(statement, column)
        let length = Int(sqlite3_column_bytes(statement, column))
        guard let bytes, length == count else { throw IndexError.corrupt("\(what) holds \(length) bytes") }
        return try body(UnsafeRawBufferPointer(start: bytes, count: length))
    }
}
