import PodiumLedger
import PodiumPrimitives
import PodiumTestSupport
import Testing

@Suite struct PrizeSplitTests {
    static let glico = UInt256(1_000_000_000_000_000_000)
    static let noon = UTCInstant(secondsSinceEpoch: 1_795_176_000)

    /// The wallet whose last byte is `n`.
    static func wallet(_ n: UInt8) -> Address { try! Address(Array(repeating: 0, count: 19) + [n]) }

    static func entry(_ player: String, _ n: UInt8, _ score: UInt256, at seconds: Int64 = 0) -> Standing {
        Standing(player: player, wallet: wallet(n), score: score,
                 reachedAt: UTCInstant(secondsSinceEpoch: noon.secondsSinceEpoch + seconds))
    }

    static let fivePlayers = [entry("a", 1, 50), entry("b", 2, 40), entry("c", 3, 30), entry("d", 4, 20), entry("e", 5, 10)]

    /// `paid + carryOut == total`, the dust and unclaimed parts adding up, and the places numbered 1….
    static func expectBalanced(_ split: PrizeSplit, sourceLocation: SourceLocation = #_sourceLocation) {
        let (sum, overflow) = split.paid.addingReportingOverflow(split.carryOut)
        #expect(sum == split.total && !overflow, sourceLocation: sourceLocation)
        #expect(split.dust + split.unclaimed == split.carryOut, sourceLocation: sourceLocation)
        #expect(split.places.map(\.place) == Array((1...5).prefix(split.places.count)), sourceLocation: sourceLocation)
    }

    @Test func designsDailyPoolOf140GLICO() {
        let split = PrizeSplit(total: 140 * Self.glico, standings: Self.fivePlayers)
        #expect(split.places.map(\.amount.description) == [
            "56000000000000000000", "33600000000000000000", "22400000000000000000", "16800000000000000000",
            "11200000000000000000",
        ])
        #expect(split.paid == 140 * Self.glico)
        #expect((split.dust, split.carryOut, split.skipped) == (.zero, .zero, false))
    }

    @Test func designsWeeklyPoolOf1970GLICO() {
        let split = PrizeSplit(total: 1970 * Self.glico, standings: Self.fivePlayers)
        #expect(split.places.map { Units.format($0.amount, decimals: 18) } == ["788", "472.8", "315.2", "236.4", "157.6"])
        #expect(split.places.map(\.wallet) == (1...5).map { Self.wallet($0) })
        Self.expectBalanced(split)
    }

    @Test func roundingDustCarriesOver() {
        let split = PrizeSplit(total: 9999, standings: Self.fivePlayers)
        #expect(split.places.map(\.amount) == [3999, 2399, 1599, 1199, 799])
        #expect((split.paid, split.dust, split.unclaimed, split.carryOut) == (9995, 4, 0, 4))
    }

    @Test func tiesRankByEarliestThenByAddress() {
        let standings = [
            Self.entry("late", 1, 100, at: 60), Self.entry("high-address", 9, 100, at: 0),
            Self.entry("low-address", 3, 100, at: 0), Self.entry("best", 7, 101, at: 3600),
        ]
        let split = PrizeSplit(total: 10_000, standings: standings)
        #expect(split.places.map(\.standing.player) == ["best", "low-address", "high-address", "late"])
        #expect(PrizeSplit(total: 10_000, standings: standings.reversed()) == split)
    }

    @Test func aWalletListedTwiceKeepsItsBestAndTheOthersMoveUp() {
        let standings = [
            Self.entry("a", 1, 50), Self.entry("a-again", 1, 45), Self.entry("b", 2, 40), Self.entry("a-later", 1, 50, at: 5),
            Self.entry("c", 3, 30), Self.entry("d", 4, 20), Self.entry("e", 5, 10), Self.entry("f", 6, 5),
        ]
        let split = PrizeSplit(total: 10_000, standings: standings)
        #expect(split.places.map(\.standing.player) == ["a", "b", "c", "d", "e"])
        #expect(split.places.map(\.amount) == [4000, 2400, 1600, 1200, 800])
        #expect(PrizeSplit.ranking(standings).map(\.player) == ["a", "b", "c", "d", "e", "f"])
        // The best entry of a wallet holding a lower score than its later entry: the later one counts.
        let improved = [Self.entry("x", 8, 10, at: 0), Self.entry("x", 8, 90, at: 100), Self.entry("y", 9, 50)]
        #expect(PrizeSplit.ranking(improved).map(\.score) == [90, 50])
    }

    @Test func zeroScoresAreNotEligible() {
        let split = PrizeSplit(total: 10_000, standings: [Self.entry("zero", 1, 0), Self.entry("one", 2, 1)])
        #expect(split.places.map(\.standing.player) == ["one"])
        #expect((split.paid, split.unclaimed, split.carryOut) == (4000, 6000, 6000))
    }

    @Test func fewerThanFivePlayersLeaveTheirSharesToCarry() {
        let split = PrizeSplit(total: 140 * Self.glico, standings: Array(Self.fivePlayers.prefix(2)))
        #expect(split.places.map(\.amount) == [56 * Self.glico, 33_600_000_000_000_000_000])
        #expect(split.carryOut == 50_400_000_000_000_000_000)
        Self.expectBalanced(split)
    }

    @Test(arguments: [[Standing](), [entry("zero", 1, 0), entry("also-zero", 2, 0)]])
    func aPeriodWithNoEligiblePlayerIsSkipped(standings: [Standing]) {
        let split = PrizeSplit(total: 59 * Self.glico + 1, standings: standings)
        #expect(split.skipped)
        #expect(split.places.isEmpty)
        #expect((split.paid, split.carryOut) == (.zero, 59 * Self.glico + 1))
        Self.expectBalanced(split)
    }

    @Test func theLargestTotalSplitsExactly() {
        let split = PrizeSplit(total: .max, standings: Self.fivePlayers)
        #expect(split.places.first?.amount.description
            == "46316835694926478169428394003475163141307993866256225615783033603165251855974")
        Self.expectBalanced(split)
    }

    struct SharesAnswer: Decodable, Sendable {
        let shares: [[String]]
    }

    @Test func sharesMatchPythonIntegers() async throws {
        var generator = SeededGenerator()
        var totals: [UInt256] = [.zero, 1, 9999, 10_000, 10_001, .max, .max - 1, UInt256(1) << 255, (UInt256(1) << 255) - 1]
        for _ in 0..<500 {
            let bits = Int.random(in: 1...256, using: &generator)
            let value = UInt256(limbs: generator.next(), generator.next(), generator.next(), generator.next())
            totals.append(value >> (256 - bits))
        }
        let answer = try await PythonOracle.call("ledger", ["totals": totals.map(\.description)], as: SharesAnswer.self)
        try #require(answer.shares.count == totals.count)
        for (total, expected) in zip(totals, answer.shares) {
            let split = PrizeSplit(total: total, standings: Self.fivePlayers)
            #expect(split.places.map(\.amount.description) == expected, "total \(total), seed \(generator.seed)")
            Self.expectBalanced(split)
        }
    }

    @Test func paidPlusCarryIsTheTotalForRandomStandings() {
        var generator = SeededGenerator()
        for _ in 0..<2000 {
            let total = UInt256(limbs: generator.next(), generator.next(), generator.next(), generator.next())
                >> Int.random(in: 0...255, using: &generator)
            let standings = (0..<Int.random(in: 0...9, using: &generator)).map { index in
                Self.entry("p\(index)", UInt8.random(in: 1...6, using: &generator), UInt256(UInt64.random(in: 0...4, using: &generator)),
                           at: Int64.random(in: 0...3, using: &generator))
            }
            let split = PrizeSplit(total: total, standings: standings)
            Self.expectBalanced(split)
            let eligibleWallets = Set(standings.filter(\.isEligible).map(\.wallet))
            #expect(split.places.count == min(5, eligibleWallets.count), "seed \(generator.seed)")
            #expect(Set(split.places.map(\.wallet)).count == split.places.count, "one prize per wallet")
            #expect(split.skipped == eligibleWallets.isEmpty)
            #expect(PrizeSplit(total: total, standings: standings.shuffled(using: &generator)) == split, "seed \(generator.seed)")
        }
    }
}
