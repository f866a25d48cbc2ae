import Foundation
import GRDB
import PodiumPrimitives

/// The index in one SQLite file (WAL), through GRDB: the tables users query (`blocks`, `logs`, the decoded
/// event tables, `index_state`), versioned migrations, and the few operations the indexer needs, each one
/// transaction, so that what a batch wrote is all there or not at all.
///
/// Addresses, hashes and data are BLOBs throughout; amounts and other uint256 values are 32-byte big-endian BLOBs,
/// which sort in numeric order.
public final class IndexStore: Sendable {
    /// The file.
    public let path: String
    private let database: DatabasePool

    /// Opens (creating it when missing) the index at `path` and brings its schema up to date; refuses a file that a
    /// newer Podium migrated further.
    public init(path: String) throws(IndexError) {
        self.path = path
        do {
            var configuration = Configuration()
            // In WAL mode NORMAL loses no committed transaction when the process dies, only (at worst) the last ones
            // on a power cut, and then whole: the cursor commits with its rows, so those blocks are indexed again.
            // 16 KiB pages (for a new file) take a third off the cost of the inserts; a 16 MiB page cache keeps the
            // (random) block-hash index in memory during a catch-up; checkpoints every 32 MiB of WAL rather than
            // every 4 MiB write the same pages fewer times.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 2048")
            }
            // Settlement and reports read the index while `index --follow` writes it: a writer from another process
            // waits for the lock rather than failing with "database is locked".
            configuration.busyMode = .timeout(30)
            database = try DatabasePool(path: path, configuration: configuration)
            let migrator = Self.migrator
            try database.read { db in
                let known = Set(migrator.migrations)
                if let unknown = try migrator.appliedIdentifiers(db).subtracting(known).sorted().first {
                    throw IndexError.newerDatabase(path: path, migration: unknown)
                }
            }
            try migrator.migrate(database)
        } catch let error as IndexError {
            throw error
        } catch {
            throw .store(path: path, underlying: error)
        }
    }

    // MARK: Schema

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE blocks (
                    chain_id INTEGER NOT NULL, number INTEGER NOT NULL, hash BLOB NOT NULL, parent_hash BLOB NOT NULL,
                    timestamp INTEGER NOT NULL, finalized INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (chain_id, number));
                CREATE TABLE logs (
                    id INTEGER PRIMARY KEY, chain_id INTEGER NOT NULL, block_number INTEGER NOT NULL,
                    block_hash BLOB NOT NULL, transaction_hash BLOB NOT NULL, transaction_index INTEGER NOT NULL,
                    log_index INTEGER NOT NULL, address BLOB NOT NULL, topic0 BLOB, topic1 BLOB, topic2 BLOB,
                    topic3 BLOB, data BLOB NOT NULL, UNIQUE (chain_id, block_hash, log_index));
                CREATE INDEX logs_by_position ON logs (chain_id, block_number, log_index);
                CREATE TABLE prizes_distributed (
                    log_id INTEGER PRIMARY KEY REFERENCES logs (id) ON DELETE CASCADE, chain_id INTEGER NOT NULL,
                    block_number INTEGER NOT NULL, contract BLOB NOT NULL, prize_type INTEGER NOT NULL,
                    timestamp BLOB NOT NULL, total BLOB NOT NULL);
                CREATE TABLE prize_winners (
                    log_id INTEGER NOT NULL REFERENCES prizes_distributed (log_id) ON DELETE CASCADE,
                    place INTEGER NOT NULL, winner BLOB NOT NULL, amount BLOB NOT NULL, PRIMARY KEY (log_id, place));
                CREATE TABLE period_paid (
                    log_id INTEGER PRIMARY KEY REFERENCES logs (id) ON DELETE CASCADE, chain_id INTEGER NOT NULL,
                    block_number INTEGER NOT NULL, contract BLOB NOT NULL, prize_type INTEGER NOT NULL,
                    period_id BLOB NOT NULL, total BLOB NOT NULL);
                CREATE TABLE game_pass_purchases (
                    log_id INTEGER PRIMARY KEY REFERENCES logs (id) ON DELETE CASCADE, chain_id INTEGER NOT NULL,
                    block_number INTEGER NOT NULL, contract BLOB NOT NULL, buyer BLOB NOT NULL, day BLOB NOT NULL,
                    price BLOB NOT NULL, treasury_amount BLOB NOT NULL, daily_pool_amount BLOB NOT NULL,
                    weekly_pool_amount BLOB NOT NULL);
                CREATE TABLE token_transfers (
                    log_id INTEGER PRIMARY KEY REFERENCES logs (id) ON DELETE CASCADE, chain_id INTEGER NOT NULL,
                    block_number INTEGER NOT NULL, token BLOB NOT NULL, sender BLOB NOT NULL, receiver BLOB NOT NULL,
                    value BLOB NOT NULL);
                CREATE TABLE index_state (
                    chain_id INTEGER PRIMARY KEY, cursor INTEGER NOT NULL, head INTEGER NOT NULL,
                    finalized INTEGER NOT NULL, log_range INTEGER NOT NULL, halt TEXT, decoder_version INTEGER NOT NULL);
                """)
        }
        migrator.registerMigration("v2") { db in
            // The unfinalized window, found without scanning every kept block at each commit; a prize's places in
            // the primary key's own tree, with no second one beside it.
            try db.execute(sql: """
                CREATE INDEX blocks_unfinalized ON blocks (chain_id, number) WHERE finalized = 0;
                CREATE TABLE prize_winners_v2 (
                    log_id INTEGER NOT NULL REFERENCES prizes_distributed (log_id) ON DELETE CASCADE,
                    place INTEGER NOT NULL, winner BLOB NOT NULL, amount BLOB NOT NULL, PRIMARY KEY (log_id, place))
                    WITHOUT ROWID;
                INSERT INTO prize_winners_v2 SELECT log_id, place, winner, amount FROM prize_winners;
                DROP TABLE prize_winners;
                ALTER TABLE prize_winners_v2 RENAME TO prize_winners;
                """)
        }
        migrator.registerMigration("v3") { db in
            // The EntryPoint's events: each user operation with what it cost its payer, and each account created.
            try db.execute(sql: """
                CREATE TABLE user_operations (
                    log_id INTEGER PRIMARY KEY REFERENCES logs (id) ON DELETE CASCADE, chain_id INTEGER NOT NULL,
                    block_number INTEGER NOT NULL, entry_point BLOB NOT NULL, user_op_hash BLOB NOT NULL,
                    sender BLOB NOT NULL, paymaster BLOB NOT NULL, nonce BLOB NOT NULL, success INTEGER NOT NULL,
                    actual_gas_cost BLOB NOT NULL, actual_gas_used BLOB NOT NULL);
                CREATE INDEX user_operations_by_hash ON user_operations (chain_id, user_op_hash);
                CREATE TABLE account_deployments (
                    log_id INTEGER PRIMARY KEY REFERENCES logs (id) ON DELETE CASCADE, chain_id INTEGER NOT NULL,
                    block_number INTEGER NOT NULL, entry_point BLOB NOT NULL, user_op_hash BLOB NOT NULL,
                    sender BLOB NOT NULL, factory BLOB NOT NULL, paymaster BLOB NOT NULL);
                """)
        }
        return migrator
    }

    // MARK: Reading

    /// The indexer's state for `chainID`, or nil before the first batch.
    public func state(chainID: UInt64) throws(IndexError) -> IndexState? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM index_state WHERE chain_id = ?", arguments: [Int64(bitPattern: chainID)])
                .map { row in
                    IndexState(
                        chainID: chainID, cursor: UInt64(bitPattern: row["cursor"]), head: UInt64(bitPattern: row["head"]),
                        finalized: UInt64(bitPattern: row["finalized"]), logRange: UInt64(bitPattern: row["log_range"]),
                        halt: row["halt"])
                }
        }
    }

    /// The stored header at `number`, when the indexer relied on that block.
    public func block(chainID: UInt64, number: UInt64) throws(IndexError) -> StoredBlock? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT hash, parent_hash, timestamp FROM blocks WHERE chain_id = ? AND number = ?",
                arguments: [Int64(bitPattern: chainID), Int64(bitPattern: number)]
            ).map { row in
                StoredBlock(
                    number: number, hash: try Self.word(row["hash"]), parentHash: try Self.word(row["parent_hash"]),
                    timestamp: UInt64(bitPattern: row["timestamp"]))
            }
        }
    }

    /// How many rows `table` holds for `chainID`.
    public func count(_ table: IndexTable, chainID: UInt64) throws(IndexError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.rawValue) WHERE chain_id = ?", arguments: [Int64(bitPattern: chainID)]) ?? 0
        }
    }

    /// Runs a read-only query of the user's, for `podium query` and tests.
    public func rows(_ sql: String, arguments: StatementArguments = []) throws(IndexError) -> [Row] {
        try read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }
    }

    // MARK: Writing

    /// Commits a batch in one transaction: its headers, raw logs and decoded rows, and the state that moves the
    /// cursor past it. A crash before the commit leaves none of it; after, all of it.
    public func commit(_ batch: IndexBatch) throws(IndexError) {
        try write { db in
            let chain = Int64(bitPattern: batch.state.chainID)
            let finalized = Int64(bitPattern: batch.state.finalized), cursor = Int64(bitPattern: batch.state.cursor)
            var insertBlock = try RowInserter(db, sql: """
                INSERT INTO blocks (chain_id, number, hash, parent_hash, timestamp, finalized) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (chain_id, number) DO UPDATE SET hash = excluded.hash, parent_hash = excluded.parent_hash,
                timestamp = excluded.timestamp, finalized = excluded.finalized
                """)
            for block in batch.blocks {
                insertBlock.bind(chain)
                insertBlock.bind(block.number)
                insertBlock.bind(block.hash)
                insertBlock.bind(block.parentHash)
                insertBlock.bind(block.timestamp)
                insertBlock.bind(Int64(block.number <= batch.state.finalized ? 1 : 0))
                try insertBlock.insert()
            }
            var inserters = try EventInserters(db)
            for entry in batch.logs {
                let logID = try inserters.insert(entry, chain: chain)
                if let event = entry.event { try inserters.insert(event, logID: logID, chain: chain, entry: entry) }
            }
            // Final blocks are kept only where a log or the cursor needs them. The batch brought only those; of
            // the blocks kept before it, the previous cursor's and the window that became final with it are
            // looked at (the partial index of unfinalized blocks finds the window).
            let previousCursor = Int64(bitPattern: batch.range.lowerBound &- 1)
            try db.execute(
                sql: """
                    DELETE FROM blocks WHERE chain_id = ? AND number <= ? AND number != ? AND (finalized = 0 OR number = ?)
                    AND NOT EXISTS (SELECT 1 FROM logs WHERE logs.chain_id = blocks.chain_id AND logs.block_number = blocks.number)
                    """,
                arguments: [chain, finalized, cursor, previousCursor])
            try db.execute(
                sql: "UPDATE blocks SET finalized = 1 WHERE chain_id = ? AND finalized = 0 AND number <= ?",
                arguments: [chain, finalized])
            try Self.save(batch.state, db: db)
        }
    }

    /// Deletes everything above block `number` (headers, raw and decoded rows) and moves the cursor back to it, in
    /// one transaction: what a reorg above `number` replaced.
    public func rollBack(chainID: UInt64, above number: UInt64, state: IndexState) throws(IndexError) {
        try write { db in
            let arguments: StatementArguments = [Int64(bitPattern: chainID), Int64(bitPattern: number)]
            try db.execute(sql: "DELETE FROM logs WHERE chain_id = ? AND block_number > ?", arguments: arguments)
            try db.execute(sql: "DELETE FROM blocks WHERE chain_id = ? AND number > ?", arguments: arguments)
            try Self.save(state, db: db)
        }
    }

    /// Empties the decoded tables of `chainID` and decodes them again from `logs`, in one transaction: the
    /// same rows, byte for byte, as indexing wrote (each keeps its log's id). Returns how many logs decoded.
    @discardableResult
    public func rebuildDecoded(chainID: UInt64) throws(IndexError) -> Int {
        try write { db in
            let chain = Int64(bitPattern: chainID)
            for table in IndexTable.decoded {
                try db.execute(sql: "DELETE FROM \(table) WHERE chain_id = ?", arguments: [chain])
            }
            let rows = try Row.fetchCursor(
                db, sql: """
                    SELECT id, block_number, transaction_index, log_index, block_hash, transaction_hash, address,
                    topic0, topic1, topic2, topic3, data FROM logs WHERE chain_id = ? ORDER BY block_number, log_index
                    """, arguments: [chain])
            var decoded = 0
            var inserters = try EventInserters(db)
            while let row = try rows.next() {
                let topics = try ["topic0", "topic1", "topic2", "topic3"].compactMap { name in try (row[name] as Data?).map { try Bytes32(Array($0)) } }
                let log = ChainLog(address: try Address(Array(row["address"] as Data)), topics: topics, data: Array(row["data"] as Data))
                guard case .event(let event) = PodiumEvent.decode(log) else { continue }
                let entry = IndexedLog(
                    log: log,
                    position: LogPosition(
                        blockNumber: UInt64(bitPattern: row["block_number"]), transactionIndex: UInt64(bitPattern: row["transaction_index"]),
                        logIndex: UInt64(bitPattern: row["log_index"])),
                    blockHash: try Self.word(row["block_hash"]), transactionHash: try Self.word(row["transaction_hash"]), event: event)
                try inserters.insert(event, logID: row["id"], chain: chain, entry: entry)
                decoded += 1
            }
            try db.execute(sql: "UPDATE index_state SET decoder_version = ? WHERE chain_id = ?", arguments: [PodiumEvent.decoderVersion, chain])
            return decoded
        }
    }

    /// Records `state` (a halt, say) without touching any row.
    public func save(_ state: IndexState) throws(IndexError) {
        try write { db in try Self.save(state, db: db) }
    }

    private static func save(_ state: IndexState, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO index_state (chain_id, cursor, head, finalized, log_range, halt, decoder_version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (chain_id) DO UPDATE SET cursor = excluded.cursor, head = excluded.head,
                finalized = excluded.finalized, log_range = excluded.log_range, halt = excluded.halt,
                decoder_version = excluded.decoder_version
                """,
            arguments: [Int64(bitPattern: state.chainID), Int64(bitPattern: state.cursor), Int64(bitPattern: state.head),
                        Int64(bitPattern: state.finalized), Int64(bitPattern: state.logRange), state.halt,
                        PodiumEvent.decoderVersion])
    }

    /// A 32-byte BLOB read back.
    static func word(_ data: Data?) throws -> Bytes32 {
        guard let data, data.count == 32 else { throw IndexError.corrupt("a 32-byte hash column holds \(data?.count ?? 0) bytes") }
        return try Bytes32(Array(data))
    }

    func read<Value>(_ body: (Database) throws -> Value) throws(IndexError) -> Value {
        do { return try database.read(body) } catch let error as IndexError { throw error } catch {
            throw .store(path: path, underlying: error)
        }
    }

    private func write<Value>(_ body: (Database) throws -> Value) throws(IndexError) -> Value {
        do { return try database.write(body) } catch let error as IndexError { throw error } catch {
            throw .store(path: path, underlying: error)
        }
    }
}

/// The tables whose rows `IndexStore.count` counts.
public enum IndexTable: String, Sendable, CaseIterable {
    case blocks, logs
    case prizesDistributed = "prizes_distributed"
    case periodPaid = "period_paid"
    case gamePassPurchases = "game_pass_purchases"
    case tokenTransfers = "token_transfers"
    case userOperations = "user_operations"
    case accountDeployments = "account_deployments"

    /// The tables decoded from `logs`, which `rebuildDecoded` empties and fills again (prize_winners goes with
    /// prizes_distributed, by its foreign key's cascade).
    static let decoded = ["prizes_distributed", "period_paid", "game_pass_purchases", "token_transfers", "user_operations",
                          "account_deployments"]
}
