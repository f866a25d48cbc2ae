import ArgumentParser
import PodiumPrimitives
import PodiumSigner
import PodiumTransactions

/// `podium mktx --private-key <KEY> --chain-id <C> --nonce <N> --gas-limit <G> <FEES> [OPTIONS] (<TO> | --create
/// <CODE>)`, as `cast mktx` without a node: every field is given.
struct MakeTransaction: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mktx",
        abstract: "Build and sign a transaction offline; print the raw transaction as 0x-hex.",
        discussion: """
            The fee options pick the type: --max-fee-per-gas with --priority-gas-price makes an EIP-1559 transaction \
            (type 2); --legacy --gas-price a legacy one (type 0) replay-protected with the chain id (EIP-155); \
            --gas-price with --access-list (without --legacy) an EIP-2930 one (type 1). Other mixes are refused, \
            as is a priority fee above the fee cap.

            TO is the account called. For a contract creation leave TO out and pass the init code with --create \
            (which --data cannot join). Integers are decimal or 0x-hex; amounts of wei (--value and the fees) may \
            also carry a unit or exponent, as in 1ether, 1.5gwei or 1e18. --access-list is JSON as in JSON-RPC: \
            '[{"address":"0x…","storageKeys":["0x…"]}]'.\n\n
            """ + privateKeyHelp
    )

    @OptionGroup var key: PrivateKeyOptions

    @Argument(help: ArgumentHelp("The account called; omitted with --create.", valueName: "TO"))
    var to: String?

    @Option(parsing: .unconditional, help: "The chain id (EIP-155; 1 for Ethereum mainnet, 31337 for anvil).")
    var chainID: String

    @Option(parsing: .unconditional, help: "The sender's transaction count.")
    var nonce: String

    @Option(parsing: .unconditional, help: "The most gas the transaction may use.")
    var gasLimit: String

    @Option(parsing: .unconditional, help: "EIP-1559: the most wei per gas paid in all, base fee included.")
    var maxFeePerGas: String?

    @Option(parsing: .unconditional, help: "EIP-1559: the most wei per gas paid to the block producer above the base fee.")
    var priorityGasPrice: String?

    @Flag(help: "Make a legacy transaction (EIP-155), priced with --gas-price.")
    var legacy = false

    @Option(parsing: .unconditional, help: "Legacy and EIP-2930: wei paid per unit of gas.")
    var gasPrice: String?

    @Option(help: "EIP-1559 and EIP-2930: the accounts and storage slots to warm, as JSON.")
    var accessList: String?

    @Option(parsing: .unconditional, help: "Wei to transfer (default 0).")
    var value: String?

    @Option(help: "The call data, as hex.")
    var data: String?

    @Option(help: ArgumentHelp("Create a contract with this init code (hex) instead of calling TO.", valueName: "CODE"))
    var create: String?

    func validate() throws {
        switch (to, create, data) {
        case (.some, nil, _), (nil, .some, nil): break
        case (.some, .some, _): throw ValidationError("give TO or --create, not both")
        case (nil, .some, .some): throw ValidationError("--create takes the init code: it cannot be combined with --data")
        case (nil, nil, _): throw ValidationError("give TO, or --create <CODE> for a contract creation")
        }
        let eip1559 = maxFeePerGas != nil || priorityGasPrice != nil
        if legacy {
            guard gasPrice != nil else { throw ValidationError("--legacy needs --gas-price") }
            guard !eip1559 else {
                throw ValidationError("--legacy cannot be combined with --max-fee-per-gas or --priority-gas-price")
            }
            guard accessList == nil else {
                throw ValidationError("--legacy cannot carry --access-list: drop --legacy for an EIP-2930 transaction")
            }
        } else if gasPrice != nil {
            guard !eip1559 else {
                throw ValidationError("--gas-price cannot be combined with --max-fee-per-gas or --priority-gas-price")
            }
            guard accessList != nil else {
                throw ValidationError("--gas-price needs --legacy, or --access-list for an EIP-2930 transaction")
            }
        } else if maxFeePerGas == nil || priorityGasPrice == nil {
            throw ValidationError(
                "an EIP-1559 transaction needs --max-fee-per-gas and --priority-gas-price (or --legacy --gas-price)")
        }
    }

    func run() throws {
        let chainID = try IntegerArgument.parse("chain id", chainID)
        let nonce = try IntegerArgument.parse("nonce", nonce)
        let gasLimit = try IntegerArgument.parse("gas limit", gasLimit)
        let value = try value.map { try AmountArgument.parse("value", $0) } ?? .zero
        let kind = try to.map { TxKind.call(try ChainArgument.address($0, what: "to address")) } ?? .create
        let input = try create.map { try HexArgument.parse($0, what: "init code") }
            ?? data.map { try HexArgument.parse($0, what: "data") } ?? []
        let accessList = try accessList.map(AccessListArgument.parse) ?? []
        let key = try key.load()

        let raw: [UInt8]
        if let gasPrice {
            let price = try AmountArgument.parse("gas price", gasPrice)
            raw = legacy
                ? LegacyTransaction(
                    chainID: chainID, nonce: nonce, gasPrice: price, gasLimit: gasLimit, to: kind, value: value,
                    input: input
                ).signed(with: key).rawBytes
                : EIP2930Transaction(
                    chainID: chainID, nonce: nonce, gasPrice: price, gasLimit: gasLimit, to: kind, value: value,
                    input: input, accessList: accessList
                ).signed(with: key).rawBytes
        } else {
            let maxFee = try AmountArgument.parse("max fee per gas", maxFeePerGas!)
            let priorityFee = try AmountArgument.parse("priority gas price", priorityGasPrice!)
            guard priorityFee <= maxFee else {
                throw CommandFailure("--priority-gas-price \(priorityFee) is above --max-fee-per-gas \(maxFee)")
            }
            raw = EIP1559Transaction(
                chainID: chainID, nonce: nonce, maxPriorityFeePerGas: priorityFee, maxFeePerGas: maxFee,
                gasLimit: gasLimit, to: kind, value: value, input: input, accessList: accessList
            ).signed(with: key).rawBytes
        }
        print(Hex.encode(raw))
    }
}

/// `podium decode-tx <RAW> [--json]`, as `cast decode-transaction`.
struct DecodeTransaction: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode-tx",
        abstract: "Decode a raw signed transaction and recover its sender.",
        discussion: """
            Accepts legacy (with or without EIP-155), EIP-2930 and EIP-1559 transactions, strictly: canonical RLP, \
            nothing after the end, a signature that recovers a sender (low s). Prints the fields under their \
            JSON-RPC names, in this order: type, chainId, nonce, gas, gasPrice or maxFeePerGas and \
            maxPriorityFeePerGas, to, value, input, accessList, v (legacy) or yParity (typed), r, s, then the \
            recovered from and the hash. Integers, r and s among them, are decimal; addresses carry their EIP-55 \
            checksum and to is null for a contract creation; bytes and the hash are lowercase 0x-hex. A legacy \
            transaction signed before EIP-155 has no chainId.

            Without --json: one 'name value' line per field, the access list as compact JSON. With --json: one \
            compact JSON object with the integers as decimal strings.
            """,
        aliases: ["decode-transaction"]
    )

    @Argument(help: ArgumentHelp("The raw signed transaction, as hex.", valueName: "RAW"))
    var raw: String

    @Flag(help: "Print one JSON object instead of one line per field.")
    var json = false

    func run() throws {
        let bytes = try HexArgument.parse(raw, what: "raw transaction")
        let envelope = try decodeData("transaction") { try TransactionEnvelope(rawBytes: bytes) }
        let sender = try decodeData("transaction") { try envelope.sender() }
        let fields = TransactionFieldList(envelope, sender: sender)
        print(json ? fields.json : fields.aligned)
    }
}
