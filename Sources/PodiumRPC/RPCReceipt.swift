import PodiumPrimitives

/// A transaction receipt as `eth_getTransactionReceipt` returns it.
public struct RPCReceipt: Hashable, Sendable, Decodable {
    public let transactionHash: TxHash
    public let transactionIndex: UInt64
    public let blockHash: BlockHash
    public let blockNumber: UInt64
    public let from: Address
    /// Nil for a contract creation.
    public let to: Address?
    public let cumulativeGasUsed: UInt64
    public let gasUsed: UInt64
    public let effectiveGasPrice: UInt256
    /// The created contract, for a creation.
    public let contractAddress: Address?
    public let logs: [RPCLog]
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
