/// Why text is not a period.
public enum PeriodError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not `YYYY-MM-DD` (daily) or `YYYY-Www` (weekly); carries the board expected, if one was.
    case malformed(expected: Board?)
    /// Well-formed but no such date or week: `2026-02-30`, `2026-W54`, a year 0.
    case noSuchPeriod

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .malformed(.daily?): "expected a daily period as a UTC date such as 2026-11-20"
        case .malformed(.weekly?): "expected a weekly period as an ISO week such as 2026-W47"
        case .malformed(nil): "expected a period such as 2026-11-20 (daily) or 2026-W47 (weekly)"
        case .noSuchPeriod: "no such date or ISO week"
        }
    }
}

/// One period of a board: a UTC calendar date for the daily board, an ISO-8601 week for the weekly one (DESIGN.md,
/// Money and time). Years run from 1 to 9999 so that every period has its four-digit text form.
public enum Period: Hashable, Sendable, CustomStringConvertible {
    /// A day of the daily board.
    case day(CalendarDate)
    /// A week of the weekly board.
    case week(ISOWeek)

    /// The years a period may lie in.
    public static let years = 1...9999

    /// Parses `2026-11-20` or `2026-W47`; when `board` is given, only that board's form is accepted.
    public init(parsing text: some StringProtocol, board: Board? = nil) throws(PeriodError) {
        let bytes = Array(text.utf8)
        let digits = FixedDigits(bytes)
        if board != .weekly, bytes.count == 10, let year = digits.read(4, at: 0), bytes[4] == UInt8(ascii: "-"),
            let month = digits.read(2, at: 5), bytes[7] == UInt8(ascii: "-"), let day = digits.read(2, at: 8)
        {
            guard Period.years.contains(year), let date = CalendarDate(year: year, month: month, day: day) else {
                throw .noSuchPeriod
            }
            self = .day(date)
        } else if board != .daily, bytes.count == 8, let year = digits.read(4, at: 0), bytes[4] == UInt8(ascii: "-"),
            bytes[5] == UInt8(ascii: "W"), let week = digits.read(2, at: 6)
        {
            guard Period.years.contains(year), let week = ISOWeek(weekYear: year, week: week) else { throw .noSuchPeriod }
            self = .week(week)
        } else {
            throw .malformed(expected: board)
        }
    }

    /// The period of `board` that holds `instant`, or nil outside the years 1–9999.
    public init?(containing instant: UTCInstant, board: Board) {
        let date = instant.date
        switch board {
        case .daily:
            guard Period.years.contains(date.year) else { return nil }
            self = .day(date)
        case .weekly:
            let week = date.isoWeek
            guard Period.years.contains(week.weekYear) else { return nil }
            self = .week(week)
        }
    }

    /// The board the period belongs to.
    public var board: Board {
        switch self {
        case .day: .daily
        case .week: .weekly
        }
    }

    /// The first instant of the period: midnight UTC of the day, or of the week's Monday.
    public var start: UTCInstant { UTCInstant(startOf: CalendarDate(daysSinceEpoch: firstDay)) }

    /// The first instant after the period (the next one's start): the period is `start ..< end`.
    public var end: UTCInstant { UTCInstant(startOf: CalendarDate(daysSinceEpoch: firstDay + length)) }

    /// The following period of the same board, or nil after 9999.
    public var next: Period? { Period(containing: UTCInstant(startOf: CalendarDate(daysSinceEpoch: firstDay + length)), board: board) }

    /// The preceding period of the same board, or nil before the year 1.
    public var previous: Period? { Period(containing: UTCInstant(startOf: CalendarDate(daysSinceEpoch: firstDay - 1)), board: board) }

    /// The id the prize distributor records the period under (contracts/README.md, Period ids): `YYYYMMDD` for a
    /// day (2026-11-20 → 20261120), ISO week-year × 100 + week for a week (2026-W47 → 202647).
    public var periodID: UInt64 {
        switch self {
        case .day(let date): UInt64(date.year * 10_000 + date.month * 100 + date.day)
        case .week(let week): UInt64(week.weekYear * 100 + week.week)
        }
    }

    /// `2026-11-20` or `2026-W47`.
    public var description: String {
        switch self {
        case .day(let date): date.description
        case .week(let week): week.description
        }
    }

    /// The period's first day, as days after 1970-01-01.
    private var firstDay: Int {
        switch self {
        case .day(let date): date.daysSinceEpoch
        case .week(let week): week.mondayDay
        }
    }

    /// Its length in days.
    private var length: Int {
        switch self {
        case .day: 1
        case .week: 7
        }
    }
}
