import Foundation
import PodiumPrimitives
import PodiumTestSupport
import Testing

// Differential testing against Tests/oracles/uint256.py (Python's integers): operands come from an edge corpus and
// seeded random values of every length; each fixture asks the oracle about all its cases in one call, and every
// test compares our answers with Python's. Numbers cross as 64 hex digits built here from the limbs, so that no
// conversion under test is trusted on either side.

/// The 64 hex digits of `value`'s limbs, most significant first.
func oracleHex(_ value: UInt256) -> String {
    let (limb0, limb1, limb2, limb3) = value.limbs
    return [limb3, limb2, limb1, limb0].map { limb in
        let digits = String(limb, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }.joined()
}

/// The 64 hex digits of `value`'s two's complement bits.
func oracleHex(_ value: Int256) -> String { oracleHex(UInt256(bitPattern: value)) }

/// "1" or "0", as the oracle writes flags.
func oracleFlag(_ condition: Bool) -> String { condition ? "1" : "0" }

/// Why a fixture has no answers (Python missing, or the oracle failed).
struct OracleUnavailable: Error, CustomStringConvertible {
    let description: String
}

/// Questions for the oracle, gathered into one call.
struct OracleQuestions {
    private struct Request: Encodable {
        let op: String
        let cases: [[String]]
    }

    private var requests: [Request] = []

    /// Adds the question `op` about each of `cases`.
    mutating func ask(_ op: String, _ cases: [[String]]) {
        requests.append(Request(op: op, cases: cases))
    }

    /// The oracle's answers, by operation name.
    func answers() -> Result<[String: [[String]]], OracleUnavailable> {
        do {
            let answers = try PythonOracle.call("uint256", requests, as: [[[String]]].self)
            return .success(Dictionary(uniqueKeysWithValues: zip(requests.map(\.op), answers)))
        } catch {
            return .failure(OracleUnavailable(description: "\(error)"))
        }
    }
}

/// Checks our answer for each case against the oracle's (as `matching` spreads it over the variants `ours` computes),
/// recording the first few disagreements with their operands and the seed that reproduces them.
func expectAgreement<Case>(
    _ op: String, _ cases: [Case], _ answers: [String: [[String]]], seed: UInt64,
    describe: (Case) -> String, matching: ([String]) -> [String], ours: (Case) -> [String],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let expected = answers[op], expected.count == cases.count else {
        Issue.record("oracle gave no answers for \(op)", sourceLocation: sourceLocation)
        return
    }
    var mismatches = 0
    for (testCase, answer) in zip(cases, expected) {
        let actual = ours(testCase), expectation = matching(answer)
        guard actual != expectation else { continue }
        mismatches += 1
        if mismatches <= 5 {
            Issue.record(
                "\(op)(\(describe(testCase))): ours \(actual), Python \(expectation) (PODIUM_TEST_SEED=\(seed))",
                sourceLocation: sourceLocation)
        }
    }
    #expect(mismatches == 0, "\(op): \(mismatches) of \(cases.count) cases disagree (PODIUM_TEST_SEED=\(seed))",
            sourceLocation: sourceLocation)
}

/// Cases Python has answered, from a run's seed.
protocol OracleFixture {
    /// The seed the cases came from.
    var seed: UInt64 { get }
    /// Python's answers, by operation.
    var answers: [String: [[String]]] { get }
}

extension OracleFixture {
    /// Checks our answers to `op` for `cases` against Python's, spread by `matching` over our variants.
    func expect<Case>(
        _ op: String, _ cases: [Case], describe: (Case) -> String,
        matching: ([String]) -> [String] = { $0 }, ours: (Case) -> [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectAgreement(op, cases, answers, seed: seed, describe: describe, matching: matching, ours: ours,
                        sourceLocation: sourceLocation)
    }
}

/// Operands: the edges where limb arithmetic goes wrong, and seeded random values.
struct Operands {
    /// 0, 1, 2, 3, 10, 10¹⁹ ± 1, and 2ᵏ − 1, 2ᵏ, 2ᵏ + 1 around every limb boundary, the top bit of every limb,
    /// 2²⁵⁵ ± 1, 2²⁵⁶ − 2 and 2²⁵⁶ − 1.
    static let edges: [UInt256] = [
        UInt256(limbs: 0, 0, 0, 0), UInt256(limbs: 1, 0, 0, 0), UInt256(limbs: 2, 0, 0, 0), UInt256(limbs: 3, 0, 0, 0),
        UInt256(limbs: 10, 0, 0, 0), UInt256(limbs: 9_999_999_999_999_999_999, 0, 0, 0),
        UInt256(limbs: 10_000_000_000_000_000_000, 0, 0, 0), UInt256(limbs: 1 << 63, 0, 0, 0),
        UInt256(limbs: .max, 0, 0, 0), UInt256(limbs: 0, 1, 0, 0), UInt256(limbs: 1, 1, 0, 0),
        UInt256(limbs: 0, 1 << 63, 0, 0), UInt256(limbs: .max, .max, 0, 0), UInt256(limbs: 0, 0, 1, 0),
        UInt256(limbs: 1, 0, 1, 0), UInt256(limbs: 0, 0, 1 << 63, 0), UInt256(limbs: .max, .max, .max, 0),
        UInt256(limbs: 0, 0, 0, 1), UInt256(limbs: 1, 0, 0, 1), UInt256(limbs: .max, .max, .max, .max >> 1),
        UInt256(limbs: 0, 0, 0, 1 << 63), UInt256(limbs: 1, 0, 0, 1 << 63), UInt256(limbs: .max - 1, .max, .max, .max),
        UInt256(limbs: .max, .max, .max, .max),
    ]

    var generator: SeededGenerator

    /// A random value below 2ᵇⁱᵗˢ for a random `bits` in 0…256, its top bit set half the time, so that every limb
    /// count and every normalization shift comes up.
    mutating func random() -> UInt256 {
        let bits = Int.random(in: 0...256, using: &generator)
        var limbs = (0..<4).map { _ in generator.next() }
        for i in 0..<4 {
            let low = 64 * i
            if low >= bits {
                limbs[i] = 0
            } else if bits - low < 64 {
                limbs[i] &= (1 << UInt64(bits - low)) - 1
                if Bool.random(using: &generator) { limbs[i] |= 1 << UInt64(bits - low - 1) }
            }
        }
        return UInt256(limbs: limbs[0], limbs[1], limbs[2], limbs[3])
    }

    /// A value whose limbs are each 0, 1, 2⁶³ − 1, 2⁶³, 2⁶⁴ − 1 or random: runs of carries and borrows.
    mutating func patterned() -> UInt256 {
        func limb() -> UInt64 {
            [0, 1, (1 << 63) - 1, 1 << 63, .max, generator.next()].randomElement(using: &generator)!
        }
        return UInt256(limbs: limb(), limb(), limb(), limb())
    }

    /// A random, patterned or edge value.
    mutating func any() -> UInt256 {
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: Operands.edges.randomElement(using: &generator)!
        case 1, 2: patterned()
        default: random()
        }
    }

    /// Every pair of edges, then `count` random pairs.
    mutating func pairs(_ count: Int) -> [(UInt256, UInt256)] {
        Operands.edges.flatMap { a in Operands.edges.map { b in (a, b) } } + (0..<count).map { _ in (any(), any()) }
    }
}

/// The UInt256 cases of one run and Python's answers to all of them, computed once for every UInt256 suite.
struct UInt256Fixture: OracleFixture, Sendable {
    let seed: UInt64
    /// Operand pairs for + − ×, bitwise operations and comparison.
    let pairs: [(UInt256, UInt256)]
    /// Dividend and nonzero divisor; besides random shapes, dividends built as q · d + r with quotient digits of
    /// 2⁶⁴ − 1 and remainders of d − 1, which drive the rare estimate corrections of long division.
    let divisions: [(UInt256, UInt256)]
    /// A 512-bit dividend (high below the divisor) and the divisor.
    let wideDivisions: [(UInt256, UInt256, UInt256)]
    /// Operands and modulus (sometimes zero) for addmod and mulmod.
    let modular: [(UInt256, UInt256, UInt256)]
    /// Base, exponent and modulus for modular and wrapping powers.
    let powers: [(UInt256, UInt256, UInt256)]
    /// A value and a shift count 0…300.
    let shifts: [(UInt256, Int)]
    /// Single values.
    let singles: [UInt256]
    /// Python's answers, by operation.
    let answers: [String: [[String]]]

    /// The fixture of this run, seeded from `$PODIUM_TEST_SEED`.
    static let shared: Result<UInt256Fixture, OracleUnavailable> = make(SeededGenerator())

    private static func make(_ generator: SeededGenerator) -> Result<UInt256Fixture, OracleUnavailable> {
        var operands = Operands(generator: generator)
        let pairs = operands.pairs(2000)
        var divisions = pairs.filter { $0.1 != .zero }
        for _ in 0..<1500 {
            let divisor = operands.any()
            guard divisor != .zero else { continue }
            let quotient = [UInt256(limbs: .max, 0, 0, 0), UInt256(limbs: .max, .max, 0, 0), UInt256(limbs: .max - 1, 0, 0, 0),
                            UInt256(limbs: 1, 0, 0, 0), operands.random()].randomElement(using: &operands.generator)!
            let remainder = [UInt256.zero, divisor &- UInt256(limbs: 1, 0, 0, 0), operands.random() % divisor]
                .randomElement(using: &operands.generator)!
            divisions.append((divisor &* quotient &+ remainder, divisor))
        }
        // Dividends q · t, where t is the divisor with its low limbs cleared: the top limbs estimate the digit q, but
        // the true digit is q − 1, so long division has to add the divisor back (Knuth's step D6).
        var addBacks = [(UInt256, UInt256, UInt256)]()
        for _ in 0..<300 {
            let top: UInt64 = operands.generator.next() | 1 << 63, next: UInt64 = operands.generator.next()
            let low = UInt64.max - UInt64.random(in: 0...3, using: &operands.generator)
            let digit = UInt256(operands.generator.next() as UInt64)
            let threeLimbs = UInt256(limbs: low, next, top, 0)
            divisions.append((UInt256(limbs: 0, next, top, 0) &* digit, threeLimbs))
            let fourLimbs = UInt256(limbs: low, .max, next, top)
            let (high, product) = UInt256(limbs: 0, 0, next, top).multipliedFullWidth(by: digit)
            addBacks.append((high, product, fourLimbs))
        }
        let wideDivisions = addBacks + (0..<1500).compactMap { _ -> (UInt256, UInt256, UInt256)? in
            let divisor = operands.any()
            guard divisor != .zero else { return nil }
            let high = Bool.random(using: &operands.generator) ? divisor &- UInt256(limbs: 1, 0, 0, 0) : operands.any() % divisor
            return (high, operands.any(), divisor)
        }
        let moduli = [UInt256.zero, UInt256(limbs: 1, 0, 0, 0)] + Operands.edges.suffix(8)
        let modular = Operands.edges.flatMap { a in Operands.edges.map { b in (a, b, moduli.randomElement()!) } }
            + (0..<2000).map { _ in (operands.any(), operands.any(), operands.any()) }
        // Random triples (odd and even moduli take different paths), plus exponents 0 and 1, base 0 and bases
        // that are multiples of the modulus, for every edge modulus.
        let powers = (0..<150).map { _ in (operands.any(), operands.any(), operands.any()) }
            + Operands.edges.map { ($0, operands.random(), operands.random()) }
            + Operands.edges.flatMap { modulus in
                [(operands.any(), .zero, modulus), (operands.any(), UInt256(limbs: 1, 0, 0, 0), modulus),
                 (.zero, operands.any(), modulus), (modulus, operands.any(), modulus)]
            }
        let shifts = Operands.edges.flatMap { value in (0...300).map { (value, $0) } }
            + (0..<2000).map { _ in (operands.any(), Int.random(in: 0...300, using: &operands.generator)) }
        let singles = Operands.edges + (0..<2000).map { _ in operands.any() }

        var questions = OracleQuestions()
        let pairArguments = pairs.map { [oracleHex($0.0), oracleHex($0.1)] }
        for op in ["add", "sub", "mul", "mulFull", "bitwise", "compare"] { questions.ask(op, pairArguments) }
        questions.ask("divmod", divisions.map { [oracleHex($0.0), oracleHex($0.1)] })
        questions.ask("divFull", wideDivisions.map { [oracleHex($0.0), oracleHex($0.1), oracleHex($0.2)] })
        let modularArguments = modular.map { [oracleHex($0.0), oracleHex($0.1), oracleHex($0.2)] }
        questions.ask("addmod", modularArguments)
        questions.ask("mulmod", modularArguments)
        questions.ask("powmod", powers.map { [oracleHex($0.0), oracleHex($0.1), oracleHex($0.2)] })
        questions.ask("exp", powers.map { [oracleHex($0.0), oracleHex($0.1)] })
        questions.ask("shifts", shifts.map { [oracleHex($0.0), String($0.1)] })
        questions.ask("bits", singles.map { [oracleHex($0)] })
        questions.ask("text", singles.map { [oracleHex($0)] })
        return questions.answers().map { answers in
            UInt256Fixture(seed: generator.seed, pairs: pairs, divisions: divisions, wideDivisions: wideDivisions,
                           modular: modular, powers: powers, shifts: shifts, singles: singles, answers: answers)
        }
    }
}

/// `(a, b)` in hex, for failure messages.
func describe(_ operands: (UInt256, UInt256)) -> String { "0x\(oracleHex(operands.0)), 0x\(oracleHex(operands.1))" }

/// `(a, b, c)` in hex, for failure messages.
func describe(_ operands: (UInt256, UInt256, UInt256)) -> String {
    "0x\(oracleHex(operands.0)), 0x\(oracleHex(operands.1)), 0x\(oracleHex(operands.2))"
}

/// `"trap"` where Swift's trapping operator would stop the program, else the value it gives.
func trapOr(_ overflow: Bool, _ value: @autoclosure () -> String) -> String { overflow ? "trap" : value() }

@Suite struct UInt256Tests {
    /// Limbs of the literals' values, computed with Python.
    @Test func literalsOfAnySizeMatchTheirLimbs() {
        let wei: UInt256 = 1_000_000_000_000_000_000_000_000
        #expect(wei == UInt256(limbs: 0x1bce_cced_a100_0000, 0xd3c2, 0, 0))
        let max: UInt256 = 115792089237316195423570985008687907853269984665640564039457584007913129639935
        #expect(max == UInt256(limbs: .max, .max, .max, .max))
        let sparse: UInt256 = 1606938044258990275541962092341162602522202993782792835301381
        #expect(sparse == UInt256(limbs: 5, 0, 0, 0x100))
        #expect(UInt256.max == max && UInt256.min == UInt256(limbs: 0, 0, 0, 0))
    }

    @Test func genericIntegerCodeConvertsExactlyTruncatingAndClamping() {
        let twoTo64 = UInt256(limbs: 0, 1, 0, 0)
        #expect(Int(exactly: twoTo64) == nil)
        #expect(UInt64(truncatingIfNeeded: twoTo64 + UInt256(7)) == 7)
        #expect(UInt64(clamping: twoTo64) == .max)
        #expect(Int(UInt256(limbs: 42, 0, 0, 0)) == 42)
        #expect(UInt256(exactly: -1) == nil)
        #expect(UInt256(truncatingIfNeeded: -1) == UInt256.max)
        #expect(UInt256(clamping: -5) == .zero)
        #expect(UInt256(UInt64.max) == UInt256(limbs: .max, 0, 0, 0))
        #expect(UInt256(1 << 62 as Int) == UInt256(limbs: 1 << 62, 0, 0, 0))
        #expect(UInt256(exactly: 1.5) == nil)
        #expect(UInt256(0x1p200 as Double) == UInt256(limbs: 0, 0, 0, 1 << 8))
        #expect(Double(UInt256(limbs: 0, 0, 0, 1 << 8)) == 0x1p200)
        #expect(Array(UInt256(limbs: 1, 2, 3, 4).words) == [1, 2, 3, 4])
        #expect(UInt256.bitWidth == 256 && !UInt256.isSigned)
    }

    @Test func stridesAndRangesWorkThroughTheStandardLibrary() {
        let start = UInt256(limbs: .max - 1, 0, 0, 0)
        let values = Array(start...(start + UInt256(3)))
        #expect(values.map { $0.limbs.1 } == [0, 0, 1, 1])
        #expect(start.distance(to: start + UInt256(5)) == 5)
        #expect(start.advanced(by: 2) == UInt256(limbs: 0, 1, 0, 0))
    }

    @Test func randomValuesStayInTheirRange() {
        var generator = SeededGenerator()
        let range = UInt256(limbs: 0, 1, 0, 0)...UInt256(limbs: 0, 0, 1, 0)
        for _ in 0..<200 {
            #expect(range.contains(UInt256.random(in: range, using: &generator)), "seed \(generator.seed)")
        }
    }
}
