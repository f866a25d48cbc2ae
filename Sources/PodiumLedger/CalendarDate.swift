/// A day of the proleptic Gregorian calendar, as UTC counts days: year, month (1–12) and day of the month.
///
/// Days convert to and from a count since 1970-01-01 with Howard Hinnant's `days_from_civil` and
/// `civil_from_days`, exact for every `Int` day count the conversions are given.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year (may be zero or negative in arithmetic; only 1–9999 parse and format as periods).
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to the month's length.
    public let day: Int

    /// The date `year-month-day`, or nil when the month or day is not one of that year's.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else {
            return nil
        }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// The date `daysSinceEpoch` days after 1970-01-01 (before it when negative); `days` must lie within ±2⁵⁰
    /// (every `UTCInstant` does), a bound on the caller.
    public init(daysSinceEpoch days: Int) {
        precondition(days.magnitude < 1 << 50, "CalendarDate day count out of range")
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days from 1970-01-01 to this date (negative before it).
    public var daysSinceEpoch: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The ISO-8601 day of the week: 1 Monday … 7 Sunday.
    public var isoWeekday: Int { CalendarDate.isoWeekday(ofDay: daysSinceEpoch) }

    /// The ISO-8601 week this date falls in; near New Year it may belong to the neighbouring week-year.
    public var isoWeek: ISOWeek { ISOWeek(containingDay: daysSinceEpoch) }

    /// `YYYY-MM-DD`, the year as at least four digits.
    public var description: String {
        "\(CalendarDate.padded(year, 4))-\(CalendarDate.padded(month, 2))-\(CalendarDate.padded(day, 2))"
    }

    /// Earlier dates first.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// True for Gregorian leap years.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1–12) of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The ISO weekday (1 Monday … 7 Sunday) of the day `days` after 1970-01-01, a Thursday.
    static func isoWeekday(ofDay days: Int) -> Int {
        let remainder = (days + 3) % 7
        return (remainder < 0 ? remainder + 7 : remainder) + 1
    }

    /// `value` in decimal, zero-padded to `width` digits (a minus sign before the digits when negative).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + zeros + digits
    }
}
