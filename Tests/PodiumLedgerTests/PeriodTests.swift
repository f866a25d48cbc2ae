import PodiumLedger
import PodiumTestSupport
import Testing

@Suite struct PeriodTests {
    /// `datetime.date.isocalendar()`'s answer for a day count since 1970-01-01.
    struct OracleDay: Decodable, Sendable {
        let date: String
        let weekYear: Int
        let week: Int
        let weekday: Int

        init(from decoder: any Decoder) throws {
            var row = try decoder.unkeyedContainer()
            (date, weekYear, week, weekday) = (try row.decode(String.self), try row.decode(Int.self),
                                               try row.decode(Int.self), try row.decode(Int.self))
        }
    }

    struct OracleAnswer: Decodable, Sendable {
        let days: [OracleDay]
    }

    @Test func prizeTypesMatchTheDistributor() {
        #expect(Board.daily.prizeType == 0)
        #expect(Board.weekly.prizeType == 1)
    }

    @Test(arguments: [
        ("2026-11-20", Board.daily, "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z", UInt64(20_261_120)),
        ("2026-W47", Board.weekly, "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z", UInt64(202_647)),
        ("2026-W53", Board.weekly, "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z", UInt64(202_653)),
        ("2020-W01", Board.weekly, "2019-12-30T00:00:00Z", "2020-01-06T00:00:00Z", UInt64(202_001)),
        ("2024-02-29", Board.daily, "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z", UInt64(20_240_229)),
        ("0001-01-01", Board.daily, "0001-01-01T00:00:00Z", "0001-01-02T00:00:00Z", UInt64(10_101)),
    ])
    func periodsHaveTheirBoundsAndIDs(text: String, board: Board, start: String, end: String, id: UInt64) throws {
        let period = try Period(parsing: text)
        #expect(period.board == board)
        #expect(period.description == text)
        #expect(try Period(parsing: text, board: board) == period)
        #expect(period.start.description == start)
        #expect(period.end.description == end)
        #expect(period.periodID == id)
        #expect(Period(containing: period.start, board: board) == period)
        #expect(Period(containing: UTCInstant(secondsSinceEpoch: period.end.secondsSinceEpoch - 1, nanoseconds: 999_999_999), board: board) == period)
        #expect(Period(containing: period.end, board: board) == period.next)
        #expect(period.next?.previous == period)
    }

    @Test func newYearsDay2027IsInWeek53Of2026() throws {
        let instant = try UTCInstant(rfc3339: "2027-01-01T12:00:00Z")
        #expect(Period(containing: instant, board: .weekly)?.description == "2026-W53")
        #expect(Period(containing: instant, board: .weekly)?.periodID == 202_653)
        #expect(Period(containing: instant, board: .daily)?.periodID == 20_270_101)
        #expect(try Period(parsing: "2026-W53").next?.description == "2027-W01")
        #expect(try Period(parsing: "2026-12-31").next?.description == "2027-01-01")
    }

    @Test func theYearsEndAt1And9999() throws {
        #expect(try Period(parsing: "0001-01-01").previous == nil)
        #expect(try Period(parsing: "0001-W01").previous == nil)
        #expect(try Period(parsing: "9999-12-31").next == nil)
        #expect(try Period(parsing: "9999-W52").next == nil)
        #expect(Period(containing: UTCInstant(secondsSinceEpoch: .max), board: .daily) == nil)
        #expect(Period(containing: UTCInstant(secondsSinceEpoch: .min), board: .weekly) == nil)
        #expect(UTCInstant(secondsSinceEpoch: .min).description == "-292277022657-01-27T08:29:52Z")
        #expect(UTCInstant(secondsSinceEpoch: .max, nanoseconds: 999_999_999).description
            == "292277026596-12-04T15:30:07.999999999Z")
    }

    @Test(arguments: [
        ("2026-11-20", Board?.some(.weekly), PeriodError.malformed(expected: .weekly)),
        ("2026-W47", .some(.daily), .malformed(expected: .daily)),
        ("2026-11-2", nil, .malformed(expected: nil)),
        ("2026-w47", nil, .malformed(expected: nil)),
        ("20261120", nil, .malformed(expected: nil)),
        (" 2026-11-20", nil, .malformed(expected: nil)),
        ("2026-02-29", nil, .noSuchPeriod),
        ("2026-13-01", nil, .noSuchPeriod),
        ("0000-01-01", nil, .noSuchPeriod),
        ("2026-W54", nil, .noSuchPeriod),
        ("2025-W53", nil, .noSuchPeriod),
        ("2026-W00", nil, .noSuchPeriod),
        ("", nil, .malformed(expected: nil)),
    ])
    func malformedPeriodsAreRefused(text: String, board: Board?, error: PeriodError) {
        #expect(throws: error) { try Period(parsing: text, board: board) }
    }

    @Test func isoWeeksMatchPythonsIsocalendar() async throws {
        var generator = SeededGenerator()
        var days: [Int] = []
        // Every day from 28 December to 4 January around each New Year of 1990-2060, and random days in 1-9999.
        for year in 1990...2060 {
            let newYear = CalendarDate(year: year, month: 1, day: 1)!.daysSinceEpoch
            days += (newYear - 4)...(newYear + 3)
        }
        let first = CalendarDate(year: 1, month: 1, day: 1)!.daysSinceEpoch
        let last = CalendarDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch
        days += [first, last] + (0..<2000).map { _ in Int.random(in: first...last, using: &generator) }
        let answer = try await PythonOracle.call("ledger", ["days": days], as: OracleAnswer.self)
        try #require(answer.days.count == days.count)
        for (day, expected) in zip(days, answer.days) {
            let date = CalendarDate(daysSinceEpoch: day)
            #expect(date.description == expected.date, "day \(day), seed \(generator.seed)")
            #expect(date.daysSinceEpoch == day)
            #expect(date.isoWeekday == expected.weekday, "\(expected.date)")
            #expect(date.isoWeek.weekYear == expected.weekYear, "\(expected.date)")
            #expect(date.isoWeek.week == expected.week, "\(expected.date)")
            let period = Period(containing: UTCInstant(startOf: date), board: .weekly)
            #expect(period?.periodID == UInt64(expected.weekYear * 100 + expected.week), "\(expected.date)")
            #expect(try Period(parsing: period?.description ?? "", board: .weekly) == period)
        }
    }

    @Test(arguments: [
        ("2026-11-20T13:45:00Z", "2026-11-20T13:45:00Z"),
        ("2026-11-20t13:45:00z", "2026-11-20T13:45:00Z"),
        ("2026-11-20T13:45:00.250Z", "2026-11-20T13:45:00.25Z"),
        ("2026-11-20T13:45:00.000000001Z", "2026-11-20T13:45:00.000000001Z"),
        ("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.5Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
    ])
    func timestampsRoundTrip(text: String, formatted: String) throws {
        #expect(try UTCInstant(rfc3339: text).description == formatted)
    }

    @Test(arguments: [
        ("2026-11-20 13:45:00Z", TimestampError.malformed),
        ("2026-11-20T13:45:00", .malformed),
        ("2026-11-20T13:45Z", .malformed),
        ("2026-11-20T13:45:00.Z", .malformed),
        ("2026-11-20T13:45:00ZZ", .malformed),
        ("2026-11-20", .malformed),
        ("2026-11-20T13:45:00+00:00", .notUTC),
        ("2026-11-20T13:45:00-05:00", .notUTC),
        ("2026-02-29T00:00:00Z", .invalidDate),
        ("0000-01-01T00:00:00Z", .invalidDate),
        ("2026-11-20T24:00:00Z", .invalidTime),
        ("2026-12-31T23:59:60Z", .invalidTime),
        ("2026-11-20T13:45:00.1234567890Z", .tooManyFractionalDigits(10)),
    ])
    func malformedTimestampsAreRefused(text: String, error: TimestampError) {
        #expect(throws: error) { try UTCInstant(rfc3339: text) }
    }
}
