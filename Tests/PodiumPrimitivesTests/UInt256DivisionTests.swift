import PodiumPrimitives
import Testing

@Suite struct UInt256DivisionTests {
    let fixture: UInt256Fixture

    init() throws { fixture = try UInt256Fixture.shared.get() }

    @Test func quotientAndRemainderMatchPythonForEveryDivisorLength() {
        fixture.expect("divmod", fixture.divisions, describe: describe, matching: { $0 + $0 + $0 }) { a, b in
            let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
            let (reportedQuotient, quotientOverflow) = a.dividedReportingOverflow(by: b)
            let (reportedRemainder, remainderOverflow) = a.remainderReportingOverflow(dividingBy: b)
            var compound = (a, a)
            compound.0 /= b
            compound.1 %= b
            return [oracleHex(quotient), oracleHex(remainder),
                    oracleHex(quotientOverflow ? ~reportedQuotient : reportedQuotient),
                    oracleHex(remainderOverflow ? ~reportedRemainder : reportedRemainder),
                    oracleHex(a / b == compound.0 ? compound.0 : ~compound.0),
                    oracleHex(a % b == compound.1 ? compound.1 : ~compound.1)]
        }
    }

    @Test func everyDivisorShapeIsCovered() {
        let shapes = Set(fixture.divisions.map { _, divisor in (256 - divisor.leadingZeroBitCount + 63) / 64 })
        #expect(shapes == [1, 2, 3, 4])
    }

    @Test func fullWidthDivisionMatchesPython() {
        fixture.expect("divFull", fixture.wideDivisions, describe: describe) { high, low, divisor in
            let (quotient, remainder) = divisor.dividingFullWidth((high, low))
            return [oracleHex(quotient), oracleHex(remainder)]
        }
    }

    @Test func divisionByZeroIsReportedNotTrapped() {
        let value = UInt256(limbs: 5, 6, 7, 8)
        #expect(value.dividedReportingOverflow(by: .zero) == (value, true))
        #expect(value.remainderReportingOverflow(dividingBy: .zero) == (value, true))
    }
}
