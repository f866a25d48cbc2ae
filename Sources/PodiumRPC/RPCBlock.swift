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
