import PodiumLedger
import PodiumPrimitives

extension TreasuryReportRenderer {
    /// The CSV header: every row of `csv(_:)` has these fields, empty where they do not apply.
    ///
    /// - `section`: `scope`, `summary`, `sales`, `period`, `prize`, `total`, `check`, `finding` or `gas`;
    /// - `name`: the figure: a scope field (`chain_id`, `block`, …), `balances`/`discrepancies`/`checks_off`, a sales
    ///   or period figure (`count`, `revenue`, `base`, `carry_in`, …), a check's name, a gas figure (`wei_spent`, …);
    /// - `board`, `period`, `status` (a period's ledger status, a finding's verdict, a check's `BALANCED`/`OFF`),
    ///   `place`;
    /// - `wallet`: a prize's wallet, or a finding's expected wallet; `actual_wallet`: the wallet the chain paid;
    /// - `value`: the row's figure: an amount in base units (wei for gas), a count, a check's signed difference
    ///   (`-5000`), or a scope field's text;
    /// - `expected`, `actual`: a check's or a finding's two amounts in base units;
    /// - `tx_hash`, `block`: the transaction and block that show a payout; `detail`: one line of explanation.
    public static let csvColumns = [
        "section", "name", "board", "period", "status", "place", "wallet", "actual_wallet", "value", "expected",
        "actual", "tx_hash", "block", "detail",
    ]

    /// The report as one flat RFC 4180 table: the `csvColumns` header, then one row per figure, in the order
    /// scope, summary, sales, periods (each followed by its prizes), board totals, checks, findings, gas. Lines end
    /// in CRLF; a field with a comma, quote or line break is quoted, its quotes doubled.
    public static func csv(_ report: TreasuryReport) -> String {
        var rows: [[String: String]] = []
        let scope = report.scope
        let scopeFields: [(String, String)] = [
            ("chain_id", "\(scope.chainID)"), ("from", scope.from?.description ?? ""), ("to", scope.to?.description ?? ""),
            ("block", "\(scope.block)"), ("block_hash", scope.blockHash.description), ("block_time", scope.blockTime.description),
            ("finalized_block", "\(scope.finalizedBlock)"), ("token", scope.token.description), ("symbol", scope.symbol),
            ("decimals", "\(scope.decimals)"), ("distributor", scope.distributor.description),
        ]
        rows += scopeFields.map { ["section": "scope", "name": $0, "value": $1] }
        rows += [
            ["section": "summary", "name": "balances", "value": "\(report.balances)", "detail": report.verdict],
            ["section": "summary", "name": "discrepancies", "value": "\(report.discrepancies.count)"],
            ["section": "summary", "name": "checks_off", "value": "\(report.checksOff.count)"],
        ]
        rows += salesFields(report.sales).map { ["section": "sales", "name": $0, "value": $1] }
        for pool in report.periods {
            let period = [
                "board": pool.board.rawValue, "period": pool.period.description, "status": pool.status,
                "tx_hash": pool.transactionHash?.description ?? "", "block": pool.blockNumber.map(String.init) ?? "",
            ]
            let figures = salesFields(pool.sales).map { ("sales_\($0)", $1) } + [
                ("base", pool.base), ("bonus", pool.bonus), ("carry_in", pool.carryIn), ("total", pool.total),
                ("paid", pool.paid), ("dust", pool.dust), ("carry_out", pool.carryOut),
            ].map { ($0, $1.description) }
            rows += figures.map { period.merging(["section": "period", "name": $0, "value": $1]) { _, row in row } }
            rows += pool.prizes.map { prize in
                period.merging([
                    "section": "prize", "place": "\(prize.place)", "wallet": prize.wallet.description, "value": prize.amount.description,
                ]) { _, row in row }
            }
        }
        for totals in report.boardTotals {
            let figures = [
                ("periods", "\(totals.periods.count)"), ("base", totals.base.description), ("bonus", totals.bonus.description),
                ("paid", totals.paid.description), ("carry_out", totals.carryOut?.description ?? ""),
            ]
            rows += figures.map { ["section": "total", "board": totals.board.rawValue, "name": $0, "value": $1] }
        }
        rows += report.checks.map { check in
            [
                "section": "check", "name": check.name, "status": check.balances ? "BALANCED" : "OFF", "value": check.differenceText,
                "expected": check.expected.description, "actual": check.actual.description, "detail": check.detail,
            ]
        }
        rows += report.findings.map { finding in
            [
                "section": "finding", "board": finding.period?.board.rawValue ?? "", "period": finding.period?.description ?? "",
                "status": finding.status.rawValue, "place": finding.place.map(String.init) ?? "",
                "wallet": finding.expectedWallet?.description ?? "", "actual_wallet": finding.actualWallet?.description ?? "",
                "expected": finding.expectedAmount?.description ?? "", "actual": finding.actualAmount?.description ?? "",
                "tx_hash": finding.transactionHash?.description ?? "", "block": finding.blockNumber.map(String.init) ?? "",
                "detail": finding.detail,
            ]
        }
        let gas = [
            ("operations", "\(report.gas.operations)"), ("account_creations", "\(report.gas.accountCreations)"),
            ("gas_used", report.gas.gasUsed.description), ("wei_spent", report.gas.weiSpent.description),
            ("wei_per_operation", report.gas.weiPerOperation.description),
        ]
        rows += gas.map { ["section": "gas", "name": $0, "value": $1] }

        var text = ""
        for fields in [csvColumns] + rows.map({ row in csvColumns.map { row[$0] ?? "" } }) {
            text += fields.map(csvField).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// A sales figure's name and value: `count`, `revenue`, `treasury`, `daily`, `weekly`.
    private static func salesFields(_ sales: TreasuryReport.Sales) -> [(String, String)] {
        [
            ("count", "\(sales.count)"), ("revenue", sales.revenue.description), ("treasury", sales.treasury.description),
            ("daily", sales.daily.description), ("weekly", sales.weekly.description),
        ]
    }

    /// One field as RFC 4180 (section 2) writes it: quoted, quotes doubled, when it holds a comma, quote or line
    /// break.
    static func csvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var field = "\""
        for character in text { field += character == "\"" ? "\"\"" : String(character) }
        return field + "\""
    }
}
