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

    public let number: UInt64
    public let hash: BlockHash
    public let parentHash: BlockHash
    public let timestamp: UInt64
    public let miner: Address
    public let gasLimit: UInt64
    public let gasUsed: UInt64
    /// Nil before London.
    public let baseFeePerGas: UInt256?
    public let logsBloom: [UInt8]
    public let stateRoot: Bytes32
    public let transactionsRoot: Bytes32
    public let receiptsRoot: Bytes32
    public let extraData: [UInt8]
    public let transactions: Transactions

    private enum CodingKeys: String, CodingKey {
        case number, hash, parentHash, timestamp, miner, gasLimit, gasUsed, baseFeePerGas, logsBloom, stateRoot
        case transactionsRoot, receiptsRoot, extraData, transactions
    }

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
