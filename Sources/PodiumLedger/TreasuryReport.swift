import PodiumPrimitives

/// Everything a treasury report shows, computed by reconciliation and rendered by `PodiumReports` in any format:
/// plain values, every amount in token base units (or wei for gas), nothing rounded.
public struct TreasuryReport: Hashable, Sendable {
    /// What the report covers and the chain state it was checked against.
    public struct Scope: Hashable, Sendable {
        /// The chain.
        public var chainID: UInt64
        /// The first and last period covered (the daily ids of the range's first and last day), nil for everything.
        public var from: CalendarDate?
        /// The last day covered, nil for everything up to the report's block.
        public var to: CalendarDate?
        /// The block the chain was read at: its number, hash and time.
        public var block: UInt64
        public var blockHash: Bytes32
        public var blockTime: UTCInstant
        /// The last final block: verdicts use chain data up to it only.
        public var finalizedBlock: UInt64
        /// The prize token, its symbol and decimals.
        public var token: Address
        public var symbol: String
        public var decimals: Int
        /// The prize distributor whose balance is checked.
        public var distributor: Address

        public init(
            chainID: UInt64, from: CalendarDate?, to: CalendarDate?, block: UInt64, blockHash: Bytes32, blockTime: UTCInstant,
            finalizedBlock: UInt64, token: Address, symbol: String = "GLICO", decimals: Int = 18, distributor: Address
        ) {
            (self.chainID, self.from, self.to, self.block, self.blockHash, self.blockTime) = (chainID, from, to, block, blockHash, blockTime)
            (self.finalizedBlock, self.token, self.symbol, self.decimals, self.distributor) = (finalizedBlock, token, symbol, decimals, distributor)
        }
    }

    /// Game Pass sales: how many and where their money went (DESIGN.md, Revenue rules).
    public struct Sales: Hashable, Sendable {
        public var count: Int
        /// What the buyers paid in all.
        public var revenue: UInt256
        /// The treasury's share.
        public var treasury: UInt256
        /// The daily and weekly pools' contributions.
        public var daily: UInt256
        public var weekly: UInt256

        public init(count: Int = 0, revenue: UInt256 = .zero, treasury: UInt256 = .zero, daily: UInt256 = .zero, weekly: UInt256 = .zero) {
            (self.count, self.revenue, self.treasury, self.daily, self.weekly) = (count, revenue, treasury, daily, weekly)
        }
    }

    /// One place's prize as the ledger settled it.
    public struct Prize: Hashable, Sendable {
        /// 1 to 5.
        public var place: Int
        public var wallet: Address
        public var amount: UInt256

        public init(place: Int, wallet: Address, amount: UInt256) { (self.place, self.wallet, self.amount) = (place, wallet, amount) }
    }

    /// One period of one board: its pool, how it was split and paid.
    public struct PeriodPool: Hashable, Sendable {
        public var period: Period
        /// The ledger's status: SUCCESS, FAILED, PENDING, SKIPPED, or UNSETTLED (finished or open, no settlement yet).
        public var status: String
        /// The period's Game Pass sales (those whose purchase day lies in the period).
        public var sales: Sales
        /// The pool: base + bonus (the sales' contributions to this board) + carry-in = total.
        public var base: UInt256
        public var bonus: UInt256
        public var carryIn: UInt256
        public var total: UInt256
        /// The places paid (empty when skipped or unsettled), the sum paid, the rounding dust and the carry-out.
        public var prizes: [Prize]
        public var paid: UInt256
        public var dust: UInt256
        public var carryOut: UInt256
        /// The payout transaction and its block, when sent.
        public var transactionHash: Bytes32?
        public var blockNumber: UInt64?

        public init(
            period: Period, status: String, sales: Sales, base: UInt256, bonus: UInt256, carryIn: UInt256, total: UInt256,
            prizes: [Prize], paid: UInt256, dust: UInt256, carryOut: UInt256, transactionHash: Bytes32? = nil, blockNumber: UInt64? = nil
        ) {
            (self.period, self.status, self.sales, self.base, self.bonus, self.carryIn, self.total) = (period, status, sales, base, bonus, carryIn, total)
            (self.prizes, self.paid, self.dust, self.carryOut, self.transactionHash, self.blockNumber) = (prizes, paid, dust, carryOut, transactionHash, blockNumber)
        }

        /// The board.
        public var board: Board { period.board }
    }

    /// A check that two figures agree: a revenue split, a pool roll-forward, the distributor's balance.
    public struct BalanceCheck: Hashable, Sendable {
        /// A short name: "revenue = treasury + contributions", "daily pool roll-forward", "distributor balance".
        public var name: String
        /// What the books say, and what the other side (the chain, or the sum of the parts) shows.
        public var expected: UInt256
        public var actual: UInt256
        /// How the figure was obtained, in one line.
        public var detail: String

        public init(name: String, expected: UInt256, actual: UInt256, detail: String) {
            (self.name, self.expected, self.actual, self.detail) = (name, expected, actual, detail)
        }

        /// True when the two figures are equal.
        public var balances: Bool { expected == actual }
        /// `actual − expected` as a sign (−1, 0, 1) and a magnitude, exact whatever the two figures.
        public var difference: (sign: Int, magnitude: UInt256) {
            actual >= expected ? (actual == expected ? 0 : 1, actual - expected) : (-1, expected - actual)
        }
    }

    /// One payout's reconciliation verdict, with its evidence.
    public struct Finding: Hashable, Sendable {
        public var status: ReconciliationStatus
        public var period: Period?
        /// The place, when the finding concerns one.
        public var place: Int?
        /// What the ledger expected (nil for a payout it does not know).
        public var expectedWallet: Address?
        public var expectedAmount: UInt256?
        /// What the chain shows (nil when nothing was found).
        public var actualWallet: Address?
        public var actualAmount: UInt256?
        /// The transaction and block that show it.
        public var transactionHash: Bytes32?
        public var blockNumber: UInt64?
        /// One line explaining the verdict.
        public var detail: String

        public init(
            status: ReconciliationStatus, period: Period?, place: Int? = nil, expectedWallet: Address? = nil, expectedAmount: UInt256? = nil,
            actualWallet: Address? = nil, actualAmount: UInt256? = nil, transactionHash: Bytes32? = nil, blockNumber: UInt64? = nil,
            detail: String
        ) {
            (self.status, self.period, self.place, self.expectedWallet, self.expectedAmount) = (status, period, place, expectedWallet, expectedAmount)
            (self.actualWallet, self.actualAmount, self.transactionHash, self.blockNumber, self.detail) = (actualWallet, actualAmount, transactionHash, blockNumber, detail)
        }
    }

    /// The gas sponsored for Game Pass purchases: the paymaster's user operations, what they cost in ETH.
    public struct SponsoredGas: Hashable, Sendable {
        /// The sponsored user operations.
        public var operations: Int
        /// Those that created the player's account.
        public var accountCreations: Int
        /// Gas used and wei paid, in all.
        public var gasUsed: UInt256
        public var weiSpent: UInt256

        public init(operations: Int = 0, accountCreations: Int = 0, gasUsed: UInt256 = .zero, weiSpent: UInt256 = .zero) {
            (self.operations, self.accountCreations, self.gasUsed, self.weiSpent) = (operations, accountCreations, gasUsed, weiSpent)
        }

        /// Wei per operation, rounded down; zero without operations.
        public var weiPerOperation: UInt256 { operations == 0 ? .zero : weiSpent / UInt256(UInt64(operations)) }
    }

    public var scope: Scope
    /// Sales over the whole report.
    public var sales: Sales
    /// Every period of both boards in the report, in time order (daily periods first, then weekly ones).
    public var periods: [PeriodPool]
    /// Every balance check made.
    public var checks: [BalanceCheck]
    /// Every payout verdict (matched ones included).
    public var findings: [Finding]
    /// The sponsored gas over the report's range.
    public var gas: SponsoredGas

    public init(scope: Scope, sales: Sales, periods: [PeriodPool], checks: [BalanceCheck], findings: [Finding], gas: SponsoredGas) {
        (self.scope, self.sales, self.periods, self.checks, self.findings, self.gas) = (scope, sales, periods, checks, findings, gas)
    }

    /// The findings that are discrepancies.
    public var discrepancies: [Finding] { findings.filter(\.status.isDiscrepancy) }
    /// True when every check balances and no finding is a discrepancy: the report's exit status is 0.
    public var balances: Bool { checks.allSatisfy(\.balances) && discrepancies.isEmpty }
}
