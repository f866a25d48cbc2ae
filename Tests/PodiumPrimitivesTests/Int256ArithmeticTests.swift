import PodiumPrimitives
import Testing

@Suite struct Int256ArithmeticTests {
    let fixture: Int256Fixture

    init() throws { fixture = try Int256Fixture.shared.get() }

    @Test func arithmeticWrapsAndReportsOverflowLikePython() {
        fixture.expect("signedArithmetic", fixture.pairs, describe: describe, matching: {
            $0 + [$0[0], $0[2], $0[4], trapOr($0[1] == "1", $0[0]), trapOr($0[3] == "1", $0[2]),
                  trapOr($0[5] == "1", $0[4])]
        }) { a, b in
            let sum = a.addingReportingOverflow(b), difference = a.subtractingReportingOverflow(b)
            let product = a.multipliedReportingOverflow(by: b), full = a.multipliedFullWidth(by: b)
            let order = a < b ? "-1" : a == b ? "0" : "1"
            return [oracleHex(sum.partialValue), oracleFlag(sum.overflow),
                    oracleHex(difference.partialValue), oracleFlag(difference.overflow),
                    oracleHex(product.partialValue), oracleFlag(product.overflow),
                    oracleHex(full.high), oracleHex(full.low), order,
                    oracleHex(a &+ b), oracleHex(a &- b), oracleHex(a &* b),
                    trapOr(sum.overflow, oracleHex(a + b)), trapOr(difference.overflow, oracleHex(a - b)),
                    trapOr(product.overflow, oracleHex(a * b))]
        }
    }

    @Test func divisionTruncatesTowardZeroLikeSwift() {
        fixture.expect("signedDivmod", fixture.divisions, describe: describe, matching: {
            $0 + [trapOr($0[2] == "1", $0[0]), trapOr($0[2] == "1", $0[1])]
        }) { a, b in
            let (quotient, quotientOverflow) = a.dividedReportingOverflow(by: b)
            let (remainder, remainderOverflow) = a.remainderReportingOverflow(dividingBy: b)
            let overflow = quotientOverflow && remainderOverflow
            return [oracleHex(quotient), oracleHex(remainder), oracleFlag(overflow),
                    trapOr(overflow, oracleHex(a / b)), trapOr(overflow, oracleHex(a % b))]
        }
    }

    @Test func fullWidthDivisionMatchesPython() {
        fixture.expect("signedDivFull", fixture.wideDivisions,
                       describe: { "0x\(oracleHex($0.0)), 0x\(oracleHex($0.1)), 0x\(oracleHex($0.2))" }) { high, low, divisor in
            let (quotient, remainder) = divisor.dividingFullWidth((high, low))
            return [oracleHex(quotient), oracleHex(remainder)]
        }
    }

    @Test func shiftsAreArithmeticLikePython() {
        fixture.expect("signedShifts", fixture.shifts, describe: { "0x\(oracleHex($0.0)), \($0.1)" },
                       matching: { $0 + $0 }) { value, count in
            [oracleHex(value << count), oracleHex(value >> count), oracleHex(value >> -count),
             oracleHex(value << -count)]
        }
    }

    @Test func maskingShiftsUseTheCountModulo256() {
        let shifts = fixture.shifts.enumerated().filter { $0.element.1 < 256 }
        let answers = fixture.answers["signedShifts"]!
        expectAgreement("masking shifts", shifts.map(\.element), ["masking shifts": shifts.map { answers[$0.offset] }],
                        seed: fixture.seed, describe: { "0x\(oracleHex($0.0)), \($0.1)" }, matching: { $0 }) { value, count in
            let wrapped = Int256(Int64(count + 256 * Int.random(in: 0...3)))
            return [oracleHex(value &<< wrapped), oracleHex(value &>> wrapped)]
        }
    }

    @Test func divisionByZeroAndMinOverMinusOneAreReported() {
        let value: Int256 = -12345
        #expect(value.dividedReportingOverflow(by: 0) == (value, true))
        #expect(value.remainderReportingOverflow(dividingBy: 0) == (value, true))
        #expect(Int256.min.dividedReportingOverflow(by: -1) == (.min, true))
        #expect(Int256.min.remainderReportingOverflow(dividingBy: -1) == (0, true))
        #expect(Int256.min.negatedReportingOverflow() == (.min, true))
        var negated: Int256 = -7
        negated.negate()
        #expect(negated == 7 && -negated == -7)
    }
}
