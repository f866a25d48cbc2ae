import ArgumentParser
import Foundation
import PodiumABI
import PodiumPrimitives
import PodiumProvider
import PodiumRPC

/// `podium call <TO> <SIG> [ARGS…]`, as `cast call`.
struct Call: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Call a contract function without a transaction and print what it returns.",
        discussion: """
            The signature may name return types as cast writes them, 'balanceOf(address)(uint256)', or as Solidity \
            does, 'function balanceOf(address) returns (uint256)'; then the result is decoded and printed one value \
            per line (--json: one JSON array). Without return types the raw 0x result is printed. A revert exits \
            non-zero with its decoded reason.

            \(abiArgumentSyntax)
            """)
    @Argument(help: ArgumentHelp("The contract.", valueName: "TO")) var to: String
    @OptionGroup var call: FunctionArguments
    @Option(help: ArgumentHelp("The caller (msg.sender).", valueName: "ADDRESS")) var from: String?
    @OptionGroup var block: BlockOption
    @OptionGroup var output: DecodedValuesOptions
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let contract = try ChainArgument.address(to, what: "contract address")
        let (input, function) = try call.calldata()
        let request = CallRequest(from: try from.map { try ChainArgument.address($0, what: "--from address") }, to: contract, input: input)
        let client = try rpc.client()
        let tag = try block.tag()
        let result = try await client.call(request, at: tag)
        guard let function, !function.outputs.isEmpty else {
            if result.isEmpty, let missing = try await NoCode.message(contract, at: tag, client: client) {
                FileHandle.standardError.write(Data("podium: warning: \(missing)\n".utf8))
            }
            print(output.json ? JSONValue.data(result).jsonText : Hex.encode(result))
            return
        }
        do {
            output.print(try function.decodeOutput(result))
        } catch {
            try await NoCode.check(contract, at: tag, client: client)
            throw UndecodableData(what: "\(function.name) result", reason: error)
        }
    }
}

/// `podium send <TO> <SIG> [ARGS…]`, as `cast send`; `podium send --create <CODE> [SIG ARGS…]` for a creation.
struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign and send a transaction calling a contract function (or sending ether), wait for its receipt and print it.",
        discussion: """
            An EIP-1559 transaction: the nonce comes from the node, the fees from eth_feeHistory and the gas limit \
            from eth_estimateGas plus 20%; --nonce, --gas-limit, --gas-price (the fee cap, or with --legacy the gas \
            price) and --priority-gas-price set them instead. SIG may be raw 0x calldata. With --create CODE there \
            is no TO: SIG ('constructor(uint256)') and ARGS are the constructor's, appended to the code. A call that \
            would revert is refused before anything is sent; a transaction that reverts on chain exits non-zero. \
            Both print the decoded revert reason. The hash is printed on stderr as soon as the node accepts the \
            transaction, so it is known even when the wait is cut short.

            \(abiArgumentSyntax)
            """)
    @Argument(help: ArgumentHelp("The contract (or account) called; with --create, the constructor's signature.", valueName: "TO"))
    var to: String?
    @Argument(help: ArgumentHelp("The function signature or raw calldata; leave it out for a plain ether transfer.", valueName: "SIG"))
    var signature: String?
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("One argument per parameter.", valueName: "ARGS"))
    var arguments: [String] = []
    @Option(help: ArgumentHelp("Create a contract from this init code (hex) instead of calling TO.", valueName: "CODE"))
    var create: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Wei to send along (1ether and 2gwei work too).", valueName: "VALUE"))
    var value: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The gas limit instead of an estimate.", valueName: "GAS"))
    var gasLimit: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The nonce instead of the node's next one (to replace a transaction).", valueName: "NONCE"))
    var nonce: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The fee cap per gas (EIP-1559), or the gas price with --legacy.", valueName: "PRICE"))
    var gasPrice: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The priority fee per gas (EIP-1559).", valueName: "PRICE"))
    var priorityGasPrice: String?
    @Flag(help: "A legacy (type 0, EIP-155) transaction.") var legacy = false
    @Option(help: "Blocks, the transaction's own included, to wait for.") var confirmations: UInt64 = 1
    @Option(help: ArgumentHelp("Seconds to wait for the receipt.", valueName: "SECONDS")) var wait: Int = 120
    @Flag(help: "Print only the transaction hash, without waiting for the receipt.") var async = false
    @Flag(help: "Print the receipt as the node's JSON.") var json = false
    @OptionGroup var sender: SenderOptions
    @OptionGroup var rpc: RPCOptions

    func validate() throws {
        if legacy && priorityGasPrice != nil { throw ValidationError("--priority-gas-price is EIP-1559's; --legacy takes --gas-price") }
        if create == nil && to == nil { throw ValidationError("missing TO (or --create CODE)") }
    }

    func run() async throws {
        let (target, input) = try destinationAndInput()
        let amount = try value.map { try AmountArgument.parse("--value", $0) } ?? .zero
        let gas = try gasLimit.map { try IntegerArgument.parse("gas limit", $0) }
        let explicitNonce = try nonce.map { try IntegerArgument.parse("nonce", $0) }
        let cap = try gasPrice.map { try AmountArgument.parse("--gas-price", $0) }
        let tip = try priorityGasPrice.map { try AmountArgument.parse("--priority-gas-price", $0) }
        let fees: TransactionSender.FeeChoice =
            legacy ? .legacy(gasPrice: cap) : (cap == nil && tip == nil ? .estimated : .eip1559(maxFeePerGas: cap, maxPriorityFeePerGas: tip))
        let client = try rpc.client()
        let transactionSender = try await TransactionSender(client: client, signer: sender.load())
        if let target, !input.isEmpty, try await client.code(at: target).isEmpty {
            FileHandle.standardError.write(Data("podium: warning: \(target) has no contract code; the data is sent to an account\n".utf8))
        }
        if async {
            let sent = try await transactionSender.send(
                to: target, input: input, value: amount, gasLimit: gas, nonce: explicitNonce, fees: fees)
            try sent.requireAccepted()
            print(Hex.encode(sent.hash.bytes))
            return
        }
        let receipt = try await transactionSender.sendAndWait(
            to: target, input: input, value: amount, gasLimit: gas, nonce: explicitNonce, fees: fees,
            confirmations: confirmations, timeout: .seconds(wait),
            accepted: { hash in
                FileHandle.standardError.write(Data("podium: transaction \(Hex.encode(hash.bytes)) accepted; waiting for its receipt\n".utf8))
            },
            progress: ReceiptProgress.report)
        if json {
            let value: JSONValue = try await client.call("eth_getTransactionReceipt", [.bytes32(receipt.transactionHash)])
            print(value.prettyText)
        } else {
            ReceiptPrinter.print(receipt)
        }
    }

    /// The account called (nil for a creation) and the transaction's data.
    private func destinationAndInput() throws -> (Address?, [UInt8]) {
        guard let create else {
            let target = try ChainArgument.address(to!, what: "destination address")
            guard let signature else {
                guard arguments.isEmpty else { throw CommandFailure("arguments given without a function signature") }
                return (target, [])
            }
            return (target, try FunctionArguments.calldata(signature: signature, arguments: arguments).input)
        }
        // With --create, the positionals are the constructor's signature and its arguments.
        let code = try HexArgument.parse(create, what: "init code")
        let positionals = ([to, signature].compactMap { $0 } + arguments).filter { $0 != "--" }
        guard let constructor = positionals.first else { return (nil, code) }
        let parameters = try parseArgument("constructor signature", constructor) { text in
            let item = try ABIItem(parsing: text.hasPrefix("constructor") ? text : "constructor" + text.drop { $0 != "(" })
            guard case .constructor(let parsed) = item else { throw CommandFailure("not a constructor") }
            return parsed.inputs
        }
        let values = try ABIValue.parseArguments(Array(positionals.dropFirst()), as: parameters)
        return (nil, code + (try ABIEncoder.encode(values, as: parameters)))
    }
}

/// `podium logs [SIG|TOPIC] [TOPICS…]`, as `cast logs`.
struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the logs matching a filter, decoded when an event signature is given.",
        discussion: """
            The first argument is an event signature ('Transfer(address indexed from, address indexed to, uint256 \
            value)') or topic 0; the next ones are topics 1–3 (an indexed value or a 0x word; 'null' matches \
            anything). With a signature each log prints as its event with named values; --json prints the node's \
            log objects.
            """)
    @Argument(help: ArgumentHelp("An event signature or topic 0.", valueName: "SIG_OR_TOPIC")) var event: String?
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Topics 1 to 3; -1 needs no -- before it.", valueName: "TOPICS"))
    var topics: [String] = []
    @Option(help: ArgumentHelp("The first block, or a block hash for that one block.", valueName: "BLOCK"))
    var fromBlock = "earliest"
    @Option(help: ArgumentHelp("The last block.", valueName: "BLOCK")) var toBlock = "latest"
    @Option(help: ArgumentHelp("Only logs of this contract (repeatable).", valueName: "ADDRESS")) var address: [String] = []
    @Flag(help: "Print the node's JSON.") var json = false
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let signature = try event.flatMap { text in text.contains("(") ? try SignatureArgument.event(text) : nil }
        var topicFilter: [[Bytes32]?] = []
        if let signature {
            topicFilter.append([signature.topic0])
        } else if let event {
            topicFilter.append([try ChainArgument.hash(event, what: "topic 0")])
        }
        for (index, text) in topics.enumerated() {
            topicFilter.append(text == "null" ? nil : [try topic(text, position: index + 1, event: signature)])
        }
        let filter = LogFilter(
            fromBlock: try ChainArgument.block(fromBlock), toBlock: try ChainArgument.block(toBlock),
            addresses: try address.map { try ChainArgument.address($0) }, topics: topicFilter)
        let client = try rpc.client()
        if json {
            let value: JSONValue = try await client.call("eth_getLogs", [filter.json])
            print(value.prettyText)
            return
        }
        for log in try await client.logs(filter) {
            LogPrinter.print(log, event: signature)
        }
    }

    /// Topic `position` as a 0x word, or as the indexed parameter's value encoded into one by the event.
    private func topic(_ text: String, position: Int, event: ABIEvent?) throws -> Bytes32 {
        let indexed = event?.indexedInputs ?? []
        guard let event, position <= indexed.count else { return try ChainArgument.hash(text, what: "topic \(position)") }
        let type = indexed[position - 1].type
        // A dynamic value's topic is its hash: a 0x word is taken as that hash, anything else as the value.
        if type.isDynamic, let hash = try? ChainArgument.hash(text, what: "topic \(position)") { return hash }
        let value = try parseArgument("topic \(position) (\(type))", text) { try ABIValue(parsing: $0, as: type) }
        return try event.topic(ofIndexed: position - 1, value)
    }
}

/// Prints one log: where it came from, and its event with values when the event is known.
enum LogPrinter {
    static func print(_ log: RPCLog, event: ABIEvent?) {
        let place = "block \(log.blockNumber.map(String.init) ?? "pending") tx \(log.transactionHash.map { Hex.encode($0.bytes) } ?? "?") log \(log.logIndex.map(String.init) ?? "?")"
        Swift.print("\(log.address) \(place)")
        if let event, let decoded = try? event.decodeLog(topics: log.topics, data: log.data) {
            let values = zip(event.inputs, decoded.values).map { "\($0.name.isEmpty ? "_" : $0.name)=\($1)" }
            Swift.print("  \(event.name)(\(values.joined(separator: ", ")))")
        } else {
            for (index, topic) in log.topics.enumerated() { Swift.print("  topic\(index) \(Hex.encode(topic.bytes))") }
            Swift.print("  data \(Hex.encode(log.data))")
        }
    }
}
