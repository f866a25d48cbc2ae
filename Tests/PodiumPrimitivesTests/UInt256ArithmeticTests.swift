import PodiumPrimitives
import Testing

@Suite struct UInt256ArithmeticTests {
    let fixture: UInt256Fixture

    init() throws { fixture = try UInt256Fixture.shared.get() }

    @Test func additionWrapsAndReportsCarryLikePython() {
        fixture.expect("add", fixture.pairs, describe: describe, matching: { [$0[0], $0[1], $0[0], $0[0], trapOr($0[1] == "1", $0[0])] }) { a, b in
            let (sum, overflow) = a.addingReportingOverflow(b)
            var compound = a
            compound &+= b
            return [oracleHex(sum), oracleFlag(overflow), oracleHex(compound), oracleHex(a &+ b),
                    trapOr(overflow, oracleHex(a + b))]
        }
    }

    @Test func subtractionWrapsAndReportsBorrowLikePython() {
        fixture.expect("sub", fixture.pairs, describe: describe, matching: { [$0[0], $0[1], $0[0], $0[0], trapOr($0[1] == "1", $0[0])] }) { a, b in
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            var compound = a
            compound &-= b
            return [oracleHex(difference), oracleFlag(overflow),
                    oracleHex(compound), oracleHex(a &- b), trapOr(overflow, oracleHex(a - b))]
        }
    }

    @Test func multiplicationWrapsAndReportsOverflowLikePython() {
        fixture.expect("mul", fixture.pairs, describe: describe, matching: { [$0[0], $0[1], $0[0], $0[0], trapOr($0[1] == "1", $0[0])] }) { a, b in
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            var compound = a
            compound &*= b
            return [oracleHex(product), oracleFlag(overflow), oracleHex(compound), oracleHex(a &* b),
                    trapOr(overflow, oracleHex(a * b))]
        }
    }

    @Test func fullWidthProductMatchesPython() {
        fixture.expect("mulFull", fixture.pairs, describe: describe) { a, b in
            let (high, low) = a.multipliedFullWidth(by: b)
            return [oracleHex(high), oracleHex(low)]
        }
    }
}
