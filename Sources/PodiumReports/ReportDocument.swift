import PodiumLedger
import PodiumPrimitives

/// The content Markdown and HTML share, built once from a report: a title, the verdict, and sections of facts and
/// tables whose amount cells carry their exact figure (key and base units) for machine checks.
struct ReportDocument {
    /// One value shown: its text, how it is set, and for a figure its key and exact value.
    struct Cell {
        /// The text shown: an amount in the token's units, a count, a hash, words.
        var text: String
        /// Hashes and addresses are set as code.
        var isCode = false
        /// For a figure: its key (`sales.revenue`, `period.daily.2026-11-20.total`) and its exact value, in base
        /// units (wei for gas) or as a count; a difference carries its sign.
        var figure: (key: String, value: String)?
        /// The unit written after the text, when the column header does not name it.
        var unit: String?
    }

    /// A table: its column headers and rows of cells, one per column.
    struct Table {
        var columns: [String]
        var rows: [[Cell]]

        /// Whether column `index` holds figures (set right-aligned).
        func isNumeric(_ index: Int) -> Bool { rows.contains { $0[index].figure != nil } }
    }

    /// One piece of a section.
    enum Block {
        /// Labelled values, one per line.
        case facts([(label: String, value: Cell)])
        /// A table.
        case table(Table)
        /// A sentence.
        case note(String)
    }

    /// A titled part of the report; `id` is its HTML anchor.
    struct Section {
        var id: String
        var title: String
        var blocks: [Block]
    }

    /// "Treasury report: chain 31337, block 120".
    let title: String
    /// The report's verdict (`TreasuryReport.verdict`) and whether it balances.
    let verdict: String
    let balances: Bool
    /// The sections, in reading order.
    let sections: [Section]

    /// The document of `report`.
    init(_ report: TreasuryReport) {
        let scope = report.scope
        let unit = scope.symbol
        title = "Treasury report: chain \(scope.chainID), block \(scope.block)"
        verdict = report.verdict
        balances = report.balances

        func amount(_ value: UInt256, _ key: String) -> Cell {
            Cell(text: report.tokens(value), figure: (key, value.description))
        }
        func count(_ value: some BinaryInteger, _ key: String) -> Cell { Cell(text: "\(value)", figure: (key, "\(value)")) }
        func code(_ text: String) -> Cell { Cell(text: text, isCode: true) }
        func text(_ text: String) -> Cell { Cell(text: text) }
        func optional<Value>(_ value: Value?, _ cell: (Value) -> Cell) -> Cell { value.map(cell) ?? text("–") }

        var sections = [Section]()
        sections.append(Section(id: "summary", title: "Summary", blocks: [.facts([
            ("Discrepancies", count(report.discrepancies.count, "discrepancies")),
            ("Checks off", count(report.checksOff.count, "checks.off")),
            ("Findings", count(report.findings.count, "findings")),
            ("Range", text(scope.range)),
            ("Block", text("\(scope.block) at \(scope.blockTime), final up to \(scope.finalizedBlock)")),
            ("Block hash", code(scope.blockHash.description)),
            ("Token", text("\(unit), \(scope.decimals) decimals")),
            ("Token contract", code(scope.token.description)),
            ("Distributor", code(scope.distributor.description)),
        ])]))

        let sales = report.sales
        sections.append(Section(id: "sales", title: "Sales", blocks: [.table(Table(
            columns: ["Game Passes", "revenue (\(unit))", "treasury (\(unit))", "daily pools (\(unit))", "weekly pools (\(unit))"],
            rows: [[
                count(sales.count, "sales.count"), amount(sales.revenue, "sales.revenue"), amount(sales.treasury, "sales.treasury"),
                amount(sales.daily, "sales.daily"), amount(sales.weekly, "sales.weekly"),
            ]]
        ))]))

        for totals in report.boardTotals where !totals.periods.isEmpty {
            let board = totals.board.rawValue
            let periods = Table(
                columns: ["period", "status", "sales", "base", "bonus", "carry-in", "total", "paid", "dust", "carry-out", "tx", "block"]
                    .map { ["period", "status", "sales", "tx", "block"].contains($0) ? $0 : "\($0) (\(unit))" },
                rows: totals.periods.map { pool in
                    let key = "period.\(board).\(pool.period)"
                    return [
                        text(pool.period.description), text(pool.status), count(pool.sales.count, "\(key).sales"),
                        amount(pool.base, "\(key).base"), amount(pool.bonus, "\(key).bonus"), amount(pool.carryIn, "\(key).carryIn"),
                        amount(pool.total, "\(key).total"), amount(pool.paid, "\(key).paid"), amount(pool.dust, "\(key).dust"),
                        amount(pool.carryOut, "\(key).carryOut"), optional(pool.transactionHash) { code($0.description) },
                        optional(pool.blockNumber) { text("\($0)") },
                    ]
                }
            )
            let prizes = Table(
                columns: ["period", "place", "wallet", "amount (\(unit))"],
                rows: totals.periods.flatMap { pool in
                    pool.prizes.map { prize in
                        [
                            text(pool.period.description), text("\(prize.place)"), code(prize.wallet.description),
                            amount(prize.amount, "prize.\(board).\(pool.period).\(prize.place)"),
                        ]
                    }
                }
            )
            sections.append(Section(id: "\(board)-periods", title: "\(board.prefix(1).uppercased() + board.dropFirst()) periods", blocks: [
                .table(periods),
                prizes.rows.isEmpty ? .note("No \(board) prizes paid.") : .table(prizes),
            ]))
        }

        sections.append(Section(id: "totals", title: "Totals per board", blocks: [.table(Table(
            columns: ["board", "periods", "base (\(unit))", "bonus (\(unit))", "paid (\(unit))", "last carry-out (\(unit))"],
            rows: report.boardTotals.map { totals in
                let key = "totals.\(totals.board.rawValue)"
                return [
                    text(totals.board.rawValue), count(totals.periods.count, "\(key).periods"), amount(totals.base, "\(key).base"),
                    amount(totals.bonus, "\(key).bonus"), amount(totals.paid, "\(key).paid"),
                    optional(totals.carryOut) { amount($0, "\(key).carryOut") },
                ]
            }
        ))]))

        sections.append(Section(id: "checks", title: "Checks", blocks: [report.checks.isEmpty ? .note("No checks made.") : .table(Table(
            columns: ["check", "expected (\(unit))", "actual (\(unit))", "difference (\(unit))", "verdict", "how"],
            rows: report.checks.enumerated().map { index, check in
                [
                    text(check.name), amount(check.expected, "check.\(index).expected"), amount(check.actual, "check.\(index).actual"),
                    Cell(text: check.differenceText(decimals: scope.decimals), figure: ("check.\(index).difference", check.differenceText)),
                    text(check.balances ? "balances" : "OFF"), text(check.detail),
                ]
            }
        ))]))

        let discrepancies = report.discrepancies
        let statuses = ReconciliationStatus.allCases.compactMap { status -> [Cell]? in
            let found = report.findings.filter { $0.status == status }.count
            return found == 0 ? nil : [text(status.rawValue), count(found, "findings.\(status.rawValue)")]
        }
        var findingBlocks: [Block] = [statuses.isEmpty ? .note("No payouts to reconcile.") : .table(Table(columns: ["verdict", "payouts"], rows: statuses))]
        findingBlocks.append(discrepancies.isEmpty ? .note("No discrepancies.") : .table(Table(
            columns: [
                "verdict", "board", "period", "place", "expected wallet", "expected (\(unit))", "actual wallet", "actual (\(unit))",
                "tx", "block", "why",
            ],
            rows: discrepancies.enumerated().map { index, finding in
                let key = "discrepancy.\(index)"
                return [
                    text(finding.status.rawValue), optional(finding.period) { text($0.board.rawValue) },
                    optional(finding.period) { text($0.description) }, optional(finding.place) { text("\($0)") },
                    optional(finding.expectedWallet) { code($0.description) },
                    optional(finding.expectedAmount) { amount($0, "\(key).expected") },
                    optional(finding.actualWallet) { code($0.description) },
                    optional(finding.actualAmount) { amount($0, "\(key).actual") },
                    optional(finding.transactionHash) { code($0.description) }, optional(finding.blockNumber) { text("\($0)") },
                    text(finding.detail),
                ]
            }
        )))
        sections.append(Section(id: "discrepancies", title: "Reconciliation", blocks: findingBlocks))

        let gas = report.gas
        func ether(_ wei: UInt256, _ key: String) -> Cell {
            Cell(text: Units.format(wei, decimals: 18), figure: (key, wei.description), unit: "ETH")
        }
        sections.append(Section(id: "gas", title: "Sponsored gas", blocks: [.facts([
            ("User operations", count(gas.operations, "gas.operations")),
            ("Account creations", count(gas.accountCreations, "gas.accountCreations")),
            ("Gas used", count(gas.gasUsed, "gas.gasUsed")),
            ("Spent", ether(gas.weiSpent, "gas.weiSpent")),
            ("Per purchase", ether(gas.weiPerOperation, "gas.weiPerOperation")),
        ])]))
        self.sections = sections
    }
}
