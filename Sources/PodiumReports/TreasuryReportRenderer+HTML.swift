import PodiumLedger

extension TreasuryReportRenderer {
    /// The report as one self-contained HTML page: Markdown's content plus, per board, an SVG line of the pool per
    /// period and SVG bars of each period's payouts by place and carry-out. It loads nothing (its Content Security
    /// Policy forbids any fetch), reads on a phone (viewport, fluid layout, tables that scroll sideways), and
    /// escapes every text.
    ///
    /// Machine checks: every amount and count is an element `<span data-figure="KEY" data-value="EXACT">TEXT</span>`,
    /// where EXACT is the JSON report's value (base units, wei, a count, or a signed difference) and TEXT the amount
    /// in the token's units (ETH for gas). Keys: `sales.{count,revenue,treasury,daily,weekly}`,
    /// `period.BOARD.PERIOD.{sales,base,bonus,carryIn,total,paid,dust,carryOut}`, `prize.BOARD.PERIOD.PLACE`,
    /// `totals.BOARD.{periods,base,bonus,paid,carryOut}`, `check.INDEX.{expected,actual,difference}`,
    /// `discrepancy.INDEX.{expected,actual}` (INDEX among the discrepancies), `findings`, `findings.STATUS`,
    /// `discrepancies`, `checks.off`, `gas.{operations,accountCreations,gasUsed,weiSpent,weiPerOperation}`. A tiny
    /// inline script counts the page's errors and blocked loads into `<html data-errors>` (with their text in
    /// `data-error-log`), so a headless browser's dumped DOM shows them.
    public static func html(_ report: TreasuryReport) -> String {
        let document = ReportDocument(report)
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
            <title>\(escapeHTML(document.title))</title>
            <script>\(errorRecorder)</script>
            <style>\(styleSheet)</style>
            </head>
            <body>
            <main>
            <h1>\(escapeHTML(document.title))</h1>
            <p class="verdict \(document.balances ? "ok" : "bad")">\(escapeHTML(document.verdict))</p>

            """
        let boards = report.boardTotals.filter { !$0.periods.isEmpty }
        if !boards.isEmpty {
            page += "<section id=\"charts\"><h2>Pools and payouts</h2><div class=\"charts\">\n"
            for totals in boards {
                page += "<figure>\(ReportChart.poolLine(totals, in: report))<figcaption>\(escapeHTML(totals.board.rawValue)) pool per period</figcaption></figure>\n"
                page += "<figure>\(ReportChart.payoutBars(totals, in: report))<figcaption>\(escapeHTML(totals.board.rawValue)) payouts: "
                page += (1...ReportChart.placeColours.count).map { legend(ReportChart.colour(ofPlace: $0), "place \($0)") }.joined(separator: " ")
                page += " \(legend(ReportChart.carryColour, "carry-out"))</figcaption></figure>\n"
            }
            page += "</div></section>\n"
        }
        for section in document.sections {
            page += "<section id=\"\(escapeHTML(section.id))\"><h2>\(escapeHTML(section.title))</h2>\n"
            for block in section.blocks {
                switch block {
                case .facts(let facts):
                    page += "<dl>" + facts.map { "<dt>\(escapeHTML($0.label))</dt><dd>\(html($0.value))</dd>" }.joined() + "</dl>\n"
                case .note(let note):
                    page += "<p>\(escapeHTML(note))</p>\n"
                case .table(let table):
                    let numeric = table.columns.indices.map(table.isNumeric)
                    page += "<div class=\"scroll\"><table><thead><tr>"
                    page += zip(table.columns, numeric).map { "<th\($1 ? " class=\"num\"" : "")>\(escapeHTML($0))</th>" }.joined()
                    page += "</tr></thead><tbody>\n"
                    for row in table.rows {
                        page += "<tr>" + zip(row, numeric).map { "<td\($1 ? " class=\"num\"" : "")>\(html($0))</td>" }.joined() + "</tr>\n"
                    }
                    page += "</tbody></table></div>\n"
                }
            }
            page += "</section>\n"
        }
        return page + "</main>\n</body>\n</html>\n"
    }

    /// A cell's HTML: a figure in its `data-figure` span, code in `<code>`, then its unit.
    private static func html(_ cell: ReportDocument.Cell) -> String {
        var text = escapeHTML(cell.text)
        if cell.isCode { text = "<code>\(text)</code>" }
        if let (key, value) = cell.figure {
            text = "<span data-figure=\"\(escapeHTML(key))\" data-value=\"\(escapeHTML(value))\">\(text)</span>"
        }
        return cell.unit.map { "\(text) \(escapeHTML($0))" } ?? text
    }

    /// A legend entry: a swatch of `colour` and its `label`.
    private static func legend(_ colour: String, _ label: String) -> String {
        "<span class=\"key\"><i style=\"background:\(colour)\"></i>\(escapeHTML(label))</span>"
    }

    /// Records each error event and Content Security Policy violation (a blocked load) in `<html>`'s
    /// `data-errors` count and `data-error-log`, from the first moment the page runs.
    private static let errorRecorder = """
        (function(){var r=document.documentElement,n=0;r.setAttribute("data-errors","0");\
        function note(t){n+=1;r.setAttribute("data-errors",String(n));\
        r.setAttribute("data-error-log",(r.getAttribute("data-error-log")||"")+t+"\\n");}\
        addEventListener("error",function(e){note("error: "+(e.message||(e.target&&(e.target.src||e.target.href))||"load"));},true);\
        addEventListener("unhandledrejection",function(e){note("rejection: "+e.reason);});\
        addEventListener("securitypolicyviolation",function(e){note("blocked: "+e.violatedDirective+" "+e.blockedURI);});})();
        """

    /// The page's style: fluid, readable at 360 px, tables scrolling inside their box.
    private static let styleSheet = """
        *{box-sizing:border-box}\
        body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1f2328;background:#fff}\
        main{max-width:1100px;margin:0 auto;padding:12px 14px 40px}\
        h1{font-size:1.35rem;line-height:1.25;margin:.3em 0}\
        h2{font-size:1.1rem;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:1px solid #d0d7de}\
        .verdict{padding:.55em .8em;border-radius:6px;font-weight:700}\
        .ok{background:#dafbe1;color:#116329}.bad{background:#ffebe9;color:#a40e26}\
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5em 0;border:1px solid #d0d7de;border-radius:6px}\
        table{border-collapse:collapse;font-size:.875rem;min-width:100%}\
        th,td{padding:.35em .6em;border-bottom:1px solid #eaeef2;text-align:left;white-space:nowrap;vertical-align:top}\
        th{background:#f6f8fa;font-weight:600}.num{text-align:right;font-variant-numeric:tabular-nums}\
        code{font:.85em ui-monospace,"DejaVu Sans Mono",Menlo,monospace}\
        dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25em .9em;margin:.5em 0}\
        dt{color:#57606a}dd{margin:0;overflow-wrap:anywhere}\
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:18px}\
        figure{margin:0}svg{display:block;width:100%;height:auto}\
        figcaption{font-size:.85rem;color:#57606a;margin-top:.3em}\
        .key{white-space:nowrap;margin-right:.5em}.key i{display:inline-block;width:.8em;height:.8em;margin-right:.25em;border-radius:2px}
        """
}

/// `text` safe inside HTML text and quoted attribute values: `&`, `<`, `>`, `"` and `'` as character references.
func escapeHTML(_ text: String) -> String {
    var escaped = ""
    for character in text {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&#39;"
        default: escaped.append(character)
        }
    }
    return escaped
}
