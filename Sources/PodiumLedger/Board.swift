/// A leaderboard whose prizes are paid once per period: each UTC day, or each ISO-8601 week.
public enum Board: String, CaseIterable, Hashable, Sendable {
    /// The daily board: one period per UTC calendar date.
    case daily
    /// The weekly board: one period per ISO-8601 week.
    case weekly

    /// The `prizeType` the distributor's `PrizesDistributed` event carries: 0 daily, 1 weekly.
    public var prizeType: UInt8 {
        switch self {
        case .daily: 0
        case .weekly: 1
        }
    }
}
