extension Int256 {
    /// Bitwise AND of the two's complement patterns.
    @inlinable @inline(__always)
    public static func & (lhs: Int256, rhs: Int256) -> Int256 { Int256(bitPattern: lhs.bits & rhs.bits) }

    /// Bitwise OR of the two's complement patterns.
    @inlinable @inline(__always)
    public static func | (lhs: Int256, rhs: Int256) -> Int256 { Int256(bitPattern: lhs.bits | rhs.bits) }

    /// Bitwise exclusive OR of the two's complement patterns.
    @inlinable @inline(__always)
    public static func ^ (lhs: Int256, rhs: Int256) -> Int256 { Int256(bitPattern: lhs.bits ^ rhs.bits) }

    /// Every bit flipped (`−self − 1`).
    @inlinable @inline(__always)
    public static prefix func ~ (value: Int256) -> Int256 { Int256(bitPattern: ~value.bits) }

    /// ANDs with `rhs` in place.
    @inlinable @inline(__always)
    public static func &= (lhs: inout Int256, rhs: Int256) { lhs = lhs & rhs }

    /// ORs with `rhs` in place.
    @inlinable @inline(__always)
    public static func |= (lhs: inout Int256, rhs: Int256) { lhs = lhs | rhs }

    /// Exclusive-ORs with `rhs` in place.
    @inlinable @inline(__always)
    public static func ^= (lhs: inout Int256, rhs: Int256) { lhs = lhs ^ rhs }

    /// `lhs · 2ʳʰˢ` modulo 2²⁵⁶ (an arithmetic right shift when `rhs` is negative); 0 once the shift reaches 256.
    @inlinable
    public static func << (lhs: Int256, rhs: Int) -> Int256 {
        if rhs < 0 { return lhs >> (rhs == .min ? Int.max : -rhs) }
        return Int256(bitPattern: rhs < 256 ? lhs.bits.shiftedLeft(within256: rhs) : .zero)
    }

    /// `lhs / 2ʳʰˢ` rounded toward negative infinity (an arithmetic shift, filling with the sign bit; a left shift
    /// when `rhs` is negative); 0 or −1 once the shift reaches 256.
    @inlinable
    public static func >> (lhs: Int256, rhs: Int) -> Int256 {
        if rhs < 0 { return lhs << (rhs == .min ? Int.max : -rhs) }
        let fill = lhs.signFill
        if rhs >= 256 { return Int256(bitPattern: UInt256(limbs: fill, fill, fill, fill)) }
        return Int256(bitPattern: lhs.bits.shiftedRight(within256: rhs, fill: fill))
    }

    /// `lhs` shifted left by `rhs` bits (see `<<` with an `Int`).
    @inlinable
    public static func << <RHS: BinaryInteger>(lhs: Int256, rhs: RHS) -> Int256 { lhs << Int(clamping: rhs) }

    /// `lhs` shifted right arithmetically by `rhs` bits (see `>>` with an `Int`).
    @inlinable
    public static func >> <RHS: BinaryInteger>(lhs: Int256, rhs: RHS) -> Int256 { lhs >> Int(clamping: rhs) }

    /// Shifts left by `rhs` bits in place.
    @inlinable
    public static func <<= <RHS: BinaryInteger>(lhs: inout Int256, rhs: RHS) { lhs = lhs << rhs }

    /// Shifts right arithmetically by `rhs` bits in place.
    @inlinable
    public static func >>= <RHS: BinaryInteger>(lhs: inout Int256, rhs: RHS) { lhs = lhs >> rhs }

    /// `lhs` shifted left by `rhs` modulo 256 bits.
    @inlinable @inline(__always)
    public static func &<< (lhs: Int256, rhs: Int256) -> Int256 { Int256(bitPattern: lhs.bits &<< rhs.bits) }

    /// `lhs` shifted right arithmetically by `rhs` modulo 256 bits.
    @inlinable @inline(__always)
    public static func &>> (lhs: Int256, rhs: Int256) -> Int256 {
        let shift = Int(truncatingIfNeeded: rhs.bits.limb0 & 255)
        return Int256(bitPattern: lhs.bits.shiftedRight(within256: shift, fill: lhs.signFill))
    }
}
