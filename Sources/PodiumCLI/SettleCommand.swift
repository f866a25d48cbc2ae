import ArgumentParser
import Foundation
import PodiumLedger
import PodiumPrimitives


/// `podium settle preview --board daily|weekly --standings FILE --total AMOUNT [--period ID] [--json]`: the pure
/// split, with no database or chain.
struct SettlePreview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "The prizes a pool would pay over given standings: what a game shows as 'prizes if the period ended now'.",
        discussion: """
            Places 1-5 get 40, 24, 16, 12 and 8 % of the total, rounded down in base units; the shares of empty places \
            and the rounding dust carry over, so paid + carryOut = total. Scores of 0 are not eligible, a wallet keeps \
            its best entry, and ties rank by the earliest reached_at, then the lower address. STANDINGS is CSV with the \
            header player,wallet,score,reached_at, or a JSON array of objects with those keys; a file with any bad row \
            is refused, each bad row named on stderr. AMOUNT is base units (140000000000000000000) or GLICO with its \
            unit (140glico, 0.5glico). --json prints amounts and scores as decimal strings of base units.
            """)

    @Option(help: ArgumentHelp("daily or weekly.", valueName: "BOARD")) var board: String
    @Option(help: ArgumentHelp("The standings file, CSV or JSON.", valueName: "FILE")) var standings: String
    @Option(help: ArgumentHelp("The pool: base units, or GLICO with a glico suffix.", valueName: "AMOUNT")) var total: String
    @Option(help: ArgumentHelp("The period, 2026-11-20 or 2026-W47 (default: the current one).", valueName: "ID"))
    var period: String?
    @Flag(help: "Print the split as JSON.") var json = false

    /// The most bad rows printed; the count of the rest follows.
    static let maximumProblemsShown = 100

    func run() throws {
        guard let board = Board(rawValue: board) else { throw CommandFailure("--board must be daily or weekly") }
        let total = try parseArgument("total", total) { try PoolAmount.parse($0) }
        let period = try period.map { text in try parseArgument("period", text) { try Period(parsing: $0, board: board) } }
            ?? Self.currentPeriod(of: board)
        let entries = try Self.readStandings(at: standings)
        let split = PrizeSplit(total: total, standings: entries)
        if json {
            print(Self.json(split, board: board, period: period).prettyText)
        } else {
            print(Self.table(split, board: board, period: period))
        }
    }

    /// The period of `board` holding the present moment.
    static func currentPeriod(of board: Board) throws -> Period {
        let now = UTCInstant(secondsSinceEpoch: Int64(time(nil)))
        guard let period = Period(containing: now, board: board) else { throw CommandFailure("the clock is outside the years 1-9999") }
        return period
    }

    /// The standings in `path`; a refused file prints each problem as its own `podium: FILE: …` line on stderr and
    /// throws a summary.
    static func readStandings(at path: String) throws -> [Standing] {
        let bytes = try FileArgument.read(path, what: "standings")
        do {
            return try Standings.read(bytes)
        } catch {
            var lines = error.problems.prefix(maximumProblemsShown).map { "podium: \(path): \($0)\n" }.joined()
            if error.problems.count > maximumProblemsShown {
                lines += "podium: \(path): … and \(error.problems.count - maximumProblemsShown) more\n"
            }
            FileHandle.standardError.write(Data(lines.utf8))
            let count = error.problems.count
            throw CommandFailure("standings \(path) refused: \(count) problem\(count == 1 ? "" : "s"), nothing read")
        }
    }

    /// `{"board", "period", "total", "places": [{"place", "wallet", "score", "amount"}], "paid", "dust", "carryOut"}`.
    static func json(_ split: PrizeSplit, board: Board, period: Period) -> JSONValue {
        let places = split.places.map { place -> JSONValue in
            [
                "place": .number(String(place.place)), "wallet": .string(place.wallet.description),
                "score": .string(place.score.description), "amount": .string(place.amount.description),
            ]
        }
        return [
            "board": .string(board.rawValue), "period": .string(period.description),
            "total": .string(split.total.description), "places": .array(places), "paid": .string(split.paid.description),
            "dust": .string(split.dust.description), "carryOut": .string(split.carryOut.description),
        ]
    }

    /// The split as aligned columns, amounts in GLICO exactly.
    static func table(_ split: PrizeSplit, board: Board, period: Period) -> String {
        let glico = { (amount: UInt256) in Units.format(amount, decimals: 18) }
        var lines = ["\(board.rawValue) \(period) (period id \(period.periodID)): \(glico(split.total)) GLICO"]
        if split.skipped {
            lines.append("no eligible player: the period is skipped and its whole pool carries over")
        } else {
            let rows = [["place", "wallet", "score", "amount (GLICO)"]]
                + split.places.map { ["\($0.place)", $0.wallet.description, $0.score.description, glico($0.amount)] }
            let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                lines.append(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
        }
        lines.append("paid       \(glico(split.paid)) GLICO")
        lines.append("dust       \(glico(split.dust)) GLICO")
        lines.append("carry-out  \(glico(split.carryOut)) GLICO")
        return lines.joined(separator: "\n")
    }
}

/// A pool amount: decimal base units, or a decimal GLICO amount followed by `glico` (any case).
enum PoolAmount {
    /// $GLICO's decimals.
    static let decimals = 18

    static func parse(_ text: String) throws -> UInt256 {
        if text.lowercased().hasSuffix("glico") {
            return try Units.parse(text.dropLast(5), decimals: decimals)
        }
        return try UInt256(decimal: text)
    }
}
