import PodiumPrimitives

/// Exact base units from the seed's REAL amounts (DESIGN.md, Money and time).
///
/// A REAL is read as the shortest decimal that reads back as the same double (Swift's `description`, the same text
/// as Python's `repr`): `23.6` for the double nearest 23.6, `0.30000000000000004` for 0.1 + 0.2. That decimal is the
/// amount the writer meant when it has at most 15 significant digits (`DBL_DIG`: every such decimal survives the
/// trip through a double, so it is what was written); one that needs 16 or 17 is the leftover of float arithmetic
/// (0.1 + 0.2) or an amount a double cannot hold, and is refused, since the amount meant cannot be known. The
/// decimal is then taken exactly, with an exponent moved into the digits, and must have at most 18 fractional
/// digits. SQLite's own `CAST(x AS TEXT)` is not used: before SQLite 3.43 it keeps 15 significant digits
/// and would turn 0.30000000000000004 into an exact-looking 0.3.
public enum ExactAmount {
    /// $GLICO's decimals.
    public static let decimals = 18
    /// The significant digits a double keeps for any decimal (C's `DBL_DIG`).
    public static let faithfulDigits = 15

    /// Why a value is not an amount.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// NULL, a BLOB, or text that is not a decimal number.
        case notANumber
        /// Infinite (SQLite stores NaN as NULL).
        case notFinite
        /// Below zero.
        case negative
        /// A REAL whose shortest decimal needs more significant digits than a double holds faithfully.
        case beyondPrecision(digits: Int)
        /// More than 18 fractional digits, or too large.
        case units(UnitsError)

        /// One line.
        public var description: String {
            switch self {
            case .notANumber: "not a number"
            case .notFinite: "not a finite number"
            case .negative: "negative"
            case .beyondPrecision(let digits):
                "needs \(digits) significant digits, more than the \(ExactAmount.faithfulDigits) a REAL holds exactly (float arithmetic, not an amount)"
            case .units(.tooManyFractionalDigits): "not an exact number of base units (more than 18 decimals)"
            case .units(let error): "\(error)"
            }
        }
    }

    /// The decimal text of a REAL: the shortest that reads back as `value` (`-0.0` is `0`).
    public static func text(of value: Double) -> String {
        value == 0 ? "0" : value.description
    }

    /// The base units of a REAL amount.
    public static func baseUnits(of value: Double) throws(Failure) -> UInt256 {
        guard value.isFinite else { throw .notFinite }
        guard value >= 0 else { throw .negative }
        let text = text(of: value)
        let digits = significantDigits(text)
        guard digits <= faithfulDigits else { throw .beyondPrecision(digits: digits) }
        return try baseUnits(ofDecimal: text)
    }

    /// The base units of decimal text `digits[.digits][e±exponent]`, exactly.
    public static func baseUnits(ofDecimal text: String) throws(Failure) -> UInt256 {
        guard let plain = plainDecimal(text) else { throw .notANumber }
        if plain.hasPrefix("-") { throw .negative }
        do throws(UnitsError) {
            return try Units.parse(plain, decimals: decimals)
        } catch {
            throw .units(error)
        }
    }

    /// The significant digits of decimal text: its mantissa's digits without leading or trailing zeros.
    static func significantDigits(_ text: String) -> Int {
        let mantissa = text.lowercased().prefix { $0 != "e" }.filter(\.isASCIIDigit)
        let trimmed = mantissa.drop { $0 == "0" }.reversed().drop { $0 == "0" }
        return trimmed.count
    }

    /// `text` without an exponent (`1.5e+20` → `150000000000000000000`, `1e-19` → `0.0000000000000000001`), or nil
    /// when it is not a decimal number; exponents beyond ±400 (no double has them) are refused.
    static func plainDecimal(_ text: String) -> String? {
        let parts = text.lowercased().split(separator: "e", omittingEmptySubsequences: false)
        guard parts.count <= 2, var mantissa = parts.first.map(String.init) else { return nil }
        var sign = ""
        if mantissa.hasPrefix("-") || mantissa.hasPrefix("+") {
            sign = mantissa.hasPrefix("-") ? "-" : ""
            mantissa.removeFirst()
        }
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, pieces.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let integer = String(pieces[0])
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        guard !(integer + fraction).isEmpty else { return nil }
        guard parts.count == 2 else { return sign + mantissa }
        guard let exponent = Int(parts[1]), (-400...400).contains(exponent) else { return nil }
        var digits = integer + fraction
        var point = integer.count + exponent
        if point < 0 {
            digits = String(repeating: "0", count: -point) + digits
            point = 0
        }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        let head = digits.prefix(point)
        let tail = digits.dropFirst(point)
        return sign + (head.isEmpty ? "0" : String(head)) + (tail.isEmpty ? "" : "." + tail)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
