/// Why text is not an RFC 3339 UTC time.
public enum TimestampError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not of the form `YYYY-MM-DDTHH:MM:SS[.fraction]Z`.
    case malformed
    /// An offset other than `Z`: the time must be given in UTC.
    case notUTC
    /// A month or day that the year does not have (`2026-02-30`), or the year 0.
    case invalidDate
    /// An hour above 23, a minute or second above 59 (leap seconds are refused).
    case invalidTime
    /// More than nine fractional digits: finer than a nanosecond.
    case tooManyFractionalDigits(Int)

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .malformed: "expected an RFC 3339 UTC time such as 2026-11-20T13:45:00Z"
        case .notUTC: "the time must be UTC, ending in Z"
        case .invalidDate: "no such date"
        case .invalidTime: "no such time of day"
        case .tooManyFractionalDigits(let count): "\(count) fractional digits; at most 9 (nanoseconds)"
        }
    }
}

/// An instant in UTC: seconds since 1970-01-01T00:00:00Z and nanoseconds within the second. Leap seconds are not
/// counted, as in POSIX time.
public struct UTCInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before it).
    public let secondsSinceEpoch: Int64
    /// Nanoseconds after `secondsSinceEpoch`, 0 to 999,999,999.
    public let nanoseconds: UInt32

    /// The instant `seconds` and `nanoseconds` after the epoch; `nanoseconds` must be below one second.
    public init(secondsSinceEpoch seconds: Int64, nanoseconds: UInt32 = 0) {
        precondition(nanoseconds < 1_000_000_000, "UTCInstant nanoseconds must be below 1,000,000,000")
        (self.secondsSinceEpoch, self.nanoseconds) = (seconds, nanoseconds)
    }

    /// Midnight UTC at the start of `date`.
    public init(startOf date: CalendarDate) {
        self.init(secondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400)
    }

    /// Parses RFC 3339's `date-time` in UTC: `2026-11-20T13:45:00Z`, optionally with 1–9 fractional digits
    /// (`…00.25Z`); `T` and `Z` may be lowercase. Years are 0001–9999.
    public init(rfc3339 text: some StringProtocol) throws(TimestampError) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { throw .malformed }
        let digits = FixedDigits(bytes)
        guard let year = digits.read(4, at: 0), bytes[4] == UInt8(ascii: "-"), let month = digits.read(2, at: 5),
            bytes[7] == UInt8(ascii: "-"), let day = digits.read(2, at: 8), bytes[10] | 0x20 == UInt8(ascii: "t"),
            let hour = digits.read(2, at: 11), bytes[13] == UInt8(ascii: ":"), let minute = digits.read(2, at: 14),
            bytes[16] == UInt8(ascii: ":"), let second = digits.read(2, at: 17)
        else { throw .malformed }
        var index = 19
        var nanoseconds = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            let count = index - start
            guard count > 0 else { throw .malformed }
            guard count <= 9 else { throw .tooManyFractionalDigits(count) }
            nanoseconds = digits.read(count, at: start)!
            for _ in count..<9 { nanoseconds *= 10 }
        }
        guard index < bytes.count else { throw .malformed }
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { throw .notUTC }
        guard bytes[index] | 0x20 == UInt8(ascii: "z"), index + 1 == bytes.count else { throw .malformed }
        guard year >= 1, let date = CalendarDate(year: year, month: month, day: day) else { throw .invalidDate }
        guard hour < 24, minute < 60, second < 60 else { throw .invalidTime }
        self.init(
            secondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second),
            nanoseconds: UInt32(nanoseconds))
    }

    /// The calendar date (UTC) this instant falls on.
    public var date: CalendarDate { CalendarDate(daysSinceEpoch: Int(floorDivide(secondsSinceEpoch, 86_400))) }

    /// RFC 3339 in UTC, with the shortest fraction that is exact: `2026-11-20T13:45:00Z`, `…00.25Z`.
    public var description: String {
        let remainder = Int(secondsSinceEpoch % 86_400)
        let secondOfDay = remainder < 0 ? remainder + 86_400 : remainder
        var text = "\(date)T\(CalendarDate.padded(secondOfDay / 3600, 2)):\(CalendarDate.padded(secondOfDay / 60 % 60, 2))"
        text += ":\(CalendarDate.padded(secondOfDay % 60, 2))"
        if nanoseconds > 0 {
            var fraction = CalendarDate.padded(Int(nanoseconds), 9)
            while fraction.last == "0" { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    /// Earlier instants first.
    public static func < (lhs: UTCInstant, rhs: UTCInstant) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanoseconds) < (rhs.secondsSinceEpoch, rhs.nanoseconds)
    }
}

/// ⌊a / b⌋ for a positive `b`.
func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let quotient = a / b
    return a % b < 0 ? quotient - 1 : quotient
}

/// Reads fixed-width runs of ASCII digits from UTF-8 bytes.
struct FixedDigits {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The `count` digits at `offset` as a number, or nil when any is missing or not a digit.
    func read(_ count: Int, at offset: Int) -> Int? {
        guard offset >= 0, count > 0, offset + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[offset..<offset + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
