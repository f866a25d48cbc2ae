import ArgumentParser
import Foundation
import PodiumABI
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumTransactions

/// `podium nonce <ADDRESS>`, as `cast nonce`.
struct Nonce: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print an account's nonce: the transactions it has sent.")
    @Argument(help: ArgumentHelp("The account.", valueName: "ADDRESS")) var who: String
    @OptionGroup var block: BlockOption
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        print(try await rpc.client().transactionCount(of: ChainArgument.address(who), at: block.tag()))
    }
}

/// `podium storage <ADDRESS> <SLOT>`, as `cast storage`.
struct Storage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the 32-byte word in a contract's storage slot.")
    @Argument(help: ArgumentHelp("The contract.", valueName: "ADDRESS")) var who: String
    @Argument(help: ArgumentHelp("The slot: a decimal or 0x-hex integer.", valueName: "SLOT")) var slot: String
    @OptionGroup var block: BlockOption
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let index = try parseArgument("slot", slot) { try UInt256(parsing: $0) }
        let word = try await rpc.client().storage(at: ChainArgument.address(who), slot: index, block: block.tag())
        print(Hex.encode(word.bytes))
    }
}

/// `podium gas-price`, as `cast gas-price`.
struct GasPrice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gas-price", abstract: "Print the node's gas price in wei.")
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        print(try await rpc.client().gasPrice())
    }
}

/// `podium base-fee [BLOCK]`, as `cast base-fee`.
struct BaseFee: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "base-fee", abstract: "Print a block's base fee per gas in wei (EIP-1559).")
    @Argument(help: ArgumentHelp("The block: a number, a tag or a block hash.", valueName: "BLOCK")) var block = "latest"
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        guard let found = try await rpc.client().block(ChainArgument.block(block)) else {
            throw CommandFailure("block \(block) not found")
        }
        guard let fee = found.baseFeePerGas else { throw CommandFailure("block \(found.number) has no base fee (before EIP-1559)") }
        print(fee)
    }
}

/// `podium tx <HASH> [FIELD]`, as `cast tx`.
struct Tx: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a transaction, or one of its fields.",
        discussion: "FIELD is a member of the node's transaction object (from, to, nonce, value, input, blockNumber, …); quantities print in decimal.")
    @Argument(help: ArgumentHelp("The transaction hash.", valueName: "HASH")) var hash: String
    @Argument(help: ArgumentHelp("Print only this field.", valueName: "FIELD")) var field: String?
    @Flag(help: "Print the node's JSON.") var json = false
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let value: JSONValue = try await rpc.client().call("eth_getTransactionByHash", [.bytes32(ChainArgument.hash(hash))])
        guard value != .null else { throw CommandFailure("transaction \(hash) not found") }
        try JSONFields.print(value, field: field, json: json, what: "transaction")
    }
}

/// `podium estimate <TO> <SIG|CALLDATA> [ARGS…]`, as `cast estimate`.
struct Estimate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the gas a call would use (eth_estimateGas).",
        discussion: "SIG is a function signature followed by its arguments, or raw 0x calldata.\n\n\(abiArgumentSyntax)")
    @Argument(help: ArgumentHelp("The contract (or account) called.", valueName: "TO")) var to: String
    @OptionGroup var call: FunctionArguments
    @Option(help: ArgumentHelp("The caller (msg.sender).", valueName: "ADDRESS")) var from: String?
    @Option(help: ArgumentHelp("Wei sent along (1ether and 2gwei work too).", valueName: "VALUE")) var value: String?
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let request = CallRequest(
            from: try from.map { try ChainArgument.address($0, what: "--from address") },
            to: try ChainArgument.address(to, what: "destination address"), input: try call.calldata().input,
            value: try value.map { try AmountArgument.parse("--value", $0) })
        print(try await rpc.client().estimateGas(request))
    }
}

/// `podium access-list <TO> <SIG|CALLDATA> [ARGS…]`, as `cast access-list`.
struct AccessListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-list",
        abstract: "Print the EIP-2930 access list a call would use, as the node computes it (eth_createAccessList).",
        discussion: "Prints the node's answer as JSON: {accessList, gasUsed}. Nodes without the method say so.\n\n\(abiArgumentSyntax)")
    @Argument(help: ArgumentHelp("The contract called.", valueName: "TO")) var to: String
    @OptionGroup var call: FunctionArguments
    @Option(help: ArgumentHelp("The caller (msg.sender).", valueName: "ADDRESS")) var from: String?
    @OptionGroup var block: BlockOption
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let request = CallRequest(
            from: try from.map { try ChainArgument.address($0, what: "--from address") },
            to: try ChainArgument.address(to, what: "contract address"), input: try call.calldata().input)
        let result: JSONValue = try await rpc.client().call("eth_createAccessList", [request.json, block.tag().json])
        print(result.prettyText)
    }
}

/// `podium publish <RAW_TX>`, as `cast publish`.
struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Submit a signed raw transaction (mktx's output) and print its hash.",
        discussion: """
            The transaction is decoded first, so what is not a signed transaction is refused before the node sees \
            it. When the node's answer is lost the hash is looked up: the command says whether the node has the \
            transaction, never that it failed when it may have been taken.
            """)
    @Argument(help: ArgumentHelp("The signed transaction, as 0x hex.", valueName: "RAW_TX")) var raw: String
    @Flag(help: "Wait for the receipt and print it.") var wait = false
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let bytes = try HexArgument.parse(raw, what: "raw transaction")
        let signed = try decodeData("raw transaction") { try TransactionEnvelope(rawBytes: bytes) }
        let client = try rpc.client()
        try await TransactionSender.submit(bytes, hash: signed.hash, through: client).requireAccepted(hash: signed.hash)
        guard wait else {
            print(Hex.encode(signed.hash.bytes))
            return
        }
        ReceiptPrinter.print(try await ReceiptWaiter(client: client).wait(for: signed.hash, confirmations: 1, timeout: .seconds(120)))
    }
}

/// `podium rpc <METHOD> [PARAMS…]`, as `cast rpc`.
struct RawRPC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpc",
        abstract: "Send any JSON-RPC request and print the result as JSON.",
        discussion: """
            Each PARAM is one JSON value ('"latest"', 'true', '{"to": "0x…"}'); a bare word that is not JSON is \
            taken as a string, so 'podium rpc eth_getBalance 0xf39F… latest' works as in cast. --raw takes one JSON \
            array as the whole params.
            """)
    @Argument(help: ArgumentHelp("The method, such as eth_getBalance.", valueName: "METHOD")) var method: String
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The parameters.", valueName: "PARAMS")) var params: [String] = []
    @Flag(help: "Take the one PARAM as the whole params array.") var raw = false
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let values: [JSONValue]
        if raw {
            guard params.count == 1 else { throw CommandFailure("--raw takes exactly one JSON array") }
            guard case .array(let list) = try parseArgument("params", params[0], { try JSONValue(json: Array($0.utf8)) }) else {
                throw CommandFailure("--raw takes a JSON array")
            }
            values = list
        } else {
            values = params.map { text in (try? JSONValue(json: Array(text.utf8))) ?? .string(text) }
        }
        let result: JSONValue = try await rpc.client().call(method, values)
        print(result.prettyText)
    }
}

/// The check behind "no contract code at …": an empty answer from an account without code is not a decoding error.
enum NoCode {
    /// Throws naming `address` and the block when it has no code there.
    static func check(_ address: Address, at tag: BlockTag, client: RPCClient) async throws {
        if let message = try await message(address, at: tag, client: client) { throw CommandFailure(message) }
    }

    /// "no contract code at 0x… (block N)" when `address` has no code at `tag`, else nil.
    static func message(_ address: Address, at tag: BlockTag, client: RPCClient) async throws -> String? {
        guard try await client.code(at: address, block: tag).isEmpty else { return nil }
        let block = tag == .latest ? (try? await client.blockNumber()).map { "block \($0)" } ?? "latest" : "block \(tag)"
        return "no contract code at \(address) (\(block))"
    }
}
