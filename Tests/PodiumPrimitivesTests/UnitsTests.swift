import PodiumPrimitives
import PodiumTestSupport
import Testing

/// Units cases of one run and Python's answers (integer arithmetic for formatting, the decimal module for parsing).
struct UnitsFixture: OracleFixture, Sendable {
    let seed: UInt64
    /// Values and decimals 0…77.
    let values: [(UInt256, Int)]
    /// Signed values and decimals 0…77.
    let signedValues: [(Int256, Int)]
    /// Decimal texts (digits, at most one point, maybe a leading `-`) and decimals 0…77.
    let texts: [(String, Int)]
    /// Python's answers, by operation.
    let answers: [String: [[String]]]

    /// The fixture of this run, seeded from `$PODIUM_TEST_SEED`.
    static let shared: Result<UnitsFixture, OracleUnavailable> = make(SeededGenerator())

    private static func make(_ generator: SeededGenerator) -> Result<UnitsFixture, OracleUnavailable> {
        var operands = Operands(generator: generator)
        func decimals() -> Int { Int.random(in: 0...Units.maximumDecimals, using: &operands.generator) }
        let values = Operands.edges.flatMap { value in [0, 1, 6, 18, 19, 38, 76, 77].map { (value, $0) } }
            + (0..<2000).map { _ in (operands.any(), decimals()) }
        let signedValues = (0..<1000).map { _ in
            (Bool.random(using: &operands.generator) ? Int256(bitPattern: operands.any()) : Int256.min, decimals())
        }
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in "0123456789".randomElement(using: &operands.generator)! })
        }
        let texts = (0..<2000).map { _ -> (String, Int) in
            let whole = Bool.random(using: &operands.generator) ? "000" : ""
            let integer = whole + digits(Int.random(in: 0...80, using: &operands.generator))
            let fraction = digits(Int.random(in: 0...80, using: &operands.generator))
                + String(repeating: "0", count: Int.random(in: 0...3, using: &operands.generator))
            let sign = Int.random(in: 0..<4, using: &operands.generator) == 0 ? "-" : ""
            let text = integer.isEmpty && fraction.isEmpty ? "0" : integer + (fraction.isEmpty ? "" : "." + fraction)
            return (sign + text, decimals())
        }
        var questions = OracleQuestions()
        questions.ask("formatUnits", values.map { [oracleHex($0.0), String($0.1)] })
        questions.ask("formatSignedUnits", signedValues.map { [oracleHex($0.0), String($0.1)] })
        questions.ask("parseUnits", texts.filter { !$0.0.hasPrefix("-") }.map { [$0.0, String($0.1)] })
        questions.ask("parseSignedUnits", texts.map { [$0.0, String($0.1)] })
        return questions.answers().map { answers in
            UnitsFixture(seed: generator.seed, values: values, signedValues: signedValues, texts: texts, answers: answers)
        }
    }
}

/// The oracle's spelling of a parse result: the value's hex, or why there is none.
private func outcome(_ parse: () throws(UnitsError) -> String) -> String {
    do {
        return try parse()
    } catch .tooManyFractionalDigits {
        return "fraction"
    } catch .overflow {
        return "overflow"
    } catch {
        return "\(error)"
    }
}

@Suite struct UnitsTests {
    let fixture: UnitsFixture

    init() throws { fixture = try UnitsFixture.shared.get() }

    @Test func formatGivesTheShortestExactDecimalLikePython() {
        fixture.expect("formatUnits", fixture.values, describe: { "0x\(oracleHex($0.0)), \($0.1)" }) { value, decimals in
            [Units.format(value, decimals: decimals)]
        }
    }

    @Test func formattedAmountsParseBackToTheirValue() throws {
        let texts = try #require(fixture.answers["formatUnits"])
        for ((value, decimals), answer) in zip(fixture.values, texts) {
            #expect(try Units.parse(answer[0], decimals: decimals) == value, "\(answer[0]) (seed \(fixture.seed))")
        }
        let signedTexts = try #require(fixture.answers["formatSignedUnits"])
        for ((value, decimals), answer) in zip(fixture.signedValues, signedTexts) {
            #expect(try Units.parseSigned(answer[0], decimals: decimals) == value, "\(answer[0]) (seed \(fixture.seed))")
        }
    }

    @Test func signedFormatMatchesPython() {
        fixture.expect("formatSignedUnits", fixture.signedValues, describe: { "0x\(oracleHex($0.0)), \($0.1)" }) { value, decimals in
            [Units.format(value, decimals: decimals)]
        }
    }

    @Test func parseMatchesPythonsDecimalArithmetic() {
        let unsigned = fixture.texts.filter { !$0.0.hasPrefix("-") }
        fixture.expect("parseUnits", unsigned, describe: { "\($0.0), \($0.1)" }) { text, decimals in
            [outcome { () throws(UnitsError) in oracleHex(try Units.parse(text, decimals: decimals)) }]
        }
        fixture.expect("parseSignedUnits", fixture.texts, describe: { "\($0.0), \($0.1)" }) { text, decimals in
            [outcome { () throws(UnitsError) in oracleHex(try Units.parseSigned(text, decimals: decimals)) }]
        }
    }

    @Test(arguments: [
        ("1.5", 18, "1500000000000000000"),
        ("1", 0, "1"),
        ("0.000000000000000001", 18, "1"),
        (".5", 1, "5"),
        ("1.", 2, "100"),
        ("1.50", 1, "15"),
        ("007.0700", 3, "7070"),
        ("0", 77, "0"),
        ("1.15792089237316195423570985008687907853269984665640564039457584007913129639935", 77,
         "115792089237316195423570985008687907853269984665640564039457584007913129639935"),
    ])
    func parseMovesThePointByTheDecimals(text: String, decimals: Int, baseUnits: String) throws {
        #expect(try Units.parse(text, decimals: decimals) == UInt256(decimal: baseUnits))
    }

    @Test(arguments: [
        ("", 18, UnitsError.empty),
        (".", 18, .missingDigits),
        ("-1", 18, .unexpectedSign),
        ("1.2.3", 18, .invalidCharacter(".", offset: 3)),
        ("1e18", 18, .invalidCharacter("e", offset: 1)),
        ("+1", 18, .invalidCharacter("+", offset: 0)),
        (" 1", 18, .invalidCharacter(" ", offset: 0)),
        ("1,000", 18, .invalidCharacter(",", offset: 1)),
        ("0x10", 18, .invalidCharacter("x", offset: 1)),
        ("1.23", 1, .tooManyFractionalDigits(decimals: 1)),
        ("0.0000000000000000001", 18, .tooManyFractionalDigits(decimals: 18)),
        ("1.5", 0, .tooManyFractionalDigits(decimals: 0)),
        ("115792089237316195423570985008687907853269984665640564039457584007913129639936", 0, .overflow),
        ("1.2", 77, .overflow),
        ("1", 78, .decimalsOutOfRange(78)),
        ("1", -1, .decimalsOutOfRange(-1)),
    ])
    func parseErrorsNameTheProblem(text: String, decimals: Int, error: UnitsError) {
        #expect(throws: error) { try Units.parse(text, decimals: decimals) }
    }

    @Test(arguments: [
        ("-", UnitsError.missingDigits),
        ("-.", .missingDigits),
        ("--1", .invalidCharacter("-", offset: 1)),
        ("57896044618658097711785492504343953926634992332820282019728792003956564819.968", .overflow),
        ("-57896044618658097711785492504343953926634992332820282019728792003956564819.969", .overflow),
    ])
    func signedParseErrorsNameTheProblem(text: String, error: UnitsError) {
        #expect(throws: error) { try Units.parseSigned(text, decimals: 3) }
    }

    @Test func signedParseReachesTheExtremes() throws {
        let min = "-57896044618658097711785492504343953926634992332820282019728792003956564819.968"
        #expect(try Units.parseSigned(min, decimals: 3) == .min)
        #expect(try Units.parseSigned("-.5", decimals: 1) == -5)
        #expect(try Units.parseSigned("-0", decimals: 18) == 0)
    }

    @Test func formatAcceptsDecimalsBeyondTheParseRange() {
        #expect(Units.format(UInt256(1), decimals: 80) == "0." + String(repeating: "0", count: 79) + "1")
        #expect(Units.format(UInt256.zero, decimals: 200) == "0")
        #expect(Units.format(Int256.min, decimals: 77)
                == "-0.57896044618658097711785492504343953926634992332820282019728792003956564819968")
    }

    @Test func errorDescriptionsAreOneLineMessages() {
        #expect(UnitsError.tooManyFractionalDigits(decimals: 6).description
                == "amount has more than 6 fractional digits (it would need rounding)")
        #expect(UnitsError.invalidCharacter("e", offset: 1).description == "invalid character \"e\" at offset 1 in amount")
        #expect(UnitsError.decimalsOutOfRange(80).description == "decimals must be 0 through 77, not 80")
    }
}
