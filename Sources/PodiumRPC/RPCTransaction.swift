import PodiumPrimitives

/// A transaction as `eth_getTransactionByHash` and full blocks return it.
public struct RPCTransaction: Hashable, Sendable, Decodable {
    public let hash: TxHash
    /// The EIP-2718 type: 0 legacy, 1 EIP-2930, 2 EIP-1559.
    public let type: UInt64
    public let chainID: UInt64?
    public let nonce: UInt64
    public let from: Address
    /// Nil for a contract creation.
    public let to: Address?
    public let value: UInt256
    public let gas: UInt64
    /// The legacy gas price, or what an included EIP-1559 transaction paid per gas.
    public let gasPrice: UInt256?
    public let maxFeePerGas: UInt256?
    public let maxPriorityFeePerGas: UInt256?
    public let input: [UInt8]
    /// Nil while pending.
    public let blockHash: BlockHash?
    public let blockNumber: UInt64?
    public let transactionIndex: UInt64?
    public let v: UInt256?
    public let r: UInt256
    public let s: UInt256

    private enum CodingKeys: String, CodingKey {
        case hash, type, chainId, nonce, from, to, value, gas, gasPrice, maxFeePerGas, maxPriorityFeePerGas, input
        case blockHash, blockNumber, transactionIndex, v, r, s
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hash = try container.bytes32(.hash)
        type = try container.quantityIfPresent(.type) ?? 0
        chainID = try container.quantityIfPresent(.chainId)
        nonce = try container.quantity(.nonce)
        from = try container.address(.from)
        to = try container.addressIfPresent(.to)
        value = try container.uint256(.value)
        gas = try container.quantity(.gas)
        gasPrice = try container.uint256IfPresent(.gasPrice)
        maxFeePerGas = try container.uint256IfPresent(.maxFeePerGas)
        maxPriorityFeePerGas = try container.uint256IfPresent(.maxPriorityFeePerGas)
        input = try container.data(.input)
        blockHash = try container.bytes32IfPresent(.blockHash)
        blockNumber = try container.quantityIfPresent(.blockNumber)
        transactionIndex = try container.quantityIfPresent(.transactionIndex)
        v = try container.uint256IfPresent(.v)
        r = try container.uint256(.r)
        s = try container.uint256(.s)
    }
}
