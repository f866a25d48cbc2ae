import PodiumPrimitives

/// The figures an HTML report must show (`data-figure` key → exact value), derived from the JSON report of the same
/// model, and the figures a page actually shows.
enum ReportFigures {
    /// Every figure key the HTML renderer documents, with its value read from the JSON report.
    static func expected(fromJSON json: JSONValue) -> [String: String] {
        var figures = [String: String]()
        func add(_ key: String, _ value: JSONValue) { if let text = value.text { figures[key] = text } }
        for name in ["count", "revenue", "treasury", "daily", "weekly"] { add("sales.\(name)", json["sales"][name]) }
        for period in json["periods"].array {
            let key = "period.\(period["board"].text ?? "").\(period["period"].text ?? "")"
            add("\(key).sales", period["sales"]["count"])
            for name in ["base", "bonus", "carryIn", "total", "paid", "dust", "carryOut"] { add("\(key).\(name)", period[name]) }
            for prize in period["prizes"].array {
                add("prize.\(period["board"].text ?? "").\(period["period"].text ?? "").\(prize["place"].text ?? "")", prize["amount"])
            }
        }
        for board in ["daily", "weekly"] {
            for name in ["periods", "base", "bonus", "paid", "carryOut"] { add("totals.\(board).\(name)", json["totals"][board][name]) }
        }
        for (index, check) in json["checks"].array.enumerated() {
            for name in ["expected", "actual", "difference"] { add("check.\(index).\(name)", check[name]) }
        }
        let findings = json["findings"].array
        let discrepancies = findings.filter { !["MATCHED", "PENDING"].contains($0["status"].text) }
        for (index, finding) in discrepancies.enumerated() {
            add("discrepancy.\(index).expected", finding["expectedAmount"])
            add("discrepancy.\(index).actual", finding["actualAmount"])
        }
        figures["findings"] = "\(findings.count)"
        for status in Set(findings.compactMap { $0["status"].text }) {
            figures["findings.\(status)"] = "\(findings.filter { $0["status"].text == status }.count)"
        }
        add("discrepancies", json["discrepancies"])
        figures["checks.off"] = "\(json["checks"].array.filter { $0["balances"] == .bool(false) }.count)"
        for name in ["operations", "accountCreations", "gasUsed", "weiSpent", "weiPerOperation"] { add("gas.\(name)", json["gas"][name]) }
        return figures
    }

    /// The text a figure's element must show for its exact `value`: counts as they are, amounts (base units, wei)
    /// as 18-decimal units with the sign.
    static func shownText(key: String, value: String) -> String {
        let counts = [".sales", ".periods", "findings", "discrepancies", "checks.off", "sales.count", "gas.operations", "gas.accountCreations", "gas.gasUsed"]
        if key.hasPrefix("findings") || counts.contains(where: { key.hasSuffix($0) }) { return value }
        let negative = value.hasPrefix("-")
        let magnitude = try! UInt256(decimal: negative ? String(value.dropFirst()) : value)
        return (negative ? "-" : "") + Units.format(magnitude, decimals: 18)
    }

    /// The page's figures: key → (exact value, text shown), from `<span data-figure="…" data-value="…">…</span>`.
    static func shown(inHTML html: String) -> [String: (value: String, text: String)] {
        var figures = [String: (value: String, text: String)]()
        for match in html.matches(of: #/<span data-figure="([^"]*)" data-value="([^"]*)">([^<]*)</span>/#) {
            figures[String(match.1)] = (String(match.2), String(match.3))
        }
        return figures
    }
}
