import PodiumPrimitives

/// How one Game Pass payment divides (DESIGN.md, Revenue rules): the treasury's 70 % rounded down, the rest to the
/// prize pools, 30 % of it daily (rounded down) and the remainder weekly, so the three parts add up to the price.
public struct RevenueSplit: Hashable, Sendable {
    /// The treasury's share in basis points of the price.
    public static let treasuryBasisPoints: UInt64 = 7000
    /// The daily pool's share in basis points of the prize contribution.
    public static let dailyBasisPoints: UInt64 = 3000

    /// What the buyer paid.
    public let price: UInt256
    /// The treasury's part.
    public let treasury: UInt256
    /// The daily pool's part.
    public let daily: UInt256
    /// The weekly pool's part.
    public let weekly: UInt256

    /// The split of `price` by the rules, exact for any price.
    public init(price: UInt256) {
        let treasury = PrizeSplit.share(of: price, basisPoints: Self.treasuryBasisPoints)
        let contribution = price - treasury
        let daily = PrizeSplit.share(of: contribution, basisPoints: Self.dailyBasisPoints)
        (self.price, self.treasury, self.daily, self.weekly) = (price, treasury, daily, contribution - daily)
    }

    /// A split as recorded elsewhere (an event, a ledger row), to be compared with the rules' split of its price.
    public init(price: UInt256, treasury: UInt256, daily: UInt256, weekly: UInt256) {
        (self.price, self.treasury, self.daily, self.weekly) = (price, treasury, daily, weekly)
    }

    /// The part of this purchase that goes to `board`'s pool.
    public func contribution(to board: Board) -> UInt256 {
        switch board {
        case .daily: daily
        case .weekly: weekly
        }
    }
}
