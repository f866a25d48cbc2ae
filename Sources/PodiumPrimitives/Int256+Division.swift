// Signed division rounds toward zero and gives the remainder the dividend's sign, as Swift's own integers do.

extension Int256 {
    /// `self / divisor` and `self % divisor` for a nonzero divisor, ignoring the one overflowing case.
    @inlinable
    func divided(byNonzero divisor: Int256) -> (quotient: Int256, remainder: Int256) {
        let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: divisor.magnitude)
        return (Int256.signed(quotient, negative: isNegative != divisor.isNegative),
                Int256.signed(remainder, negative: isNegative))
    }

    /// The quotient (rounded toward zero) and remainder (with the dividend's sign); traps when `divisor` is zero or
    /// the quotient overflows (`min / −1`).
    @inlinable
    public func quotientAndRemainder(dividingBy divisor: Int256) -> (quotient: Int256, remainder: Int256) {
        precondition(divisor != .zero, "Int256 division by zero")
        precondition(self != .min || divisor != -1, "Int256 division overflowed")
        return divided(byNonzero: divisor)
    }

    /// `self / rhs`, and `true` when `rhs` is zero (giving `self`) or the quotient overflows (`min / −1` gives `min`).
    @inlinable
    public func dividedReportingOverflow(by rhs: Int256) -> (partialValue: Int256, overflow: Bool) {
        if rhs == .zero { return (self, true) }
        if self == .min && rhs == -1 { return (self, true) }
        return (divided(byNonzero: rhs).quotient, false)
    }

    /// `self % rhs`, and `true` when `rhs` is zero (giving `self`) or the division overflows (`min % −1` gives 0).
    @inlinable
    public func remainderReportingOverflow(dividingBy rhs: Int256) -> (partialValue: Int256, overflow: Bool) {
        if rhs == .zero { return (self, true) }
        if self == .min && rhs == -1 { return (.zero, true) }
        return (divided(byNonzero: rhs).remainder, false)
    }

    /// `lhs / rhs`, rounded toward zero; traps when `rhs` is zero or for `min / −1`.
    @inlinable
    public static func / (lhs: Int256, rhs: Int256) -> Int256 { lhs.quotientAndRemainder(dividingBy: rhs).quotient }

    /// `lhs % rhs`, with the sign of `lhs`; traps when `rhs` is zero or for `min % −1`.
    @inlinable
    public static func % (lhs: Int256, rhs: Int256) -> Int256 { lhs.quotientAndRemainder(dividingBy: rhs).remainder }

    /// Divides by `rhs` in place.
    @inlinable
    public static func /= (lhs: inout Int256, rhs: Int256) { lhs = lhs / rhs }

    /// Replaces the value with its remainder after dividing by `rhs`.
    @inlinable
    public static func %= (lhs: inout Int256, rhs: Int256) { lhs = lhs % rhs }

    /// Divides the signed 512-bit `dividend` by `self`, rounding toward zero; traps when `self` is zero or the
    /// quotient does not fit in Int256.
    public func dividingFullWidth(_ dividend: (high: Int256, low: UInt256)) -> (quotient: Int256, remainder: Int256) {
        precondition(self != .zero, "Int256 division by zero")
        let negative = dividend.high.isNegative
        var (high, low) = (dividend.high.bits, dividend.low)
        if negative {
            // Two's complement negation of the 512-bit dividend: invert, then add one.
            let (sum, carry) = (~low).addingReportingOverflow(UInt256(1))
            (high, low) = (~high &+ (carry ? UInt256(1) : .zero), sum)
        }
        let divisor = magnitude
        precondition(high < divisor, "Int256 full-width division quotient overflowed")
        let (quotient, remainder) = UInt256.dividingWide(high, low, by: divisor)
        let quotientNegative = negative != isNegative
        let limit = UInt256(limbs: 0, 0, 0, 1 << 63)
        precondition(quotientNegative ? quotient.low <= limit : quotient.low < limit,
                     "Int256 full-width division quotient overflowed")
        return (Int256.signed(quotient.low, negative: quotientNegative), Int256.signed(remainder, negative: negative))
    }
}
