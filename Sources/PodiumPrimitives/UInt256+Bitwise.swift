extension UInt256 {
    /// Bitwise AND.
    @inlinable @inline(__always)
    public static func & (lhs: UInt256, rhs: UInt256) -> UInt256 {
        UInt256(limbs: lhs.limb0 & rhs.limb0, lhs.limb1 & rhs.limb1, lhs.limb2 & rhs.limb2, lhs.limb3 & rhs.limb3)
    }

    /// Bitwise OR.
    @inlinable @inline(__always)
    public static func | (lhs: UInt256, rhs: UInt256) -> UInt256 {
        UInt256(limbs: lhs.limb0 | rhs.limb0, lhs.limb1 | rhs.limb1, lhs.limb2 | rhs.limb2, lhs.limb3 | rhs.limb3)
    }

    /// Bitwise exclusive OR.
    @inlinable @inline(__always)
    public static func ^ (lhs: UInt256, rhs: UInt256) -> UInt256 {
        UInt256(limbs: lhs.limb0 ^ rhs.limb0, lhs.limb1 ^ rhs.limb1, lhs.limb2 ^ rhs.limb2, lhs.limb3 ^ rhs.limb3)
    }

    /// Every bit flipped.
    @inlinable @inline(__always)
    public static prefix func ~ (value: UInt256) -> UInt256 {
        UInt256(limbs: ~value.limb0, ~value.limb1, ~value.limb2, ~value.limb3)
    }

    /// ANDs with `rhs` in place.
    @inlinable @inline(__always)
    public static func &= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs & rhs }

    /// ORs with `rhs` in place.
    @inlinable @inline(__always)
    public static func |= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs | rhs }

    /// Exclusive-ORs with `rhs` in place.
    @inlinable @inline(__always)
    public static func ^= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs ^ rhs }
}

extension UInt256 {
    /// `self · 2ⁿ` modulo 2²⁵⁶ for 0 ≤ n < 256.
    @inlinable @inline(__always)
    func shiftedLeft(within256 n: Int) -> UInt256 {
        let bits = UInt64(truncatingIfNeeded: n & 63)
        // `(x &>> 1) &>> (63 − bits)` is `x >> (64 − bits)`, and 0 when bits is 0.
        let low0 = limb0 &<< bits
        let low1 = (limb1 &<< bits) | ((limb0 &>> 1) &>> (63 &- bits))
        let low2 = (limb2 &<< bits) | ((limb1 &>> 1) &>> (63 &- bits))
        let low3 = (limb3 &<< bits) | ((limb2 &>> 1) &>> (63 &- bits))
        switch n >> 6 {
        case 0: return UInt256(limbs: low0, low1, low2, low3)
        case 1: return UInt256(limbs: 0, low0, low1, low2)
        case 2: return UInt256(limbs: 0, 0, low0, low1)
        default: return UInt256(limbs: 0, 0, 0, low0)
        }
    }

    /// `self / 2ⁿ` for 0 ≤ n < 256, with `fill` (0 or all ones) shifted in from the top.
    @inlinable @inline(__always)
    func shiftedRight(within256 n: Int, fill: UInt64) -> UInt256 {
        let bits = UInt64(truncatingIfNeeded: n & 63)
        let high3 = (limb3 &>> bits) | ((fill &<< 1) &<< (63 &- bits))
        let high2 = (limb2 &>> bits) | ((limb3 &<< 1) &<< (63 &- bits))
        let high1 = (limb1 &>> bits) | ((limb2 &<< 1) &<< (63 &- bits))
        let high0 = (limb0 &>> bits) | ((limb1 &<< 1) &<< (63 &- bits))
        switch n >> 6 {
        case 0: return UInt256(limbs: high0, high1, high2, high3)
        case 1: return UInt256(limbs: high1, high2, high3, fill)
        case 2: return UInt256(limbs: high2, high3, fill, fill)
        default: return UInt256(limbs: high3, fill, fill, fill)
        }
    }

    /// `lhs` shifted left by `rhs` bits (right when negative); 0 once the shift reaches 256.
    @inlinable
    public static func << (lhs: UInt256, rhs: Int) -> UInt256 {
        if rhs < 0 { return lhs >> (rhs == .min ? Int.max : -rhs) }
        return rhs < 256 ? lhs.shiftedLeft(within256: rhs) : .zero
    }

    /// `lhs` shifted right by `rhs` bits (left when negative); 0 once the shift reaches 256.
    @inlinable
    public static func >> (lhs: UInt256, rhs: Int) -> UInt256 {
        if rhs < 0 { return lhs << (rhs == .min ? Int.max : -rhs) }
        return rhs < 256 ? lhs.shiftedRight(within256: rhs, fill: 0) : .zero
    }

    /// `lhs` shifted left by `rhs` bits (right when negative); 0 once the shift reaches 256.
    @inlinable
    public static func << <RHS: BinaryInteger>(lhs: UInt256, rhs: RHS) -> UInt256 { lhs << Int(clamping: rhs) }

    /// `lhs` shifted right by `rhs` bits (left when negative); 0 once the shift reaches 256.
    @inlinable
    public static func >> <RHS: BinaryInteger>(lhs: UInt256, rhs: RHS) -> UInt256 { lhs >> Int(clamping: rhs) }

    /// Shifts left by `rhs` bits in place.
    @inlinable
    public static func <<= <RHS: BinaryInteger>(lhs: inout UInt256, rhs: RHS) { lhs = lhs << rhs }

    /// Shifts right by `rhs` bits in place.
    @inlinable
    public static func >>= <RHS: BinaryInteger>(lhs: inout UInt256, rhs: RHS) { lhs = lhs >> rhs }

    /// `lhs` shifted left by `rhs` modulo 256 bits.
    @inlinable @inline(__always)
    public static func &<< (lhs: UInt256, rhs: UInt256) -> UInt256 {
        lhs.shiftedLeft(within256: Int(truncatingIfNeeded: rhs.limb0 & 255))
    }

    /// `lhs` shifted right by `rhs` modulo 256 bits.
    @inlinable @inline(__always)
    public static func &>> (lhs: UInt256, rhs: UInt256) -> UInt256 {
        lhs.shiftedRight(within256: Int(truncatingIfNeeded: rhs.limb0 & 255), fill: 0)
    }

    /// `lhs` shifted left by `rhs` modulo 256 bits.
    @inlinable @inline(__always)
    public static func &<< (lhs: UInt256, rhs: Int) -> UInt256 { lhs.shiftedLeft(within256: rhs & 255) }

    /// `lhs` shifted right by `rhs` modulo 256 bits.
    @inlinable @inline(__always)
    public static func &>> (lhs: UInt256, rhs: Int) -> UInt256 { lhs.shiftedRight(within256: rhs & 255, fill: 0) }
}
