import ArgumentParser
import PodiumABI
import PodiumPrimitives

/// `podium sig <SIG>`, as `cast sig`.
struct Sig: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the 4-byte selector of a function or custom error signature.",
        discussion: """
            The selector is the first four bytes of keccak256 of the canonical signature: names, `indexed`, \
            `memory` and return types do not count. 'transfer(address,uint256)' and 'function transfer(address to, \
            uint256 amount) returns (bool)' both give 0xa9059cbb; 'error InsufficientBalance(uint256,uint256)' \
            gives the error's selector. Events have a 32-byte topic instead: see sig-event.
            """
    )

    @Argument(help: ArgumentHelp("The signature, canonical or human-readable.", valueName: "SIG"))
    var signature: String

    func run() throws {
        switch try parseArgument("signature", signature, { try ABIItem(parsing: $0) }) {
        case .function(let function): print(function.selector)
        case .error(let error): print(error.selector)
        case .event:
            throw InvalidArgument(
                what: "signature", text: signature,
                reason: CommandFailure("an event has a 32-byte topic, not a selector: use sig-event"))
        case let item:
            throw InvalidArgument(
                what: "signature", text: signature, reason: CommandFailure("a \(item.kind) has no selector"))
        }
    }
}

/// `podium sig-event <SIG>`, as `cast sig-event`.
struct SigEvent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sig-event",
        abstract: "Print the topic 0 of an event signature: keccak256 of its canonical form.",
        discussion: """
            'Transfer(address,address,uint256)' and 'event Transfer(address indexed from, address indexed to, \
            uint256 value)' both give 0xddf252ad…; names and `indexed` do not count. An anonymous event's logs do \
            not carry this topic, but it is printed all the same.
            """
    )

    @Argument(help: ArgumentHelp("The event signature, canonical or human-readable.", valueName: "SIG"))
    var signature: String

    func run() throws {
        print(try SignatureArgument.event(signature).topic0)
    }
}

/// `podium abi-encode <SIG> [ARGS…] [--packed]`, as `cast abi-encode`.
struct ABIEncode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abi-encode",
        abstract: "ABI-encode arguments for a signature's parameters, without a selector.",
        discussion: abiArgumentSyntax + """
            \n\nWith --packed: Solidity's abi.encodePacked, each value in its own width without padding, arrays of \
            value types with each element padded to 32 bytes; tuples and nested arrays are rejected as Solidity \
            does.
            """
    )

    @Flag(help: "Use the non-standard packed encoding of abi.encodePacked.")
    var packed = false

    @OptionGroup var call: FunctionArguments

    func run() throws {
        let (function, values) = try call.parse()
        let encoded =
            packed
            ? try ABIEncoder.encodePacked(values, as: function.inputs.types)
            : try ABIEncoder.encode(values, as: function.inputs)
        print(Hex.encode(encoded))
    }
}

/// `podium calldata <SIG> [ARGS…]`, as `cast calldata`.
struct Calldata: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Encode a function call: the 4-byte selector, then the ABI-encoded arguments.",
        discussion: abiArgumentSyntax
    )

    @OptionGroup var call: FunctionArguments

    func run() throws {
        let (function, values) = try call.parse()
        print(Hex.encode(try function.encodeCall(values)))
    }
}
