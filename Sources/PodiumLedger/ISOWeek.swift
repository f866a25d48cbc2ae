/// An ISO-8601 week: a week-year and a week number 1–52 or 1–53, weeks running Monday to Sunday.
///
/// Week 1 is the week holding the year's first Thursday (equivalently, 4 January), so the first days of January
/// may fall in the previous week-year's last week (2027-01-01 is in 2026-W53) and the last days of December in the
/// next week-year's first.
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ISO week-year, which differs from the calendar year for a few days around New Year.
    public let weekYear: Int
    /// The week number, 1 to `ISOWeek.weeks(in: weekYear)`.
    public let week: Int

    /// Week `week` of the ISO week-year `weekYear`, or nil when that year has no such week.
    public init?(weekYear: Int, week: Int) {
        guard (1...ISOWeek.weeks(in: weekYear)).contains(week) else { return nil }
        (self.weekYear, self.week) = (weekYear, week)
    }

    /// The week holding the day `days` after 1970-01-01.
    init(containingDay days: Int) {
        let thursday = days - (CalendarDate.isoWeekday(ofDay: days) - 1) + 3
        let year = CalendarDate(daysSinceEpoch: thursday).year
        let firstOfJanuary = CalendarDate(year: year, month: 1, day: 1)!.daysSinceEpoch
        (weekYear, week) = (year, (thursday - firstOfJanuary) / 7 + 1)
    }

    /// The Monday that starts the week.
    public var monday: CalendarDate { CalendarDate(daysSinceEpoch: mondayDay) }

    /// The Monday as days after 1970-01-01.
    var mondayDay: Int {
        let fourthOfJanuary = CalendarDate(year: weekYear, month: 1, day: 4)!.daysSinceEpoch
        let firstMonday = fourthOfJanuary - (CalendarDate.isoWeekday(ofDay: fourthOfJanuary) - 1)
        return firstMonday + 7 * (week - 1)
    }

    /// `YYYY-Www`: 2026-W47.
    public var description: String { "\(CalendarDate.padded(weekYear, 4))-W\(CalendarDate.padded(week, 2))" }

    /// Earlier weeks first.
    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { (lhs.weekYear, lhs.week) < (rhs.weekYear, rhs.week) }

    /// 52 or 53: the week number of 28 December, which always lies in its own year's last week.
    public static func weeks(in weekYear: Int) -> Int {
        ISOWeek(containingDay: CalendarDate(year: weekYear, month: 12, day: 28)!.daysSinceEpoch).week
    }
}
