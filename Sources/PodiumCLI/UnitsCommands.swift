import ArgumentParser
import PodiumPrimitives

/// `podium parse-units <VALUE> [DECIMALS]`, as `cast parse-units`.
struct ParseUnits: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a decimal amount into integer base units.",
        discussion: """
            Exact: "1.5" with 18 decimals is 1500000000000000000; more fractional digits than decimals is an error. \
            DECIMALS is 0 to 77, or ether, gwei or wei (18 by default: to-wei 1.5 is 1500000000000000000).
            """,
        aliases: ["to-wei"]
    )

    @OptionGroup var values: AmountAndDecimals

    func run() throws {
        let (value, places) = try values.parse()
        print(try parseArgument("amount", value) { try Units.parse($0, decimals: places) })
    }
}

/// `podium format-units <VALUE> [DECIMALS]`, as `cast format-units`.
struct FormatUnits: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Format integer base units as the shortest exact decimal amount.",
        discussion: """
            1500000000000000000 with 18 decimals is 1.5; 1 is 0.000000000000000001. DECIMALS is 0 to 77, or ether, \
            gwei or wei (18 by default: from-wei 1500000000000000000 is 1.5).
            """,
        aliases: ["from-wei"]
    )

    @OptionGroup var values: AmountAndDecimals

    func run() throws {
        let (value, places) = try values.parse()
        let amount = try parseArgument("amount", value) { try UInt256(parsing: $0) }
        print(Units.format(amount, decimals: places))
    }
}

/// A number of decimals: 0 to 77, or a unit name.
enum DecimalsArgument {
    struct OutOfRange: Error, CustomStringConvertible {
        var description: String { "expected an integer from 0 to \(Units.maximumDecimals), or ether, gwei or wei" }
    }

    static func parse(_ text: String) throws -> Int {
        try parseArgument("decimals", text) { text throws(OutOfRange) in
            if let named = Units.etherUnits[text.lowercased()] { return named }
            guard let places = Int(text), (0...Units.maximumDecimals).contains(places) else { throw OutOfRange() }
            return places
        }
    }
}

/// `<VALUE> [DECIMALS]` of parse-units and format-units, captured so that `-1` reaches the parser and is refused as
/// negative rather than taken for an option.
struct AmountAndDecimals: ParsableArguments {
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The amount, then the decimals (default 18).", valueName: "VALUE [DECIMALS]"))
    var values: [String] = []

    func parse() throws -> (String, Int) {
        let given = values.filter { $0 != "--" }
        guard (1...2).contains(given.count) else {
            throw ValidationError(given.isEmpty ? "missing VALUE" : "expected VALUE and DECIMALS, got \(given.count) values")
        }
        return (given[0], try DecimalsArgument.parse(given.count == 2 ? given[1] : "18"))
    }
}
