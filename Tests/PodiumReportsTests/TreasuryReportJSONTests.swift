import Foundation
import PodiumLedger
import PodiumPrimitives
import PodiumReports
import PodiumTestSupport
import Testing

@Suite struct TreasuryReportJSONTests {
    static let text = TreasuryReportRenderer.render(ReportFixture.report, as: .json)
    static let json = try! JSONValue(json: Array(text.utf8))

    @Test func jsonCarriesScopeAndAmountsExactly() {
        let json = Self.json
        #expect(json["chainId"] == .number("31337"))
        #expect(json["scope"]["from"] == "2026-11-20" && json["scope"]["to"] == "2026-11-22")
        #expect(json["scope"]["blockHash"] == .string("0x" + String(repeating: "ab", count: 32)))
        #expect(json["scope"]["blockTime"] == "2026-11-23T00:00:12Z")
        #expect(json["scope"]["decimals"] == .number("18") && json["scope"]["symbol"] == "GLICO")
        #expect(json["balances"] == false)
        #expect(json["sales"]["revenue"] == "80000000000000000000" && json["sales"]["count"] == .number("4"))

        let first = json["periods"][0]
        #expect(first["periodId"] == .number("20261120") && first["status"] == "SUCCESS")
        #expect(first["carryIn"] == "7" && first["total"] == "55400000000000000007")
        #expect(first["prizes"][0] == ["place": .number("1"), "wallet": "0x0000000000000000000000000000000000000001", "amount": "22160000000000000002"])
        #expect(first["txHash"] == .string("0x" + String(repeating: "11", count: 32)) && first["block"] == .number("101"))
        let skipped = json["periods"][1]
        #expect(skipped["status"] == "SKIPPED" && skipped["prizes"] == [] && skipped["txHash"] == nil && skipped["block"] == nil)
        #expect(json["periods"][3]["board"] == "weekly" && json["periods"][3]["periodId"] == .number("202647"))

        #expect(json["checks"][1]["difference"] == "-5000" && json["checks"][1]["balances"] == false)
        #expect(json["checks"][0]["difference"] == "0" && json["checks"][0]["balances"] == true)
        let unexpected = json["findings"][5]
        #expect(unexpected["status"] == "UNEXPECTED_ONCHAIN")
        #expect(unexpected["board"] == nil && unexpected["period"] == nil && unexpected["place"] == nil && unexpected["expectedAmount"] == nil)
        #expect(unexpected["actualAmount"] == "1000000000000000000" && unexpected["detail"] == .string(ReportFixture.quotedDetail))
        #expect(json["discrepancies"] == .number("5"))
        #expect(json["gas"] == [
            "operations": .number("4"), "accountCreations": .number("2"), "gasUsed": "812345", "weiSpent": "1234567890123457",
            "weiPerOperation": "308641972530864",
        ])
    }

    /// Python recomputes the totals, differences and counts from the JSON's own parts with its integers.
    @Test func jsonDerivedFiguresAgreeWithPythonIntegers() async throws {
        let answer = try JSONValue(json: Array(try await PythonOracle.run("treasury_report", stdin: Data(Self.text.utf8))))
        #expect(Self.json["totals"] == answer["totals"])
        #expect(Self.json["checks"].array.map(\.["difference"]) == answer["differences"].array)
        #expect(Self.json["discrepancies"] == answer["discrepancies"])
        #expect(Self.json["balances"] == answer["balances"] && answer["checksOff"] == .number("1"))
        #expect(Self.json["gas"]["weiPerOperation"] == answer["weiPerOperation"])
        #expect(answer["periodsAddUp"] == [true, true, true, true])
        #expect(answer["totals"]["daily"]["paid"] == "157200000000000000005" && answer["totals"]["daily"]["carryOut"] == "2")
    }

    @Test func jsonTextRoundTrips() throws {
        #expect(Self.json == TreasuryReportRenderer.jsonValue(ReportFixture.report))
        #expect(Self.json.prettyText + "\n" == Self.text)
    }

    @Test func emptyBoardTotalsAreZeroWithNullCarryOut() throws {
        var report = ReportFixture.report
        report.periods.removeAll { $0.board == .weekly }
        let weekly = TreasuryReportRenderer.jsonValue(report)["totals"]["weekly"]
        #expect(weekly == ["periods": .number("0"), "base": "0", "bonus": "0", "paid": "0", "carryOut": nil])
    }
}
