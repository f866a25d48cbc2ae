import PodiumPrimitives

/// A block as `eth_getBlockByNumber` and `eth_getBlockByHash` return it.
public struct RPCBlock: Hashable, Sendable, Decodable {
    /// The block's transactions: their hashes, or whole transactions when asked for.
    public enum Transactions: Hashable, Sendable {
        case hashes([TxHash])
        case full([RPCTransaction])

        /// The hashes, whichever form the block came in.
        public var hashes: [TxHash] {
            switch self {
            case .hashes(let hashes): hashes
            case .full(let transactions): transactions.map(\.hash)
            }
        }
    }

    /// The block's height.
    public let number: UInt64
    /// The block's hash.
    public let hash: BlockHash
    /// The hash of the block it builds on.
    public let parentHash: BlockHash
    /// Seconds since the Unix epoch, as the block says.
    public let timestamp: UInt64
    /// Who received the fees (`miner`, the fee recipient).
    public let miner: Address
    /// The most gas the block may use.
    public let gasLimit: UInt64
    /// The gas its transactions used.
    public let gasUsed: UInt64
    /// Nil before London.
    public let baseFeePerGas: UInt256?
    /// The 256-byte bloom filter of its logs' addresses and topics.
    public let logsBloom: [UInt8]
    /// The state trie's root after the block.
    public let stateRoot: Bytes32
    /// The transactions trie's root.
    public let transactionsRoot: Bytes32
    /// The receipts trie's root.
    public let receiptsRoot: Bytes32
    /// The block's extra data.
    public let extraData: [UInt8]
    /// Its transactions, as hashes or whole.
    public let transactions: Transactions

    private enum CodingKeys: String, CodingKey {
        case number, hash, parentHash, timestamp, miner, gasLimit, gasUsed, baseFeePerGas, logsBloom, stateRoot
        case transactionsRoot, receiptsRoot, extraData, transactions
    }

    init(
        number: UInt64, hash: BlockHash, parentHash: BlockHash, timestamp: UInt64, miner: Address, gasLimit: UInt64,
        gasUsed: UInt64, baseFeePerGas: UInt256?, logsBloom: [UInt8], stateRoot: Bytes32, transactionsRoot: Bytes32,
        receiptsRoot: Bytes32, extraData: [UInt8], transactions: Transactions
    ) {
        (self.number, self.hash, self.parentHash, self.timestamp, self.miner) = (number, hash, parentHash, timestamp, miner)
        (self.gasLimit, self.gasUsed, self.baseFeePerGas, self.logsBloom) = (gasLimit, gasUsed, baseFeePerGas, logsBloom)
        (self.stateRoot, self.transactionsRoot, self.receiptsRoot) = (stateRoot, transactionsRoot, receiptsRoot)
        (self.extraData, self.transactions) = (extraData, transactions)
    }

    /// Reads the JSON form, checking every field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.quantity(.number)
        hash = try container.bytes32(.hash)
        parentHash = try container.bytes32(.parentHash)
        timestamp = try container.quantity(.timestamp)
        miner = try container.address(.miner)
        gasLimit = try container.quantity(.gasLimit)
        gasUsed = try container.quantity(.gasUsed)
        baseFeePerGas = try container.uint256IfPresent(.baseFeePerGas)
        logsBloom = try container.data(.logsBloom)
        stateRoot = try container.bytes32(.stateRoot)
        transactionsRoot = try container.bytes32(.transactionsRoot)
        receiptsRoot = try container.bytes32(.receiptsRoot)
        extraData = try container.data(.extraData)
        if let full = try? container.decode([RPCTransaction].self, forKey: .transactions) {
            transactions = .full(full)
        } else {
            transactions = .hashes(try container.bytes32Array(.transactions))
        }
    }
}

extension RPCBlock: ScannedResult {
    /// Reads the JSON form in place, with the checks of `init(from:)`; a block with whole transactions is left to
    /// `init(from:)`.
    static func read(_ reader: inout ResultReader) throws(ResultReader.Failure) -> RPCBlock? {
        var number: UInt64?, hash: BlockHash?, parentHash: BlockHash?, timestamp: UInt64?, miner: Address?
        var gasLimit: UInt64?, gasUsed: UInt64?, baseFeePerGas: UInt256?, logsBloom: [UInt8]?, stateRoot: Bytes32?
        var transactionsRoot: Bytes32?, receiptsRoot: Bytes32?, extraData: [UInt8]?, hashes: [TxHash]?
        var wholeTransactions = false
        try reader.object { (reader, name) throws(ResultReader.Failure) in
            do throws(ResultReader.Failure) {
                switch String(decoding: name, as: UTF8.self) {
                case "number": number = try reader.quantity()
                case "hash": hash = try reader.bytes32()
                case "parentHash": parentHash = try reader.bytes32()
                case "timestamp": timestamp = try reader.quantity()
                case "miner": miner = try reader.address()
                case "gasLimit": gasLimit = try reader.quantity()
                case "gasUsed": gasUsed = try reader.quantity()
                case "baseFeePerGas": baseFeePerGas = try reader.null() ? nil : try reader.uint256()
                case "logsBloom": logsBloom = try reader.data()
                case "stateRoot": stateRoot = try reader.bytes32()
                case "transactionsRoot": transactionsRoot = try reader.bytes32()
                case "receiptsRoot": receiptsRoot = try reader.bytes32()
                case "extraData": extraData = try reader.data()
                case "transactions":
                    // Whole transactions come as objects: those are read by `init(from:)`.
                    var probe = reader
                    var first: UInt8?
                    try probe.array { (element) throws(ResultReader.Failure) in
                        if first == nil { first = try element.peek() }
                        try element.skip()
                    }
                    if first == UInt8(ascii: "{") {
                        wholeTransactions = true
                        try reader.skip()
                    } else {
                        hashes = try reader.bytes32Array()
                    }
                default: try reader.skip()
                }
            } catch {
                throw error.inside(name)
            }
        }
        if wholeTransactions { return nil }
        func required<Value>(_ value: Value?, _ key: String) throws(ResultReader.Failure) -> Value {
            guard let value else { throw ResultReader.Failure(reason: "missing key \(key.debugDescription)") }
            return value
        }
        return RPCBlock(
            number: try required(number, "number"), hash: try required(hash, "hash"),
            parentHash: try required(parentHash, "parentHash"), timestamp: try required(timestamp, "timestamp"),
            miner: try required(miner, "miner"), gasLimit: try required(gasLimit, "gasLimit"),
            gasUsed: try required(gasUsed, "gasUsed"), baseFeePerGas: baseFeePerGas,
            logsBloom: try required(logsBloom, "logsBloom"), stateRoot: try required(stateRoot, "stateRoot"),
            transactionsRoot: try required(transactionsRoot, "transactionsRoot"),
            receiptsRoot: try required(receiptsRoot, "receiptsRoot"), extraData: try required(extraData, "extraData"),
            // An empty list reads as `init(from:)` reads it: no whole transactions.
            transactions: try required(hashes, "transactions").isEmpty ? .full([]) : .hashes(hashes ?? []))
    }
}
