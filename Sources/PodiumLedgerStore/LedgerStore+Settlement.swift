import Foundation
import GRDB
import PodiumLedger
import PodiumPrimitives

/// Where a period's payout stands in the journal: intended (recorded, nothing signed), submitted (a transaction
/// signed, its hash and bytes kept, perhaps sent), confirmed (mined and successful) or failed (mined and reverted,
/// refused by the node, or replaced); a failed attempt may be followed by a new one.
public enum PayoutState: String, Hashable, Sendable {
    case intended, submitted, confirmed, failed
}

/// One attempt to pay a settled period.
public struct PayoutAttempt: Hashable, Sendable {
    public let id: Int64
    public let state: PayoutState
    /// The signed transaction, once submitted: its hash, nonce, sender and EIP-2718 bytes. For a payout made as a
    /// user operation: the userOpHash until it is mined, then the bundle transaction's hash; the operation's
    /// nonce, its account, and its ERC-7769 JSON.
    public let transactionHash: Bytes32?
    public let nonce: UInt64?
    public let sender: Address?
    public let rawTransaction: [UInt8]?
    /// The block that confirmed it.
    public let blockNumber: UInt64?
    public let blockHash: Bytes32?
    /// Why it failed.
    public let error: String?
    /// The user operation's hash, when the payout was made from the game's smart account.
    public let userOperationHash: Bytes32?
}

/// A place the ledger settled: who, and how much.
public struct SettledPlace: Hashable, Sendable {
    public let place: Int
    public let player: String
    public let wallet: Address
    public let score: UInt256
    public let amount: UInt256
}

/// A period's settlement as the ledger holds it.
public struct SettlementRecord: Hashable, Sendable {
    public let id: Int64
    public let chainID: UInt64
    public let period: Period
    /// The seed's `distribution_summary_log` row and its status: PENDING, SUCCESS, FAILED or SKIPPED.
    public let summaryID: Int64
    public let status: String
    public let base: UInt256
    public let bonus: UInt256
    public let carryIn: UInt256
    public let total: UInt256
    public let paid: UInt256
    public let dust: UInt256
    public let carryOut: UInt256
    /// How many purchases the bonus counts, and the last final block they were counted through.
    public let purchases: Int
    public let countedThroughBlock: UInt64
    /// The places paid, best first (empty when skipped).
    public let places: [SettledPlace]
    /// The latest payout attempt (nil when skipped).
    public let attempt: PayoutAttempt?

    /// The board.
    public var board: Board { period.board }
}

/// One Game Pass purchase as the revenue allocation log records it.
public struct RecordedPurchase: Hashable, Sendable {
    /// `0x<transaction hash>:<log index>`.
    public let purchaseID: String
    public let split: RevenueSplit
    public let blockNumber: UInt64
    public let blockHash: Bytes32
    public let transactionHash: Bytes32
    public let logIndex: UInt64

    public init(split: RevenueSplit, blockNumber: UInt64, blockHash: Bytes32, transactionHash: Bytes32, logIndex: UInt64) {
        purchaseID = "\(transactionHash):\(logIndex)"
        (self.split, self.blockNumber, self.blockHash, self.transactionHash, self.logIndex) = (split, blockNumber, blockHash, transactionHash, logIndex)
    }
}

extension LedgerStore {
    // MARK: Standings imports

    /// Whether standings were imported for `board`'s `period` (an empty import counts), and how many rows.
    public func importedStandings(board: Board, period: Period) throws(LedgerError) -> Int? {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT rows FROM standings_imports WHERE board = ? AND period = ?", arguments: [board.rawValue, period.description])
        }
    }

    /// Records that `board`'s `period` has no standings: nobody played (its settlement will be SKIPPED).
    public func recordEmptyStandings(board: Board, period: Period, sourceFile: String, importedAt: UTCInstant) throws(LedgerError) {
        try write { db in
            try db.execute(sql: "DELETE FROM standings WHERE board = ? AND period = ?", arguments: [board.rawValue, period.description])
            try db.execute(
                sql: "INSERT OR REPLACE INTO standings_imports (board, period, rows, source_file, imported_at) VALUES (?, ?, 0, ?, ?)",
                arguments: [board.rawValue, period.description, sourceFile, importedAt.description])
        }
    }

    // MARK: Settlements

    /// The settlement of `board`'s `period` on `chainID`, if any.
    public func settlement(chainID: UInt64, period: Period) throws(LedgerError) -> SettlementRecord? {
        try read { db in
            try Row.fetchOne(
                db, sql: "\(Self.settlementQuery) WHERE s.chain_id = ? AND s.board = ? AND s.period_id = ?",
                arguments: [Int64(bitPattern: chainID), period.board.rawValue, Int64(period.periodID)]
            ).map { try Self.settlement(from: $0, db: db) }
        }
    }

    /// The latest settlement of `board` before `period` on `chainID` (its carry-out is `period`'s carry-in).
    public func settlement(chainID: UInt64, board: Board, before period: Period) throws(LedgerError) -> SettlementRecord? {
        try read { db in
            try Row.fetchOne(
                db, sql: "\(Self.settlementQuery) WHERE s.chain_id = ? AND s.board = ? AND s.period_id < ? ORDER BY s.period_id DESC LIMIT 1",
                arguments: [Int64(bitPattern: chainID), board.rawValue, Int64(period.periodID)]
            ).map { try Self.settlement(from: $0, db: db) }
        }
    }

    /// Every settlement on `chainID`, daily ones first, each board in period order.
    public func settlements(chainID: UInt64) throws(LedgerError) -> [SettlementRecord] {
        try read { db in
            try Row.fetchAll(
                db, sql: "\(Self.settlementQuery) WHERE s.chain_id = ? ORDER BY s.board, s.period_id",
                arguments: [Int64(bitPattern: chainID)]
            ).map { try Self.settlement(from: $0, db: db) }
        }
    }

    /// Writes a period's settlement in one transaction: the revenue rows of the purchases it counts (each purchase
    /// once, whichever board records it first), the summary (PENDING, or SKIPPED with nobody eligible), the archive of
    /// the ranking, one PENDING prize row per place, the pool's parts, and the payout journal's first entry
    /// (intended). Returns the settlement already there, untouched, when another run wrote it first.
    public func recordSettlement(
        chainID: UInt64, settlement: PeriodSettlement, ranking: [Standing], standingsCount: Int, purchases: [RecordedPurchase],
        countedThroughBlock: UInt64, at instant: UTCInstant
    ) throws(LedgerError) -> SettlementRecord {
        let period = settlement.period
        let chain = Int64(bitPattern: chainID)
        // Computed once, not per row: the archive holds every ranked player (100,000 of them, say).
        let (periodText, board, periodID, at) = (period.description, period.board.rawValue, Int64(period.periodID), instant.sqliteText)
        try write { db in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM settlements WHERE chain_id = ? AND board = ? AND period_id = ?",
                arguments: [chain, period.board.rawValue, Int64(period.periodID)]) ?? false
            guard !exists else { return }
            let revenue = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO revenue_allocation_log (purchase_id, total_revenue, daily_pool_contribution, weekly_pool_contribution,
                treasury_share, total_revenue_base_units, daily_pool_contribution_base_units, weekly_pool_contribution_base_units,
                treasury_share_base_units, chain_id, block_number, block_hash, tx_hash, log_index, allocated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for purchase in purchases {
                let split = purchase.split
                try revenue.execute(arguments: [
                    purchase.purchaseID, Self.real(split.price), Self.real(split.daily), Self.real(split.weekly), Self.real(split.treasury),
                    split.price.description, split.daily.description, split.weekly.description, split.treasury.description, chain,
                    Int64(purchase.blockNumber), purchase.blockHash.description, purchase.transactionHash.description,
                    Int64(purchase.logIndex), instant.sqliteText,
                ])
            }
            let split = settlement.split
            try db.execute(
                sql: """
                    INSERT INTO distribution_summary_log (distribution_type, period_identifier, total_prize_pool, num_winners, status,
                    reason, logged_at, total_prize_pool_base_units, chain_id, period_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    period.board.rawValue, period.description, Self.real(split.total), split.places.count,
                    split.skipped ? "SKIPPED" : "PENDING", split.skipped ? "no eligible player: the pool carries over" : nil,
                    instant.sqliteText, split.total.description, chain, Int64(period.periodID),
                ])
            let summaryID = db.lastInsertedRowID
            let archive = try db.makeStatement(sql: """
                INSERT INTO leaderboard_archives (period_identifier, board_type, user_id, rank, score, prize_amount, archived_at,
                prize_amount_base_units, chain_id, period_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let (noPrize, noPrizeUnits) = (Self.real(.zero), UInt256.zero.description)
            for (index, standing) in ranking.enumerated() {
                let amount = index < split.places.count ? split.places[index].amount : nil
                try archive.execute(arguments: [
                    periodText, board, standing.player, index + 1, Self.integer(standing.score), amount.map(Self.real) ?? noPrize, at,
                    amount?.description ?? noPrizeUnits, chain, periodID,
                ])
            }
            let prize = try db.makeStatement(sql: """
                INSERT INTO prize_distribution_log (distribution_summary_id, user_id, wallet_address, rank, score, prize_amount, status,
                logged_at, prize_amount_base_units, chain_id) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)
                """)
            for place in split.places {
                try prize.execute(arguments: [
                    summaryID, place.standing.player, place.wallet.description.lowercased(), place.place, Self.integer(place.score),
                    Self.real(place.amount), instant.sqliteText, place.amount.description, chain,
                ])
            }
            try db.execute(
                sql: """
                    INSERT INTO settlements (chain_id, board, period, period_id, distribution_summary_id, base, bonus, carry_in, total, paid,
                    dust, carry_out, purchases, counted_through_block, standings, settled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    chain, period.board.rawValue, period.description, Int64(period.periodID), summaryID, settlement.base.description,
                    settlement.bonus.description, settlement.carryIn.description, split.total.description, split.paid.description,
                    split.dust.description, split.carryOut.description, purchases.count, Int64(countedThroughBlock), standingsCount,
                    instant.description,
                ])
            let settlementID = db.lastInsertedRowID
            if !split.skipped {
                try db.execute(
                    sql: """
                        INSERT INTO payout_journal (chain_id, board, period, period_id, distribution_summary_id, total_base_units, state,
                        intended_at, settlement_id) VALUES (?, ?, ?, ?, ?, ?, 'intended', ?, ?)
                        """,
                    arguments: [
                        chain, period.board.rawValue, period.description, Int64(period.periodID), summaryID, split.paid.description,
                        instant.description, settlementID,
                    ])
            }
        }
        guard let record = try self.settlement(chainID: chainID, period: period) else {
            throw .store(path: path, underlying: CorruptRow(table: "settlements", detail: "the settlement of \(period) vanished"))
        }
        return record
    }

    /// Starts a new payout attempt after a failed one: a new intended journal entry, the summary PENDING again and
    /// its prize rows RETRYING. Returns the live attempt (the existing one when it is not failed).
    public func retryPayout(of settlement: SettlementRecord, at instant: UTCInstant) throws(LedgerError) -> PayoutAttempt {
        try write { db in
            let live = try Int64.fetchOne(
                db, sql: "SELECT id FROM payout_journal WHERE settlement_id = ? AND state != 'failed'", arguments: [settlement.id])
            guard live == nil else { return }
            try db.execute(
                sql: """
                    INSERT INTO payout_journal (chain_id, board, period, period_id, distribution_summary_id, total_base_units, state,
                    intended_at, settlement_id) VALUES (?, ?, ?, ?, ?, ?, 'intended', ?, ?)
                    """,
                arguments: [
                    Int64(bitPattern: settlement.chainID), settlement.board.rawValue, settlement.period.description,
                    Int64(settlement.period.periodID), settlement.summaryID, settlement.paid.description, instant.description, settlement.id,
                ])
            try db.execute(
                sql: "UPDATE distribution_summary_log SET status = 'PENDING', updated_at = ? WHERE id = ?",
                arguments: [instant.sqliteText, settlement.summaryID])
            try db.execute(
                sql: "UPDATE prize_distribution_log SET status = 'RETRYING' WHERE distribution_summary_id = ?", arguments: [settlement.summaryID])
        }
        guard let attempt = try self.settlement(chainID: settlement.chainID, period: settlement.period)?.attempt else {
            throw .store(path: path, underlying: CorruptRow(table: "payout_journal", detail: "no attempt for \(settlement.period)"))
        }
        return attempt
    }

    /// Journals the signed payout transaction before it goes to the node: from here on, only its own hash can pay
    /// the period, and a re-run looks for it (or sends the same bytes again) instead of signing another.
    /// For a user operation, `hash` is its userOpHash (also given as `userOperationHash`) and `rawTransaction` its JSON.
    public func markSubmitted(
        _ attempt: PayoutAttempt, hash: Bytes32, nonce: UInt64, sender: Address, rawTransaction: [UInt8],
        userOperationHash: Bytes32? = nil, at instant: UTCInstant
    ) throws(LedgerError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE payout_journal SET state = 'submitted', tx_hash = ?, nonce = ?, sender = ?, raw_transaction = ?, submitted_at = ?,
                    user_operation_hash = ? WHERE id = ? AND state = 'intended'
                    """,
                arguments: [
                    hash.description, Int64(bitPattern: nonce), sender.description.lowercased(), Hex.encode(rawTransaction), instant.description,
                    userOperationHash?.description, attempt.id,
                ])
            try Self.requireChanged(db, attempt, "intended")
            try db.execute(
                sql: """
                    UPDATE prize_distribution_log SET tx_hash = ? WHERE distribution_summary_id =
                    (SELECT distribution_summary_id FROM payout_journal WHERE id = ?)
                    """,
                arguments: [hash.description, attempt.id])
        }
    }

    /// Journals the payout as mined and successful in `blockNumber` by `transactionHash` (the bundle's, for a user
    /// operation; the journaled hash when nil): the summary SUCCESS, each prize row SUCCESS.
    public func markConfirmed(
        _ attempt: PayoutAttempt, blockNumber: UInt64, blockHash: Bytes32, transactionHash: Bytes32? = nil, at instant: UTCInstant
    ) throws(LedgerError) {
        let hash = transactionHash ?? attempt.transactionHash
        try write { db in
            try db.execute(
                sql: """
                    UPDATE payout_journal SET state = 'confirmed', block_number = ?, block_hash = ?, confirmed_at = ?,
                    tx_hash = coalesce(?, tx_hash) WHERE id = ? AND state = 'submitted'
                    """,
                arguments: [Int64(blockNumber), blockHash.description, instant.description, hash?.description, attempt.id])
            try Self.requireChanged(db, attempt, "submitted")
            let summary = try Int64.fetchOne(db, sql: "SELECT distribution_summary_id FROM payout_journal WHERE id = ?", arguments: [attempt.id])
            try db.execute(
                sql: "UPDATE distribution_summary_log SET status = 'SUCCESS', reason = NULL, updated_at = ? WHERE id = ?",
                arguments: [instant.sqliteText, summary])
            try db.execute(
                sql: """
                    UPDATE prize_distribution_log SET status = 'SUCCESS', error_message = NULL, tx_hash = ?, distributed_at = ?,
                    block_number = ?, block_hash = ? WHERE distribution_summary_id = ?
                    """,
                arguments: [hash?.description, instant.sqliteText, Int64(blockNumber), blockHash.description, summary])
        }
    }

    /// Journals the attempt as failed (reverted, refused, or its nonce taken by another transaction): the summary
    /// and its prize rows FAILED with `reason`. A later run may start a new attempt.
    /// `revertedIn` is the block of a transaction that was mined and reverted.
    public func markFailed(_ attempt: PayoutAttempt, reason: String, revertedIn block: (number: UInt64, hash: Bytes32)? = nil, at instant: UTCInstant) throws(LedgerError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE payout_journal SET state = 'failed', error = ?, failed_at = ?, block_number = ?, block_hash = ?
                    WHERE id = ? AND state IN ('intended', 'submitted')
                    """,
                arguments: [reason, instant.description, block.map { Int64(bitPattern: $0.number) }, block?.hash.description, attempt.id])
            try Self.requireChanged(db, attempt, "intended or submitted")
            let summary = try Int64.fetchOne(db, sql: "SELECT distribution_summary_id FROM payout_journal WHERE id = ?", arguments: [attempt.id])
            try db.execute(
                sql: "UPDATE distribution_summary_log SET status = 'FAILED', reason = ?, updated_at = ? WHERE id = ?",
                arguments: [reason, instant.sqliteText, summary])
            try db.execute(
                sql: "UPDATE prize_distribution_log SET status = 'FAILED', error_message = ? WHERE distribution_summary_id = ?",
                arguments: [reason, summary])
        }
    }

    /// The revenue allocation log's purchases on `chainID` that Podium recorded, by transaction hash and log index.
    public func recordedPurchases(chainID: UInt64) throws(LedgerError) -> RecordedRevenue {
        try read { db in
            var result = RecordedRevenue()
            let rows = try Row.fetchCursor(
                db, sql: """
                    SELECT purchase_id, total_revenue_base_units, treasury_share_base_units, daily_pool_contribution_base_units,
                    weekly_pool_contribution_base_units FROM revenue_allocation_log WHERE chain_id = ?
                    """,
                arguments: [Int64(bitPattern: chainID)])
            var price = DecimalColumn(), treasury = DecimalColumn(), daily = DecimalColumn(), weekly = DecimalColumn()
            while let row = try rows.next() {
                let split = RevenueSplit(
                    price: try row.withUnsafeData(atIndex: 1) { try price.value($0) },
                    treasury: try row.withUnsafeData(atIndex: 2) { try treasury.value($0) },
                    daily: try row.withUnsafeData(atIndex: 3) { try daily.value($0) },
                    weekly: try row.withUnsafeData(atIndex: 4) { try weekly.value($0) })
                // An id in another form than Podium's names no on-chain purchase.
                guard let key = try row.withUnsafeData(atIndex: 0, { data in data?.withUnsafeBytes(RecordedRevenue.key) }) else { continue }
                result.insert(key, split)
            }
            return result
        }
    }

    // MARK: Reading rows

    static let settlementQuery = """
        SELECT s.*, d.status AS summary_status FROM settlements s JOIN distribution_summary_log d ON d.id = s.distribution_summary_id
        """

    static func settlement(from row: Row, db: Database) throws -> SettlementRecord {
        let board: String = row["board"], periodText: String = row["period"]
        guard let board = Board(rawValue: board), let period = try? Period(parsing: periodText, board: board) else {
            throw CorruptRow(table: "settlements", detail: "\(board) \(periodText)")
        }
        func amount(_ column: String) throws -> UInt256 {
            try decimal(row[column])
        }
        let summaryID: Int64 = row["distribution_summary_id"]
        var places: [SettledPlace] = []
        for prize in try Row.fetchAll(
            db, sql: "SELECT rank, user_id, wallet_address, score, prize_amount_base_units FROM prize_distribution_log WHERE distribution_summary_id = ? ORDER BY rank",
            arguments: [summaryID])
        {
            guard let wallet = try? Address(hex: prize[2] as String), let amount = try? decimal(prize[4]) else {
                throw CorruptRow(table: "prize_distribution_log", detail: "summary \(summaryID)")
            }
            let score: UInt256
            switch (prize[3] as DatabaseValue).storage {
            case .int64(let value) where value >= 0: score = UInt256(UInt64(value))
            case .string(let text): score = try decimal(text)
            default: throw CorruptRow(table: "prize_distribution_log", detail: "score of summary \(summaryID)")
            }
            places.append(SettledPlace(place: prize[0], player: prize[1], wallet: wallet, score: score, amount: amount))
        }
        let attempt = try Row.fetchOne(
            db, sql: "SELECT * FROM payout_journal WHERE settlement_id = ? ORDER BY id DESC LIMIT 1", arguments: [row["id"] as Int64]
        ).map { journal -> PayoutAttempt in
            PayoutAttempt(
                id: journal["id"], state: PayoutState(rawValue: journal["state"]) ?? .failed,
                transactionHash: (journal["tx_hash"] as String?).flatMap { try? Bytes32(hex: $0) },
                nonce: (journal["nonce"] as Int64?).map { UInt64(bitPattern: $0) },
                sender: (journal["sender"] as String?).flatMap { try? Address(hex: $0) },
                rawTransaction: (journal["raw_transaction"] as String?).flatMap { try? Hex.decode($0) },
                blockNumber: (journal["block_number"] as Int64?).map { UInt64(bitPattern: $0) },
                blockHash: (journal["block_hash"] as String?).flatMap { try? Bytes32(hex: $0) }, error: journal["error"],
                userOperationHash: (journal["user_operation_hash"] as String?).flatMap { try? Bytes32(hex: $0) })
        }
        return SettlementRecord(
            id: row["id"], chainID: UInt64(bitPattern: row["chain_id"]), period: period, summaryID: summaryID,
            status: row["summary_status"], base: try amount("base"), bonus: try amount("bonus"), carryIn: try amount("carry_in"),
            total: try amount("total"), paid: try amount("paid"), dust: try amount("dust"), carryOut: try amount("carry_out"),
            purchases: row["purchases"], countedThroughBlock: UInt64(bitPattern: row["counted_through_block"]), places: places,
            attempt: attempt)
    }

    /// The UInt256 in a base-units TEXT column.
    static func decimal(_ text: String?) throws -> UInt256 {
        guard let text, let value = try? UInt256(decimal: text) else { throw CorruptRow(table: "a base-units column", detail: text ?? "NULL") }
        return value
    }

    static func requireChanged(_ db: Database, _ attempt: PayoutAttempt, _ expected: String) throws {
        guard db.changesCount == 1 else {
            throw CorruptRow(table: "payout_journal", detail: "entry \(attempt.id) is no longer \(expected): another run moved it")
        }
    }

    /// An amount for the seed's REAL columns, which only the seed's own readers use: its decimal GLICO text, which
    /// SQLite's REAL affinity converts (Podium reads the exact `*_base_units` column beside it).
    static func real(_ amount: UInt256) -> String { Units.format(amount, decimals: 18) }

    /// A score for the seed's INTEGER column: an Int64 when it fits, its decimal text otherwise.
    static func integer(_ score: UInt256) -> DatabaseValueConvertible {
        score <= UInt256(UInt64(Int64.max)) ? Int64(score.limbs.0) : score.description
    }
}

extension UTCInstant {
    /// `2026-11-20 12:34:56`, as SQLite's CURRENT_TIMESTAMP writes the seed's DATETIME columns.
    var sqliteText: String {
        description.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    }
}

/// The purchases the revenue allocation log records on one chain, for reconciliation against the index: each under
/// its purchase id `0x<transaction hash>:<log index>` (as `RecordedPurchase` writes it), held as the hash, the index
/// and a number naming one of the few distinct splits, not as a million strings and a million splits. An id in any
/// other form (a team's own rows, imported) names no on-chain purchase and is left out.
public struct RecordedRevenue: Sendable {
    struct Key: Hashable {
        let transactionHash: Bytes32
        let logIndex: UInt64
    }

    private var entries: [Key: UInt32] = [:]
    private var splits: [RevenueSplit] = []
    private var numbers: [RevenueSplit: UInt32] = [:]
    private var lastNumber: UInt32?

    public init() {}

    /// How many purchases it holds.
    public var count: Int { entries.count }

    /// The split recorded for the purchase `transactionHash:logIndex`, if any.
    public func split(transactionHash: Bytes32, logIndex: UInt64) -> RevenueSplit? {
        entries[Key(transactionHash: transactionHash, logIndex: logIndex)].map { splits[Int($0)] }
    }

    /// Records `split` under `key` (a later row for the same key replaces the earlier).
    mutating func insert(_ key: Key, _ split: RevenueSplit) {
        let number: UInt32
        if let last = lastNumber, splits[Int(last)] == split {
            number = last
        } else if let known = numbers[split] {
            number = known
        } else {
            number = UInt32(splits.count)
            splits.append(split)
            numbers[split] = number
        }
        lastNumber = number
        entries[key] = number
    }

    /// The key of a purchase id exactly as `RecordedPurchase` writes it (`0x`, 64 lowercase hex digits, `:`, the log
    /// index in decimal without leading zeros), from its UTF-8 bytes; nil for anything else.
    static func key(_ text: UnsafeRawBufferPointer) -> Key? {
        guard text.count >= 68, text.count <= 67 + 20, text[0] == UInt8(ascii: "0"), text[1] == UInt8(ascii: "x"),
              text[66] == UInt8(ascii: ":")
        else { return nil }
        func nibble(_ offset: Int) -> UInt64? {
            switch text[offset] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(text[offset] - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(text[offset] - UInt8(ascii: "a") + 10)
            default: nil
            }
        }
        // Bytes32's lanes hold its bytes in memory order, each lane little-endian.
        func lane(_ number: Int) -> UInt64? {
            var lane: UInt64 = 0
            for byte in 0..<8 {
                let offset = 2 + 16 * number + 2 * byte
                guard let high = nibble(offset), let low = nibble(offset + 1) else { return nil }
                lane |= (high << 4 | low) << (8 * UInt64(byte))
            }
            return lane
        }
        guard let lane0 = lane(0), let lane1 = lane(1), let lane2 = lane(2), let lane3 = lane(3) else { return nil }
        guard text[67] != UInt8(ascii: "0") || text.count == 68 else { return nil }
        var logIndex: UInt64 = 0
        for offset in 67..<text.count {
            guard let digit = nibble(offset), digit < 10 else { return nil }
            let (times10, overflow) = logIndex.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            logIndex = sum
        }
        return Key(transactionHash: Bytes32(lanes: lane0, lane1, lane2, lane3), logIndex: logIndex)
    }
}

/// A decimal base-units column read row after row: its text is parsed again only when it differs from the row
/// before's (a season's purchases mostly repeat one price and one split).
struct DecimalColumn {
    private var text: [UInt8] = []
    private var value: UInt256?

    mutating func value(_ data: Data?) throws -> UInt256 {
        guard let data else { return try LedgerStore.decimal(nil) }
        if let value, data.count == text.count, data.withUnsafeBytes({ raw in text.withUnsafeBytes { raw.elementsEqual($0) } }) {
            return value
        }
        let parsed = try LedgerStore.decimal(String(decoding: data, as: UTF8.self))
        (text, value) = (Array(data), parsed)
        return parsed
    }
}
