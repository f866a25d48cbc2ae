import ArgumentParser
import Foundation
import PodiumLedger
import PodiumPrimitives
import PodiumReports

/// `podium report treasury --period ID|FROM..TO --format md|csv|json|html [--out FILE]`.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reports for the treasury, from the ledger reconciled with the indexed chain.",
        subcommands: [TreasuryReportCommand.self])
}

/// `podium report treasury`: sales, pools, prizes, carry-over, the distributor's balance book vs chain, every
/// discrepancy with its evidence, and the gas the paymaster sponsored.
struct TreasuryReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treasury",
        abstract: "The treasury report of a period or a range: Markdown, CSV, JSON or one self-contained HTML page.",
        discussion: """
            --period is a day (2026-11-20), an ISO week (2026-W47, its seven days), a range of them (2026-11-16..2026-11-22), \
            or all. The figures are those podium reconcile checks, at the index's last final block (or --at-block): \
            Game Pass sales and their split, each period's pool (base, bonus, carry-in, total), its prizes per place and \
            carry-out, the distributor's balance in the books and on chain, every discrepancy with its transaction and \
            block, and the sponsored gas (operations, ETH spent, per purchase). Amounts are exact. The exit status is 0 \
            when the books balance, 1 when they do not (the report is written either way), 2 on a usage or input error.
            """)

    @Option(help: ArgumentHelp("A day, an ISO week, FROM..TO, or all.", valueName: "ID")) var period = "all"
    @Option(help: ArgumentHelp("md, csv, json or html.", valueName: "FORMAT")) var format = "md"
    @Option(help: ArgumentHelp("Write the report to FILE instead of the terminal.", valueName: "FILE")) var out: String?
    @Option(help: ArgumentHelp("Read the chain at block N (default: the index's last final block).", valueName: "N")) var atBlock: UInt64?
    @OptionGroup var books: BooksOptions
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        guard let format = ReportFormat(rawValue: format) else { throw CommandFailure("--format must be md, csv, json or html") }
        let (from, to) = try Self.days(period)
        let report = try await Reconcile.report(books: books, rpc: rpc, from: from, to: to, atBlock: atBlock)
        let text = TreasuryReportRenderer.render(report, as: format)
        if let out {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
            }
            print("\(Reconcile.headline(report)): \(format.rawValue) report written to \(out)")
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
        if !report.balances { throw FailureWithStatus(description: Reconcile.headline(report), status: 1) }
    }

    /// The days `text` covers: nil ends for all.
    static func days(_ text: String) throws -> (CalendarDate?, CalendarDate?) {
        if text == "all" { return (nil, nil) }
        let parts = text.components(separatedBy: "..")
        guard (1...2).contains(parts.count) else { throw CommandFailure("--period must be a day, an ISO week, FROM..TO or all") }
        let periods = try parts.map { part in try parseArgument("period", part) { try Period(parsing: $0) } }
        let first = periods[0].start.date, last = CalendarDate(daysSinceEpoch: periods[periods.count - 1].end.date.daysSinceEpoch - 1)
        guard first <= last else { throw CommandFailure("--period \(text) ends before it begins") }
        return (first, last)
    }
}
