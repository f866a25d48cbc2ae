import PodiumLedger
import PodiumPrimitives

/// Inline SVG charts of one board's periods. Geometry comes from the exact amounts by integer arithmetic
/// (`scaled(_:of:to:)`), never through floating point.
enum ReportChart {
    /// The drawing's size in SVG user units (it scales to the page's width).
    static let (width, height) = (360, 200)
    /// The plot area: amounts rise from `bottom` up to `top`; periods share `left ..< right`.
    static let (left, right, top, bottom) = (6, 354, 24, 170)

    /// The colours of places 1 to 5, then of the carry-out.
    static let placeColours = ["#1f6feb", "#2da44e", "#bf8700", "#cf222e", "#8250df"]
    static let carryColour = "#8c959f"

    /// `value × length / maximum` rounded down, computed in `UInt256` (both shifted right together first when
    /// `maximum` is wider than 240 bits, so the product fits): 0 when `maximum` is 0, at most `length`.
    static func scaled(_ value: UInt256, of maximum: UInt256, to length: Int) -> Int {
        guard maximum > .zero, length > 0 else { return 0 }
        let shift = max(0, UInt256.bitWidth - maximum.leadingZeroBitCount - 240)
        let (value, maximum) = (min(value, maximum) >> shift, maximum >> shift)
        return Int(truncatingIfNeeded: value * UInt256(UInt64(length)) / maximum)
    }

    /// The line of each period's pool total for `totals`' board, a dot per period with its exact amount.
    static func poolLine(_ totals: BoardTotals, in report: TreasuryReport) -> String {
        let maximum = totals.periods.map(\.total).max() ?? .zero
        let points = totals.periods.enumerated().map { index, pool in
            (x: centre(of: index, among: totals.periods.count), y: bottom - scaled(pool.total, of: maximum, to: bottom - top), pool: pool)
        }
        var body = "<polyline fill=\"none\" stroke=\"\(placeColours[0])\" stroke-width=\"2\" points=\""
        body += points.map { "\($0.x),\($0.y)" }.joined(separator: " ") + "\"/>"
        for point in points {
            body += "<circle cx=\"\(point.x)\" cy=\"\(point.y)\" r=\"3.5\" fill=\"\(placeColours[0])\">"
            body += "<title>\(escapeHTML("\(point.pool.period): \(report.tokens(point.pool.total)) \(report.scope.symbol)"))</title></circle>"
        }
        return frame(
            title: "\(totals.board.rawValue) pool per period", maximum: maximum, totals: totals, report: report, body: body
        )
    }

    /// Each period's pool as a bar stacked from the prizes paid (place 1 at the bottom) and the carry-out on top.
    static func payoutBars(_ totals: BoardTotals, in report: TreasuryReport) -> String {
        let stacks = totals.periods.map { pool in
            pool.prizes.sorted { $0.place < $1.place }.map { (colour: colour(ofPlace: $0.place), amount: $0.amount, label: "place \($0.place)") }
                + [(colour: carryColour, amount: pool.carryOut, label: "carry-out")]
        }
        let maximum = stacks.map { UInt256.saturatingSum($0.map(\.amount)) }.max() ?? .zero
        let slot = (right - left) / max(1, totals.periods.count)
        let barWidth = max(2, slot * 3 / 5)
        var body = ""
        for (index, (pool, stack)) in zip(totals.periods, stacks).enumerated() {
            let x = centre(of: index, among: totals.periods.count) - barWidth / 2
            var below = UInt256.zero
            for segment in stack where segment.amount > .zero {
                let above = UInt256.saturatingSum([below, segment.amount])
                let (low, high) = (bottom - scaled(below, of: maximum, to: bottom - top), bottom - scaled(above, of: maximum, to: bottom - top))
                body += "<rect x=\"\(x)\" y=\"\(high)\" width=\"\(barWidth)\" height=\"\(low - high)\" fill=\"\(segment.colour)\">"
                body += "<title>\(escapeHTML("\(pool.period) \(segment.label): \(report.tokens(segment.amount)) \(report.scope.symbol)"))</title></rect>"
                below = above
            }
        }
        return frame(
            title: "\(totals.board.rawValue) payouts per period, by place, and carry-out", maximum: maximum, totals: totals,
            report: report, body: body
        )
    }

    /// The colour of `place` (1 to 5; others take the last).
    static func colour(ofPlace place: Int) -> String { placeColours[min(max(place, 1), placeColours.count) - 1] }

    /// The x of the middle of period `index`'s slot among `count`.
    private static func centre(of index: Int, among count: Int) -> Int {
        let slot = (right - left) / max(1, count)
        return left + slot * index + slot / 2
    }

    /// The SVG around a chart's `body`: its accessible title, the top line labelled with `maximum`, the base line,
    /// and the first and last periods named under it.
    private static func frame(title: String, maximum: UInt256, totals: BoardTotals, report: TreasuryReport, body: String) -> String {
        let first = totals.periods.first.map { "\($0.period)" } ?? ""
        let last = totals.periods.count > 1 ? totals.periods.last.map { "\($0.period)" } ?? "" : ""
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escapeHTML(title))\">"
        svg += "<title>\(escapeHTML(title))</title>"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(right)\" y2=\"\(top)\" stroke=\"#d0d7de\" stroke-dasharray=\"4 3\"/>"
        svg += "<text x=\"\(left)\" y=\"\(top - 8)\" font-size=\"12\" fill=\"#57606a\">"
        svg += "\(escapeHTML("\(report.tokens(maximum)) \(report.scope.symbol)"))</text>"
        svg += body
        svg += "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(right)\" y2=\"\(bottom)\" stroke=\"#57606a\"/>"
        svg += "<text x=\"\(left)\" y=\"\(bottom + 20)\" font-size=\"12\" fill=\"#57606a\">\(escapeHTML(first))</text>"
        svg += "<text x=\"\(right)\" y=\"\(bottom + 20)\" font-size=\"12\" fill=\"#57606a\" text-anchor=\"end\">\(escapeHTML(last))</text>"
        return svg + "</svg>"
    }
}
