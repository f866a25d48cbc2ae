import PodiumPrimitives

/// One period's settlement, a pure function of its inputs (DESIGN.md, Prize rules): the pool is the board's base,
/// the bonus from the period's Game Pass contributions and the carry-over of the board's previous period; it is split
/// over the standings, and what is not paid carries to the next period.
public struct PeriodSettlement: Hashable, Sendable {
    /// The period settled.
    public let period: Period
    /// The pool's three parts.
    public let base: UInt256
    public let bonus: UInt256
    public let carryIn: UInt256
    /// The split of `base + bonus + carryIn` over the standings.
    public let split: PrizeSplit

    /// Why a pool cannot be formed.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// base + bonus + carry-in exceeds 2²⁵⁶ − 1.
        case poolOverflow

        public var description: String { "the pool (base + bonus + carry-in) exceeds 2^256 - 1 base units" }
    }

    /// Settles `period` with the given pool parts over `standings`.
    public init(period: Period, base: UInt256, bonus: UInt256, carryIn: UInt256, standings: [Standing]) throws(Failure) {
        let (partial, overflowA) = base.addingReportingOverflow(bonus)
        let (total, overflowB) = partial.addingReportingOverflow(carryIn)
        guard !overflowA, !overflowB else { throw .poolOverflow }
        (self.period, self.base, self.bonus, self.carryIn) = (period, base, bonus, carryIn)
        split = PrizeSplit(total: total, standings: standings)
    }

    /// The pool: base + bonus + carry-in.
    public var total: UInt256 { split.total }
    /// What carries to the board's next period.
    public var carryOut: UInt256 { split.carryOut }
    /// True when nobody was eligible: the period is SKIPPED and its whole pool carries over.
    public var skipped: Bool { split.skipped }

    /// Settles consecutive periods of one board, each one's carry-out the next one's carry-in, starting from
    /// `openingCarry`. Each input is a period with its bonus and standings; the base is the same for all.
    public static func season(
        _ periods: [(period: Period, bonus: UInt256, standings: [Standing])], base: UInt256, openingCarry: UInt256 = .zero
    ) throws(Failure) -> [PeriodSettlement] {
        var carry = openingCarry
        var settled: [PeriodSettlement] = []
        settled.reserveCapacity(periods.count)
        for input in periods {
            let settlement = try PeriodSettlement(period: input.period, base: base, bonus: input.bonus, carryIn: carry, standings: input.standings)
            carry = settlement.carryOut
            settled.append(settlement)
        }
        return settled
    }
}

/// The boards' base pools (DESIGN.md: 50 GLICO daily, 500 GLICO weekly; configurable).
public struct BasePools: Hashable, Sendable {
    /// The daily base, in base units.
    public var daily: UInt256
    /// The weekly base, in base units.
    public var weekly: UInt256

    /// The defaults: 50 and 500 GLICO of 18 decimals.
    public static let standard = BasePools(daily: UInt256(50) * UInt256(1_000_000_000_000_000_000), weekly: UInt256(500) * UInt256(1_000_000_000_000_000_000))

    /// Given bases.
    public init(daily: UInt256, weekly: UInt256) { (self.daily, self.weekly) = (daily, weekly) }

    /// The base of `board`.
    public func base(of board: Board) -> UInt256 {
        switch board {
        case .daily: daily
        case .weekly: weekly
        }
    }
}
