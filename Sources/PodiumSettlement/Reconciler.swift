import PodiumContracts
import PodiumIndexer
import PodiumLedger
import PodiumLedgerStore
import PodiumPrimitives
import PodiumRPC

/// Reconciles the ledger with the indexed chain and builds the treasury report: every settled payout matched
/// against the final chain (`PayoutMatcher`), the revenue split checked per purchase and in total, each board's pool
/// rolled forward, and the distributor's balance at the report's block (`eth_call`) compared with what the books
/// say it holds.
public struct Reconciler: Sendable {
    public let ledger: LedgerStore
    public let index: IndexStore
    public let client: RPCClient
    public let contracts: SettlementContracts

    public init(ledger: LedgerStore, index: IndexStore, client: RPCClient, contracts: SettlementContracts) {
        (self.ledger, self.index, self.client, self.contracts) = (ledger, index, client, contracts)
    }

    /// The report over the days `from ... to` (nil ends: unbounded), read at `block` (default: the index's last
    /// final block). Only data in final blocks gets a verdict; later payouts are PENDING.
    public func report(from: CalendarDate? = nil, to: CalendarDate? = nil, atBlock: UInt64? = nil) async throws(SettlementError) -> TreasuryReport {
        let state: IndexState?
        do { state = try index.state(chainID: contracts.chainID) } catch { throw .index(error) }
        guard let state else { throw .noIndex(chainID: contracts.chainID) }
        let indexed = state.cursor
        let block = atBlock ?? min(state.finalized, indexed)
        guard block <= indexed else { throw .node("the index reaches block \(indexed) only; --at-block \(block) is beyond it (run podium index)") }
        let final = min(state.finalized, block)
        let header = try await askNode { try await client.block(.number(block)) }
        guard let header else { throw .node("the node has no block \(block)") }
        let days = (from.map { Int64($0.daysSinceEpoch) } ?? 0)...(to.map { Int64($0.daysSinceEpoch) } ?? Int64.max / 2)
        func inRange(_ period: Period) -> Bool { period.days.upperBound >= days.lowerBound && period.days.lowerBound <= days.upperBound }
        // Purchases are read over whole weeks, so that a week the range cuts is checked with all its days.
        let firstRead = from.flatMap { Period(containing: UTCInstant(startOf: $0), board: .weekly)?.days.lowerBound } ?? days.lowerBound
        let lastRead = to.flatMap { Period(containing: UTCInstant(startOf: $0), board: .weekly)?.days.upperBound } ?? days.upperBound
        let readDays = firstRead...lastRead

        // Purchases: per day, and each one's split checked.
        var perDay: [Int64: TreasuryReport.Sales] = [:]
        var sales = TreasuryReport.Sales()
        var checks: [TreasuryReport.BalanceCheck] = []
        var splitTotal = UInt256.zero, ruleTreasury = UInt256.zero
        var offending: [TreasuryReport.BalanceCheck] = []
        let recorded: RecordedRevenue
        do { recorded = try ledger.recordedPurchases(chainID: contracts.chainID) } catch { throw .ledger(error) }
        var (bookRecorded, chainRecorded, recordedCount) = (UInt256.zero, UInt256.zero, 0)
        // The rules' split of the last price seen: a season's purchases share a handful of prices.
        var rule = RevenueSplit(price: .zero)
        do {
            try index.forEachPurchase(chainID: contracts.chainID, sale: contracts.sale, throughBlock: final, days: readDays) { purchase in
                let split = RevenueSplit(price: purchase.price, treasury: purchase.treasury, daily: purchase.daily, weekly: purchase.weekly)
                try Self.add(split, to: &perDay[purchase.day, default: TreasuryReport.Sales()])
                guard days.contains(purchase.day) else { return }
                try Self.add(split, to: &sales)
                let parts = try Self.sum(try Self.sum(split.treasury, split.daily), split.weekly)
                splitTotal = try Self.sum(splitTotal, parts)
                if rule.price != split.price { rule = RevenueSplit(price: split.price) }
                ruleTreasury = try Self.sum(ruleTreasury, rule.treasury)
                if (parts != split.price || split != rule) && offending.count < 20 {
                    offending.append(TreasuryReport.BalanceCheck(
                        name: "purchase \(purchase.transactionHash):\(purchase.logIndex) split", expected: split.price, actual: parts,
                        detail: "treasury \(split.treasury) + daily \(split.daily) + weekly \(split.weekly); the rules give \(rule.treasury) to the treasury"))
                }
                if let book = recorded.split(transactionHash: purchase.transactionHash, logIndex: purchase.logIndex) {
                    recordedCount += 1
                    bookRecorded = try Self.sum(bookRecorded, try Self.sum(try Self.sum(book.treasury, book.daily), book.weekly))
                    chainRecorded = try Self.sum(chainRecorded, parts)
                }
            }
        } catch {
            throw .index(error)
        }
        checks.append(TreasuryReport.BalanceCheck(
            name: "revenue = treasury + pool contributions", expected: sales.revenue, actual: splitTotal,
            detail: "\(sales.count) final Game Pass purchases: the sum of prices against the sum of their three parts"))
        checks.append(TreasuryReport.BalanceCheck(
            name: "treasury share = 70 % of each price", expected: ruleTreasury, actual: sales.treasury,
            detail: "each purchase's treasury part against price × 7000 / 10000 rounded down (DESIGN.md, Revenue rules)"))
        checks += offending
        checks.append(TreasuryReport.BalanceCheck(
            name: "revenue allocation log = chain", expected: bookRecorded, actual: chainRecorded,
            detail: "the \(recordedCount) purchases the ledger recorded at settlement: their parts as recorded against their events now"))

        // Settlements and payouts.
        let allSettlements: [SettlementRecord]
        do { allSettlements = try ledger.settlements(chainID: contracts.chainID) } catch { throw .ledger(error) }
        let settlements = allSettlements.filter { inRange($0.period) }
        let payouts: [IndexedPayout]
        do { payouts = try index.payouts(chainID: contracts.chainID, distributor: contracts.distributor, throughBlock: block) } catch { throw .index(error) }
        let observed = payouts.compactMap { payout -> PayoutMatcher.Observed? in
            let board: Board? = payout.prizeType == 0 ? .daily : payout.prizeType == 1 ? .weekly : nil
            if let board, let id = payout.periodID, let period = Period(board: board, periodID: id), !inRange(period) { return nil }
            return PayoutMatcher.Observed(
                board: board, periodID: payout.periodID, winners: payout.winners, amounts: payout.amounts,
                transactionHash: payout.transactionHash, blockNumber: payout.blockNumber, isFinal: payout.blockNumber <= final)
        }
        let expected = settlements.filter { !$0.places.isEmpty }.map { settled in
            // A payout confirmed in a block that is not final yet (or lies beyond the report's block) has no verdict:
            // the chain read here cannot show it, which must not read as a payout reverted or reorged out.
            let paidFinal = settled.attempt?.blockNumber.map { $0 <= final } ?? true
            return PayoutMatcher.Expected(
                period: settled.period, places: settled.places.map { TreasuryReport.Prize(place: $0.place, wallet: $0.wallet, amount: $0.amount) },
                state: Self.ledgerState(settled.status, attemptMined: settled.attempt?.blockNumber != nil, paidFinal: paidFinal),
                transactionHash: settled.attempt?.transactionHash, blockNumber: settled.attempt?.blockNumber)
        }
        let findings = PayoutMatcher.match(expected: expected, observed: observed)

        // Periods and pools.
        var periods: [TreasuryReport.PeriodPool] = []
        for board in Board.allCases {
            let settled = settlements.filter { $0.board == board }
            for (position, record) in settled.enumerated() {
                var periodSales = TreasuryReport.Sales()
                for day in record.period.days {
                    if let daySales = perDay[day] { try Self.add(daySales, to: &periodSales) }
                }
                periods.append(TreasuryReport.PeriodPool(
                    period: record.period, status: record.status, sales: periodSales, base: record.base, bonus: record.bonus,
                    carryIn: record.carryIn, total: record.total,
                    prizes: record.places.map { TreasuryReport.Prize(place: $0.place, wallet: $0.wallet, amount: $0.amount) },
                    paid: record.paid, dust: record.dust, carryOut: record.carryOut, transactionHash: record.attempt?.transactionHash,
                    blockNumber: record.attempt?.blockNumber))
                let contribution = board == .daily ? periodSales.daily : periodSales.weekly
                if contribution != record.bonus {
                    checks.append(TreasuryReport.BalanceCheck(
                        name: "\(board.rawValue) \(record.period) bonus = final contributions", expected: record.bonus, actual: contribution,
                        detail: "the bonus settled against the period's purchases in the final chain now"))
                }
                if position > 0, settled[position - 1].carryOut != record.carryIn {
                    checks.append(TreasuryReport.BalanceCheck(
                        name: "\(board.rawValue) \(record.period) carry-in = previous carry-out", expected: settled[position - 1].carryOut,
                        actual: record.carryIn, detail: "the board's carry chain is broken between \(settled[position - 1].period) and \(record.period)"))
                }
            }
            guard let first = settled.first, let last = settled.last else { continue }
            var inflow = first.carryIn, outflow = UInt256.zero
            for record in settled {
                inflow = try Self.sum(try Self.sum(inflow, record.base), record.bonus)
                outflow = try Self.sum(outflow, record.paid)
            }
            let closing = try Self.sum(outflow, last.carryOut)
            checks.append(TreasuryReport.BalanceCheck(
                name: "\(board.rawValue) pool roll-forward", expected: inflow, actual: closing,
                detail: "opening \(first.carryIn) + base and bonus of \(settled.count) period(s) = payouts \(outflow) + closing carry \(last.carryOut)"))
        }

        // The distributor's balance: the books against the chain at the report's block.
        let flows: IndexedFlows
        do {
            flows = try index.flows(chainID: contracts.chainID, token: contracts.token, account: contracts.distributor, source: contracts.sale, throughBlock: block)
        } catch { throw .index(error) }
        var bookPayouts = UInt256.zero
        for record in allSettlements where record.status == "SUCCESS" && (record.attempt?.blockNumber ?? .max) <= block {
            bookPayouts = try Self.sum(bookPayouts, record.paid)
        }
        let received = try Self.sum(flows.fromSource, flows.fromOthers)
        let book = received >= bookPayouts ? received - bookPayouts : .zero
        let token = GlicoToken(address: contracts.token, client: client)
        let chainBalance = try await askNode { try await token.balanceOf(contracts.distributor, at: .number(block)) }
        checks.append(TreasuryReport.BalanceCheck(
            name: "distributor balance", expected: book, actual: chainBalance,
            detail: "tokens received (Game Pass contributions and base funding) \(received) − payouts the ledger recorded \(bookPayouts), against balanceOf at block \(block)"))

        var gas = TreasuryReport.SponsoredGas()
        if let paymaster = contracts.paymaster {
            do {
                let sponsored = try index.sponsorship(
                    chainID: contracts.chainID, paymaster: paymaster, throughBlock: final, purchaseDays: from == nil && to == nil ? nil : days)
                gas = TreasuryReport.SponsoredGas(
                    operations: sponsored.operations, accountCreations: sponsored.accountCreations, gasUsed: sponsored.gasUsed, weiSpent: sponsored.weiSpent)
            } catch { throw .index(error) }
        }
        let scope = TreasuryReport.Scope(
            chainID: contracts.chainID, from: from, to: to, block: block, blockHash: header.hash,
            blockTime: UTCInstant(secondsSinceEpoch: Int64(clamping: header.timestamp)), finalizedBlock: final, token: contracts.token,
            distributor: contracts.distributor)
        return TreasuryReport(scope: scope, sales: sales, periods: periods, checks: checks, findings: findings, gas: gas)
    }

    /// The ledger's view of a settlement's payout: SUCCESS is paid (pending while its block is not final), FAILED is
    /// reverted when its transaction was mined, failed otherwise; anything else is pending.
    static func ledgerState(_ status: String, attemptMined: Bool, paidFinal: Bool) -> PayoutMatcher.LedgerState {
        switch status {
        case "SUCCESS": paidFinal ? .paid : .pending
        case "FAILED": attemptMined ? .reverted : .failed
        default: .pending
        }
    }

    static func add(_ split: RevenueSplit, to sales: inout TreasuryReport.Sales) throws(SettlementError) {
        try add(
            TreasuryReport.Sales(count: 1, revenue: split.price, treasury: split.treasury, daily: split.daily, weekly: split.weekly),
            to: &sales)
    }

    static func add(_ other: TreasuryReport.Sales, to sales: inout TreasuryReport.Sales) throws(SettlementError) {
        sales.count += other.count
        sales.revenue = try sum(sales.revenue, other.revenue)
        sales.treasury = try sum(sales.treasury, other.treasury)
        sales.daily = try sum(sales.daily, other.daily)
        sales.weekly = try sum(sales.weekly, other.weekly)
    }

    static func sum(_ a: UInt256, _ b: UInt256) throws(SettlementError) -> UInt256 {
        let (value, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw .node("a sum of amounts exceeds 2^256 - 1") }
        return value
    }

}
