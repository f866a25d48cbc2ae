import PodiumPrimitives

/// Matches the payouts the ledger expects with those the chain shows and gives each exactly one
/// `ReconciliationStatus` (DESIGN.md, Reconciliation): a pure function of its two inputs.
public enum PayoutMatcher {
    /// A settled period as the ledger holds it.
    public struct Expected: Hashable, Sendable {
        public var period: Period
        /// The places the ledger settled, place 1 first.
        public var places: [TreasuryReport.Prize]
        /// The ledger's view of the payout.
        public var state: LedgerState
        /// The payout transaction the ledger journaled, and the block it recorded.
        public var transactionHash: Bytes32?
        public var blockNumber: UInt64?

        public init(period: Period, places: [TreasuryReport.Prize], state: LedgerState, transactionHash: Bytes32? = nil, blockNumber: UInt64? = nil) {
            (self.period, self.places, self.state, self.transactionHash, self.blockNumber) = (period, places, state, transactionHash, blockNumber)
        }
    }

    /// What the ledger believes of a period's payout.
    public enum LedgerState: Hashable, Sendable {
        /// Recorded as paid (SUCCESS).
        case paid
        /// Not paid yet, or sent and not yet confirmed (PENDING).
        case pending
        /// The attempt failed before reaching the chain (refused, replaced) and none replaced it (FAILED).
        case failed
        /// Its transaction was mined and reverted, and no attempt replaced it (FAILED).
        case reverted
    }

    /// A payout the chain shows: a `PrizesDistributed` (with its period id when its `PeriodPaid` was seen).
    public struct Observed: Hashable, Sendable {
        public var board: Board?
        public var periodID: UInt256?
        public var winners: [Address]
        public var amounts: [UInt256]
        public var transactionHash: Bytes32
        public var blockNumber: UInt64
        /// Whether its block is final.
        public var isFinal: Bool

        public init(board: Board?, periodID: UInt256?, winners: [Address], amounts: [UInt256], transactionHash: Bytes32, blockNumber: UInt64, isFinal: Bool) {
            (self.board, self.periodID, self.winners, self.amounts) = (board, periodID, winners, amounts)
            (self.transactionHash, self.blockNumber, self.isFinal) = (transactionHash, blockNumber, isFinal)
        }
    }

    /// One finding per expected place and per unexplained observed payment, expected periods in the given order,
    /// then payouts no settlement explains.
    public static func match(expected: [Expected], observed: [Observed]) -> [TreasuryReport.Finding] {
        var byPeriod: [PeriodKey: [Observed]] = [:]
        var unexplained: [Observed] = []
        let known = Set(expected.map { PeriodKey(board: $0.period.board, periodID: UInt256($0.period.periodID)) })
        for payout in observed {
            if let board = payout.board, let periodID = payout.periodID, known.contains(PeriodKey(board: board, periodID: periodID)) {
                byPeriod[PeriodKey(board: board, periodID: periodID), default: []].append(payout)
            } else {
                unexplained.append(payout)
            }
        }
        var findings: [TreasuryReport.Finding] = []
        for entry in expected {
            let payouts = byPeriod[PeriodKey(board: entry.period.board, periodID: UInt256(entry.period.periodID))] ?? []
            findings += match(entry, payouts)
        }
        for payout in unexplained {
            for (index, (wallet, amount)) in zip(payout.winners, payout.amounts).enumerated() {
                let period = payout.board.flatMap { board in payout.periodID.flatMap { Period(board: board, periodID: $0) } }
                let label = payout.periodID.map { "period id \($0)" } ?? "no period id"
                findings.append(TreasuryReport.Finding(
                    status: payout.isFinal ? .unexpectedOnchain : .pending, period: period, place: index + 1, actualWallet: wallet,
                    actualAmount: amount, transactionHash: payout.transactionHash, blockNumber: payout.blockNumber,
                    detail: payout.isFinal
                        ? "paid on-chain under \(label) with no settlement in the ledger"
                        : "paid on-chain under \(label) with no settlement in the ledger, not yet final"))
            }
        }
        return findings
    }

    private struct PeriodKey: Hashable {
        let board: Board
        let periodID: UInt256
    }

    /// The findings of one settled period given the chain's payouts under its id.
    private static func match(_ entry: Expected, _ payouts: [Observed]) -> [TreasuryReport.Finding] {
        func finding(
            _ status: ReconciliationStatus, _ place: TreasuryReport.Prize?, placeNumber: Int? = nil, wallet: Address? = nil,
            amount: UInt256? = nil, payout: Observed? = nil, _ detail: String
        ) -> TreasuryReport.Finding {
            TreasuryReport.Finding(
                status: status, period: entry.period, place: place?.place ?? placeNumber, expectedWallet: place?.wallet,
                expectedAmount: place?.amount, actualWallet: wallet, actualAmount: amount,
                transactionHash: payout?.transactionHash ?? entry.transactionHash, blockNumber: payout?.blockNumber ?? entry.blockNumber,
                detail: detail)
        }
        guard let primary = payouts.first(where: { $0.transactionHash == entry.transactionHash }) ?? payouts.first else {
            return entry.places.map { place in
                switch entry.state {
                case .paid: finding(.failedTransaction, place, "recorded as paid, but the chain shows no payout for the period (reverted or reorged out)")
                case .pending: finding(.pending, place, "settled, payout not yet sent or not yet mined")
                case .failed: finding(.missingOnchain, place, "settled, its payout failed and nothing has paid it since")
                case .reverted: finding(.failedTransaction, place, "its payout transaction reverted, and nothing has paid the period since")
                }
            }
        }
        var findings: [TreasuryReport.Finding] = []
        let count = max(entry.places.count, primary.winners.count)
        for index in 0..<count {
            let place = index < entry.places.count ? entry.places[index] : nil
            let wallet = index < primary.winners.count ? primary.winners[index] : nil
            let amount = index < primary.amounts.count ? primary.amounts[index] : nil
            guard let place else {
                findings.append(finding(
                    .unexpectedOnchain, nil, placeNumber: index + 1, wallet: wallet, amount: amount, payout: primary,
                    "paid beyond the places the ledger settled"))
                continue
            }
            guard let wallet, let amount else {
                findings.append(finding(primary.isFinal ? .missingOnchain : .pending, place, payout: primary, "the period's payout has no such place"))
                continue
            }
            if !primary.isFinal {
                findings.append(finding(.pending, place, wallet: wallet, amount: amount, payout: primary, "on-chain, not yet final"))
            } else if wallet != place.wallet {
                findings.append(finding(.recipientMismatch, place, wallet: wallet, amount: amount, payout: primary, "the place was paid to another wallet"))
            } else if amount != place.amount {
                findings.append(finding(.amountMismatch, place, wallet: wallet, amount: amount, payout: primary, "the wallet was paid another amount"))
            } else if entry.state != .paid {  // paid as settled by a transaction the ledger did not record
                findings.append(finding(.pending, place, wallet: wallet, amount: amount, payout: primary, "paid as settled; the ledger has not recorded it yet (run podium settle)"))
            } else {
                findings.append(finding(.matched, place, wallet: wallet, amount: amount, payout: primary, "paid as settled"))
            }
        }
        for extra in payouts where extra != primary {
            for (index, (wallet, amount)) in zip(extra.winners, extra.amounts).enumerated() {
                findings.append(finding(
                    extra.isFinal ? .duplicate : .pending, nil, placeNumber: index + 1, wallet: wallet, amount: amount, payout: extra,
                    "the period was paid again"))
            }
        }
        return findings
    }
}

extension Period {
    /// The period of `board` that the distributor records as `periodID`, or nil for an id that names none.
    public init?(board: Board, periodID: UInt256) {
        guard periodID <= UInt256(99_999_999) else { return nil }
        let id = Int(periodID.limbs.0)
        switch board {
        case .daily:
            guard Period.years.contains(id / 10_000), let date = CalendarDate(year: id / 10_000, month: id / 100 % 100, day: id % 100)
            else { return nil }
            self = .day(date)
        case .weekly:
            guard Period.years.contains(id / 100), let week = ISOWeek(weekYear: id / 100, week: id % 100) else { return nil }
            self = .week(week)
        }
    }
}
