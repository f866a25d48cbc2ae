import PodiumPrimitives

/// A transaction receipt as `eth_getTransactionReceipt` returns it.
public struct RPCReceipt: Hashable, Sendable, Decodable {
    /// The transaction's hash.
    public let transactionHash: TxHash
    /// Its index in its block.
    public let transactionIndex: UInt64
    /// The block it was mined in.
    public let blockHash: BlockHash
    /// That block's number.
    public let blockNumber: UInt64
    /// The sender.
    public let from: Address
    /// Nil for a contract creation.
    public let to: Address?
    /// Gas used in the block up to and including this transaction.
    public let cumulativeGasUsed: UInt64
    /// Gas this transaction used.
    public let gasUsed: UInt64
    /// Wei paid per gas (base fee plus tip).
    public let effectiveGasPrice: UInt256
    /// The created contract, for a creation.
    public let contractAddress: Address?
    /// The logs it emitted, in order.
    public let logs: [RPCLog]
    /// The 256-byte bloom filter of those logs.
    public let logsBloom: [UInt8]
    /// 1 for success, 0 for a revert (post-Byzantium receipts).
    public let status: UInt64
    /// The EIP-2718 type: 0 legacy, 1 EIP-2930, 2 EIP-1559.
    public let type: UInt64

    /// Whether the transaction succeeded.
    public var succeeded: Bool { status == 1 }

    private enum CodingKeys: String, CodingKey {
        case transactionHash, transactionIndex, blockHash, blockNumber, from, to, cumulativeGasUsed, gasUsed
        case effectiveGasPrice, contractAddress, logs, logsBloom, status, type
    }

    /// Reads the JSON form, checking every field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        transactionHash = try container.bytes32(.transactionHash)
        transactionIndex = try container.quantity(.transactionIndex)
        blockHash = try container.bytes32(.blockHash)
        blockNumber = try container.quantity(.blockNumber)
        from = try container.address(.from)
        to = try container.addressIfPresent(.to)
        cumulativeGasUsed = try container.quantity(.cumulativeGasUsed)
        gasUsed = try container.quantity(.gasUsed)
        effectiveGasPrice = try container.uint256IfPresent(.effectiveGasPrice) ?? .zero
        contractAddress = try container.addressIfPresent(.contractAddress)
        logs = try container.decode([RPCLog].self, forKey: .logs)
        logsBloom = try container.data(.logsBloom)
        status = try container.quantity(.status)
        type = try container.quantityIfPresent(.type) ?? 0
    }
}
