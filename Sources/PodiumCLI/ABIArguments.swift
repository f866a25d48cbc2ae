import ArgumentParser
import PodiumABI
import PodiumPrimitives

/// Signatures given on the command line, in any form the human-readable parser reads: `transfer(address,uint256)`,
/// `function transfer(address to, uint256 amount) returns (bool)`, cast's `balanceOf(address)(uint256)`.
enum SignatureArgument {
    static func function(_ text: String) throws -> ABIFunction {
        try parseArgument("function signature", text) { try ABIFunction(parsing: $0) }
    }

    static func event(_ text: String) throws -> ABIEvent {
        try parseArgument("event signature", text) { try ABIEvent(parsing: $0) }
    }

    static func error(_ text: String) throws -> ABIError {
        try parseArgument("error signature", text) { try ABIError(parsing: $0) }
    }
}

/// A function signature and one argument per parameter, shared by `abi-encode` and `calldata`. The arguments are
/// captured with `.allUnrecognized`, so that `-1` is a value, not an option.
struct FunctionArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The function signature, such as 'transfer(address,uint256)'.", valueName: "SIG"))
    var signature: String

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("One argument per parameter.", valueName: "ARGS"))
    var arguments: [String] = []

    /// The function and its arguments' values; the first `--` still ends the options as usual
    /// (`podium calldata 'f(int8)' -- -1`).
    func parse() throws -> (ABIFunction, [ABIValue]) {
        try Self.parse(signature: signature, arguments: arguments)
    }

    /// The calldata: the encoded call of the signature's function, or the signature itself when it is raw `0x`
    /// calldata (then no arguments may follow), with the function when there is one.
    func calldata() throws -> (input: [UInt8], function: ABIFunction?) {
        try Self.calldata(signature: signature, arguments: arguments)
    }

    /// `calldata()` for a signature and arguments given apart.
    static func calldata(signature: String, arguments: [String]) throws -> (input: [UInt8], function: ABIFunction?) {
        if Hex.hasPrefix(signature) && !signature.contains("(") {
            guard arguments.filter({ $0 != "--" }).isEmpty else {
                throw CommandFailure("arguments given after raw calldata; give a signature to encode them")
            }
            return (try HexArgument.parse(signature, what: "calldata"), nil)
        }
        let (function, values) = try parse(signature: signature, arguments: arguments)
        return (try function.encodeCall(values), function)
    }

    /// `signature` and its `arguments`, as `parse()` reads them.
    static func parse(signature: String, arguments: [String]) throws -> (ABIFunction, [ABIValue]) {
        let function = try SignatureArgument.function(signature)
        var texts = arguments
        if let terminator = texts.firstIndex(of: "--") { texts.remove(at: terminator) }
        do {
            return (function, try ABIValue.parseArguments(texts, as: function.inputs))
        } catch {
            guard case .argumentCount(let expected, let found) = error.reason else { throw error }
            throw CommandFailure(
                "\(function.signature) takes \(expected) argument\(expected == 1 ? "" : "s"), found \(found)")
        }
    }
}

/// Encoded data given as hex, `0x` optional, as cast reads it.
enum HexArgument {
    static func parse(_ text: String, what: String) throws -> [UInt8] {
        try parseArgument(what, text) { try Hex.decode($0) }
    }
}

/// A command that cannot do what it was asked, with the reason as one line.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Data that does not decode against its types: `cannot decode <what>: <reason>`, without echoing the data.
struct UndecodableData: Error, CustomStringConvertible {
    let what: String
    let reason: any Error

    var description: String { "cannot decode \(what): \(reason)" }
}

/// Runs `decode`, turning its error into an `UndecodableData` that names `what`.
func decodeData<T>(_ what: String, _ decode: () throws -> T) throws -> T {
    do {
        return try decode()
    } catch {
        throw UndecodableData(what: what, reason: error)
    }
}

/// `--json`, shared by the commands that print decoded values.
struct DecodedValuesOptions: ParsableArguments {
    @Flag(help: "Print the values as one JSON array instead of one per line.")
    var json = false

    /// Prints `values`: one per line as cast does, or one JSON array.
    func print(_ values: [ABIValue]) {
        if json {
            Swift.print(values.json)
        } else {
            for value in values { Swift.print(value) }
        }
    }
}

/// How the encoding commands read their arguments (the rules of `ABIValue(parsing:as:)`).
let abiArgumentSyntax = """
    Arguments are written as cast takes them: integers in decimal or 0x-hex, with a leading - for intN (1e18, \
    1.5ether and 2gwei work too), checked against the type's width; addresses as 0x and 40 hex digits (mixed case \
    must be the EIP-55 checksum); true or false; bytes as hex, and bytesN as exactly N bytes of hex (shorter input \
    is an error, not padded); a string as its raw text, quotes and all; arrays as [a,b] and tuples as (a,b), nested freely, \
    spaces after commas allowed. Inside brackets a string may be quoted, ["a b",'c'] (no escapes), else it runs to \
    the next comma or closing bracket. Negative numbers need no -- before them.
    """

/// How the decoding commands print values.
let abiOutputFormat = """
    Prints one value per line as cast does: integers in decimal, addresses with their EIP-55 checksum, bytes as \
    0x-hex, strings quoted with escapes, arrays as [a, b], tuples as (a, b). With --json: one JSON array, integers \
    as decimal strings, addresses checksummed, bytes as lowercase 0x-hex, arrays and tuples as arrays.
    """
