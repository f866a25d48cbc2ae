import PodiumPrimitives

/// One player's entry on a board: who, the wallet prizes go to, the score and when it was reached.
public struct Standing: Hashable, Sendable {
    /// The game's id for the player (any non-empty text).
    public let player: String
    /// The wallet a prize for this entry is paid to.
    public let wallet: Address
    /// The score, a non-negative integer; 0 is not eligible for a prize.
    public let score: UInt256
    /// When the player reached the score: the earlier of two equal scores ranks higher.
    public let reachedAt: UTCInstant

    /// An entry as given.
    public init(player: String, wallet: Address, score: UInt256, reachedAt: UTCInstant) {
        (self.player, self.wallet, self.score, self.reachedAt) = (player, wallet, score, reachedAt)
    }

    /// Whether it may win a prize: a score above zero.
    public var isEligible: Bool { score != .zero }

    /// True when `self` ranks above `other`: the higher score, then the earlier `reachedAt`, then the lower wallet
    /// address, then the player id (its UTF-8 bytes) — a total order, so a ranking never depends on input order.
    public func ranks(above other: Standing) -> Bool {
        if score != other.score { return score > other.score }
        if reachedAt != other.reachedAt { return reachedAt < other.reachedAt }
        if wallet != other.wallet { return wallet < other.wallet }
        return player.utf8.lexicographicallyPrecedes(other.player.utf8)
    }
}

/// The fields of a standings file, named as in its CSV header and JSON keys.
public enum StandingField: String, CaseIterable, Hashable, Sendable {
    /// The player's id.
    case player
    /// The wallet address.
    case wallet
    /// The score.
    case score
    /// When the score was reached, RFC 3339 UTC.
    case reachedAt = "reached_at"
    /// The row's period (`2026-11-20`, `2026-W47`); optional, in place of a period given for the whole file.
    case period
    /// The row's board (`daily`, `weekly`); optional, in place of a board given for the whole file.
    case board

    /// The fields every row has, in the order a CSV header lists them.
    public static let required: [StandingField] = [.player, .wallet, .score, .reachedAt]
    /// The fields a file may add after the required ones (in a CSV header, in either order).
    public static let optional: [StandingField] = [.period, .board]

    /// The CSV header line the required fields make, in order.
    public static let csvHeader = required.map(\.rawValue).joined(separator: ",")
}
