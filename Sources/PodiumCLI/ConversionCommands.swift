import ArgumentParser
import PodiumABI
import PodiumPrimitives

/// An integer as cast's conversion commands read it: an optional `-`, then decimal digits, or `0x` hex, `0o` octal,
/// `0b` binary digits; a negative value must fit int256, any other uint256. `-1` needs no `--` before it.
enum SignedIntegerArgument {
    /// The value: its sign and magnitude.
    struct Value {
        let negative: Bool
        let magnitude: UInt256

        /// The 256-bit two's complement word of the value.
        var word: UInt256 { negative ? UInt256.zero &- magnitude : magnitude }
    }

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String, what: String = "number") throws -> Value {
        try parseArgument(what, text) { text throws(Invalid) in
            let negative = text.hasPrefix("-")
            let body = text.dropFirst(negative ? 1 : 0)
            let (radix, digits): (UInt64, Substring) =
                switch body.prefix(2).lowercased() {
                case "0x": (16, body.dropFirst(2))
                case "0o": (8, body.dropFirst(2))
                case "0b": (2, body.dropFirst(2))
                default: (10, body)
                }
            guard !digits.isEmpty else { throw Invalid(description: "no digits") }
            var magnitude = UInt256.zero
            for character in digits {
                guard let digit = character.hexDigitValue, UInt64(digit) < radix else {
                    throw Invalid(description: "\(String(character).debugDescription) is not a base-\(radix) digit")
                }
                let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: UInt256(radix))
                let (sum, carry) = shifted.addingReportingOverflow(UInt256(UInt64(digit)))
                guard !overflow && !carry else { throw Invalid(description: "above 2^256 - 1") }
                magnitude = sum
            }
            guard !negative || magnitude <= UInt256(1) << 255 else { throw Invalid(description: "below -2^255 (int256's least)") }
            return Value(negative: negative && magnitude != .zero, magnitude: magnitude)
        }
    }

    /// `value` in `radix` (2 to 36) with cast's prefixes (0x, 0o, 0b); a negative value is `-` and its magnitude in
    /// decimal, and its 256-bit two's complement in the other bases.
    static func format(_ value: Value, radix: Int) -> String {
        if radix == 10 { return (value.negative ? "-" : "") + value.magnitude.description }
        let prefix = [16: "0x", 8: "0o", 2: "0b"][radix] ?? ""
        return prefix + digits(of: value.word, radix: radix)
    }

    /// The digits of `number` in `radix`, most significant first, without leading zeros ("0" for zero).
    static func digits(of number: UInt256, radix: Int) -> String {
        let symbols = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var rest = number
        var digits: [Character] = []
        repeat {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: UInt256(UInt64(radix)))
            digits.append(symbols[Int(remainder.bigEndianBytes.last ?? 0)])
            rest = quotient
        } while rest != .zero
        return String(digits.reversed())
    }
}

/// The single value of a conversion command, captured so that `-1` is a value and not an option.
struct SignedValueArgument: ParsableArguments {
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The value; -1 needs no -- before it.", valueName: "VALUE"))
    var values: [String] = []

    /// The one value given, and what follows it when `extra` more are allowed.
    func take(_ extra: Int = 0) throws -> [String] {
        let given = values.filter { $0 != "--" }
        guard (1...1 + extra).contains(given.count) else {
            throw ValidationError(given.isEmpty ? "missing VALUE" : "expected \(extra == 0 ? "one value" : "at most \(1 + extra) values"), got \(given.count)")
        }
        return given
    }
}

/// `podium to-hex <VALUE>`, as `cast to-hex`.
struct ToHex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-hex", abstract: "Convert an integer to 0x hex (a negative one as its 256-bit two's complement).")
    @OptionGroup var value: SignedValueArgument

    func run() throws { print(SignedIntegerArgument.format(try SignedIntegerArgument.parse(value.take()[0]), radix: 16)) }
}

/// `podium to-dec <VALUE>`, as `cast to-dec`.
struct ToDec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-dec", abstract: "Convert an integer (0x hex, 0o octal, 0b binary) to decimal.")
    @OptionGroup var value: SignedValueArgument

    func run() throws { print(SignedIntegerArgument.format(try SignedIntegerArgument.parse(value.take()[0]), radix: 10)) }
}

/// `podium to-base <VALUE> <BASE>`, as `cast to-base`.
struct ToBase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-base",
        abstract: "Convert an integer to another base: 2 to 36, or bin, oct, dec, hex.",
        discussion: "Bases 16, 8 and 2 print with 0x, 0o and 0b; a negative value prints as its 256-bit two's complement there.")
    @OptionGroup var value: SignedValueArgument

    func run() throws {
        let given = try value.take(1)
        guard given.count == 2 else { throw ValidationError("missing BASE") }
        let names = ["bin": 2, "binary": 2, "oct": 8, "octal": 8, "dec": 10, "decimal": 10, "hex": 16, "hexadecimal": 16]
        guard let radix = names[given[1].lowercased()] ?? Int(given[1]), (2...36).contains(radix) else {
            throw CommandFailure("invalid base \(given[1].debugDescription): 2 to 36, or bin, oct, dec, hex")
        }
        print(SignedIntegerArgument.format(try SignedIntegerArgument.parse(given[0]), radix: radix))
    }
}

/// `podium to-uint256 <VALUE>`, as `cast to-uint256`.
struct ToUInt256: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-uint256", abstract: "Encode a non-negative integer as a 32-byte ABI word.")
    @OptionGroup var value: SignedValueArgument

    func run() throws {
        let number = try SignedIntegerArgument.parse(value.take()[0])
        guard !number.negative else { throw CommandFailure("negative values are not allowed here: a uint256 is at least 0") }
        print(Hex.encode(number.word.bigEndianBytes))
    }
}

/// `podium to-int256 <VALUE>`, as `cast to-int256`.
struct ToInt256: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-int256", abstract: "Encode a signed integer as a 32-byte ABI word (two's complement).")
    @OptionGroup var value: SignedValueArgument

    func run() throws {
        let number = try SignedIntegerArgument.parse(value.take()[0])
        guard number.negative || number.magnitude < UInt256(1) << 255 else {
            throw CommandFailure("\(number.magnitude) is above int256's greatest, 2^255 - 1")
        }
        print(Hex.encode(number.word.bigEndianBytes))
    }
}

/// `podium to-bytes32 <DATA>`, as `cast to-bytes32`.
struct ToBytes32: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-bytes32", abstract: "Right-pad hex data with zeros to 32 bytes, as a bytes32 holds it.")
    @Argument(help: ArgumentHelp("Hex data of at most 32 bytes (0x optional).", valueName: "DATA")) var data: String

    func run() throws {
        let bytes = try HexArgument.parse(data, what: "data")
        guard bytes.count <= 32 else { throw CommandFailure("\(bytes.count) bytes do not fit in 32") }
        print(Hex.encode(bytes + [UInt8](repeating: 0, count: 32 - bytes.count)))
    }
}

/// `podium pad <DATA> [--len N] [--right]`, as `cast pad`.
struct Pad: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pad hex data with zeros to a length, on the left unless --right.")
    @Argument(help: ArgumentHelp("Hex data (0x optional).", valueName: "DATA")) var data: String
    @Option(help: ArgumentHelp("The length in bytes.", valueName: "N")) var len: Int = 32
    @Flag(help: "Pad on the right (as bytesN and strings are), not on the left (as integers are).") var right = false

    func run() throws {
        let bytes = try HexArgument.parse(data, what: "data")
        guard len >= 0, len <= 1 << 20 else { throw CommandFailure("--len must be 0 to 1048576") }
        guard bytes.count <= len else { throw CommandFailure("\(bytes.count) bytes are longer than --len \(len)") }
        let zeros = [UInt8](repeating: 0, count: len - bytes.count)
        print(Hex.encode(right ? bytes + zeros : zeros + bytes))
    }
}

/// `podium max-uint [TYPE]`, `max-int`, `min-int`, as cast's.
struct IntegerBound: ParsableCommand {
    enum Bound { case maxUInt, maxInt, minInt }

    static let configuration = CommandConfiguration(
        commandName: "max-uint", abstract: "Print the greatest value of an unsigned integer type (uint256 by default).")
    @Argument(help: ArgumentHelp("The type: uint8 … uint256.", valueName: "TYPE")) var type = "uint256"

    func run() throws { print(try Self.bound(.maxUInt, type)) }

    /// The bound of `type`, which must be an ABI integer type of the bound's signedness.
    static func bound(_ bound: Bound, _ type: String) throws -> String {
        let parsed = try parseArgument("integer type", type) { try ABIType(parsing: $0) }
        switch (bound, parsed) {
        case (.maxUInt, .uint(let bits)): return ((UInt256.zero &- 1) >> (256 - bits)).description
        case (.maxInt, .int(let bits)): return ((UInt256(1) << (bits - 1)) - 1).description
        case (.minInt, .int(let bits)): return "-" + (UInt256(1) << (bits - 1)).description
        default: throw CommandFailure("\(type) is not \(bound == .maxUInt ? "an unsigned" : "a signed") integer type")
        }
    }
}

/// `podium max-int [TYPE]`, as `cast max-int`.
struct MaxInt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "max-int", abstract: "Print the greatest value of a signed integer type (int256 by default).")
    @Argument(help: ArgumentHelp("The type: int8 … int256.", valueName: "TYPE")) var type = "int256"

    func run() throws { print(try IntegerBound.bound(.maxInt, type)) }
}

/// `podium min-int [TYPE]`, as `cast min-int`.
struct MinInt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "min-int", abstract: "Print the least value of a signed integer type (int256 by default).")
    @Argument(help: ArgumentHelp("The type: int8 … int256.", valueName: "TYPE")) var type = "int256"

    func run() throws { print(try IntegerBound.bound(.minInt, type)) }
}
