import PodiumLedger
import PodiumPrimitives
import PodiumReports
import Testing

@Suite struct TreasuryReportTextTests {
    static let report = ReportFixture.report

    /// RFC 4180 fields of `text`, row by row (quoted fields may hold commas, doubled quotes and line breaks).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows = [[String]](), row = [String](), field = "", quoted = false, afterQuote = false
        for character in text {
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true } else { field.append(character) }
            } else if character == "\"" {
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            } else {
                afterQuote = false
                switch character {
                case ",": row.append(field); field = ""
                case "\r\n": row.append(field); rows.append(row); (row, field) = ([], "")
                default: field.append(character)
                }
            }
        }
        return rows
    }

    @Test func csvHasItsHeaderAndQuotesDetails() {
        let text = TreasuryReportRenderer.render(Self.report, as: .csv)
        #expect(text.hasPrefix("section,name,board,period,status,place,wallet,actual_wallet,value,expected,actual,tx_hash,block,detail\r\n"))
        #expect(text.contains(#","paid ""by hand"", outside the ledger"\#r\#n"#))
        let rows = Self.parseCSV(text)
        #expect(rows.allSatisfy { $0.count == TreasuryReportRenderer.csvColumns.count })
        let column = Dictionary(uniqueKeysWithValues: TreasuryReportRenderer.csvColumns.enumerated().map { ($1, $0) })
        let unexpected = rows.first { $0[column["status"]!] == "UNEXPECTED_ONCHAIN" }
        #expect(unexpected?[column["detail"]!] == ReportFixture.quotedDetail)
        #expect(unexpected?[column["actual"]!] == "1000000000000000000" && unexpected?[column["period"]!] == "")
        let failed = rows.first { $0[column["status"]!] == "FAILED_TX" }
        #expect(failed?[column["detail"]!] == ReportFixture.markupDetail)
        let off = rows.first { $0[column["section"]!] == "check" && $0[column["status"]!] == "OFF" }
        #expect(off?[column["value"]!] == "-5000" && off?[column["expected"]!] == "1000000000000000000000")
        let prize = rows.first { $0[column["section"]!] == "prize" && $0[column["period"]!] == "2026-11-20" && $0[column["place"]!] == "1" }
        #expect(prize?[column["value"]!] == "22160000000000000002" && prize?[column["block"]!] == "101")
        #expect(rows.filter { $0[column["section"]!] == "finding" }.count == 7)
    }

    @Test func markdownShowsVerdictAmountsAndEveryDiscrepancysEvidence() {
        let text = TreasuryReportRenderer.render(Self.report, as: .markdown)
        #expect(text.hasPrefix("# Treasury report: chain 31337, block 120\n\n**DOES NOT BALANCE: 5 discrepancies, 1 check off**\n"))
        for finding in Self.report.discrepancies {
            #expect(text.contains("`\(finding.transactionHash!)`"), "\(finding.status)'s transaction")
        }
        #expect(text.contains("| 2026-11-20 | SUCCESS | 3 | 50 | 5.4 | 0.000000000000000007 | 55.400000000000000007 |"))
        #expect(text.contains("| revenue = treasury + contributions | 80 | 80 | 0 | balances |"))
        #expect(text.contains("| 1000 | 999.999999999999995 | -0.000000000000005 | OFF |"))
        #expect(text.contains("- Spent: 0.001234567890123457 ETH\n- Per purchase: 0.000308641972530864 ETH\n"))
        #expect(text.contains("amount (GLICO)"))
        #expect(!text.contains("<script>") && text.contains(#"\<script\>alert("x")\</script\> reverted \& \<b\>dropped\</b\>"#))
    }

    @Test func balancedReportSaysSo() {
        var report = Self.report
        report.findings.removeAll { $0.status.isDiscrepancy }
        report.checks.removeAll { !$0.balances }
        #expect(TreasuryReportRenderer.markdown(report).hasPrefix("# Treasury report: chain 31337, block 120\n\n**BALANCED**\n"))
        #expect(TreasuryReportRenderer.markdown(report).contains("No discrepancies."))
        #expect(TreasuryReportRenderer.html(report).contains(#"<p class="verdict ok">BALANCED</p>"#))
    }

    @Test func htmlLoadsNothingAndEscapesText() {
        let html = TreasuryReportRenderer.render(Self.report, as: .html)
        for reference in ["http:", "https:", "src=", "href=", "url(", "@import", "//"] {
            #expect(!html.contains(reference), "the page refers to \(reference)")
        }
        #expect(html.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
        #expect(html.components(separatedBy: "<script").count == 2, "only the error recorder is a script")
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; reverted &amp; &lt;b&gt;dropped&lt;/b&gt;"))
        #expect(html.contains(#"paid &quot;by hand&quot;, outside the ledger"#))
        #expect(html.components(separatedBy: "<svg ").count == 5, "two charts per board")
    }

    @Test func htmlFiguresEqualTheJSONReport() throws {
        let json = TreasuryReportRenderer.jsonValue(Self.report)
        let expected = ReportFigures.expected(fromJSON: json)
        let shown = ReportFigures.shown(inHTML: TreasuryReportRenderer.html(Self.report))
        #expect(Set(shown.keys) == Set(expected.keys))
        for (key, value) in expected {
            #expect(shown[key]?.value == value, "\(key)")
            #expect(shown[key]?.text == ReportFigures.shownText(key: key, value: value), "\(key)")
        }
        #expect(shown["period.daily.2026-11-20.total"]?.text == "55.400000000000000007")
        #expect(shown["check.1.difference"]?.value == "-5000")
    }

    @Test func chartBarsStayInsideTheirChartForAnyAmount() {
        var report = Self.report
        report.periods[0].prizes[0].amount = .max
        report.periods[0].carryOut = .max
        let html = TreasuryReportRenderer.html(report)
        let heights = html.matches(of: #/<rect x="\d+" y="(\d+)" width="\d+" height="(\d+)"/#).map { (Int($0.1)!, Int($0.2)!) }
        #expect(heights.count == 11 + 3, "one rectangle per prize and carry-out that is not zero")
        #expect(heights.allSatisfy { y, height in y >= 24 && y + height <= 170 })
    }
}
