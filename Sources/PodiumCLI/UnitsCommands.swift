import ArgumentParser
import PodiumPrimitives

/// `podium parse-units <VALUE> [DECIMALS]`, as `cast parse-units`.
struct ParseUnits: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a decimal amount into integer base units.",
        discussion: "Exact: \"1.5\" with 18 decimals is 1500000000000000000; more fractional digits than decimals is an error."
    )

    @Argument(help: "The amount, as a decimal number such as 1.5.")
    var value: String

    @Argument(help: "The token's decimals (0-77), or ether, gwei or wei.")
    var decimals: String = "18"

    func run() throws {
        let places = try DecimalsArgument.parse(decimals)
        print(try parseArgument("amount", value) { try Units.parse($0, decimals: places) })
    }
}

/// `podium format-units <VALUE> [DECIMALS]`, as `cast format-units`.
struct FormatUnits: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Format integer base units as the shortest exact decimal amount.",
        discussion: "1500000000000000000 with 18 decimals is 1.5; 1 is 0.000000000000000001."
    )

    @Argument(help: "The amount in base units, as a decimal or 0x-hex integer.")
    var value: String

    @Argument(help: "The token's decimals (0-77), or ether, gwei or wei.")
    var decimals: String = "18"

    func run() throws {
        let places = try DecimalsArgument.parse(decimals)
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
