import ArgumentParser
import Foundation
import PodiumABI
import PodiumPrimitives
import PodiumProvider
import PodiumRPC

/// `podium chain-id`, as `cast chain-id`.
struct ChainID: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chain-id", abstract: "Print the node's chain id.")
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        print(try await rpc.client().chainID())
    }
}

/// `podium block-number`, as `cast block-number`.
struct BlockNumber: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block-number", abstract: "Print the number of the node's latest block.")
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        print(try await rpc.client().blockNumber())
    }
}

/// `podium balance <ADDRESS>`, as `cast balance`.
struct Balance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an account's ether balance in wei, or with --erc20 its balance of that token in base units.")
    @Argument(help: ArgumentHelp("The account.", valueName: "ADDRESS")) var who: String
    @OptionGroup var block: BlockOption
    @Option(help: ArgumentHelp("A token contract: print balanceOf(ADDRESS) instead.", valueName: "TOKEN"))
    var erc20: String?
    @Flag(help: "Print in ether (or, with --erc20, in whole tokens of 18 decimals) instead of base units.")
    var ether = false
    @OptionGroup var rpc: RPCOptions

    /// ERC-20's `balanceOf`.
    private static let balanceOf = try! ABIFunction(parsing: "balanceOf(address)(uint256)")

    func run() async throws {
        let address = try ChainArgument.address(who)
        let tag = try block.tag()
        let client = try rpc.client()
        let balance: UInt256
        if let erc20 {
            let token = try ChainArgument.address(erc20, what: "token address")
            let output = try await client.call(
                CallRequest(to: token, input: Self.balanceOf.encodeCall([.address(address)])), at: tag)
            balance = try decodeData("\(token)'s balanceOf answer") { try Self.balanceOf.decodeOutput(output)[0].uintValue! }
        } else {
            balance = try await client.balance(of: address, at: tag)
        }
        print(ether ? Units.format(balance, decimals: 18) : balance.description)
    }
}

/// `podium code <ADDRESS>`, as `cast code`.
struct Code: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the runtime bytecode at an address (0x when none).")
    @Argument(help: ArgumentHelp("The account.", valueName: "ADDRESS")) var who: String
    @OptionGroup var block: BlockOption
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let code = try await rpc.client().code(at: ChainArgument.address(who), block: block.tag())
        print(Hex.encode(code))
    }
}

/// `podium block [BLOCK] [FIELD]`, as `cast block`.
struct Block: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a block, or one of its fields: a number, a tag (latest, …) or a 0x block hash.",
        discussion: """
            Without --json: one field per line, quantities in decimal; with --full each transaction on its own             lines. With --json: the node's block object. FIELD prints one member of it (number, hash, timestamp,             gasUsed, baseFeePerGas, transactions, …), quantities in decimal.
            """)
    @Argument(help: ArgumentHelp("The block: a number, a tag or a block hash.", valueName: "BLOCK")) var block = "latest"
    @Argument(help: ArgumentHelp("Print only this field.", valueName: "FIELD")) var field: String?
    @Flag(help: "Include whole transactions, not only their hashes.") var full = false
    @Flag(help: "Print the node's JSON.") var json = false
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let client = try rpc.client()
        let tag = try ChainArgument.block(block)
        let (method, selector): (String, JSONValue) =
            if case .hash(let hash) = tag { ("eth_getBlockByHash", .bytes32(hash)) } else { ("eth_getBlockByNumber", tag.json) }
        if json || field != nil {
            let value: JSONValue = try await client.call(method, [selector, .bool(full)])
            guard value != .null else { throw CommandFailure("block \(block) not found") }
            try JSONFields.print(value, field: field, json: json, what: "block")
            return
        }
        guard let found = try await client.block(tag, fullTransactions: full) else {
            throw CommandFailure("block \(block) not found")
        }
        let transactions: String =
            switch found.transactions {
            case .hashes(let hashes): hashes.map { Hex.encode($0.bytes) }.joined(separator: "\n")
            case .full(let list): list.map(Self.summary).joined(separator: "\n")
            }
        FieldPrinter.print([
            ("number", "\(found.number)"), ("hash", Hex.encode(found.hash.bytes)),
            ("parentHash", Hex.encode(found.parentHash.bytes)), ("timestamp", "\(found.timestamp)"),
            ("miner", found.miner.description), ("gasLimit", "\(found.gasLimit)"), ("gasUsed", "\(found.gasUsed)"),
            ("baseFeePerGas", found.baseFeePerGas?.description ?? "none"),
            ("stateRoot", Hex.encode(found.stateRoot.bytes)),
            ("transactions", transactions),
        ])
    }

    /// A whole transaction in a few lines: hash, then from, to, value, nonce, gas and calldata size.
    static func summary(_ transaction: RPCTransaction) -> String {
        let to = transaction.to?.description ?? "create"
        return Hex.encode(transaction.hash.bytes)
            + "\n  from \(transaction.from) to \(to) value \(transaction.value) nonce \(transaction.nonce) gas \(transaction.gas) input \(transaction.input.count) bytes"
    }
}

/// `podium receipt <TX> [FIELD]`, as `cast receipt`.
struct Receipt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a transaction's receipt, or one of its fields, waiting for it to be mined.",
        discussion: """
            Without --json: one field per line, status as 1 (success) or 0 (reverted). With --json: the node's             receipt object. FIELD prints one member of it (status, gasUsed, logs, contractAddress, …).
            """)
    @Argument(help: ArgumentHelp("The transaction hash.", valueName: "TX")) var hash: String
    @Argument(help: ArgumentHelp("Print only this field.", valueName: "FIELD")) var field: String?
    @Option(help: "Blocks, the transaction's own included, to wait for.") var confirmations: UInt64 = 1
    @Option(help: ArgumentHelp("Seconds to wait for the receipt.", valueName: "SECONDS")) var wait: Int = 60
    @Flag(help: "Print the node's JSON.") var json = false
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let client = try rpc.client()
        let hash = try ChainArgument.hash(hash)
        let receipt = try await ReceiptWaiter(client: client).wait(
            for: hash, confirmations: confirmations, timeout: .seconds(wait), progress: ReceiptProgress.report)
        if json || field != nil {
            let value: JSONValue = try await client.call("eth_getTransactionReceipt", [.bytes32(hash)])
            try JSONFields.print(value, field: field, json: json, what: "receipt")
        } else {
            ReceiptPrinter.print(receipt)
        }
    }
}

/// The progress line of a receipt wait, on stderr: once mined, while more confirmations are awaited.
enum ReceiptProgress {
    @Sendable static func report(_ progress: ReceiptWaiter.Progress) {
        guard let receipt = progress.receipt, progress.confirmations < progress.required else { return }
        FileHandle.standardError.write(Data(
            "podium: mined in block \(receipt.blockNumber), \(progress.confirmations) of \(progress.required) confirmations; waiting for more\n".utf8))
    }
}

/// Prints receipts one field per line, shared by `receipt` and `send`.
enum ReceiptPrinter {
    static func print(_ receipt: RPCReceipt) {
        FieldPrinter.print([
            ("status", receipt.succeeded ? "1 (success)" : "0 (reverted)"),
            ("transactionHash", Hex.encode(receipt.transactionHash.bytes)),
            ("blockNumber", "\(receipt.blockNumber)"), ("blockHash", Hex.encode(receipt.blockHash.bytes)),
            ("from", receipt.from.description), ("to", receipt.to?.description ?? "none"),
            ("contractAddress", receipt.contractAddress?.description ?? "none"),
            ("gasUsed", "\(receipt.gasUsed)"), ("effectiveGasPrice", receipt.effectiveGasPrice.description),
            ("logs", "\(receipt.logs.count)"),
        ])
    }
}

/// Prints name/value pairs as two aligned columns.
enum FieldPrinter {
    static func print(_ fields: [(String, String)]) {
        let width = fields.map(\.0.count).max() ?? 0
        for (name, value) in fields {
            let pad = String(repeating: " ", count: width - name.count + 2)
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
            Swift.print(name + pad + (lines.first.map(String.init) ?? ""))
            for line in lines.dropFirst() { Swift.print(String(repeating: " ", count: width + 2) + line) }
        }
    }
}
