import ArgumentParser
import Foundation
import PodiumLedger
import PodiumPrimitives
import PodiumRPC
import PodiumSettlement

/// `podium reconcile [--from DAY] [--to DAY] [--at-block N] [--notify-url URL]`: the ledger against the chain.
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Match every settled payout against the indexed chain and check that the books balance.",
        discussion: """
            Each payout gets one status: MATCHED, PENDING (not yet final, or not yet sent), MISSING_ONCHAIN, \
            UNEXPECTED_ONCHAIN (paid with no settlement), AMOUNT_MISMATCH, RECIPIENT_MISMATCH, DUPLICATE, FAILED_TX \
            (recorded as paid, reverted or reorged out). The checks: revenue = treasury + pool contributions (each \
            purchase and in total), each board's pool rolled forward, each bonus against the final chain, and the \
            distributor's token balance at the report's block (eth_call) against the books. Verdicts use final blocks \
            only. --from and --to are UTC dates (a weekly period counts when it overlaps them). Exit status: 0 \
            balanced, 1 any discrepancy, 2 a usage or input error. --notify-url posts {"text": …} (a shape Slack, \
            Mattermost and Discord-compatible webhooks accept) when it does not balance.
            """)

    @Option(help: ArgumentHelp("The first day covered, YYYY-MM-DD (default: the beginning).", valueName: "DAY")) var from: String?
    @Option(help: ArgumentHelp("The last day covered, YYYY-MM-DD (default: everything indexed).", valueName: "DAY")) var to: String?
    @Option(help: ArgumentHelp("Read the chain at block N (default: the index's last final block).", valueName: "N")) var atBlock: UInt64?
    @Option(help: ArgumentHelp("A webhook to post a JSON summary to when the books do not balance.", valueName: "URL"))
    var notifyURL: String?
    @Flag(help: "List every payout, matched ones too.") var all = false
    @OptionGroup var books: BooksOptions
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let (from, to) = try Self.days(from: from, to: to)
        let report = try await Self.report(books: books, rpc: rpc, from: from, to: to, atBlock: atBlock)
        print(Self.text(report, all: all))
        guard !report.balances else { return }
        if let notifyURL { await Self.notify(notifyURL, report) }
        throw FailureWithStatus(description: Self.headline(report), status: 1)
    }

    /// Parses --from and --to as UTC dates, in order.
    static func days(from: String?, to: String?) throws -> (CalendarDate?, CalendarDate?) {
        func day(_ text: String?, _ name: String) throws -> CalendarDate? {
            try text.map { text in try parseArgument(name, text) { try Period(parsing: $0, board: .daily) }.start.date }
        }
        let (first, last) = (try day(from, "from"), try day(to, "to"))
        if let first, let last, last < first { throw CommandFailure("--to \(last) is before --from \(first)") }
        return (first, last)
    }

    /// The report over the given days, read through the books' files and the node.
    static func report(books: BooksOptions, rpc: RPCOptions, from: CalendarDate?, to: CalendarDate?, atBlock: UInt64?) async throws -> TreasuryReport {
        let client = try rpc.client()
        let chainID = try await client.chainID()
        let (ledger, index, record) = try books.open(chainID: chainID)
        let reconciler = Reconciler(ledger: ledger, index: index, client: client, contracts: try SettlementContracts(record: record))
        do {
            return try await reconciler.report(from: from, to: to, atBlock: atBlock)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// `DOES NOT BALANCE: 2 discrepancies, 1 check off` or `BALANCED`.
    static func headline(_ report: TreasuryReport) -> String {
        let discrepancies = report.discrepancies.count, off = report.checks.filter { !$0.balances }.count
        guard discrepancies + off > 0 else { return "BALANCED" }
        return "DOES NOT BALANCE: \(discrepancies) discrepanc\(discrepancies == 1 ? "y" : "ies"), \(off) check\(off == 1 ? "" : "s") off"
    }

    /// The report as a terminal reads it: the verdict, the statuses counted, each discrepancy and each check.
    static func text(_ report: TreasuryReport, all: Bool) -> String {
        let glico = { (amount: UInt256) in "\(Units.format(amount, decimals: report.scope.decimals)) \(report.scope.symbol)" }
        let scope = report.scope
        var lines = [
            "chain \(scope.chainID) at block \(scope.block) (\(scope.blockTime)), final through \(scope.finalizedBlock): \(headline(report))"
        ]
        let counts = ReconciliationStatus.allCases.compactMap { status -> String? in
            let count = report.findings.filter { $0.status == status }.count
            return count == 0 ? nil : "\(count) \(status.rawValue)"
        }
        lines.append("payouts: \(counts.isEmpty ? "none settled" : counts.joined(separator: ", "))")
        let shown = all ? report.findings : report.findings.filter { $0.status != .matched }
        for finding in shown { lines.append("  " + line(finding, glico: glico)) }
        lines.append("checks:")
        for check in report.checks {
            let difference = check.difference
            let sign = difference.sign < 0 ? "−" : "+"
            lines.append(check.balances
                ? "  ok   \(check.name): \(check.expected)"
                : "  OFF  \(check.name): books \(check.expected), other side \(check.actual) (\(sign)\(difference.magnitude)): \(check.detail)")
        }
        return lines.joined(separator: "\n")
    }

    /// One finding on one line, with its evidence.
    static func line(_ finding: TreasuryReport.Finding, glico: (UInt256) -> String) -> String {
        var parts = [finding.status.rawValue]
        if let period = finding.period { parts.append("\(period.board.rawValue) \(period)") }
        if let place = finding.place { parts.append("place \(place)") }
        if let wallet = finding.expectedWallet, let amount = finding.expectedAmount { parts.append("expected \(glico(amount)) to \(wallet)") }
        if let wallet = finding.actualWallet, let amount = finding.actualAmount { parts.append("paid \(glico(amount)) to \(wallet)") }
        if let hash = finding.transactionHash { parts.append("tx \(hash)\(finding.blockNumber.map { " (block \($0))" } ?? "")") }
        return parts.joined(separator: " · ") + ": " + finding.detail
    }

    /// Posts `{"text": …}` to the webhook; a failure to deliver is reported on stderr, not fatal.
    static func notify(_ url: String, _ report: TreasuryReport) async {
        var text = "Podium reconcile, chain \(report.scope.chainID) at block \(report.scope.block): \(headline(report))"
        for finding in report.discrepancies.prefix(10) {
            text += "\n• " + line(finding) { "\(Units.format($0, decimals: 18)) GLICO" }
        }
        for check in report.checks where !check.balances { text += "\n• check off: \(check.name)" }
        let body: JSONValue = [
            "text": .string(text), "balanced": .bool(false), "chainId": .number(String(report.scope.chainID)),
            "block": .number(String(report.scope.block)), "discrepancies": .number(String(report.discrepancies.count)),
        ]
        do {
            let transport = try CurlTransport(url: url, timeout: .seconds(10), connectTimeout: .seconds(5), maximumResponseBytes: 1 << 16)
            let response = try await transport.post(Array(body.jsonText.utf8))
            if !(200..<300).contains(response.status) {
                FileHandle.standardError.write(Data("podium: the webhook \(RedactedURL(url)) answered HTTP \(response.status)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("podium: could not notify \(RedactedURL(url)): \(error)\n".utf8))
        }
    }
}
