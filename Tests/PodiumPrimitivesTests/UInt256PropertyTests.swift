import PodiumPrimitives
import PropertyBased
import Testing

/// Values of every length: a uniform 256-bit value (drawn through the standard library's generic
/// `random(in:using:)`, which exercises the FixedWidthInteger conformance) cut to a random bit length.
let anyUInt256 = zip(Gen<UInt256>.value(in: .min ... .max), Gen.int(in: 0...256)).map { value, bits in
    bits == 0 ? UInt256.zero : value >> (256 - bits)
}

/// Algebraic laws that must hold for every operand, checked on random values.
@Suite struct UInt256PropertyTests {
    @Test func additionAndSubtractionUndoEachOther() async {
        await propertyCheck(count: 300, input: anyUInt256, anyUInt256) { a, b in
            #expect((a &+ b) &- b == a)
            #expect((a &- b) &+ b == a)
            #expect(a.addingReportingOverflow(b).overflow == (a > UInt256.max &- b))
        }
    }

    @Test func multiplicationCommutesAndDistributes() async {
        await propertyCheck(count: 300, input: anyUInt256, anyUInt256, anyUInt256) { a, b, c in
            #expect(a &* b == b &* a)
            #expect(a &* (b &+ c) == a &* b &+ a &* c)
            #expect(a.multipliedFullWidth(by: b).low == a &* b)
        }
    }

    @Test func divisionRebuildsTheDividend() async {
        await propertyCheck(count: 300, input: anyUInt256, anyUInt256) { a, b in
            guard b != .zero else { return }
            let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
            #expect(remainder < b)
            #expect(quotient * b + remainder == a)
        }
    }

    @Test func fullWidthDivisionUndoesFullWidthMultiplication() async {
        await propertyCheck(count: 300, input: anyUInt256, anyUInt256, anyUInt256) { a, b, c in
            guard b != .zero else { return }
            let addend = c % b
            let (high, low) = a.multipliedFullWidth(by: b)
            let (sum, carry) = low.addingReportingOverflow(addend)
            let (quotient, remainder) = b.dividingFullWidth((carry ? high + UInt256(1) : high, sum))
            #expect(quotient == a && remainder == addend)
        }
    }

    @Test func mulmodAgreesWithReducingFirst() async {
        await propertyCheck(count: 300, input: anyUInt256, anyUInt256, anyUInt256) { a, b, m in
            guard m != .zero else { return }
            #expect(UInt256.mulmod(a, b, m) == UInt256.mulmod(a % m, b % m, m))
            #expect(UInt256.addmod(a, b, m) == UInt256.addmod(a % m, b % m, m))
        }
    }

    @Test func shiftsMoveBitsWithoutLosingThem() async {
        await propertyCheck(count: 300, input: anyUInt256, Gen.int(in: 0...256)) { a, n in
            #expect((a << n) >> n == a & (UInt256.max >> n))
            #expect((a >> n) << n == a & (UInt256.max << n))
            #expect(n == 256 || a >> n == a / (UInt256(1) << n))
        }
    }

    @Test func textAndBytesRoundTrip() async {
        await propertyCheck(count: 300, input: anyUInt256) { a throws in
            #expect(try UInt256(decimal: a.description) == a)
            #expect(try UInt256(hex: a.hexString) == a)
            #expect(UInt256(bigEndianBytes: a.bigEndianBytes) == a)
            #expect(UInt256(Bytes32(a)) == a)
            #expect(a.byteSwapped.byteSwapped == a)
        }
    }

    @Test func unitsRoundTripThroughText() async {
        await propertyCheck(count: 300, input: anyUInt256, Gen.int(in: 0...Units.maximumDecimals)) { value, decimals throws in
            #expect(try Units.parse(Units.format(value, decimals: decimals), decimals: decimals) == value)
        }
    }
}
