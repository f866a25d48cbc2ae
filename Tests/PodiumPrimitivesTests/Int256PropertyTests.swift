import PodiumPrimitives
import PropertyBased
import Testing

/// Signed values of every length and both signs, drawn through the standard library's generic random integers.
let anyInt256 = zip(Gen<Int256>.value(in: .min ... .max), Gen.int(in: 1...256)).map { value, bits in
    value >> (256 - bits)
}

/// Algebraic laws of signed arithmetic, checked on random values.
@Suite struct Int256PropertyTests {
    @Test func additionAndSubtractionUndoEachOther() async {
        await propertyCheck(count: 300, input: anyInt256, anyInt256) { a, b in
            #expect((a &+ b) &- b == a)
            #expect(a &- b == a &+ (~b &+ 1))
        }
    }

    @Test func divisionTruncatesAndRebuildsTheDividend() async {
        await propertyCheck(count: 300, input: anyInt256, anyInt256) { a, b in
            guard b != .zero, a != .min || b != -1 else { return }
            let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
            #expect(quotient * b + remainder == a)
            #expect(remainder.magnitude < b.magnitude)
            #expect(remainder == .zero || (remainder < .zero) == (a < .zero))
            #expect((-a) / b == -(a / b) || a == .min)
        }
    }

    @Test func arithmeticShiftRightFloors() async {
        await propertyCheck(count: 300, input: anyInt256, Gen.int(in: 0...255)) { a, n in
            let power = Int256(1 as Int64) << n
            let shifted = a >> n
            // ⌊a / 2ⁿ⌋: truncation rounds negative quotients up, so step down when a remainder is left.
            let (quotient, remainder) = n == 255 ? ((a < .zero ? -1 : 0), a) : a.quotientAndRemainder(dividingBy: power)
            #expect(n == 255 || shifted == (remainder < .zero ? quotient - 1 : quotient))
            #expect(n < 255 || shifted == quotient)
        }
    }

    @Test func fullWidthProductDividesBackToTheFactor() async {
        await propertyCheck(count: 300, input: anyInt256, anyInt256) { a, b in
            guard b != .zero, a != .min || b != -1 else { return }
            let (quotient, remainder) = b.dividingFullWidth(a.multipliedFullWidth(by: b))
            #expect(quotient == a && remainder == .zero)
        }
    }

    @Test func textRoundTrips() async {
        await propertyCheck(count: 300, input: anyInt256, Gen.int(in: 0...Units.maximumDecimals)) { a, decimals throws in
            #expect(try Int256(decimal: a.description) == a)
            #expect(try Units.parseSigned(Units.format(a, decimals: decimals), decimals: decimals) == a)
        }
    }
}
