import CGMP

// The EVM's modular and power operations (Yellow Paper, appendix H.2: ADDMOD, MULMOD, EXP), plus modular power.

extension UInt256 {
    /// `(a + b) mod m` computed on the full 257-bit sum, as the EVM's ADDMOD; 0 when `m` is 0.
    public static func addmod(_ a: UInt256, _ b: UInt256, _ m: UInt256) -> UInt256 {
        if m == .zero { return .zero }
        let (sum, carry) = a.addingReportingOverflow(b)
        if !carry { return sum.divided(byNonzero: m).remainder }
        return dividingWide(UInt256(1), sum, by: m).remainder
    }

    /// `(a · b) mod m` computed on the full 512-bit product, as the EVM's MULMOD; 0 when `m` is 0.
    public static func mulmod(_ a: UInt256, _ b: UInt256, _ m: UInt256) -> UInt256 {
        if m == .zero { return .zero }
        let (high, low) = a.multipliedFullWidth(by: b)
        if high == .zero { return low.divided(byNonzero: m).remainder }
        return dividingWide(high, low, by: m).remainder
    }

    /// `baseᵉˣᵖᵒⁿᵉⁿᵗ mod modulus`; 0 when `modulus` is 0. Odd moduli go to GMP's Montgomery exponentiation
    /// (`mpn_sec_powm`, about three times faster here), even ones to square-and-multiply over full-width products.
    public static func pow(_ base: UInt256, _ exponent: UInt256, modulo modulus: UInt256) -> UInt256 {
        if modulus == .zero { return .zero }
        if exponent == .zero { return UInt256(1).divided(byNonzero: modulus).remainder }
        let base = base.divided(byNonzero: modulus).remainder
        if base == .zero { return .zero }
        if modulus.limb0 & 1 == 1 { return montgomeryPower(base, exponent, modulo: modulus) }
        var result = base
        for bit in stride(from: 254 - exponent.leadingZeroBitCount, through: 0, by: -1) {
            result = mulmod(result, result, modulus)
            if exponent.bit(bit) { result = mulmod(result, base, modulus) }
        }
        return result
    }

    /// `baseᵉˣᵖᵒⁿᵉⁿᵗ mod modulus` by `mpn_sec_powm`, for an odd modulus, 0 < base < modulus and exponent > 0.
    private static func montgomeryPower(_ base: UInt256, _ exponent: UInt256, modulo modulus: UInt256) -> UInt256 {
        let n = modulus.significantLimbCount, exponentBits = 256 - exponent.leadingZeroBitCount
        let scratch = Int(__gmpn_sec_powm_itch(n, mp_bitcnt_t(exponentBits), n))
        return withUnsafeTemporaryAllocation(of: mp_limb_t.self, capacity: 16 + scratch) { buffer in
            let result = buffer.baseAddress!, b = result + 4, e = result + 8, m = result + 12
            func store(_ value: UInt256, at limbs: UnsafeMutablePointer<mp_limb_t>) {
                (limbs[0], limbs[1], limbs[2], limbs[3]) =
                    (mp_limb_t(value.limb0), mp_limb_t(value.limb1), mp_limb_t(value.limb2), mp_limb_t(value.limb3))
            }
            store(base, at: b)
            store(exponent, at: e)
            store(modulus, at: m)
            __gmpn_sec_powm(result, b, n, e, mp_bitcnt_t(exponentBits), m, n, result + 16)
            return UInt256(limbs: UInt64(result[0]), n > 1 ? UInt64(result[1]) : 0,
                           n > 2 ? UInt64(result[2]) : 0, n > 3 ? UInt64(result[3]) : 0)
        }
    }

    /// `baseᵉˣᵖᵒⁿᵉⁿᵗ` modulo 2²⁵⁶, as the EVM's EXP.
    public static func exp(_ base: UInt256, _ exponent: UInt256) -> UInt256 {
        var result = UInt256(1), square = base, exponent = exponent
        while exponent != .zero {
            if exponent.limb0 & 1 == 1 { result &*= square }
            square &*= square
            exponent = exponent.shiftedRight(within256: 1, fill: 0)
        }
        return result
    }

    /// Bit `index` (0 is the least significant), for 0 ≤ index < 256.
    @inlinable @inline(__always)
    func bit(_ index: Int) -> Bool {
        limb(index >> 6) >> UInt64(index & 63) & 1 == 1
    }
}
