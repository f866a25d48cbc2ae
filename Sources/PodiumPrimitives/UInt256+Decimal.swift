// Decimal text: parsing eight digits at a time with SWAR arithmetic on one 64-bit load, and formatting by splitting
// the value into 19-digit chunks (divisions by 10¹⁹ through its precomputed reciprocal, no hardware divide).

/// "00" "01" … "99": two ASCII digits for each value below 100.
private let digitPairs: StaticString = """
    0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849\
    5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899
    """

/// 10¹⁹, the largest power of ten below 2⁶⁴; its top bit is set, so it is already a normalized divisor.
private let tenToThe19: UInt64 = 10_000_000_000_000_000_000

/// `reciprocal(of: tenToThe19)`.
private let tenToThe19Reciprocal: UInt64 = 15_581_492_618_384_294_730

/// The most decimal digits a `UInt256` can need (2²⁵⁶ − 1 has 78).
let maximumDecimalDigits = 78

extension UInt256 {
    /// The value of the decimal digits `text[start...]` (leading zeros allowed; at least one digit). Offsets in
    /// errors count from the start of `text`.
    static func parseDecimal(_ text: UnsafeBufferPointer<UInt8>, from start: Int) throws(IntegerParseError) -> UInt256 {
        let base = text.baseAddress!, end = text.count
        var i = start
        while i < end && base[i] == UInt8(ascii: "0") { i += 1 }
        if end - i > maximumDecimalDigits {
            if let bad = (i..<end).first(where: { !isDecimalDigit(base[$0]) }) {
                throw .invalidCharacter(in: text, at: bad)
            }
            throw .overflow
        }
        // The first (count mod 8) digits one at a time, then blocks of eight: 16 per multiply-add.
        var head: UInt64 = 0
        for j in i..<(i + (end - i) % 8) {
            let digit = base[j] &- UInt8(ascii: "0")
            guard digit < 10 else { throw .invalidCharacter(in: text, at: j) }
            head = head &* 10 &+ UInt64(digit)
        }
        i += (end - i) % 8
        var value = UInt256(head), carry: UInt64 = 0
        while end - i >= 16 {
            let high = try eightDigits(text, at: i), low = try eightDigits(text, at: i + 8)
            (value, carry) = value.multipliedAdding(10_000_000_000_000_000, high &* 100_000_000 &+ low)
            guard carry == 0 else { throw .overflow }
            i += 16
        }
        if i < end {
            (value, carry) = value.multipliedAdding(100_000_000, try eightDigits(text, at: i))
            guard carry == 0 else { throw .overflow }
        }
        return value
    }

    /// True for the ASCII digits 0–9.
    @inline(__always)
    static func isDecimalDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// The value of the eight decimal digits at `text[offset..<offset + 8]`, converted in parallel within one
    /// 64-bit word (the digit-pair method of Lemire, "Fast float parsing in practice", 2021).
    @inline(__always)
    static func eightDigits(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) throws(IntegerParseError) -> UInt64 {
        let chunk = UInt64(littleEndian: UnsafeRawPointer(text.baseAddress! + offset).loadUnaligned(as: UInt64.self))
        // Every byte is 0x30…0x39 exactly when its high nibble is 3 and adding 6 keeps it 3.
        let highNibbles = chunk & 0xF0F0_F0F0_F0F0_F0F0
        let highNibblesPlus6 = (chunk &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
        guard highNibbles | (highNibblesPlus6 >> 4) == 0x3333_3333_3333_3333 else {
            let bad = (offset..<(offset + 8)).first { !isDecimalDigit(text[$0]) }!
            throw .invalidCharacter(in: text, at: bad)
        }
        var value = chunk &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value >> 8)  // each even byte now holds a two-digit pair
        let pairs02 = (value & 0x0000_00FF_0000_00FF) &* (100 + (1_000_000 << 32))
        let pairs13 = ((value >> 16) & 0x0000_00FF_0000_00FF) &* (1 + (10_000 << 32))
        return (pairs02 &+ pairs13) >> 32
    }

    /// The decimal digits of the value, most significant first, without leading zeros ("0" for zero).
    @usableFromInline
    var decimalString: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumDecimalDigits) { buffer in
            let end = buffer.baseAddress! + maximumDecimalDigits
            var start = end, value = self
            while !value.fitsInUInt64 {
                let (quotient, chunk) = value.dividedByTenToThe19()
                start -= 19
                writeNineteenDigits(chunk, to: start)
                value = quotient
            }
            start = writeDigits(value.limb0, endingAt: start)
            return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
    }

    /// `self / 10¹⁹` and `self % 10¹⁹`.
    @inline(__always)
    func dividedByTenToThe19() -> (quotient: UInt256, remainder: UInt64) {
        var q0: UInt64, q1: UInt64 = 0, q2: UInt64 = 0, q3: UInt64 = 0, r: UInt64 = 0
        let (d, v) = (tenToThe19, tenToThe19Reciprocal)
        if limb3 != 0 { (q3, r) = dividingTwoLimbs(r, limb3, by: d, reciprocal: v) }
        if limb3 | limb2 != 0 { (q2, r) = dividingTwoLimbs(r, limb2, by: d, reciprocal: v) }
        (q1, r) = dividingTwoLimbs(r, limb1, by: d, reciprocal: v)
        (q0, r) = dividingTwoLimbs(r, limb0, by: d, reciprocal: v)
        return (UInt256(limbs: q0, q1, q2, q3), r)
    }
}

/// Writes the two digits of `value` (< 100) at `destination`.
@inline(__always)
private func writePair(_ value: UInt64, to destination: UnsafeMutablePointer<UInt8>) {
    let pair = UnsafeRawPointer(digitPairs.utf8Start + Int(truncatingIfNeeded: value) &* 2).loadUnaligned(as: UInt16.self)
    UnsafeMutableRawPointer(destination).storeBytes(of: pair, as: UInt16.self)
}

/// Writes exactly eight digits of `value` (< 10⁸), with leading zeros, at `destination`, two at a time.
@inline(__always)
private func writeEightDigits(_ value: UInt64, to destination: UnsafeMutablePointer<UInt8>) {
    let (high, low) = (value / 10_000, value % 10_000)
    writePair(high / 100, to: destination)
    writePair(high % 100, to: destination + 2)
    writePair(low / 100, to: destination + 4)
    writePair(low % 100, to: destination + 6)
}

/// Writes exactly nineteen digits of `value` (< 10¹⁹), with leading zeros, at `destination`.
@inline(__always)
private func writeNineteenDigits(_ value: UInt64, to destination: UnsafeMutablePointer<UInt8>) {
    let (top, rest) = (value / 10_000_000_000_000_000, value % 10_000_000_000_000_000)
    destination[0] = UInt8(truncatingIfNeeded: top / 100) &+ UInt8(ascii: "0")
    writePair(top % 100, to: destination + 1)
    writeEightDigits(rest / 100_000_000, to: destination + 3)
    writeEightDigits(rest % 100_000_000, to: destination + 11)
}

/// Writes the digits of `value` without leading zeros (one digit for zero) just before `end`; returns their start.
@inline(__always)
private func writeDigits(_ value: UInt64, endingAt end: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
    var value = value, start = end
    while value >= 100 {
        start -= 2
        writePair(value % 100, to: start)
        value /= 100
    }
    if value >= 10 {
        start -= 2
        writePair(value, to: start)
    } else {
        start -= 1
        start[0] = UInt8(truncatingIfNeeded: value) &+ UInt8(ascii: "0")
    }
    return start
}
