import Foundation
import GRDB
import PodiumPrimitives

/// A Game Pass purchase as the index holds it.
public struct IndexedPurchase: Hashable, Sendable {
    /// The purchase day (days since 1970-01-01 UTC, the event's `day`).
    public let day: Int64
    public let buyer: Address
    public let price: UInt256
    public let treasury: UInt256
    public let daily: UInt256
    public let weekly: UInt256
    public let blockNumber: UInt64
    public let blockHash: Bytes32
    public let transactionHash: Bytes32
    public let logIndex: UInt64
}

/// A prize distribution as the index holds it: the seed's `PrizesDistributed` with the `PeriodPaid` that follows it
/// in the same transaction (absent for the seed's own contract).
public struct IndexedPayout: Hashable, Sendable {
    /// 0 daily, 1 weekly.
    public let prizeType: UInt8
    /// The period id the distributor recorded, when its `PeriodPaid` was found.
    public let periodID: UInt256?
    /// The winners and their amounts, place 1 first.
    public let winners: [Address]
    public let amounts: [UInt256]
    public let blockNumber: UInt64
    public let blockHash: Bytes32
    public let transactionHash: Bytes32
    public let logIndex: UInt64
}

/// Token flows into and out of one account, summed from the index's `Transfer` rows.
public struct IndexedFlows: Hashable, Sendable {
    /// Received from the given source (the Game Pass sale: the pools' contributions).
    public var fromSource = UInt256.zero
    /// Received from anyone else (funding).
    public var fromOthers = UInt256.zero
    /// Sent out.
    public var out = UInt256.zero
}

/// What a paymaster's user operations cost.
public struct IndexedSponsorship: Hashable, Sendable {
    public var operations = 0
    public var accountCreations = 0
    public var gasUsed = UInt256.zero
    public var weiSpent = UInt256.zero
}

extension IndexStore {
    /// Calls `body` with each purchase from `sale` on `chainID` in blocks up to `throughBlock`, optionally only those
    /// whose day lies in `days`, in chain order.
    public func forEachPurchase(
        chainID: UInt64, sale: Address, throughBlock: UInt64, days: ClosedRange<Int64>? = nil, _ body: (IndexedPurchase) throws -> Void
    ) throws(IndexError) {
        // Walked in the order of logs_by_position, which is chain order: no sort of the season's purchases.
        var sql = """
            SELECT p.day, p.buyer, p.price, p.treasury_amount, p.daily_pool_amount, p.weekly_pool_amount, p.block_number,
            l.block_hash, l.transaction_hash, l.log_index FROM logs l JOIN game_pass_purchases p ON p.log_id = l.id
            WHERE l.chain_id = ?1 AND l.block_number <= ?3 AND p.chain_id = ?1 AND p.contract = ?2 AND p.block_number <= ?3
            """
        var arguments: StatementArguments = [Int64(bitPattern: chainID), Data(sale.bytes), Int64(bitPattern: throughBlock)]
        if let days {
            sql += " AND p.day BETWEEN ?4 AND ?5"
            arguments += [Self.blob(days.lowerBound), Self.blob(days.upperBound)]
        }
        sql += " ORDER BY l.block_number, l.log_index"
        try read { db in
            let rows = try RowReader(db, sql: sql, arguments: arguments)
            while try rows.next() {
                let day = try rows.amount(0)
                guard day <= UInt256(UInt64(Int64.max)) else { throw IndexError.corrupt("a purchase day out of range") }
                try body(IndexedPurchase(
                    day: Int64(day.limbs.0), buyer: try rows.address(1), price: try rows.amount(2), treasury: try rows.amount(3),
                    daily: try rows.amount(4), weekly: try rows.amount(5), blockNumber: UInt64(bitPattern: rows.int64(6)),
                    blockHash: try rows.word(7), transactionHash: try rows.word(8), logIndex: UInt64(bitPattern: rows.int64(9))))
            }
        }
    }

    /// Every prize distribution by `distributor` on `chainID` in blocks up to `throughBlock`, in chain order.
    public func payouts(chainID: UInt64, distributor: Address, throughBlock: UInt64 = UInt64(Int64.max)) throws(IndexError) -> [IndexedPayout] {
        try read { db in
            let chain = Int64(bitPattern: chainID)
            var winners: [Int64: [(Address, UInt256)]] = [:]
            let winnerRows = try RowReader(
                db, sql: """
                    SELECT w.log_id, w.winner, w.amount FROM prize_winners w JOIN prizes_distributed d ON d.log_id = w.log_id
                    WHERE d.chain_id = ? AND d.contract = ? AND d.block_number <= ? ORDER BY w.log_id, w.place
                    """,
                arguments: [chain, Data(distributor.bytes), Int64(bitPattern: throughBlock)])
            while try winnerRows.next() {
                winners[winnerRows.int64(0), default: []].append((try winnerRows.address(1), try winnerRows.amount(2)))
            }
            var payouts: [IndexedPayout] = []
            let rows = try RowReader(
                db, sql: """
                    SELECT d.log_id, d.prize_type, d.block_number, l.block_hash, l.transaction_hash, l.log_index,
                    (SELECT p.period_id FROM period_paid p JOIN logs n ON n.id = p.log_id WHERE n.chain_id = l.chain_id
                     AND n.block_hash = l.block_hash AND n.log_index = l.log_index + 1 AND p.contract = d.contract) AS period_id
                    FROM prizes_distributed d JOIN logs l ON l.id = d.log_id
                    WHERE d.chain_id = ? AND d.contract = ? AND d.block_number <= ? ORDER BY d.block_number, l.log_index
                    """,
                arguments: [chain, Data(distributor.bytes), Int64(bitPattern: throughBlock)])
            while try rows.next() {
                let places = winners[rows.int64(0)] ?? []
                let prizeType = rows.int64(1)
                guard (0...255).contains(prizeType) else { throw IndexError.corrupt("a prize type out of range") }
                payouts.append(IndexedPayout(
                    prizeType: UInt8(prizeType), periodID: rows.isNull(6) ? nil : try rows.amount(6),
                    winners: places.map(\.0), amounts: places.map(\.1), blockNumber: UInt64(bitPattern: rows.int64(2)),
                    blockHash: try rows.word(3), transactionHash: try rows.word(4), logIndex: UInt64(bitPattern: rows.int64(5))))
            }
            return payouts
        }
    }

    /// The flows of `token` into and out of `account` on `chainID` in blocks up to `throughBlock`, inflows split by
    /// whether they came from `source`.
    public func flows(chainID: UInt64, token: Address, account: Address, source: Address, throughBlock: UInt64) throws(IndexError) -> IndexedFlows {
        try read { db in
            var flows = IndexedFlows()
            // The addresses are compared by SQLite, so that only the flags and the value reach Swift.
            let rows = try RowReader(
                db, sql: """
                    SELECT receiver = ?4, sender = ?4, sender = ?5, value FROM token_transfers
                    WHERE chain_id = ?1 AND token = ?2 AND block_number <= ?3 AND (receiver = ?4 OR sender = ?4)
                    """,
                arguments: [
                    Int64(bitPattern: chainID), Data(token.bytes), Int64(bitPattern: throughBlock), Data(account.bytes), Data(source.bytes),
                ])
            while try rows.next() {
                let value = try rows.amount(3)
                if rows.int64(0) != 0 {
                    if rows.int64(2) != 0 { flows.fromSource = try Self.sum(flows.fromSource, value) } else { flows.fromOthers = try Self.sum(flows.fromOthers, value) }
                }
                if rows.int64(1) != 0 { flows.out = try Self.sum(flows.out, value) }
            }
            return flows
        }
    }

    /// The user operations `paymaster` paid for on `chainID` in blocks up to `throughBlock` whose transaction holds a
    /// Game Pass purchase with a day in `days` (all of them when nil).
    public func sponsorship(
        chainID: UInt64, paymaster: Address, throughBlock: UInt64, purchaseDays days: ClosedRange<Int64>? = nil
    ) throws(IndexError) -> IndexedSponsorship {
        try read { db in
            var sql = """
                SELECT u.actual_gas_cost, u.actual_gas_used, (SELECT count(*) FROM account_deployments a WHERE a.chain_id = u.chain_id
                AND a.user_op_hash = u.user_op_hash) FROM user_operations u JOIN logs l ON l.id = u.log_id
                WHERE u.chain_id = ? AND u.paymaster = ? AND u.block_number <= ?
                """
            var arguments: StatementArguments = [Int64(bitPattern: chainID), Data(paymaster.bytes), Int64(bitPattern: throughBlock)]
            if let days {
                sql += """
                     AND EXISTS (SELECT 1 FROM logs m JOIN game_pass_purchases p ON p.log_id = m.id WHERE m.chain_id = l.chain_id
                    AND m.block_hash = l.block_hash AND m.transaction_hash = l.transaction_hash AND p.day BETWEEN ? AND ?)
                    """
                arguments += [Self.blob(days.lowerBound), Self.blob(days.upperBound)]
            }
            var result = IndexedSponsorship()
            let rows = try RowReader(db, sql: sql, arguments: arguments)
            while try rows.next() {
                result.operations += 1
                result.weiSpent = try Self.sum(result.weiSpent, try rows.amount(0))
                result.gasUsed = try Self.sum(result.gasUsed, try rows.amount(1))
                if rows.int64(2) > 0 { result.accountCreations += 1 }
            }
            return result
        }
    }

    // MARK: Columns

    /// A non-negative day as the 32-byte big-endian BLOB the decoded tables store uint256 values in.
    static func blob(_ value: Int64) -> Data { Data(UInt256(UInt64(max(0, value))).bigEndianBytes) }

    /// `a + b`, refusing a sum a node's data could make overflow.
    static func sum(_ a: UInt256, _ b: UInt256) throws -> UInt256 {
        let (value, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw IndexError.corrupt("a sum of amounts exceeds 2^256 - 1") }
        return value
    }
}
