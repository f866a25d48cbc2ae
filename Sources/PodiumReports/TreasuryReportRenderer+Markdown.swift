import PodiumLedger

extension TreasuryReportRenderer {
    /// The report as Markdown (CommonMark with GitHub tables): the title with chain and block, the verdict in bold,
    /// then the summary, sales, each board's periods and prizes, totals, checks, reconciliation (discrepancies with
    /// their transaction, block, expected and actual) and sponsored gas. Amounts are exact, in the token's units
    /// (named in each header) or ETH; text from the chain or the ledger is escaped.
    public static func markdown(_ report: TreasuryReport) -> String {
        let document = ReportDocument(report)
        var text = "# \(markdownEscaped(document.title))\n\n**\(markdownEscaped(document.verdict))**\n"
        for section in document.sections {
            text += "\n## \(markdownEscaped(section.title))\n"
            for block in section.blocks {
                text += "\n"
                switch block {
                case .facts(let facts):
                    text += facts.map { "- \(markdownEscaped($0.label)): \(markdown($0.value))\n" }.joined()
                case .note(let note):
                    text += markdownEscaped(note) + "\n"
                case .table(let table):
                    text += "| " + table.columns.map(markdownEscaped).joined(separator: " | ") + " |\n"
                    text += "|" + table.columns.indices.map { table.isNumeric($0) ? " ---: |" : " --- |" }.joined() + "\n"
                    text += table.rows.map { "| " + $0.map(markdown).joined(separator: " | ") + " |\n" }.joined()
                }
            }
        }
        return text
    }

    /// A cell's Markdown: code in backticks, other text escaped, then its unit.
    private static func markdown(_ cell: ReportDocument.Cell) -> String {
        let text = cell.isCode ? "`\(cell.text)`" : markdownEscaped(cell.text)
        return cell.unit.map { "\(text) \($0)" } ?? text
    }

    /// `text` with every character that Markdown or a table would read as markup backslash-escaped (CommonMark,
    /// section 2.4) and line breaks as spaces, so it shows as written and stays in its table cell.
    static func markdownEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "&", "~", "!": escaped += "\\\(character)"
            case "\n", "\r", "\r\n": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
