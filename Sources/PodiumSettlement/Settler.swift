import Foundation
import PodiumContracts
import PodiumIndexer
import PodiumLedger
import PodiumLedgerStore
import PodiumPrimitives
import PodiumProvider
import PodiumRPC

/// The contracts a settlement reads and pays through, from a deployment record.
public struct SettlementContracts: Sendable {
    public let chainID: UInt64
    public let token: Address
    public let distributor: Address
    public let sale: Address
    /// The verifying paymaster, when deployed (for the sponsored gas figures).
    public let paymaster: Address?
    /// The block the distributor was deployed in: the boards' first periods hold it.
    public let distributorBlock: UInt64

    /// The contracts of `record`.
    public init(record: DeploymentRecord) throws(SettlementError) {
        func address(_ name: String) throws(SettlementError) -> Address {
            guard let address = record.address(of: name) else { throw .missingContract(name) }
            return address
        }
        chainID = record.chainID
        token = try address("GlicoToken")
        distributor = try address("PrizeDistributor")
        sale = try address("GamePassSale")
        paymaster = record.address(of: "VerifyingPaymaster")
        guard let block = record.contracts["PrizeDistributor"]?.blockNumber else { throw .missingContract("PrizeDistributor block") }
        distributorBlock = block
    }
}

/// A period's settlement before it is recorded: the pool and split, the ranking archived, and the purchases counted.
public struct SettlementPlan: Sendable {
    public let settlement: PeriodSettlement
    public let ranking: [Standing]
    public let standingsCount: Int
    public let purchases: [RecordedPurchase]
    /// The last final block the purchases were counted through.
    public let countedThroughBlock: UInt64
}

/// Settles periods: computes each pool from the ledger's standings, the index's final purchases and the previous
/// period's carry-over, records it in the ledger, and pays it through the prize distributor exactly once, journaling
/// the payout as intended → submitted → confirmed or failed so that an interrupted run is finished, never repeated.
public struct Settler: Sendable {
    public let ledger: LedgerStore
    public let index: IndexStore
    public let client: RPCClient
    public let contracts: SettlementContracts
    public let bases: BasePools

    public init(ledger: LedgerStore, index: IndexStore, client: RPCClient, contracts: SettlementContracts, bases: BasePools = .standard) {
        (self.ledger, self.index, self.client, self.contracts, self.bases) = (ledger, index, client, contracts, bases)
    }

    // MARK: Planning

    /// The board's first period: the one holding the distributor's deployment block.
    public func firstPeriod(of board: Board) async throws(SettlementError) -> Period {
        let block = try await askNode { try await client.block(.number(contracts.distributorBlock)) }
        guard let block, let period = Period(containing: UTCInstant(secondsSinceEpoch: Int64(clamping: block.timestamp)), board: board) else {
            throw .node("the node has no block \(contracts.distributorBlock), where the distributor was deployed")
        }
        return period
    }

    /// The last final block the index holds and its time.
    public func finalBlock() async throws(SettlementError) -> (number: UInt64, time: UTCInstant) {
        let state: IndexState?
        do { state = try index.state(chainID: contracts.chainID) } catch { throw .index(error) }
        guard let state else { throw .noIndex(chainID: contracts.chainID) }
        if let halt = state.halt { throw .indexHalted(halt) }
        let number = min(state.finalized, state.cursor)
        let block = try await askNode { try await client.block(.number(number)) }
        guard let block else { throw .node("the node has no block \(number), the index's last final block") }
        return (number, UTCInstant(secondsSinceEpoch: Int64(clamping: block.timestamp)))
    }

    /// Computes `period`'s settlement without recording anything: refuses a period that has not ended by the last
    /// final block, one before the distributor, one whose previous period is unsettled, and one without standings.
    public func plan(_ period: Period) async throws(SettlementError) -> SettlementPlan {
        let (final, finalTime) = try await finalBlock()
        guard finalTime >= period.end else { throw .notFinal(period, finalizedBlock: final, finalizedTime: finalTime) }
        let first = try await firstPeriod(of: period.board)
        guard period.start >= first.start else { throw .beforeDeployment(period, first: first) }
        var carryIn = UInt256.zero
        if period != first, let previous = period.previous {
            let settled: SettlementRecord?
            do { settled = try ledger.settlement(chainID: contracts.chainID, board: period.board, before: period) } catch { throw .ledger(error) }
            guard let settled, settled.period == previous else { throw .previousUnsettled(period, previous: previous) }
            carryIn = settled.carryOut
        }
        let standings: [Standing]
        do {
            guard try ledger.importedStandings(board: period.board, period: period) != nil else { throw SettlementError.noStandings(period) }
            standings = try ledger.standings(board: period.board, period: period).map(\.standing)
        } catch let error as SettlementError {
            throw error
        } catch let error as LedgerError {
            throw .ledger(error)
        } catch {
            throw .node("\(error)")
        }
        var purchases: [RecordedPurchase] = []
        var bonus = UInt256.zero
        var overflow = false
        do {
            try index.forEachPurchase(chainID: contracts.chainID, sale: contracts.sale, throughBlock: final, days: period.days) { purchase in
                let split = RevenueSplit(price: purchase.price, treasury: purchase.treasury, daily: purchase.daily, weekly: purchase.weekly)
                let sum = bonus.addingReportingOverflow(split.contribution(to: period.board))
                (bonus, overflow) = (sum.partialValue, overflow || sum.overflow)
                purchases.append(RecordedPurchase(
                    split: split, blockNumber: purchase.blockNumber, blockHash: purchase.blockHash,
                    transactionHash: purchase.transactionHash, logIndex: purchase.logIndex))
            }
        } catch { throw .index(error) }
        guard !overflow else { throw .poolOverflow(period) }
        let settlement: PeriodSettlement
        do {
            settlement = try PeriodSettlement(period: period, base: bases.base(of: period.board), bonus: bonus, carryIn: carryIn, standings: standings)
        } catch { throw .poolOverflow(period) }
        return SettlementPlan(
            settlement: settlement, ranking: PrizeSplit.ranking(standings), standingsCount: standings.count, purchases: purchases,
            countedThroughBlock: final)
    }

    /// The finished periods of `board` from its first one that the ledger has not settled, in order, up to the last
    /// final block's time.
    public func duePeriods(of board: Board) async throws(SettlementError) -> [Period] {
        let (_, finalTime) = try await finalBlock()
        var period: Period? = try await firstPeriod(of: board)
        var due: [Period] = []
        while let current = period, current.end <= finalTime {
            let settled: SettlementRecord?
            do { settled = try ledger.settlement(chainID: contracts.chainID, period: current) } catch { throw .ledger(error) }
            if settled == nil || settled!.attempt.map({ $0.state != .confirmed }) == true { due.append(current) }
            period = current.next
        }
        return due
    }

    // MARK: Paying

    /// Settles and pays `period` from `payer` (the distributor's game wallet: its key, or the game's smart account),
    /// or finishes what an earlier run of it started; returns the settlement as recorded at the end. `say` hears
    /// each step.
    public func settle(
        _ period: Period, payer: SettlementPayer, confirmations: UInt64 = 1, timeout: Duration = .seconds(120),
        say: @Sendable (String) -> Void = { _ in }
    ) async throws(SettlementError) -> SettlementRecord {
        let lock = try SettlementLock(ledgerPath: ledger.path)
        defer { withExtendedLifetime(lock) {} }
        var record = try recorded(period)
        if record == nil {
            let plan = try await plan(period)
            do {
                record = try ledger.recordSettlement(
                    chainID: contracts.chainID, settlement: plan.settlement, ranking: plan.ranking, standingsCount: plan.standingsCount,
                    purchases: plan.purchases, countedThroughBlock: plan.countedThroughBlock, at: Self.now())
            } catch { throw .ledger(error) }
            say("recorded: pool \(Units.format(plan.settlement.total, decimals: 18)) GLICO, \(plan.settlement.split.places.count) place(s), carry-out \(Units.format(plan.settlement.carryOut, decimals: 18))")
        }
        guard var settled = record, var attempt = settled.attempt else { return record! }  // skipped: nothing to pay
        switch attempt.state {
        case .confirmed:
            return settled
        case .failed:
            do { attempt = try ledger.retryPayout(of: settled, at: Self.now()) } catch { throw .ledger(error) }
            say("retrying after a failed attempt: \(settled.attempt?.error ?? "")")
        case .submitted:
            say("resolving the journaled \(attempt.userOperationHash == nil ? "transaction" : "user operation") \(attempt.transactionHash?.description ?? "?") from the chain")
            let resolved = attempt.userOperationHash == nil
                ? try await resolve(attempt, of: settled, confirmations: confirmations, timeout: timeout, say: say)
                : try await resolveOperation(attempt, of: settled, payer: payer, timeout: timeout, say: say)
            if resolved { return try recorded(period)! }
            settled = try recorded(period)!
            do { attempt = try ledger.retryPayout(of: settled, at: Self.now()) } catch { throw .ledger(error) }
        case .intended:
            break
        }
        try await pay(attempt, of: settled, payer: payer, confirmations: confirmations, timeout: timeout, say: say)
        return try recorded(period)!
    }

    /// Checks the distributor, signs the payout, journals it as submitted, sends it and waits for its receipt.
    private func pay(
        _ attempt: PayoutAttempt, of settled: SettlementRecord, payer: SettlementPayer, confirmations: UInt64, timeout: Duration,
        say: @Sendable (String) -> Void
    ) async throws(SettlementError) {
        let period = settled.period
        let distributor = PrizeDistributor(address: contracts.distributor, client: client)
        let token = GlicoToken(address: contracts.token, client: client)
        let periodID = UInt256(period.periodID)
        let (gameWallet, paused, cap, alreadyPaid, balance) = try await askNode {
            (try await distributor.gameWallet(), try await distributor.paused(), try await distributor.periodCap(),
             try await distributor.isPeriodPaid(prizeType: period.board.prizeType, periodId: periodID),
             try await token.balanceOf(contracts.distributor))
        }
        guard gameWallet == payer.address else { throw .notGameWallet(payer: payer.address, gameWallet: gameWallet) }
        if alreadyPaid {
            let payout = try? index.payouts(chainID: contracts.chainID, distributor: contracts.distributor)
                .last { $0.prizeType == period.board.prizeType && $0.periodID == periodID }
            let error = SettlementError.paidElsewhere(period, transaction: payout?.transactionHash)
            try fail(attempt, error.description)
            throw error
        }
        guard !paused else { throw .paused(period) }
        guard settled.paid <= cap else { throw .overCap(period, paid: settled.paid, cap: cap) }
        guard settled.paid <= balance else { throw .insufficientBalance(period, paid: settled.paid, balance: balance) }
        let call = distributor.distributePrizes(
            winners: settled.places.map(\.wallet), amounts: settled.places.map(\.amount), prizeType: period.board.prizeType, periodId: periodID)
        switch payer {
        case .wallet(let sender):
            try await pay(call, attempt, of: settled, from: sender, confirmations: confirmations, timeout: timeout, say: say)
        case .account(let account):
            try await pay(call, attempt, of: settled, from: account, timeout: timeout, say: say)
        }
    }

    /// Signs the payout from the game wallet's key, journals it as submitted, sends it and waits for its receipt.
    private func pay(
        _ call: ContractCall, _ attempt: PayoutAttempt, of settled: SettlementRecord, from payer: TransactionSender, confirmations: UInt64,
        timeout: Duration, say: @Sendable (String) -> Void
    ) async throws(SettlementError) {
        let period = settled.period
        let (ledger, sender) = (ledger, payer.address)
        let sent: SentTransaction
        do {
            sent = try await payer.send(to: call.to, input: call.input) { hash, nonce, raw in
                try ledger.markSubmitted(attempt, hash: hash, nonce: nonce, sender: sender, rawTransaction: raw, at: Self.now())
                say("journaled \(hash) (nonce \(nonce)) before sending it")
            }
        } catch let error as SendError {
            throw .notSent(period, reason: error.description)  // nothing left the process: still intended
        } catch let error as LedgerError {
            throw .ledger(error)
        } catch {
            throw .node("\(error)")
        }
        say("submitted \(sent.hash) to the node")
        guard let submitted = try recorded(period)?.attempt, submitted.id == attempt.id, submitted.state == .submitted else {
            throw .node("journal entry \(attempt.id) moved while its transaction was sent")
        }
        switch sent.outcome {
        case .accepted:
            try await finish(submitted, of: settled, confirmations: confirmations, timeout: timeout, say: say)
        case .rejected(let error):
            try fail(submitted, "the node refused the transaction: \(error.explained)")
            throw .payoutFailed(period, transaction: sent.hash, reason: "the node refused it: \(error.explained)")
        case .unknown(let error):
            throw .outcomeUnknown(period, transaction: sent.hash, detail: error?.explained ?? "the request was interrupted")
        }
    }

    /// Finishes a submitted attempt from the chain: true when it ended confirmed; false when it can never be mined
    /// (its nonce went to another transaction), so a new attempt may be made. Throws when it failed or is still unknown.
    private func resolve(
        _ attempt: PayoutAttempt, of settled: SettlementRecord, confirmations: UInt64, timeout: Duration,
        say: @Sendable (String) -> Void
    ) async throws(SettlementError) -> Bool {
        guard let hash = attempt.transactionHash, let raw = attempt.rawTransaction else {
            throw .node("journal entry \(attempt.id) is submitted without its transaction")
        }
        let (receipt, known) = try await askNode { (try await client.receipt(hash), try await client.transaction(hash)) }
        if receipt != nil || known != nil {
            try await finish(attempt, of: settled, confirmations: confirmations, timeout: timeout, say: say)
            return true
        }
        // The node does not have it: either it never left (a crash between the journal and the send), or it was
        // dropped. Send the same bytes: it is the only transaction that can pay this attempt.
        switch await TransactionSender.submit(raw, hash: hash, through: client) {
        case .accepted:
            try await finish(attempt, of: settled, confirmations: confirmations, timeout: timeout, say: say)
            return true
        case .rejected(let error):
            let reason = "its transaction \(hash) can no longer be mined (\(error.explained)); a new one will be signed"
            try fail(attempt, reason)
            return false
        case .unknown(let error):
            throw .outcomeUnknown(settled.period, transaction: hash, detail: error?.explained ?? "the request was interrupted")
        }
    }

    /// Waits for the receipt of a submitted attempt and journals its end.
    private func finish(
        _ attempt: PayoutAttempt, of settled: SettlementRecord, confirmations: UInt64, timeout: Duration,
        say: @Sendable (String) -> Void
    ) async throws(SettlementError) {
        let hash = attempt.transactionHash!
        let receipt: RPCReceipt
        do {
            receipt = try await ReceiptWaiter(client: client).wait(for: hash, confirmations: confirmations, timeout: timeout)
        } catch {
            throw .outcomeUnknown(settled.period, transaction: hash, detail: "no receipt yet: \(error)")
        }
        if receipt.succeeded {
            say("mined in block \(receipt.blockNumber)")
            do { try ledger.markConfirmed(attempt, blockNumber: receipt.blockNumber, blockHash: receipt.blockHash, at: Self.now()) } catch {
                throw .ledger(error)
            }
            say("confirmed")
            return
        }
        let reason = "reverted in block \(receipt.blockNumber)"
        try fail(attempt, reason, revertedIn: (receipt.blockNumber, receipt.blockHash))
        throw .payoutFailed(settled.period, transaction: hash, reason: reason)
    }

    func fail(_ attempt: PayoutAttempt, _ reason: String, revertedIn block: (number: UInt64, hash: Bytes32)? = nil) throws(SettlementError) {
        do { try ledger.markFailed(attempt, reason: reason, revertedIn: block, at: Self.now()) } catch { throw .ledger(error) }
    }

    func recorded(_ period: Period) throws(SettlementError) -> SettlementRecord? {
        do { return try ledger.settlement(chainID: contracts.chainID, period: period) } catch { throw .ledger(error) }
    }


    static func now() -> UTCInstant { UTCInstant(secondsSinceEpoch: Int64(time(nil))) }
}

extension Period {
    /// The purchase days (days since 1970-01-01) the period holds.
    public var days: ClosedRange<Int64> {
        Int64(start.date.daysSinceEpoch)...Int64(end.date.daysSinceEpoch - 1)
    }
}

/// Runs node requests (or bundler requests), their failures as `SettlementError.node`.
func askNode<T: Sendable>(_ body: () async throws -> T) async throws(SettlementError) -> T {
    do { return try await body() } catch let error as RPCError { throw .node(error.explained) } catch { throw .node("\(error)") }
}
