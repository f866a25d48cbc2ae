import PodiumPrimitives

/// A transaction as `eth_getTransactionByHash` and full blocks return it.
public struct RPCTransaction: Hashable, Sendable, Decodable {
    /// The transaction's hash.
    public let hash: TxHash
    /// The EIP-2718 type: 0 legacy, 1 EIP-2930, 2 EIP-1559.
    public let type: UInt64
    /// The chain id it was signed for (nil for a pre-EIP-155 legacy transaction).
    public let chainID: UInt64?
    /// The sender's nonce it used.
    public let nonce: UInt64
    /// The sender, recovered by the node.
    public let from: Address
    /// Nil for a contract creation.
    public let to: Address?
    /// Wei sent.
    public let value: UInt256
    /// The gas limit.
    public let gas: UInt64
    /// The legacy gas price, or what an included EIP-1559 transaction paid per gas.
    public let gasPrice: UInt256?
    /// The EIP-1559 fee cap per gas.
    public let maxFeePerGas: UInt256?
    /// The EIP-1559 tip cap per gas.
    public let maxPriorityFeePerGas: UInt256?
    /// The calldata or init code.
    public let input: [UInt8]
    /// Nil while pending.
    public let blockHash: BlockHash?
    /// The block it was mined in (nil while pending).
    public let blockNumber: UInt64?
    /// Its index in that block.
    public let transactionIndex: UInt64?
    /// The signature's v (legacy) or y parity.
    public let v: UInt256?
    /// The signature's r.
    public let r: UInt256
    /// The signature's s.
    public let s: UInt256

    private enum CodingKeys: String, CodingKey {
        case hash, type, chainId, nonce, from, to, value, gas, gasPrice, maxFeePerGas, maxPriorityFeePerGas, input
        case blockHash, blockNumber, transactionIndex, v, r, s
    }

    /// Reads the JSON form, checking every field.
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
