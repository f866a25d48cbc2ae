import Foundation
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// `value` as Int256 bits.
private func signed(_ value: UInt256) -> Int256 { Int256(bitPattern: value) }

/// The Int256 cases of one run and Python's answers to all of them, computed once for every Int256 suite.
struct Int256Fixture: OracleFixture, Sendable {
    let seed: UInt64
    /// Operand pairs for + − ×, full-width products and comparison.
    let pairs: [(Int256, Int256)]
    /// Dividend and nonzero divisor, including `min / −1`.
    let divisions: [(Int256, Int256)]
    /// A signed 512-bit dividend whose quotient fits, and the divisor.
    let wideDivisions: [(Int256, UInt256, Int256)]
    /// A value and a shift count 0…300.
    let shifts: [(Int256, Int)]
    /// Single values.
    let singles: [Int256]
    /// Python's answers, by operation.
    let answers: [String: [[String]]]

    /// Signed edges: 0, ±1, ±2, the extremes and their neighbours, and ± every limb boundary.
    static let edges: [Int256] = {
        let magnitudes = [UInt256(limbs: 1, 0, 0, 0), UInt256(limbs: 2, 0, 0, 0), UInt256(limbs: 1 << 63, 0, 0, 0),
                          UInt256(limbs: .max, 0, 0, 0), UInt256(limbs: 0, 1, 0, 0), UInt256(limbs: 0, 0, 1, 0),
                          UInt256(limbs: 1, 0, 0, 1), UInt256(limbs: .max, .max, .max, 0)]
        let extremes = [UInt256(limbs: 0, 0, 0, 1 << 63), UInt256(limbs: 1, 0, 0, 1 << 63),
                        UInt256(limbs: .max, .max, .max, .max >> 1), UInt256(limbs: .max - 1, .max, .max, .max >> 1)]
        return [signed(.zero)] + magnitudes.flatMap { [signed($0), signed(.zero &- $0)] } + extremes.map(signed)
    }()

    /// The fixture of this run, seeded from `$PODIUM_TEST_SEED`.
    static let shared: Result<Int256Fixture, OracleUnavailable> = make(SeededGenerator())

    private static func make(_ generator: SeededGenerator) -> Result<Int256Fixture, OracleUnavailable> {
        var operands = Operands(generator: generator)
        func any() -> Int256 {
            let magnitude = operands.any()
            return Bool.random(using: &operands.generator) ? signed(magnitude) : signed(.zero &- magnitude)
        }
        let pairs = edges.flatMap { a in edges.map { b in (a, b) } } + (0..<2000).map { _ in (any(), any()) }
        let divisions = pairs.filter { $0.1 != .zero } + [(Int256.min, -1), (.min, 1), (.max, -1), (-7, 2), (7, -2)]
        let wideDivisions = (0..<1500).compactMap { _ -> (Int256, UInt256, Int256)? in
            let (divisor, quotient) = (any(), any())
            guard divisor != .zero, quotient != .min || divisor != -1 else { return nil }
            // The product quotient · divisor, moved away from zero by less than one divisor.
            var (high, low) = quotient.multipliedFullWidth(by: divisor)
            let slack = operands.random() % divisor.magnitude
            if high < .zero {
                let (difference, borrow) = low.subtractingReportingOverflow(slack)
                (high, low) = (borrow ? high &- 1 : high, difference)
            } else {
                let (sum, carry) = low.addingReportingOverflow(slack)
                guard !(carry && high == .max) else { return nil }
                (high, low) = (carry ? high &+ 1 : high, sum)
            }
            return (high, low, divisor)
        }
        let shifts = edges.flatMap { value in (0...300).map { (value, $0) } }
            + (0..<2000).map { _ in (any(), Int.random(in: 0...300, using: &operands.generator)) }
        let singles = edges + (0..<2000).map { _ in any() }

        var questions = OracleQuestions()
        questions.ask("signedArithmetic", pairs.map { [oracleHex($0.0), oracleHex($0.1)] })
        questions.ask("signedDivmod", divisions.map { [oracleHex($0.0), oracleHex($0.1)] })
        questions.ask("signedDivFull", wideDivisions.map { [oracleHex($0.0), oracleHex($0.1), oracleHex($0.2)] })
        questions.ask("signedShifts", shifts.map { [oracleHex($0.0), String($0.1)] })
        questions.ask("signedUnary", singles.map { [oracleHex($0)] })
        return questions.answers().map { answers in
            Int256Fixture(seed: generator.seed, pairs: pairs, divisions: divisions, wideDivisions: wideDivisions,
                          shifts: shifts, singles: singles, answers: answers)
        }
    }
}

/// `(a, b)` as two's complement hex, for failure messages.
func describe(_ operands: (Int256, Int256)) -> String { "0x\(oracleHex(operands.0)), 0x\(oracleHex(operands.1))" }

@Suite struct Int256Tests {
    let fixture: Int256Fixture

    init() throws { fixture = try Int256Fixture.shared.get() }

    @Test func literalsAreTwosComplement() {
        let minusFive: Int256 = -5
        #expect(UInt256(bitPattern: minusFive) == UInt256(limbs: .max - 4, .max, .max, .max))
        let min: Int256 = -57896044618658097711785492504343953926634992332820282019728792003956564819968
        #expect(min == Int256.min && UInt256(bitPattern: min) == UInt256(limbs: 0, 0, 0, 1 << 63))
        let max: Int256 = 57896044618658097711785492504343953926634992332820282019728792003956564819967
        #expect(max == Int256.max && max &+ 1 == min)
        #expect(Int256(-3 as Int64) == -3 && Int256.bitWidth == 256 && Int256.isSigned)
    }

    @Test func negationMagnitudeTextAndBitCountsMatchPython() {
        let answers = "signedUnary"
        fixture.expect(answers, fixture.singles, describe: { "0x\(oracleHex($0))" }, matching: { Array($0[0...3]) + $0[5...] }) { value in
            let (negated, overflow) = value.negatedReportingOverflow()
            let order = value < .zero ? "-1" : value == .zero ? "0" : "1"
            return [oracleHex(negated), oracleFlag(overflow), oracleHex(value.magnitude), value.description,
                    String(value.leadingZeroBitCount), String(value.trailingZeroBitCount), order]
        }
    }

    @Test func pythonsTextParsesBackToTheValue() throws {
        let answers = try #require(fixture.answers["signedUnary"])
        for (value, answer) in zip(fixture.singles, answers) {
            let (decimal, hex) = (answer[3], answer[4])
            #expect(try Int256(decimal: decimal) == value, "\(decimal) (seed \(fixture.seed))")
            #expect(try Int256(parsing: hex) == value, "\(hex) (seed \(fixture.seed))")
            #expect(Int256(decimal) == value)
        }
    }

    @Test(arguments: [
        ("", IntegerParseError.empty),
        ("-", .missingDigits),
        ("-0x", .missingDigits),
        ("+1", .invalidCharacter("+", offset: 0)),
        ("--1", .invalidCharacter("-", offset: 1)),
        ("1-", .invalidCharacter("-", offset: 1)),
        ("57896044618658097711785492504343953926634992332820282019728792003956564819968", .overflow),
        ("-57896044618658097711785492504343953926634992332820282019728792003956564819969", .overflow),
        ("-0x8000000000000000000000000000000000000000000000000000000000000001", .overflow),
    ])
    func parseErrorsNameTheProblem(text: String, error: IntegerParseError) {
        #expect(throws: error) { try Int256(parsing: text) }
    }

    @Test func extremesParse() throws {
        #expect(try Int256(decimal: "-57896044618658097711785492504343953926634992332820282019728792003956564819968") == .min)
        #expect(try Int256(parsing: "-0x8000000000000000000000000000000000000000000000000000000000000000") == .min)
        #expect(try Int256(decimal: "-0") == .zero)
        #expect(try Int256(decimal: "-000042") == -42)
    }

    @Test func genericIntegerCodeConvertsExactlyTruncatingAndClamping() {
        #expect(Int(Int256(-42 as Int64)) == -42)
        #expect(Int64(exactly: Int256.min) == nil)
        #expect(Int64(clamping: Int256.min) == .min)
        #expect(Int8(truncatingIfNeeded: Int256(-257 as Int64)) == -1)
        #expect(Int256(exactly: UInt256.max) == nil)
        #expect(Int256(truncatingIfNeeded: UInt256.max) == -1)
        #expect(Int256(clamping: UInt256.max) == .max)
        #expect(Int256(-1 as Int) == -1)
        #expect(UInt256(exactly: Int256(-1 as Int64)) == nil)
        #expect(Double(Int256(-1 as Int64) << 200) == -0x1p200)
        #expect(Int256(-0x1p200 as Double) == Int256(-1 as Int64) << 200)
        #expect((Int256(-5 as Int64)).signum() == -1)
    }

    @Test func codableUsesSignedDecimalStrings() throws {
        let values: [Int256] = [-1, .min, .max, 0]
        let json = try JSONEncoder().encode(values)
        #expect(try JSONDecoder().decode([Int256].self, from: json) == values)
        #expect(String(decoding: try JSONEncoder().encode([Int256(-12 as Int64)]), as: UTF8.self) == #"["-12"]"#)
        #expect(try JSONDecoder().decode([Int256].self, from: Data(#"["-0x10"]"#.utf8)) == [-16])
    }
}
