import Foundation
import PodiumLedger
import PodiumLedgerStore
import PodiumPrimitives
import Testing

/// The payout journal's states through the store: each transition once, from the state before it only, and the seed's
/// tables following (summary and prize rows PENDING → SUCCESS or FAILED, RETRYING on a new attempt).
@Suite struct SettlementJournalTests {
    static let period = try! Period(parsing: "2026-11-20", board: .daily)
    static let wallets = (1...3).map { try! Address(hex: "0x" + String(repeating: "0", count: 39) + String($0)) }
    static let now = UTCInstant(secondsSinceEpoch: 1_795_000_000)

    static func settle(_ store: LedgerStore, standings: [Standing]? = nil) throws -> SettlementRecord {
        let entries = standings ?? wallets.enumerated().map { index, wallet in
            Standing(player: "p\(index)", wallet: wallet, score: UInt256(UInt64(100 - index)), reachedAt: now)
        }
        let settlement = try PeriodSettlement(period: period, base: 50, bonus: 9, carryIn: 1, standings: entries)
        return try store.recordSettlement(
            chainID: 31337, settlement: settlement, ranking: PrizeSplit.ranking(entries), standingsCount: entries.count, purchases: [],
            countedThroughBlock: 7, at: now)
    }

    @Test func intendedSubmittedConfirmed() throws {
        try LedgerStoreTests.withLedger { store throws in
            let settled = try Self.settle(store)
            // 60 × 4000, 2400, 1600 bps = 24, 14 (14.4 rounded down), 9 (9.6); the rest carries.
            #expect(settled.status == "PENDING" && settled.total == 60 && settled.paid == 47 && settled.carryOut == 13)
            #expect(settled.places.map(\.amount) == [24, 14, 9] && settled.places.map(\.wallet) == Self.wallets)
            let attempt = try #require(settled.attempt)
            #expect(attempt.state == .intended)
            // Recording again returns the same settlement, untouched.
            #expect(try Self.settle(store) == settled)
            let hash = try Bytes32(hex: "0x" + String(repeating: "11", count: 32))
            try store.markSubmitted(attempt, hash: hash, nonce: 4, sender: Self.wallets[0], rawTransaction: [2, 0xf8], at: Self.now)
            #expect(throws: LedgerError.self) { try store.markSubmitted(attempt, hash: hash, nonce: 4, sender: Self.wallets[0], rawTransaction: [2], at: Self.now) }
            let submitted = try #require(try store.settlement(chainID: 31337, period: Self.period)?.attempt)
            #expect(submitted.state == .submitted && submitted.transactionHash == hash && submitted.nonce == 4 && submitted.rawTransaction == [2, 0xf8])
            try store.markConfirmed(submitted, blockNumber: 12, blockHash: hash, at: Self.now)
            let done = try #require(try store.settlement(chainID: 31337, period: Self.period))
            #expect(done.status == "SUCCESS" && done.attempt?.state == .confirmed && done.attempt?.blockNumber == 12)
            #expect(try store.text("prize_distribution_log", "status", id: 1) == "SUCCESS")
            #expect(try store.text("prize_distribution_log", "tx_hash", id: 1) == hash.description)
            #expect(try store.text("leaderboard_archives", "prize_amount_base_units", id: 3) == "9")
            // A confirmed attempt is not retried.
            #expect(try store.retryPayout(of: done, at: Self.now).id == done.attempt?.id)
        }
    }

    @Test func aFailedAttemptIsFollowedByANewOne() throws {
        try LedgerStoreTests.withLedger { store throws in
            let settled = try Self.settle(store)
            try store.markFailed(try #require(settled.attempt), reason: "reverted in block 9", at: Self.now)
            let failed = try #require(try store.settlement(chainID: 31337, period: Self.period))
            #expect(failed.status == "FAILED" && failed.attempt?.error == "reverted in block 9")
            #expect(try store.text("prize_distribution_log", "status", id: 2) == "FAILED")
            let retry = try store.retryPayout(of: failed, at: Self.now)
            #expect(retry.state == .intended && retry.id != settled.attempt?.id)
            #expect(try store.settlement(chainID: 31337, period: Self.period)?.status == "PENDING")
            #expect(try store.text("prize_distribution_log", "status", id: 2) == "RETRYING")
            #expect(try store.count("payout_journal") == 2)
        }
    }

    @Test func nobodyEligibleIsSkippedWithNoJournal() throws {
        try LedgerStoreTests.withLedger { store throws in
            let settled = try Self.settle(store, standings: [Standing(player: "zero", wallet: Self.wallets[0], score: 0, reachedAt: Self.now)])
            #expect(settled.status == "SKIPPED" && settled.attempt == nil && settled.carryOut == 60 && settled.places.isEmpty)
            #expect(try store.count("payout_journal") == 0)
        }
    }
}
