// Long division (Knuth, TAOCP vol. 2, 4.3.1, algorithm D) with every quotient digit estimated by multiplying with a
// reciprocal of the divisor's top limbs, computed once per division, instead of a hardware divide per digit (Möller
// & Granlund, "Improved division by invariant integers", IEEE Trans. Computers 60(2), 2011; arranged as in
// chfast/intx). The partial remainder stays in registers; only the dividend's limbs are read from memory.
// Measured against GMP's mpn_tdiv_qr on the same shapes, this is faster for every divisor length (the mpn call pays
// for its generality: normalization copies and scratch space), so no division here calls GMP.

/// ⌊(2¹²⁸ − 1) / d⌋ − 2⁶⁴ for a normalized `d` (top bit set): the reciprocal `dividingTwoLimbs` multiplies by.
@inlinable @inline(__always)
func reciprocal(of d: UInt64) -> UInt64 {
    d.dividingFullWidth((~d, .max)).quotient
}

/// The reciprocal of the normalized two-limb divisor `(d1, d0)` that `dividingThreeLimbs` multiplies by.
@inline(__always)
func reciprocal(of d1: UInt64, _ d0: UInt64) -> UInt64 {
    var v = reciprocal(of: d1)
    var p = d1 &* v &+ d0
    if p < d0 {
        v &-= 1
        if p >= d1 {
            v &-= 1
            p &-= d1
        }
        p &-= d1
    }
    let (t1, t0) = v.multipliedFullWidth(by: d0)
    p &+= t1
    if p < t1 {
        v &-= 1
        if p >= d1 && (p > d1 || t0 >= d0) { v &-= 1 }
    }
    return v
}

/// `(u1, u0) / d` for a normalized `d` with `u1 < d`, given `v = reciprocal(of: d)`.
@inlinable @inline(__always)
func dividingTwoLimbs(
    _ u1: UInt64, _ u0: UInt64, by d: UInt64, reciprocal v: UInt64
) -> (quotient: UInt64, remainder: UInt64) {
    var (q1, q0) = v.multipliedFullWidth(by: u1)
    let carry: UInt64
    (q0, carry) = addingWithCarry(q0, u0, 0)
    q1 = q1 &+ u1 &+ carry &+ 1
    var r = u0 &- q1 &* d
    if r > q0 {
        q1 &-= 1
        r &+= d
    }
    if r >= d {
        q1 &+= 1
        r &-= d
    }
    return (q1, r)
}

/// `(u2, u1, u0) / (d1, d0)` for a normalized divisor with `(u2, u1) < (d1, d0)`, given
/// `v = reciprocal(of: d1, d0)`: one quotient limb and a two-limb remainder.
@inline(__always)
func dividingThreeLimbs(
    _ u2: UInt64, _ u1: UInt64, _ u0: UInt64, by d1: UInt64, _ d0: UInt64, reciprocal v: UInt64
) -> (quotient: UInt64, remainder1: UInt64, remainder0: UInt64) {
    var (q1, q0) = v.multipliedFullWidth(by: u2)
    var carry: UInt64, borrow: UInt64
    (q0, carry) = addingWithCarry(q0, u1, 0)
    q1 = q1 &+ u2 &+ carry
    let (t1, t0) = d0.multipliedFullWidth(by: q1)
    var r0: UInt64, r1 = u1 &- q1 &* d1
    (r0, borrow) = subtractingWithBorrow(u0, t0, 0)
    r1 = r1 &- t1 &- borrow
    (r0, borrow) = subtractingWithBorrow(r0, d0, 0)
    r1 = r1 &- d1 &- borrow
    q1 &+= 1
    if r1 >= q0 {
        q1 &-= 1
        (r0, carry) = addingWithCarry(r0, d0, 0)
        r1 = r1 &+ d1 &+ carry
    }
    if r1 > d1 || (r1 == d1 && r0 >= d0) {
        q1 &+= 1
        (r0, borrow) = subtractingWithBorrow(r0, d0, 0)
        r1 = r1 &- d1 &- borrow
    }
    return (q1, r1, r0)
}

/// Limb `i` of the `count`-limb number at `x` shifted left by `shift` bits (0 ≤ shift < 64), for 0 ≤ i ≤ count.
@inline(__always)
func shiftedLimb(_ x: UnsafePointer<UInt64>, count: Int, _ i: Int, by shift: UInt64) -> UInt64 {
    let high = i < count ? x[i] &<< shift : 0
    let low = i > 0 ? (x[i - 1] &>> 1) &>> (63 &- shift) : 0
    return high | low
}

/// `x / divisor` for the `count`-limb number at `x` (1 ≤ count ≤ 8) and a nonzero divisor: writes the quotient's
/// `count` limbs to `quotient` and returns the remainder.
@inline(__always)
func divideLimbs(
    _ x: UnsafePointer<UInt64>, count: Int, by divisor: UInt256, quotient q: UnsafeMutablePointer<UInt64>
) -> UInt256 {
    q.initialize(repeating: 0, count: count)
    switch divisor.significantLimbCount {
    case 1:
        // One limb: each digit is a two-by-one division, whose remainder is the next partial remainder.
        let shift = UInt64(truncatingIfNeeded: divisor.limb0.leadingZeroBitCount)
        let d = divisor.limb0 &<< shift
        let v = reciprocal(of: d)
        var r = shiftedLimb(x, count: count, count, by: shift)
        for i in stride(from: count - 1, through: 0, by: -1) {
            (q[i], r) = dividingTwoLimbs(r, shiftedLimb(x, count: count, i, by: shift), by: d, reciprocal: v)
        }
        return UInt256(r &>> shift)
    case 2:
        // Two limbs: each digit is a three-by-two division, whose remainder is the next partial remainder.
        let shift = UInt64(truncatingIfNeeded: divisor.limb1.leadingZeroBitCount)
        let d = divisor.shiftedLeft(within256: Int(shift))
        let v = reciprocal(of: d.limb1, d.limb0)
        var r1 = shiftedLimb(x, count: count, count, by: shift), r0 = shiftedLimb(x, count: count, count - 1, by: shift)
        for i in stride(from: count - 2, through: 0, by: -1) {
            (q[i], r1, r0) = dividingThreeLimbs(
                r1, r0, shiftedLimb(x, count: count, i, by: shift), by: d.limb1, d.limb0, reciprocal: v)
        }
        return UInt256(limbs: r0, r1, 0, 0).shiftedRight(within256: Int(shift), fill: 0)
    default:
        // Three or four limbs: scale the divisor to four full limbs (a three-limb divisor moves up one limb, so the
        // dividend gains a zero limb below) and take one Knuth step per digit.
        let limbShift = 4 - divisor.significantLimbCount
        let shift = UInt64(truncatingIfNeeded: divisor.limb(3 - limbShift).leadingZeroBitCount)
        let totalShift = 64 * limbShift + Int(shift)
        let d = divisor.shiftedLeft(within256: totalShift)
        let v = reciprocal(of: d.limb3, d.limb2)
        // Limb j of the scaled dividend; the top four start the partial remainder.
        func scaled(_ j: Int) -> UInt64 { j < limbShift ? 0 : shiftedLimb(x, count: count, j - limbShift, by: shift) }
        let top = count + limbShift
        var r = UInt256(limbs: scaled(top - 3), scaled(top - 2), scaled(top - 1), scaled(top))
        for j in stride(from: top - 4, through: 0, by: -1) {
            (q[j], r) = knuthStep(r, scaled(j), by: d, reciprocal: v)
        }
        return r.shiftedRight(within256: totalShift, fill: 0)
    }
}

/// One digit of long division by the normalized four-limb `d`: `(r · 2⁶⁴ + next) / d` for `r < d`, given
/// `v = reciprocal(of: d.limb3, d.limb2)`; returns the digit and the new partial remainder.
@inline(__always)
func knuthStep(
    _ r: UInt256, _ next: UInt64, by d: UInt256, reciprocal v: UInt64
) -> (digit: UInt64, remainder: UInt256) {
    if r.limb3 == d.limb3 && r.limb2 == d.limb2 {
        // The estimate would not fit a limb; the digit is then exactly 2⁶⁴ − 1 (Knuth's q̂ = b − 1 case).
        let window = UInt256(limbs: next, r.limb0, r.limb1, r.limb2)
        return (.max, window &- d.multipliedAdding(.max, 0).value)
    }
    var (digit, u3, u2) = dividingThreeLimbs(r.limb3, r.limb2, r.limb1, by: d.limb3, d.limb2, reciprocal: v)
    // Subtract digit · (d1, d0) from the two low limbs, then the borrow from the three-by-two remainder.
    let (high0, low0) = d.limb0.multipliedFullWidth(by: digit)
    let (high1, low1) = d.limb1.multipliedFullWidth(by: digit)
    var borrow: UInt64
    let u0: UInt64
    var u1: UInt64
    (u0, borrow) = subtractingWithBorrow(next, low0, 0)
    let (middle, middleCarry) = addingWithCarry(low1, high0, 0)
    (u1, borrow) = subtractingWithBorrow(r.limb0, middle, borrow)
    let spill = high1 &+ middleCarry &+ borrow
    (u2, borrow) = subtractingWithBorrow(u2, spill, 0)
    (u3, borrow) = subtractingWithBorrow(u3, 0, borrow)
    var remainder = UInt256(limbs: u0, u1, u2, u3)
    if borrow != 0 {
        // The estimate was one too large: add the divisor back.
        digit &-= 1
        remainder &+= d
    }
    return (digit, remainder)
}

extension UInt256 {
    /// `self / d` and `self % d` for a nonzero one-limb divisor: normalize, then four two-by-one divisions by the
    /// reciprocal, in registers (inlined into callers: this is the common case of dividing by a small constant).
    @inlinable
    func divided(byLimb d: UInt64) -> (quotient: UInt256, remainder: UInt256) {
        let shift = d.leadingZeroBitCount
        let normalized = d &<< UInt64(shift)
        let v = reciprocal(of: normalized)
        let u = shiftedLeft(within256: shift), spill = (limb3 &>> 1) &>> UInt64(63 &- shift)
        let (q3, r3) = dividingTwoLimbs(spill, u.limb3, by: normalized, reciprocal: v)
        let (q2, r2) = dividingTwoLimbs(r3, u.limb2, by: normalized, reciprocal: v)
        let (q1, r1) = dividingTwoLimbs(r2, u.limb1, by: normalized, reciprocal: v)
        let (q0, r0) = dividingTwoLimbs(r1, u.limb0, by: normalized, reciprocal: v)
        return (UInt256(limbs: q0, q1, q2, q3), UInt256(r0 &>> UInt64(shift)))
    }

    /// `self / divisor` and `self % divisor` for a nonzero divisor.
    @usableFromInline
    func divided(byNonzero divisor: UInt256) -> (quotient: UInt256, remainder: UInt256) {
        if divisor.fitsInUInt64 { return divided(byLimb: divisor.limb0) }
        if self < divisor { return (.zero, self) }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 8) { buffer in
            let x = buffer.baseAddress!, q = x + 4
            (x[0], x[1], x[2], x[3]) = limbs
            let remainder = divideLimbs(x, count: 4, by: divisor, quotient: q)
            return (UInt256(limbs: q[0], q[1], q[2], q[3]), remainder)
        }
    }

    /// The quotient and remainder of `(high · 2²⁵⁶ + low) / divisor` for a nonzero divisor, the quotient as 512 bits.
    static func dividingWide(
        _ high: UInt256, _ low: UInt256, by divisor: UInt256
    ) -> (quotient: (high: UInt256, low: UInt256), remainder: UInt256) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 16) { buffer in
            let x = buffer.baseAddress!, q = x + 8
            (x[0], x[1], x[2], x[3]) = low.limbs
            (x[4], x[5], x[6], x[7]) = high.limbs
            let count = high == .zero ? 4 : 4 + high.significantLimbCount
            let remainder = divideLimbs(x, count: count, by: divisor, quotient: q)
            (q + count).initialize(repeating: 0, count: 8 - count)
            return ((UInt256(limbs: q[4], q[5], q[6], q[7]), UInt256(limbs: q[0], q[1], q[2], q[3])), remainder)
        }
    }

    /// The quotient and remainder of `self / divisor` (truncating); traps when `divisor` is zero.
    @inlinable
    public func quotientAndRemainder(dividingBy divisor: UInt256) -> (quotient: UInt256, remainder: UInt256) {
        precondition(divisor != .zero, "UInt256 division by zero")
        if divisor.fitsInUInt64 {
            if fitsInUInt64 { return (UInt256(limb0 / divisor.limb0), UInt256(limb0 % divisor.limb0)) }
            return divided(byLimb: divisor.limb0)
        }
        return divided(byNonzero: divisor)
    }

    /// `self / rhs`, and `true` with `self` when `rhs` is zero.
    @inlinable
    public func dividedReportingOverflow(by rhs: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        rhs == .zero ? (self, true) : (quotientAndRemainder(dividingBy: rhs).quotient, false)
    }

    /// `self % rhs`, and `true` with `self` when `rhs` is zero.
    @inlinable
    public func remainderReportingOverflow(dividingBy rhs: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        rhs == .zero ? (self, true) : (quotientAndRemainder(dividingBy: rhs).remainder, false)
    }

    /// `lhs / rhs`, rounded toward zero; traps when `rhs` is zero.
    @inlinable
    public static func / (lhs: UInt256, rhs: UInt256) -> UInt256 { lhs.quotientAndRemainder(dividingBy: rhs).quotient }

    /// `lhs % rhs`; traps when `rhs` is zero.
    @inlinable
    public static func % (lhs: UInt256, rhs: UInt256) -> UInt256 {
        lhs.quotientAndRemainder(dividingBy: rhs).remainder
    }

    /// Divides by `rhs` in place; traps when `rhs` is zero.
    @inlinable
    public static func /= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs / rhs }

    /// Replaces the value with its remainder modulo `rhs`; traps when `rhs` is zero.
    @inlinable
    public static func %= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs % rhs }

    /// Divides the 512-bit `dividend` by `self`; traps when `self` is zero or the quotient needs more than 256 bits.
    public func dividingFullWidth(
        _ dividend: (high: UInt256, low: UInt256)
    ) -> (quotient: UInt256, remainder: UInt256) {
        precondition(self != .zero, "UInt256 division by zero")
        precondition(dividend.high < self, "UInt256 full-width division quotient overflowed")
        let (quotient, remainder) = UInt256.dividingWide(dividend.high, dividend.low, by: self)
        return (quotient.low, remainder)
    }
}
