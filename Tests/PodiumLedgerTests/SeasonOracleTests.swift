import PodiumLedger
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// Random seasons of both boards settled in Swift (`RevenueSplit` per purchase, `PeriodSettlement.season` per board)
/// and by `Tests/oracles/settlement.py`, an independent Python implementation of DESIGN.md's rules, compared field
/// by field. All seasons of a run go to the oracle in one request.
@Suite struct SeasonOracleTests {
    // MARK: The oracle's request and answer

    struct Request: Encodable, Sendable {
        let seasons: [Season]
    }

    struct BoardAmounts: Codable, Sendable {
        let daily: String
        let weekly: String
    }

    struct Purchase: Codable, Sendable {
        let day: String
        let price: String
    }

    struct Entry: Codable, Sendable {
        let board: String
        let day: String
        let player: String
        let wallet: String
        let score: String
        let reachedAt: [Int64]
    }

    struct Season: Codable, Sendable {
        let firstDay: String
        let days: String
        let bases: BoardAmounts
        let openingCarry: BoardAmounts
        let purchases: [Purchase]
        let standings: [Entry]
    }

    struct Answer: Decodable, Sendable {
        let seasons: [SeasonAnswer]
    }

    struct SeasonAnswer: Decodable, Sendable {
        let daily: [Settled]
        let weekly: [Settled]
    }

    /// One paid place: `[place, wallet, amount, player]` in the oracle's JSON.
    struct Place: Decodable, Equatable, Sendable, CustomStringConvertible {
        let place: Int
        let wallet: String
        let amount: String
        let player: String

        init(place: Int, wallet: String, amount: String, player: String) {
            (self.place, self.wallet, self.amount, self.player) = (place, wallet, amount, player)
        }

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            place = try container.decode(Int.self)
            wallet = try container.decode(String.self)
            amount = try container.decode(String.self)
            player = try container.decode(String.self)
        }

        var description: String { "(\(place), \(wallet), \(amount), \(player.debugDescription))" }
    }

    /// One settled period, as the oracle answers it and as the Swift settlement is rendered for comparison.
    struct Settled: Decodable, Equatable, Sendable {
        let period: String
        let base: String
        let bonus: String
        let carryIn: String
        let total: String
        let places: [Place]
        let paid: String
        let dust: String
        let unclaimed: String
        let carryOut: String
        let skipped: Bool

        init(period: String, base: String, bonus: String, carryIn: String, total: String, places: [Place], paid: String,
             dust: String, unclaimed: String, carryOut: String, skipped: Bool) {
            (self.period, self.base, self.bonus, self.carryIn, self.total, self.places) = (period, base, bonus, carryIn, total, places)
            (self.paid, self.dust, self.unclaimed, self.carryOut, self.skipped) = (paid, dust, unclaimed, carryOut, skipped)
        }

        init(_ settlement: PeriodSettlement) {
            let split = settlement.split
            self.init(
                period: settlement.period.description, base: settlement.base.description, bonus: settlement.bonus.description,
                carryIn: settlement.carryIn.description, total: settlement.total.description,
                places: split.places.map {
                    Place(place: $0.place, wallet: $0.wallet.lowercaseHex, amount: $0.amount.description, player: $0.standing.player)
                },
                paid: split.paid.description, dust: split.dust.description, unclaimed: split.unclaimed.description,
                carryOut: settlement.carryOut.description, skipped: settlement.skipped)
        }

        /// The names and values of the fields that differ from `other`'s.
        func differences(from other: Settled) -> [String] {
            var found: [String] = []
            func check<T: Equatable>(_ name: String, _ mine: T, _ theirs: T) {
                if mine != theirs { found.append("\(name): swift \(mine) ≠ oracle \(theirs)") }
            }
            check("period", period, other.period)
            check("base", base, other.base)
            check("bonus", bonus, other.bonus)
            check("carryIn", carryIn, other.carryIn)
            check("total", total, other.total)
            check("places", places, other.places)
            check("paid", paid, other.paid)
            check("dust", dust, other.dust)
            check("unclaimed", unclaimed, other.unclaimed)
            check("carryOut", carryOut, other.carryOut)
            check("skipped", skipped, other.skipped)
            return found
        }
    }

    // MARK: Generation

    static let glico = UInt256(1_000_000_000_000_000_000)

    /// Days near ISO week-year boundaries: 2026 and 2020 and 2015 end in a W53, 2027-01-01 lies in 2026-W53,
    /// 2024-12-30 in 2025-W01; and the first and last days a period may have.
    static let anchors: [Int] = [
        (2026, 12, 28), (2020, 12, 28), (2027, 1, 1), (2015, 12, 28), (2024, 12, 30), (2021, 1, 3), (1970, 1, 1),
        (2026, 11, 20),
    ].map { CalendarDate(year: $0.0, month: $0.1, day: $0.2)!.daysSinceEpoch }
    static let firstPossibleDay = CalendarDate(year: 1, month: 1, day: 1)!.daysSinceEpoch
    static let lastPossibleDay = CalendarDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch

    /// Player ids whose UTF-8 order matters for ties of one wallet: upper before lower case, a prefix before its
    /// extensions, multi-byte characters last.
    static let playerNames = ["alice", "bob", "Bob", "a", "aa", "ab", "p1", "p10", "p2", "émile", "zoë", "😀", "Z"]

    /// A random number of up to `bits` bits.
    static func random(bits: Int, using generator: inout SeededGenerator) -> UInt256 {
        let value = UInt256(limbs: generator.next(), generator.next(), generator.next(), generator.next())
        return bits == 0 ? .zero : value >> (256 - bits)
    }

    static func price(using generator: inout SeededGenerator) -> UInt256 {
        switch Int.random(in: 0..<20, using: &generator) {
        case 0..<8: 20 * glico
        case 8: 1
        case 9: 7
        case 10: .zero
        case 11: [9999, 10_000, 10_001, 3, 33_333].randomElement(using: &generator)!
        case 12: (UInt256(1) << 200) - UInt256(UInt64.random(in: 0...1000, using: &generator))
        case 13: (UInt256(1) << 200) + random(bits: 64, using: &generator)
        case 14: random(bits: Int.random(in: 190...200, using: &generator), using: &generator)
        default: random(bits: Int.random(in: 1...80, using: &generator), using: &generator)
        }
    }

    static func amount(standard: UInt256, using generator: inout SeededGenerator) -> UInt256 {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0, 1, 2: standard
        case 3: .zero
        case 4: random(bits: Int.random(in: 1...80, using: &generator), using: &generator)
        default: random(bits: Int.random(in: 1...240, using: &generator), using: &generator)
        }
    }

    static func score(using generator: inout SeededGenerator) -> UInt256 {
        switch Int.random(in: 0..<20, using: &generator) {
        case 0..<4: .zero
        case 4..<16: [1, 2, 3, 7, 100, 100, 250].randomElement(using: &generator)!
        case 16, 17: UInt256(UInt64.random(in: 0...1_000_000, using: &generator))
        default: random(bits: Int.random(in: 64...256, using: &generator), using: &generator)
        }
    }

    /// Wallets for one season: some differ only in their last byte, some only in their first, so that ties by
    /// address compare every byte.
    static func wallets(using generator: inout SeededGenerator) -> [Address] {
        let base = generator.bytes(20)
        return (0..<Int.random(in: 1...14, using: &generator)).map { _ in
            var bytes = base
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: bytes[19] = UInt8.random(in: 0...255, using: &generator)
            case 1: bytes[0] = UInt8.random(in: 0...255, using: &generator)
            case 2: bytes = Array(repeating: 0, count: 19) + [UInt8.random(in: 0...3, using: &generator)]
            default: bytes = generator.bytes(20)
            }
            return try! Address(bytes)
        }
    }

    struct Generated {
        let season: Season
        let firstDay: Int
        let days: Int
        let bases: BasePools
        let openingCarry: BasePools
        let purchases: [(day: Int, price: UInt256)]
        let standings: [(board: Board, day: Int, standing: Standing)]
    }

    static func season(using generator: inout SeededGenerator) -> Generated {
        let firstDay: Int
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<7: firstDay = anchors.randomElement(using: &generator)! + Int.random(in: -12...12, using: &generator)
        case 7: firstDay = Int.random(in: 0...47_000, using: &generator)
        case 8: firstDay = firstPossibleDay + Int.random(in: 0...10, using: &generator)
        default: firstDay = lastPossibleDay - Int.random(in: 59...70, using: &generator)
        }
        let days = Int.random(in: 0..<4, using: &generator) == 0 ? Int.random(in: 1...3, using: &generator) : Int.random(in: 1...60, using: &generator)
        let bases = BasePools(
            daily: amount(standard: BasePools.standard.daily, using: &generator),
            weekly: amount(standard: BasePools.standard.weekly, using: &generator))
        let openingCarry = BasePools(
            daily: Bool.random(using: &generator) ? .zero : amount(standard: 7, using: &generator),
            weekly: Bool.random(using: &generator) ? .zero : amount(standard: 7, using: &generator))
        let wallets = wallets(using: &generator)
        var purchases: [(day: Int, price: UInt256)] = []
        var standings: [(board: Board, day: Int, standing: Standing)] = []
        for day in firstDay..<(firstDay + days) {
            let quiet = Int.random(in: 0..<5, using: &generator) == 0
            for _ in 0..<(quiet ? 0 : Int.random(in: 0...4, using: &generator)) {
                purchases.append((day, price(using: &generator)))
            }
            let midnight = Int64(day) * 86_400
            let moments: [Int64] = [midnight, midnight + 3600, midnight + 3600, midnight + 86_399]
            for board in Board.allCases {
                let count = quiet ? 0 : board == .daily ? Int.random(in: 0...12, using: &generator) : Int.random(in: 0...4, using: &generator)
                for _ in 0..<count {
                    let seconds = Bool.random(using: &generator)
                        ? moments.randomElement(using: &generator)! : midnight + Int64.random(in: 0..<86_400, using: &generator)
                    let nanoseconds: UInt32 = [0, 0, 0, 1, 500_000_000, 999_999_999].randomElement(using: &generator)!
                    let standing = Standing(
                        player: playerNames.randomElement(using: &generator)!, wallet: wallets.randomElement(using: &generator)!,
                        score: score(using: &generator), reachedAt: UTCInstant(secondsSinceEpoch: seconds, nanoseconds: nanoseconds))
                    standings.append((board, day, standing))
                }
            }
        }
        let season = Season(
            firstDay: String(firstDay), days: String(days),
            bases: BoardAmounts(daily: bases.daily.description, weekly: bases.weekly.description),
            openingCarry: BoardAmounts(daily: openingCarry.daily.description, weekly: openingCarry.weekly.description),
            purchases: purchases.map { Purchase(day: String($0.day), price: $0.price.description) },
            standings: standings.map {
                Entry(board: $0.board.rawValue, day: String($0.day), player: $0.standing.player, wallet: $0.standing.wallet.lowercaseHex,
                      score: $0.standing.score.description,
                      reachedAt: [$0.standing.reachedAt.secondsSinceEpoch, Int64($0.standing.reachedAt.nanoseconds)])
            })
        return Generated(season: season, firstDay: firstDay, days: days, bases: bases, openingCarry: openingCarry,
                         purchases: purchases, standings: standings)
    }

    // MARK: Settlement in Swift

    /// The period of `board` holding the day `day` after 1970-01-01.
    static func period(_ board: Board, day: Int) -> Period {
        Period(containing: UTCInstant(startOf: CalendarDate(daysSinceEpoch: day)), board: board)!
    }

    static func settle(_ generated: Generated, board: Board) throws -> [PeriodSettlement] {
        var periods: [Period] = []
        for day in generated.firstDay..<(generated.firstDay + generated.days) {
            let period = period(board, day: day)
            if periods.last != period { periods.append(period) }
        }
        var bonus: [Period: UInt256] = [:]
        for purchase in generated.purchases {
            bonus[period(board, day: purchase.day), default: .zero] += RevenueSplit(price: purchase.price).contribution(to: board)
        }
        var standings: [Period: [Standing]] = [:]
        for entry in generated.standings where entry.board == board {
            standings[period(board, day: entry.day), default: []].append(entry.standing)
        }
        return try PeriodSettlement.season(
            periods.map { ($0, bonus[$0] ?? .zero, standings[$0] ?? []) }, base: generated.bases.base(of: board),
            openingCarry: generated.openingCarry.base(of: board))
    }

    // MARK: Tests

    /// 300 seasons per run: one run from a fixed seed, one from `$PODIUM_TEST_SEED` or a fresh seed.
    @Test(arguments: [0x5EA5_0000_2026_0053 as UInt64?, nil])
    func seasonsMatchThePythonOracle(fixedSeed: UInt64?) async throws {
        var generator = fixedSeed.map { SeededGenerator(seed: $0) } ?? SeededGenerator()
        let seed = generator.seed
        let generated = (0..<300).map { _ in Self.season(using: &generator) }
        let answer = try await PythonOracle.call(
            "settlement", Request(seasons: generated.map(\.season)), as: Answer.self)
        try #require(answer.seasons.count == generated.count, "seed \(seed)")
        var periods = 0
        for (index, (season, expected)) in zip(generated, answer.seasons).enumerated() {
            for board in Board.allCases {
                let context = "seed \(seed), season \(index) (first day \(season.firstDay), \(season.days) days), \(board)"
                let settled = try Self.settle(season, board: board)
                let oracle = board == .daily ? expected.daily : expected.weekly
                try #require(settled.count == oracle.count, "\(context): \(settled.count) periods, oracle \(oracle.count)")
                for (position, (settlement, theirs)) in zip(settled, oracle).enumerated() {
                    let mine = Settled(settlement)
                    let differences = mine.differences(from: theirs)
                    #expect(differences.isEmpty, "\(context), period \(theirs.period): \(differences.joined(separator: "; "))")
                    let (sum, overflow) = settlement.split.paid.addingReportingOverflow(settlement.carryOut)
                    #expect(sum == settlement.total && !overflow, "\(context), period \(theirs.period): paid + carryOut ≠ total")
                    let carryIn = position == 0 ? season.openingCarry.base(of: board) : settled[position - 1].carryOut
                    #expect(settlement.carryIn == carryIn, "\(context), period \(theirs.period): carry-in is not the carry-out before it")
                    periods += 1
                }
            }
        }
        print("SeasonOracle: seed \(seed): \(generated.count) seasons, \(periods) periods compared")
    }
}
