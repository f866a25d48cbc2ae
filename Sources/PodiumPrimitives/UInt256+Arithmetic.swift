/// 1 when `condition` holds, else 0, without a branch: a Bool is one byte holding 0 or 1. (Converting with `? 1 : 0`
/// lets the optimizer turn carry chains into jumps; this form becomes `adc`/`sbb`.)
@inlinable @inline(__always)
func oneIf(_ condition: Bool) -> UInt64 {
    UInt64(unsafeBitCast(condition, to: UInt8.self))
}

/// `a + b + carry` and the carry out, for chaining limb additions; `carry` is 0 or 1.
@inlinable @inline(__always)
func addingWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (sum: UInt64, carry: UInt64) {
    let (partial, overflow1) = a.addingReportingOverflow(b)
    let (sum, overflow2) = partial.addingReportingOverflow(carry)
    return (sum, oneIf(overflow1) | oneIf(overflow2))
}

/// `a − b − borrow` and the borrow out, for chaining limb subtractions; `borrow` is 0 or 1.
@inlinable @inline(__always)
func subtractingWithBorrow(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (difference: UInt64, borrow: UInt64) {
    let (partial, overflow1) = a.subtractingReportingOverflow(b)
    let (difference, overflow2) = partial.subtractingReportingOverflow(borrow)
    return (difference, oneIf(overflow1) | oneIf(overflow2))
}

/// `a · b + c + d` as two limbs; it cannot overflow 128 bits.
@inlinable @inline(__always)
func multiplyingAdding(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (high: UInt64, low: UInt64) {
    let (high, low) = a.multipliedFullWidth(by: b)
    let (sum, carry) = addingWithCarry(low, c, 0)
    let (total, carry2) = addingWithCarry(sum, d, 0)
    return (high &+ carry &+ carry2, total)
}

extension UInt256 {
    /// `self + rhs` modulo 2²⁵⁶, and whether it wrapped.
    @inlinable @inline(__always)
    public func addingReportingOverflow(_ rhs: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let (sum0, carry0) = addingWithCarry(limb0, rhs.limb0, 0)
        let (sum1, carry1) = addingWithCarry(limb1, rhs.limb1, carry0)
        let (sum2, carry2) = addingWithCarry(limb2, rhs.limb2, carry1)
        let (sum3, carry3) = addingWithCarry(limb3, rhs.limb3, carry2)
        return (UInt256(limbs: sum0, sum1, sum2, sum3), carry3 != 0)
    }

    /// `self − rhs` modulo 2²⁵⁶, and whether it wrapped (`rhs > self`).
    @inlinable @inline(__always)
    public func subtractingReportingOverflow(_ rhs: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let (difference0, borrow0) = subtractingWithBorrow(limb0, rhs.limb0, 0)
        let (difference1, borrow1) = subtractingWithBorrow(limb1, rhs.limb1, borrow0)
        let (difference2, borrow2) = subtractingWithBorrow(limb2, rhs.limb2, borrow1)
        let (difference3, borrow3) = subtractingWithBorrow(limb3, rhs.limb3, borrow2)
        return (UInt256(limbs: difference0, difference1, difference2, difference3), borrow3 != 0)
    }

    /// The low 256 bits of `self · rhs`: schoolbook, computing only the partial products that land below 2²⁵⁶.
    @inlinable @inline(__always)
    func multipliedLow(by rhs: UInt256) -> UInt256 {
        let (a0, a1, a2, a3) = (limb0, limb1, limb2, limb3)
        let (b0, b1, b2, b3) = (rhs.limb0, rhs.limb1, rhs.limb2, rhs.limb3)
        // Row 0: a · b0.
        var (carry, r0) = a0.multipliedFullWidth(by: b0)
        var r1: UInt64, r2: UInt64
        (carry, r1) = multiplyingAdding(a1, b0, carry, 0)
        (carry, r2) = multiplyingAdding(a2, b0, carry, 0)
        var r3 = a3 &* b0 &+ carry
        // Row 1: a · b1, one limb up.
        (carry, r1) = multiplyingAdding(a0, b1, r1, 0)
        (carry, r2) = multiplyingAdding(a1, b1, r2, carry)
        r3 = r3 &+ a2 &* b1 &+ carry
        // Row 2: a · b2, two limbs up.
        (carry, r2) = multiplyingAdding(a0, b2, r2, 0)
        r3 = r3 &+ a1 &* b2 &+ carry
        // Row 3: a · b3, only its low limb stays.
        r3 = r3 &+ a0 &* b3
        return UInt256(limbs: r0, r1, r2, r3)
    }

    /// `self · multiplier + addend` modulo 2²⁵⁶, and the limb carried out above 2²⁵⁶.
    @inline(__always)
    func multipliedAdding(_ multiplier: UInt64, _ addend: UInt64) -> (value: UInt256, carry: UInt64) {
        let (carry0, r0) = multiplyingAdding(limb0, multiplier, addend, 0)
        let (carry1, r1) = multiplyingAdding(limb1, multiplier, carry0, 0)
        let (carry2, r2) = multiplyingAdding(limb2, multiplier, carry1, 0)
        let (carry3, r3) = multiplyingAdding(limb3, multiplier, carry2, 0)
        return (UInt256(limbs: r0, r1, r2, r3), carry3)
    }

    /// The full 512-bit product `self · other`.
    @inlinable
    public func multipliedFullWidth(by other: UInt256) -> (high: UInt256, low: UInt256) {
        let (a0, a1, a2, a3) = (limb0, limb1, limb2, limb3)
        let (b0, b1, b2, b3) = (other.limb0, other.limb1, other.limb2, other.limb3)
        var r0, r1, r2, r3, r4, r5, r6, r7, carry: UInt64
        (carry, r0) = a0.multipliedFullWidth(by: b0)
        (carry, r1) = multiplyingAdding(a1, b0, carry, 0)
        (carry, r2) = multiplyingAdding(a2, b0, carry, 0)
        (r4, r3) = multiplyingAdding(a3, b0, carry, 0)

        (carry, r1) = multiplyingAdding(a0, b1, r1, 0)
        (carry, r2) = multiplyingAdding(a1, b1, r2, carry)
        (carry, r3) = multiplyingAdding(a2, b1, r3, carry)
        (r5, r4) = multiplyingAdding(a3, b1, r4, carry)

        (carry, r2) = multiplyingAdding(a0, b2, r2, 0)
        (carry, r3) = multiplyingAdding(a1, b2, r3, carry)
        (carry, r4) = multiplyingAdding(a2, b2, r4, carry)
        (r6, r5) = multiplyingAdding(a3, b2, r5, carry)

        (carry, r3) = multiplyingAdding(a0, b3, r3, 0)
        (carry, r4) = multiplyingAdding(a1, b3, r4, carry)
        (carry, r5) = multiplyingAdding(a2, b3, r5, carry)
        (r7, r6) = multiplyingAdding(a3, b3, r6, carry)
        return (UInt256(limbs: r4, r5, r6, r7), UInt256(limbs: r0, r1, r2, r3))
    }

    /// The low 256 bits of `self · rhs`, and whether the product needed more.
    @inlinable
    public func multipliedReportingOverflow(by rhs: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let (high, low) = multipliedFullWidth(by: rhs)
        return (low, high != .zero)
    }

    /// `lhs + rhs`; traps on overflow.
    @inlinable @inline(__always)
    public static func + (lhs: UInt256, rhs: UInt256) -> UInt256 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        precondition(!overflow, "UInt256 addition overflowed")
        return sum
    }

    /// `lhs − rhs`; traps when `rhs > lhs`.
    @inlinable @inline(__always)
    public static func - (lhs: UInt256, rhs: UInt256) -> UInt256 {
        let (difference, overflow) = lhs.subtractingReportingOverflow(rhs)
        precondition(!overflow, "UInt256 subtraction overflowed")
        return difference
    }

    /// `lhs · rhs`; traps on overflow.
    @inlinable
    public static func * (lhs: UInt256, rhs: UInt256) -> UInt256 {
        let (product, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        precondition(!overflow, "UInt256 multiplication overflowed")
        return product
    }

    /// `lhs + rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &+ (lhs: UInt256, rhs: UInt256) -> UInt256 { lhs.addingReportingOverflow(rhs).partialValue }

    /// `lhs − rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &- (lhs: UInt256, rhs: UInt256) -> UInt256 {
        lhs.subtractingReportingOverflow(rhs).partialValue
    }

    /// `lhs · rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &* (lhs: UInt256, rhs: UInt256) -> UInt256 { lhs.multipliedLow(by: rhs) }

    /// Adds `rhs`; traps on overflow.
    @inlinable @inline(__always)
    public static func += (lhs: inout UInt256, rhs: UInt256) { lhs = lhs + rhs }

    /// Subtracts `rhs`; traps when `rhs > lhs`.
    @inlinable @inline(__always)
    public static func -= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs - rhs }

    /// Multiplies by `rhs`; traps on overflow.
    @inlinable
    public static func *= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs * rhs }

    /// Adds `rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &+= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs &+ rhs }

    /// Subtracts `rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &-= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs &- rhs }

    /// Multiplies by `rhs` modulo 2²⁵⁶.
    @inlinable @inline(__always)
    public static func &*= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs &* rhs }
}
