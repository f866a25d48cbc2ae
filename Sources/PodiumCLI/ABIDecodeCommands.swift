import Foundation
import ArgumentParser
import PodiumABI
import PodiumPrimitives

/// `podium decode-abi <SIG> <DATA> [--input] [--json]`, as `cast decode-abi`.
struct DecodeABI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode-abi",
        abstract: "Decode ABI-encoded return values, or with --input the arguments, of a function.",
        discussion: """
            SIG names the outputs as cast writes them, 'balanceOf(address)(uint256)', or as Solidity does, \
            'function balanceOf(address) view returns (uint256)'. DATA has no selector, also with --input (use \
            decode-calldata for calldata, which checks it); bytes after the encoding are ignored.\n\n
            """ + abiOutputFormat,
        aliases: ["abi-decode"]
    )

    @Argument(help: ArgumentHelp("The function signature with its outputs: 'name(inputs)(outputs)'.", valueName: "SIG"))
    var signature: String

    @Argument(help: ArgumentHelp("The encoded values, as hex; - or nothing reads stdin.", valueName: "DATA"))
    var data: String?

    @Flag(name: [.customShort("i"), .long], help: "Decode DATA as the function's inputs instead of its outputs.")
    var input = false

    @OptionGroup var output: DecodedValuesOptions

    func run() throws {
        let (function, declaresOutputs) = try parseArgument("function signature", signature) {
            try ABIFunction.parsingOutputList($0)
        }
        if !input && !declaresOutputs {
            throw InvalidArgument(
                what: "function signature", text: signature,
                reason: CommandFailure("it declares no outputs: write 'f(inputs)(outputs)', or pass --input"))
        }
        let bytes = try HexArgument.parse(StdinArgument.text(data, what: "data"), what: "data")
        let parameters = input ? function.inputs : function.outputs
        output.print(
            try decodeData(input ? "input data" : "output data") {
                try ABIDecoder.decode(bytes, as: parameters)
            })
    }
}

/// `podium decode-calldata <SIG> <CALLDATA> [--json]`, as `cast decode-calldata`.
struct DecodeCalldata: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode-calldata",
        abstract: "Decode the arguments of a function call, after checking its selector.",
        discussion: """
            CALLDATA must start with the selector of SIG (unlike cast, which skips any four bytes); bytes after \
            the encoding are ignored.\n\n
            """ + abiOutputFormat,
        aliases: ["calldata-decode"]
    )

    @Argument(help: ArgumentHelp("The function signature, such as 'transfer(address,uint256)'.", valueName: "SIG"))
    var signature: String

    @Argument(
        help: ArgumentHelp("The calldata, as hex: the selector, then the encoded arguments; - or nothing reads stdin.", valueName: "CALLDATA"))
    var calldata: String?

    @OptionGroup var output: DecodedValuesOptions

    func run() throws {
        let function = try SignatureArgument.function(signature)
        let bytes = try HexArgument.parse(StdinArgument.text(calldata, what: "calldata"), what: "calldata")
        output.print(try decodeData("calldata") { try function.decodeCall(bytes) })
    }
}

/// `podium decode-event --sig <EVENT_SIG> <DATA> [--topic <T>…] [--json]`, as `cast decode-event`.
struct DecodeEvent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode-event",
        abstract: "Decode an event log: its data, and its topics when given.",
        discussion: """
            Without --topic, as cast: DATA is decoded as the event's parameters that are not indexed, printed in \
            order. With the log's topics (--topic once per topic, in order), every parameter is printed in \
            declaration order, the indexed ones read from their topics; an indexed string, bytes, array or tuple \
            prints as the Keccak-256 hash the log keeps instead of the value. Topic 0, the signature hash, may be \
            given or left out: an event with N indexed parameters takes N+1 topics, or N without topic 0 (an \
            anonymous event always N).\n\n
            """ + abiOutputFormat
    )

    @Option(
        help: ArgumentHelp(
            "The event signature: 'Transfer(address indexed from, address indexed to, uint256 value)'.",
            valueName: "SIG"))
    var sig: String

    @Argument(help: ArgumentHelp("The log's data, as hex (0x when every parameter is indexed); - or nothing reads stdin.", valueName: "DATA"))
    var data: String?

    @Option(
        name: .customLong("topic"),
        help: ArgumentHelp("A topic of the log, as 0x and 64 hex digits; repeat for each topic.", valueName: "TOPIC"))
    var topics: [String] = []

    @OptionGroup var output: DecodedValuesOptions

    func run() throws {
        let event = try SignatureArgument.event(sig)
        let bytes = try HexArgument.parse(StdinArgument.text(data, what: "log data"), what: "log data")
        guard !topics.isEmpty else {
            let body = event.inputs.filter { !$0.indexed }
            output.print(try decodeData("log data") { try ABIDecoder.decode(bytes, as: body) })
            return
        }
        let given = try topics.map { text in try parseArgument("topic", text) { try Bytes32(hex: $0) } }
        let logTopics = try Self.complete(given, of: event)
        let log = try decodeData("log") { try event.decodeLog(topics: logTopics, data: bytes) }
        output.print(log.values)
    }

    /// The log's topics from those given: with topic 0 added when it was left out and the count says so.
    static func complete(_ topics: [Bytes32], of event: ABIEvent) throws -> [Bytes32] {
        let indexed = event.inputs.filter(\.indexed).count
        if event.anonymous {
            guard topics.count == indexed else {
                throw CommandFailure("anonymous \(event.signature) takes \(indexed) topics, found \(topics.count)")
            }
            return topics
        }
        switch topics.count {
        case indexed + 1:
            return topics
        case indexed where indexed > 0 && topics[0] == event.topic0:
            throw CommandFailure(
                "topic 0 is given, so \(event.signature) takes \(indexed + 1) topics, found \(topics.count)")
        case indexed:
            return [event.topic0] + topics
        default:
            throw CommandFailure(
                "\(event.signature) takes \(indexed + 1) topics (topic 0, then one per indexed parameter), "
                    + "or \(indexed) without topic 0; found \(topics.count)")
        }
    }
}
