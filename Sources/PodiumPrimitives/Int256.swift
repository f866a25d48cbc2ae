/// A signed 256-bit integer in two's complement: the EVM's `int256`.
///
/// The same four inline limbs as `UInt256`, read as two's complement; it behaves like Swift's signed fixed-width
/// integers (trapping `+ - * /`, wrapping `&+ &- &*`, `…ReportingOverflow`, arithmetic `>>`).
public struct Int256: Sendable {
    /// The two's complement bit pattern.
    @usableFromInline var bits: UInt256

    /// The integer whose two's complement bits are `bits`.
    @inlinable @inline(__always)
    public init(bitPattern bits: UInt256) {
        self.bits = bits
    }

    /// The value of a 64-bit signed integer.
    @inlinable @inline(__always)
    public init(_ value: Int64) {
        let fill = UInt64(bitPattern: value >> 63)
        self.init(bitPattern: UInt256(limbs: UInt64(bitPattern: value), fill, fill, fill))
    }

    /// Zero.
    @inlinable
    public static var zero: Int256 { Int256(bitPattern: .zero) }

    /// True when the value is below zero (its top bit is set).
    @inlinable @inline(__always)
    var isNegative: Bool { bits.limb3 >> 63 == 1 }

    /// The top limb's sign spread over a whole limb: all ones when negative, else zero.
    @inlinable @inline(__always)
    var signFill: UInt64 { UInt64(bitPattern: Int64(bitPattern: bits.limb3) >> 63) }

    /// `magnitude` with the sign applied: `−m` when `negative` (modulo 2²⁵⁶), else `m`.
    @inlinable @inline(__always)
    static func signed(_ magnitude: UInt256, negative: Bool) -> Int256 {
        Int256(bitPattern: negative ? UInt256.zero &- magnitude : magnitude)
    }
}

extension UInt256 {
    /// The two's complement bits of `value`, read as unsigned.
    @inlinable @inline(__always)
    public init(bitPattern value: Int256) {
        self = value.bits
    }
}

extension Int256: Hashable {
    /// True when the bit patterns are equal.
    @inlinable @inline(__always)
    public static func == (lhs: Int256, rhs: Int256) -> Bool { lhs.bits == rhs.bits }

    /// Feeds the bit pattern to `hasher`.
    public func hash(into hasher: inout Hasher) { hasher.combine(bits) }
}

extension Int256: Comparable {
    /// True when `lhs` is below `rhs` in signed order.
    @inlinable @inline(__always)
    public static func < (lhs: Int256, rhs: Int256) -> Bool {
        // Flipping the sign bits maps two's complement order onto unsigned order.
        let flip = UInt256(limbs: 0, 0, 0, 1 << 63)
        return lhs.bits ^ flip < rhs.bits ^ flip
    }
}

extension Int256: ExpressibleByIntegerLiteral {
    /// A literal of any size from −2²⁵⁵ to 2²⁵⁵ − 1.
    @inlinable
    public init(integerLiteral value: StaticBigInt) {
        precondition(value.bitWidth <= 256, "integer literal does not fit in Int256")
        self.init(bitPattern: UInt256(
            limbs: UInt64(value[0]), UInt64(value[1]), UInt64(value[2]), UInt64(value[3])))
    }
}

extension Int256: FixedWidthInteger, SignedInteger {
    /// 256.
    @inlinable
    public static var bitWidth: Int { 256 }

    /// 2²⁵⁵ − 1.
    @inlinable
    public static var max: Int256 { Int256(bitPattern: UInt256(limbs: .max, .max, .max, UInt64(Int64.max))) }

    /// −2²⁵⁵.
    @inlinable
    public static var min: Int256 { Int256(bitPattern: UInt256(limbs: 0, 0, 0, 1 << 63)) }

    /// The value of the low word of `bits`, zero-extended (the hook Swift's generic integer conversions use).
    @inlinable @inline(__always)
    public init(_truncatingBits bits: UInt) {
        self.init(bitPattern: UInt256(_truncatingBits: bits))
    }

    /// The number of zero bits above the highest one bit of the two's complement pattern.
    @inlinable
    public var leadingZeroBitCount: Int { bits.leadingZeroBitCount }

    /// The number of zero bits below the lowest one bit (256 for zero).
    @inlinable
    public var trailingZeroBitCount: Int { bits.trailingZeroBitCount }

    /// The number of one bits in the two's complement pattern.
    @inlinable
    public var nonzeroBitCount: Int { bits.nonzeroBitCount }

    /// The value with its 32 bytes in reverse order.
    @inlinable
    public var byteSwapped: Int256 { Int256(bitPattern: bits.byteSwapped) }

    /// The absolute value, as unsigned (so that of `min` fits).
    @inlinable
    public var magnitude: UInt256 { isNegative ? .zero &- bits : bits }

    /// The two's complement limbs as machine words, least significant first.
    @inlinable
    public var words: UInt256.Words { bits.words }
}
