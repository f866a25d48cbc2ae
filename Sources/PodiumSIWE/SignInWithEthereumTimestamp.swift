import Foundation

extension SignInWithEthereumMessage {
    /// An RFC 3339 `date-time` (`2021-09-30T16:25:24Z`, `2021-09-30T18:25:24.123+02:00`): the text as written,
    /// kept for formatting the message back exactly, and the instant it names, compared exactly (fractions of a
    /// second to any number of digits).
    public struct Timestamp: Sendable, Comparable, Hashable, CustomStringConvertible {
        /// The text as written.
        public let text: String
        /// Whole seconds since 1970-01-01T00:00:00Z, the offset applied (a leap second `:60` counts as the next
        /// minute's `:00`).
        let seconds: Int64
        /// The fraction of a second's digits, without trailing zeros.
        let fraction: String

        /// Parses RFC 3339's `date-time`: `YYYY-MM-DD`, `T`, `hh:mm:ss`, an optional `.` and digits, and `Z` or
        /// `±hh:mm` (`t` and `z` may be lower case); the date must exist and the fields be in range.
        public init(rfc3339 text: String) throws(SignInWithEthereumError) {
            guard let parsed = Self.parse(Array(text.utf8)) else { throw .invalidTimestamp(text) }
            (self.text, seconds, fraction) = (text, parsed.seconds, Self.trimmingZeros(parsed.fraction))
        }

        /// The instant `date`, to the millisecond, written in UTC (`2026-11-20T10:00:00.000Z`).
        public init(_ date: Date) {
            let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
            let (days, millisecondOfDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
            let (day, time) =
                millisecondOfDay < 0 ? (days - 1, millisecondOfDay + 86_400_000) : (days, millisecondOfDay)
            let (year, month, dayOfMonth) = Self.civil(fromDays: day)
            func digits(_ value: Int64, _ count: Int) -> String {
                let text = String(value)
                return String(repeating: "0", count: max(0, count - text.count)) + text
            }
            let text = "\(digits(year, 4))-\(digits(month, 2))-\(digits(dayOfMonth, 2))T\(digits(time / 3_600_000, 2)):"
                + "\(digits(time / 60_000 % 60, 2)):\(digits(time / 1000 % 60, 2)).\(digits(time % 1000, 3))Z"
            self.text = text
            seconds = day * 86_400 + time / 1000
            fraction = Self.trimmingZeros(digits(time % 1000, 3))
        }

        /// The text as written.
        public var description: String { text }

        /// Earlier instants first; the same instant written two ways is equal.
        public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
            // Fractions without trailing zeros compare as decimal fractions when compared as digit strings.
            (lhs.seconds, lhs.fraction) < (rhs.seconds, rhs.fraction)
        }

        /// True for the same instant.
        public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
            (lhs.seconds, lhs.fraction) == (rhs.seconds, rhs.fraction)
        }

        /// Hashes the instant, as `==` compares it.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(seconds)
            hasher.combine(fraction)
        }

        /// The instant of `date-time` text, or nil.
        private static func parse(_ text: [UInt8]) -> (seconds: Int64, fraction: String)? {
            var offset = 0
            func number(_ count: Int) -> Int64? {
                guard text.count - offset >= count else { return nil }
                var value: Int64 = 0
                for byte in text[offset..<offset + count] {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                    value = value * 10 + Int64(byte - UInt8(ascii: "0"))
                }
                offset += count
                return value
            }
            func literal(_ bytes: UInt8...) -> Bool {
                guard offset < text.count && bytes.contains(text[offset]) else { return false }
                offset += 1
                return true
            }
            guard let year = number(4), literal(UInt8(ascii: "-")), let month = number(2), literal(UInt8(ascii: "-")),
                let day = number(2), literal(UInt8(ascii: "T"), UInt8(ascii: "t")),
                let hour = number(2), literal(UInt8(ascii: ":")), let minute = number(2), literal(UInt8(ascii: ":")),
                let second = number(2),
                (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
                hour < 24, minute < 60, second <= 60
            else { return nil }
            var fraction = ""
            if literal(UInt8(ascii: ".")) {
                let start = offset
                while offset < text.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[offset]) {
                    offset += 1
                }
                guard offset > start else { return nil }
                fraction = String(decoding: text[start..<offset], as: UTF8.self)
            }
            var offsetMinutes: Int64 = 0
            if !literal(UInt8(ascii: "Z"), UInt8(ascii: "z")) {
                let sign: Int64 = text.count > offset && text[offset] == UInt8(ascii: "-") ? -1 : 1
                guard literal(UInt8(ascii: "+"), UInt8(ascii: "-")), let hours = number(2), literal(UInt8(ascii: ":")),
                    let minutes = number(2), hours < 24, minutes < 60
                else { return nil }
                offsetMinutes = sign * (hours * 60 + minutes)
            }
            guard offset == text.count else { return nil }
            let local = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
            return (local - offsetMinutes * 60, fraction)
        }

        /// `digits` without its trailing zeros.
        private static func trimmingZeros(_ digits: String) -> String {
            var digits = digits
            while digits.hasSuffix("0") { digits.removeLast() }
            return digits
        }

        private static func daysIn(month: Int64, year: Int64) -> Int64 {
            switch month {
            case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }

        /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
        private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }

        /// The date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
        private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let shiftedMonth = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
            let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
            return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
        }
    }
}
