import PodiumPrimitives

/// The split of one period's pool over its standings (DESIGN.md, Prize rules): a pure function of the total and
/// the standings, so a settlement can be recomputed and compared.
///
/// The ranking keeps eligible entries only (score above zero) and one entry per wallet, its best by
/// `Standing.ranks(above:)` (highest score, then earliest `reachedAt`, then lowest player id); entries below a
/// dropped duplicate move up. It is sorted by score descending, then `reachedAt` ascending, then wallet address
/// ascending. Place *n* of the first five gets `total × placeBasisPoints[n − 1] / 10,000` rounded down, computed
/// over the full 512-bit product so that any `UInt256` total splits exactly. Shares of empty places and the
/// rounding dust carry over: `paid + carryOut == total` always.
public struct PrizeSplit: Hashable, Sendable {
    /// One paid place.
    public struct Place: Hashable, Sendable {
        /// 1 to 5.
        public let place: Int
        /// The entry that won it.
        public let standing: Standing
        /// Its prize, in base units.
        public let amount: UInt256

        /// The wallet paid.
        public var wallet: Address { standing.wallet }
        /// The winning score.
        public var score: UInt256 { standing.score }
    }

    /// The shares of places 1–5 in basis points: 40 %, 24 %, 16 %, 12 %, 8 %.
    public static let placeBasisPoints: [UInt64] = [4000, 2400, 1600, 1200, 800]

    /// The pool split.
    public let total: UInt256
    /// The paid places, best first; empty when the period is skipped.
    public let places: [Place]
    /// The sum of the paid places' amounts.
    public let paid: UInt256
    /// The rounding dust: `total` minus the five shares, whether their places are filled or not.
    public let dust: UInt256
    /// The shares of places nobody holds.
    public let unclaimed: UInt256
    /// What carries over to the board's next period: `dust + unclaimed`, which is `total − paid`.
    public let carryOut: UInt256

    /// True when no entry was eligible: nothing is paid and the whole pool carries over.
    public var skipped: Bool { places.isEmpty }

    /// Splits `total` over `standings` (in any order, duplicates and zero scores included).
    public init(total: UInt256, standings: [Standing]) {
        let ranking = PrizeSplit.ranking(standings)
        var places: [Place] = []
        var paid = UInt256.zero
        var shares = UInt256.zero
        for (index, basisPoints) in PrizeSplit.placeBasisPoints.enumerated() {
            let amount = PrizeSplit.share(of: total, basisPoints: basisPoints)
            shares += amount  // at most total: the basis points add up to 10,000
            if index < ranking.count {
                places.append(Place(place: index + 1, standing: ranking[index], amount: amount))
                paid += amount
            }
        }
        self.total = total
        self.places = places
        self.paid = paid
        self.dust = total - shares
        self.unclaimed = shares - paid
        self.carryOut = total - paid
    }

    /// The eligible entries, one per wallet (its best), in prize order; every entry beyond the fifth is unpaid.
    public static func ranking(_ standings: [Standing]) -> [Standing] {
        var best: [Address: Standing] = Dictionary(minimumCapacity: standings.count)
        for standing in standings where standing.isEligible {
            if let kept = best[standing.wallet], !standing.ranks(above: kept) { continue }
            best[standing.wallet] = standing
        }
        return best.values.sorted { $0.ranks(above: $1) }
    }

    /// `total × basisPoints / 10,000` rounded down, exact for every `total`: the product is taken at 512 bits and
    /// divided back, and the quotient never exceeds `total`. `basisPoints` above 10,000 is a programmer error.
    public static func share(of total: UInt256, basisPoints: UInt64) -> UInt256 {
        precondition(basisPoints <= 10_000, "a share is at most 10,000 basis points")
        let product = total.multipliedFullWidth(by: UInt256(basisPoints))
        return UInt256(10_000).dividingFullWidth(product).quotient
    }
}
