import PodiumPrimitives
import Testing

@Suite struct UInt256BitwiseTests {
    let fixture: UInt256Fixture

    init() throws { fixture = try UInt256Fixture.shared.get() }

    @Test func shiftsByZeroThrough300MatchPython() {
        fixture.expect("shifts", fixture.shifts, describe: { "0x\(oracleHex($0.0)), \($0.1)" }, matching: { $0 + $0 }) { value, count in
            var compound = (value, value)
            compound.0 <<= count
            compound.1 >>= count
            return [oracleHex(value << count), oracleHex(value >> count),
                    oracleHex(compound.0), oracleHex(compound.1)]
        }
    }

    @Test func negativeShiftsGoTheOtherWay() {
        fixture.expect("shifts", fixture.shifts, describe: { "0x\(oracleHex($0.0)), \($0.1)" }) { value, count in
            [oracleHex(value >> -count), oracleHex(value << -count)]
        }
    }

    @Test func maskingShiftsUseTheCountModulo256() {
        let shifts = fixture.shifts.filter { $0.1 < 256 }
        let answers = fixture.answers["shifts"]!.enumerated().filter { fixture.shifts[$0.offset].1 < 256 }.map(\.element)
        expectAgreement("masking shifts", shifts, ["masking shifts": answers], seed: fixture.seed,
                        describe: { "0x\(oracleHex($0.0)), \($0.1)" }, matching: { $0 + $0 }) { value, count in
            let wrapped = count + 256 * Int.random(in: 0...3)
            return [oracleHex(value &<< wrapped), oracleHex(value &>> wrapped),
                    oracleHex(value &<< UInt256(UInt64(wrapped))), oracleHex(value &>> UInt256(UInt64(wrapped)))]
        }
    }

    @Test func bitwiseOperationsMatchPython() {
        fixture.expect("bitwise", fixture.pairs, describe: describe, matching: { $0 + $0.prefix(3) }) { a, b in
            var compound = (a, a, a)
            compound.0 &= b
            compound.1 |= b
            compound.2 ^= b
            return [oracleHex(a & b), oracleHex(a | b), oracleHex(a ^ b), oracleHex(~a),
                    oracleHex(compound.0), oracleHex(compound.1), oracleHex(compound.2)]
        }
    }

    @Test func comparisonsMatchPython() {
        fixture.expect("compare", fixture.pairs, describe: describe, matching: { $0 + $0 + $0 }) { a, b in
            let order = a < b ? "-1" : a == b ? "0" : "1"
            let reverse = b > a ? "-1" : a >= b && a <= b ? "0" : "1"
            let hashed = a.hashValue == b.hashValue || a != b ? order : "hash"
            return [order, reverse, hashed]
        }
    }

    @Test func bitCountsMatchPython() {
        fixture.expect("bits", fixture.singles, describe: { "0x\(oracleHex($0))" }) { value in
            [String(value.leadingZeroBitCount), String(value.trailingZeroBitCount), String(value.nonzeroBitCount)]
        }
    }
}
