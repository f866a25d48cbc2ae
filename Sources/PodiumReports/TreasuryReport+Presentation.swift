import PodiumLedger
import PodiumPrimitives

/// One board's periods summed, for the reports' totals.
struct BoardTotals {
    /// The board.
    let board: Board
    /// Its periods in the report, in the report's order.
    let periods: [TreasuryReport.PeriodPool]
    /// Sums over those periods (saturating at 2²⁵⁶ − 1, which token amounts never reach).
    let base: UInt256, bonus: UInt256, paid: UInt256
    /// The last period's carry-out, nil without periods.
    var carryOut: UInt256? { periods.last?.carryOut }

    /// The totals of `board`'s periods in `report`.
    init(_ board: Board, in report: TreasuryReport) {
        self.board = board
        periods = report.periods.filter { $0.board == board }
        base = .saturatingSum(periods.map(\.base))
        bonus = .saturatingSum(periods.map(\.bonus))
        paid = .saturatingSum(periods.map(\.paid))
    }
}

extension UInt256 {
    /// The sum of `values`, or 2²⁵⁶ − 1 when it would not fit.
    static func saturatingSum(_ values: [UInt256]) -> UInt256 {
        values.reduce(.zero) { sum, value in
            let (next, overflow) = sum.addingReportingOverflow(value)
            return overflow ? .max : next
        }
    }
}

extension TreasuryReport {
    /// Each board's totals, daily first.
    var boardTotals: [BoardTotals] { Board.allCases.map { BoardTotals($0, in: self) } }

    /// The checks whose two figures differ.
    var checksOff: [BalanceCheck] { checks.filter { !$0.balances } }

    /// "BALANCED", or "DOES NOT BALANCE: 2 discrepancies, 1 check off".
    var verdict: String {
        guard !balances else { return "BALANCED" }
        let (findings, off) = (discrepancies.count, checksOff.count)
        return "DOES NOT BALANCE: \(findings) \(findings == 1 ? "discrepancy" : "discrepancies"), \(off) \(off == 1 ? "check" : "checks") off"
    }

    /// A token amount in the token's units, exactly: "140.5".
    func tokens(_ amount: UInt256) -> String { Units.format(amount, decimals: scope.decimals) }
}

extension TreasuryReport.BalanceCheck {
    /// `actual − expected` in base units as signed decimal text: "-5000", "0", "12".
    var differenceText: String {
        let (sign, magnitude) = difference
        return sign < 0 ? "-\(magnitude)" : magnitude.description
    }

    /// `actual − expected` in the token's units with the sign: "-0.000000000000005".
    func differenceText(decimals: Int) -> String {
        let (sign, magnitude) = difference
        return (sign < 0 ? "-" : "") + Units.format(magnitude, decimals: decimals)
    }
}

extension TreasuryReport.Scope {
    /// "2026-11-20 to 2026-11-22", "from 2026-11-20", "to 2026-11-22", or "everything".
    var range: String {
        switch (from, to) {
        case let (from?, to?): "\(from) to \(to)"
        case let (from?, nil): "from \(from)"
        case let (nil, to?): "to \(to)"
        case (nil, nil): "everything"
        }
    }
}
