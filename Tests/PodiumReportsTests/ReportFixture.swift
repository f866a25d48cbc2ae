import PodiumLedger
import PodiumPrimitives

/// A small treasury report built by hand: three daily periods (one skipped), one weekly, findings of seven
/// statuses (five discrepancies) and one check that is 5000 base units off. The amounts follow DESIGN.md's rules
/// (base 50/500 GLICO, 4000/2400/1600/1200/800 bps, rounded down, rest carried) and were computed with Python
/// integers (`55400000000000000007 * 4000 // 10000` …).
enum ReportFixture {
    static let glico = UInt256(1_000_000_000_000_000_000)

    /// The wallet whose last byte is `n`.
    static func wallet(_ n: UInt8) -> Address { try! Address(Array(repeating: 0, count: 19) + [n]) }

    /// The hash whose bytes are all `n`.
    static func hash(_ n: UInt8) -> Bytes32 { try! Bytes32(Array(repeating: n, count: 32)) }

    static func amount(_ decimal: String) -> UInt256 { try! UInt256(decimal: decimal) }

    static func day(_ text: String) -> Period { try! Period(parsing: text, board: .daily) }

    /// The detail of the UNEXPECTED_ONCHAIN finding: a comma and quotes, for CSV.
    static let quotedDetail = #"paid "by hand", outside the ledger"#
    /// The detail of the FAILED_TX finding: markup, for HTML and Markdown escaping.
    static let markupDetail = #"<script>alert("x")</script> reverted & <b>dropped</b>"#

    static let report: TreasuryReport = {
        let scope = TreasuryReport.Scope(
            chainID: 31337, from: CalendarDate(year: 2026, month: 11, day: 20), to: CalendarDate(year: 2026, month: 11, day: 22),
            block: 120, blockHash: hash(0xab), blockTime: UTCInstant(secondsSinceEpoch: 1_795_392_012), finalizedBlock: 118,
            token: wallet(0xee), distributor: wallet(0xd1)
        )
        let oneSale = TreasuryReport.Sales(
            count: 1, revenue: 20 * glico, treasury: 14 * glico, daily: amount("1800000000000000000"), weekly: amount("4200000000000000000")
        )
        let threeSales = TreasuryReport.Sales(
            count: 3, revenue: 60 * glico, treasury: 42 * glico, daily: amount("5400000000000000000"), weekly: amount("12600000000000000000")
        )
        let periods = [
            TreasuryReport.PeriodPool(
                period: day("2026-11-20"), status: "SUCCESS", sales: threeSales, base: 50 * glico, bonus: threeSales.daily, carryIn: 7,
                total: amount("55400000000000000007"),
                prizes: [
                    .init(place: 1, wallet: wallet(1), amount: amount("22160000000000000002")),
                    .init(place: 2, wallet: wallet(2), amount: amount("13296000000000000001")),
                    .init(place: 3, wallet: wallet(3), amount: amount("8864000000000000001")),
                ],
                paid: amount("44320000000000000004"), dust: 3, carryOut: amount("11080000000000000003"),
                transactionHash: hash(0x11), blockNumber: 101
            ),
            TreasuryReport.PeriodPool(
                period: day("2026-11-21"), status: "SKIPPED", sales: .init(), base: 50 * glico, bonus: .zero,
                carryIn: amount("11080000000000000003"), total: amount("61080000000000000003"), prizes: [], paid: .zero, dust: .zero,
                carryOut: amount("61080000000000000003")
            ),
            TreasuryReport.PeriodPool(
                period: day("2026-11-22"), status: "SUCCESS", sales: oneSale, base: 50 * glico, bonus: oneSale.daily,
                carryIn: amount("61080000000000000003"), total: amount("112880000000000000003"),
                prizes: [
                    .init(place: 1, wallet: wallet(1), amount: amount("45152000000000000001")),
                    .init(place: 2, wallet: wallet(4), amount: amount("27091200000000000000")),
                    .init(place: 3, wallet: wallet(5), amount: amount("18060800000000000000")),
                    .init(place: 4, wallet: wallet(6), amount: amount("13545600000000000000")),
                    .init(place: 5, wallet: wallet(7), amount: amount("9030400000000000000")),
                ],
                paid: amount("112880000000000000001"), dust: 2, carryOut: 2, transactionHash: hash(0x33), blockNumber: 110
            ),
            TreasuryReport.PeriodPool(
                period: try! Period(parsing: "2026-W47", board: .weekly), status: "PENDING",
                sales: .init(count: 4, revenue: 80 * glico, treasury: 56 * glico, daily: amount("7200000000000000000"), weekly: amount("16800000000000000000")),
                base: 500 * glico, bonus: amount("16800000000000000000"), carryIn: .zero, total: amount("516800000000000000000"),
                prizes: [
                    .init(place: 1, wallet: wallet(1), amount: amount("206720000000000000000")),
                    .init(place: 2, wallet: wallet(2), amount: amount("124032000000000000000")),
                ],
                paid: amount("330752000000000000000"), dust: .zero, carryOut: amount("186048000000000000000"),
                transactionHash: hash(0x44), blockNumber: 119
            ),
        ]
        let findings = [
            TreasuryReport.Finding(
                status: .matched, period: day("2026-11-20"), place: 1, expectedWallet: wallet(1), expectedAmount: amount("22160000000000000002"),
                actualWallet: wallet(1), actualAmount: amount("22160000000000000002"), transactionHash: hash(0x11), blockNumber: 101,
                detail: "paid as settled"
            ),
            TreasuryReport.Finding(
                status: .amountMismatch, period: day("2026-11-20"), place: 2, expectedWallet: wallet(2), expectedAmount: amount("13296000000000000001"),
                actualWallet: wallet(2), actualAmount: amount("13295999999999995001"), transactionHash: hash(0x11), blockNumber: 101,
                detail: "5000 base units short"
            ),
            TreasuryReport.Finding(
                status: .recipientMismatch, period: day("2026-11-20"), place: 3, expectedWallet: wallet(3), expectedAmount: amount("8864000000000000001"),
                actualWallet: wallet(9), actualAmount: amount("8864000000000000001"), transactionHash: hash(0x12), blockNumber: 102,
                detail: "paid to another wallet"
            ),
            TreasuryReport.Finding(
                status: .missingOnchain, period: day("2026-11-22"), place: 4, expectedWallet: wallet(6), expectedAmount: amount("13545600000000000000"),
                transactionHash: hash(0x33), detail: "no transfer in the final chain"
            ),
            TreasuryReport.Finding(
                status: .failedTransaction, period: day("2026-11-22"), place: 5, expectedWallet: wallet(7),
                expectedAmount: amount("9030400000000000000"), transactionHash: hash(0x35), blockNumber: 111, detail: markupDetail
            ),
            TreasuryReport.Finding(
                status: .unexpectedOnchain, period: nil, actualWallet: wallet(8), actualAmount: glico, transactionHash: hash(0x66),
                blockNumber: 112, detail: quotedDetail
            ),
            TreasuryReport.Finding(
                status: .pending, period: try! Period(parsing: "2026-W47", board: .weekly), place: 1, expectedWallet: wallet(1),
                expectedAmount: amount("206720000000000000000"), actualWallet: wallet(1), actualAmount: amount("206720000000000000000"),
                transactionHash: hash(0x44), blockNumber: 119, detail: "not final yet"
            ),
        ]
        let checks = [
            TreasuryReport.BalanceCheck(
                name: "revenue = treasury + contributions", expected: 80 * glico, actual: 80 * glico, detail: "56 + 7.2 + 16.8 GLICO"
            ),
            TreasuryReport.BalanceCheck(
                name: "distributor balance", expected: amount("1000000000000000000000"), actual: amount("999999999999999995000"),
                detail: "balanceOf(distributor) at block 120"
            ),
        ]
        return TreasuryReport(
            scope: scope, sales: TreasuryReport.Sales(
                count: 4, revenue: 80 * glico, treasury: 56 * glico, daily: amount("7200000000000000000"), weekly: amount("16800000000000000000")
            ),
            periods: periods, checks: checks, findings: findings,
            gas: TreasuryReport.SponsoredGas(operations: 4, accountCreations: 2, gasUsed: 812_345, weiSpent: amount("1234567890123457"))
        )
    }()
}
