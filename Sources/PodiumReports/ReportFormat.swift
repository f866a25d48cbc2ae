import PodiumLedger

/// A treasury report's output formats, named by their file extensions.
public enum ReportFormat: String, CaseIterable, Hashable, Sendable {
    /// Markdown for a reader: summary, tables, discrepancies with their evidence.
    case markdown = "md"
    /// One flat RFC 4180 table for a spreadsheet (`TreasuryReportRenderer.csvColumns`).
    case csv
    /// The stable machine-readable shape documented on `TreasuryReportRenderer.jsonValue(_:)`.
    case json
    /// One self-contained page (no network) with Markdown's content and two charts per board.
    case html
}

/// Renders a `TreasuryReport` in each `ReportFormat`: amounts exact (base units, or formatted with the token's
/// decimals), never through floating point.
public enum TreasuryReportRenderer {
    /// The report as text in `format`.
    public static func render(_ report: TreasuryReport, as format: ReportFormat) -> String {
        switch format {
        case .markdown: markdown(report)
        case .csv: csv(report)
        case .json: json(report)
        case .html: html(report)
        }
    }
}
