/// An unsigned 256-bit integer: the EVM's word and every token amount.
///
/// Four 64-bit limbs held inline, least significant first, so a value never allocates. It behaves like Swift's own
/// fixed-width integers: `+`, `-`, `*`, `/` trap on overflow or division by zero, `&+`, `&-`, `&*` wrap, and the
/// `…ReportingOverflow` methods say what happened. Assumes a 64-bit platform (`UInt` is one limb).
public struct UInt256: Sendable {
    /// The limbs, least significant first: the value is `limb0 + limb1·2⁶⁴ + limb2·2¹²⁸ + limb3·2¹⁹²`.
    @usableFromInline var limb0, limb1, limb2, limb3: UInt64

    /// The value `limb0 + limb1·2⁶⁴ + limb2·2¹²⁸ + limb3·2¹⁹²` (least significant limb first).
    @inlinable @inline(__always)
    public init(limbs limb0: UInt64, _ limb1: UInt64, _ limb2: UInt64, _ limb3: UInt64) {
        (self.limb0, self.limb1, self.limb2, self.limb3) = (limb0, limb1, limb2, limb3)
    }

    /// The four 64-bit limbs, least significant first.
    @inlinable
    public var limbs: (UInt64, UInt64, UInt64, UInt64) { (limb0, limb1, limb2, limb3) }

    /// The value of a 64-bit unsigned integer.
    @inlinable @inline(__always)
    public init(_ value: UInt64) {
        self.init(limbs: value, 0, 0, 0)
    }

    /// Zero.
    @inlinable
    public static var zero: UInt256 { UInt256(limbs: 0, 0, 0, 0) }

    /// True when the value fits in the low limb.
    @inlinable @inline(__always)
    var fitsInUInt64: Bool { limb1 | limb2 | limb3 == 0 }

    /// How many limbs are significant (0 for zero).
    @inlinable @inline(__always)
    var significantLimbCount: Int {
        limb3 != 0 ? 4 : limb2 != 0 ? 3 : limb1 != 0 ? 2 : limb0 != 0 ? 1 : 0
    }
}

extension UInt256: Hashable {
    /// True when all four limbs are equal (compared without branches).
    @inlinable @inline(__always)
    public static func == (lhs: UInt256, rhs: UInt256) -> Bool {
        (lhs.limb0 ^ rhs.limb0) | (lhs.limb1 ^ rhs.limb1) | (lhs.limb2 ^ rhs.limb2) | (lhs.limb3 ^ rhs.limb3) == 0
    }

    /// Feeds the four limbs to `hasher`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(limb0)
        hasher.combine(limb1)
        hasher.combine(limb2)
        hasher.combine(limb3)
    }
}

extension UInt256: Comparable {
    /// True when `lhs` is below `rhs`: the borrow out of `lhs − rhs`, without branches.
    @inlinable @inline(__always)
    public static func < (lhs: UInt256, rhs: UInt256) -> Bool {
        lhs.subtractingReportingOverflow(rhs).overflow
    }
}

extension UInt256: ExpressibleByIntegerLiteral {
    /// A literal of any size up to 2²⁵⁶ − 1 (`let wei: UInt256 = 1_000_000_000_000_000_000_000`).
    @inlinable
    public init(integerLiteral value: StaticBigInt) {
        precondition(value.signum() >= 0 && value.bitWidth <= 257, "integer literal does not fit in UInt256")
        self.init(limbs: UInt64(value[0]), UInt64(value[1]), UInt64(value[2]), UInt64(value[3]))
    }
}

extension UInt256: FixedWidthInteger, UnsignedInteger {
    /// 256.
    @inlinable
    public static var bitWidth: Int { 256 }

    /// 2²⁵⁶ − 1.
    @inlinable
    public static var max: UInt256 { UInt256(limbs: .max, .max, .max, .max) }

    /// Zero.
    @inlinable
    public static var min: UInt256 { .zero }

    /// The value of the low word of `bits` (the hook Swift's generic integer conversions use).
    @inlinable @inline(__always)
    public init(_truncatingBits bits: UInt) {
        self.init(limbs: UInt64(bits), 0, 0, 0)
    }

    /// The number of zero bits above the highest one bit (256 for zero).
    @inlinable
    public var leadingZeroBitCount: Int {
        if limb3 != 0 { return limb3.leadingZeroBitCount }
        if limb2 != 0 { return 64 + limb2.leadingZeroBitCount }
        if limb1 != 0 { return 128 + limb1.leadingZeroBitCount }
        return 192 + limb0.leadingZeroBitCount
    }

    /// The number of zero bits below the lowest one bit (256 for zero).
    @inlinable
    public var trailingZeroBitCount: Int {
        if limb0 != 0 { return limb0.trailingZeroBitCount }
        if limb1 != 0 { return 64 + limb1.trailingZeroBitCount }
        if limb2 != 0 { return 128 + limb2.trailingZeroBitCount }
        return 192 + limb3.trailingZeroBitCount
    }

    /// The number of one bits.
    @inlinable
    public var nonzeroBitCount: Int {
        limb0.nonzeroBitCount + limb1.nonzeroBitCount + limb2.nonzeroBitCount + limb3.nonzeroBitCount
    }

    /// The value with its 32 bytes in reverse order.
    @inlinable
    public var byteSwapped: UInt256 {
        UInt256(limbs: limb3.byteSwapped, limb2.byteSwapped, limb1.byteSwapped, limb0.byteSwapped)
    }

    /// The value itself.
    @inlinable
    public var magnitude: UInt256 { self }

    /// The four limbs as machine words, least significant first.
    @inlinable
    public var words: Words { Words(value: self) }

    /// The limbs of a `UInt256` as a collection of machine words, least significant first.
    public struct Words: RandomAccessCollection, Sendable {
        /// The value whose limbs these are.
        @usableFromInline let value: UInt256

        /// The words of `value`.
        @inlinable
        init(value: UInt256) { self.value = value }

        /// 0.
        @inlinable public var startIndex: Int { 0 }
        /// 4.
        @inlinable public var endIndex: Int { 4 }

        /// Limb `position`, least significant first.
        @inlinable
        public subscript(position: Int) -> UInt {
            precondition(position >= 0 && position < 4, "UInt256.Words index out of range")
            return UInt(truncatingIfNeeded: value.limb(position))
        }
    }

    /// Limb `index` (0 is the least significant), for 0 ≤ index < 4.
    @inlinable @inline(__always)
    func limb(_ index: Int) -> UInt64 {
        switch index {
        case 0: limb0
        case 1: limb1
        case 2: limb2
        default: limb3
        }
    }
}
