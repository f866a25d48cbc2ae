import PodiumTestSupport
import Testing

@Suite struct UnitsCommandTests {
    @Test(arguments: [
        (["1.5"], "1500000000000000000"),
        (["1.5", "18"], "1500000000000000000"),
        (["20", "18"], "20000000000000000000"),
        (["0.000000000000000001"], "1"),
        (["1", "0"], "1"),
        (["1.5", "6"], "1500000"),
        (["115792089237316195423570985008687907853269984665640564039457584007913129639935", "0"],
         "115792089237316195423570985008687907853269984665640564039457584007913129639935"),
        (["1", "77"], "1" + String(repeating: "0", count: 77)),
    ])
    func parsesDecimalIntoBaseUnits(arguments: [String], expected: String) async throws {
        let result = try await PodiumProcess.run(["parse-units"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected + "\n")
    }

    @Test(arguments: [
        (["1500000000000000000"], "1.5"),
        (["1000000000000000000", "18"], "1"),
        (["1"], "0.000000000000000001"),
        (["0"], "0"),
        (["1500000", "6"], "1.5"),
        (["123", "0"], "123"),
        (["115792089237316195423570985008687907853269984665640564039457584007913129639935", "77"],
         "1.15792089237316195423570985008687907853269984665640564039457584007913129639935"),
    ])
    func formatsBaseUnitsAsShortestExactDecimal(arguments: [String], expected: String) async throws {
        let result = try await PodiumProcess.run(["format-units"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected + "\n")
    }

    @Test(arguments: [
        ["parse-units", "1.0000000000000000001", "18"],  // more fractional digits than decimals: never rounded
        ["parse-units", "1.5", "0"],
        ["parse-units", "abc"],
        ["parse-units", ""],
        ["parse-units", "-1"],
        ["parse-units", "1", "78"],
        ["parse-units", "115792089237316195423570985008687907853269984665640564039457584007913129639936", "0"],
        ["parse-units", "1", "-1"],
        ["format-units", "1.5"],
        ["format-units", "115792089237316195423570985008687907853269984665640564039457584007913129639936"],
        ["format-units", "1", "78"],
    ])
    func rejectsBadUnits(arguments: [String]) async throws {
        let result = try await PodiumProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("podium: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }
}
