extension Int256 {
    /// `self + rhs` modulo 2²⁵⁶, and whether the true sum is outside Int256's range.
    @inlinable @inline(__always)
    public func addingReportingOverflow(_ rhs: Int256) -> (partialValue: Int256, overflow: Bool) {
        let sum = Int256(bitPattern: bits &+ rhs.bits)
        return (sum, isNegative == rhs.isNegative && sum.isNegative != isNegative)
    }

    /// `self − rhs` modulo 2²⁵⁶, and whether the true difference is outside Int256's range.
    @inlinable @inline(__always)
    public func subtractingReportingOverflow(_ rhs: Int256) -> (partialValue: Int256, overflow: Bool) {
        let difference = Int256(bitPattern: bits &- rhs.bits)
        return (difference, isNegative != rhs.isNegative && difference.isNegative != isNegative)
    }

    /// `self · rhs` modulo 2²⁵⁶, and whether the true product is outside Int256's range.
    @inlinable
    public func multipliedReportingOverflow(by rhs: Int256) -> (partialValue: Int256, overflow: Bool) {
        let (high, low) = magnitude.multipliedFullWidth(by: rhs.magnitude)
        let negative = isNegative != rhs.isNegative
        // A negative product may reach 2²⁵⁵ in magnitude; a positive one stops below it.
        let limit = UInt256(limbs: 0, 0, 0, 1 << 63)
        let overflow = high != .zero || (negative ? low > limit : low >= limit)
        return (Int256(bitPattern: bits &* rhs.bits), overflow)
    }

    /// The full 512-bit signed product `self · other`: a signed high half and an unsigned low half.
    @inlinable
    public func multipliedFullWidth(by other: Int256) -> (high: Int256, low: UInt256) {
        var (high, low) = bits.multipliedFullWidth(by: other.bits)
        // The unsigned product counts a negative factor as x + 2²⁵⁶; take the other factor back off the high half.
        if isNegative { high &-= other.bits }
        if other.isNegative { high &-= bits }
        return (Int256(bitPattern: high), low)
    }

    /// `lhs + rhs`; traps on overflow.
    @inlinable @inline(__always)
    public static func + (lhs: Int256, rhs: Int256) -> Int256 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        precondition(!overflow, "Int256 addition overflowed")
        return sum
    }

    /// `lhs − rhs`; traps on overflow.
    @inlinable @inline(__always)
    public static func - (lhs: Int256, rhs: Int256) -> Int256 {
        let (difference, overflow) = lhs.subtractingReportingOverflow(rhs)
        precondition(!overflow, "Int256 subtraction overflowed")
        return difference
    }

    /// `lhs · rhs`; traps on overflow.
    @inlinable
    public static func * (lhs: Int256, rhs: Int256) -> Int256 {
        let (product, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        precondition(!overflow, "Int256 multiplication overflowed")
        return product
    }

    /// `lhs + rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &+ (lhs: Int256, rhs: Int256) -> Int256 { Int256(bitPattern: lhs.bits &+ rhs.bits) }

    /// `lhs − rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &- (lhs: Int256, rhs: Int256) -> Int256 { Int256(bitPattern: lhs.bits &- rhs.bits) }

    /// `lhs · rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &* (lhs: Int256, rhs: Int256) -> Int256 { Int256(bitPattern: lhs.bits &* rhs.bits) }

    /// Adds `rhs`; traps on overflow.
    @inlinable @inline(__always)
    public static func += (lhs: inout Int256, rhs: Int256) { lhs = lhs + rhs }

    /// Subtracts `rhs`; traps on overflow.
    @inlinable @inline(__always)
    public static func -= (lhs: inout Int256, rhs: Int256) { lhs = lhs - rhs }

    /// Multiplies by `rhs`; traps on overflow.
    @inlinable
    public static func *= (lhs: inout Int256, rhs: Int256) { lhs = lhs * rhs }

    /// Adds `rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &+= (lhs: inout Int256, rhs: Int256) { lhs = lhs &+ rhs }

    /// Subtracts `rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &-= (lhs: inout Int256, rhs: Int256) { lhs = lhs &- rhs }

    /// Multiplies by `rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &*= (lhs: inout Int256, rhs: Int256) { lhs = lhs &* rhs }

    /// `−self`, and whether it overflowed (only for `min`, which negates to itself).
    @inlinable @inline(__always)
    public func negatedReportingOverflow() -> (partialValue: Int256, overflow: Bool) {
        (Int256(bitPattern: .zero &- bits), self == .min)
    }

    /// Negates in place; traps for `min`.
    @inlinable
    public mutating func negate() {
        let (negated, overflow) = negatedReportingOverflow()
        precondition(!overflow, "Int256 negation overflowed")
        self = negated
    }
}
