import PodiumPrimitives
import PodiumRLP
import PodiumSigner

/// An EIP-1559 transaction, type 2: `0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to,
/// value, input, accessList, yParity, r, s])`.
public struct EIP1559Transaction: SignableTransaction {
    /// The chain the transaction is valid on.
    public var chainID: ChainID
    /// The sender's transaction count.
    public var nonce: UInt64
    /// The most wei per gas paid to the block producer above the base fee.
    public var maxPriorityFeePerGas: UInt256
    /// The most wei per gas paid in all, base fee included.
    public var maxFeePerGas: UInt256
    /// The most gas the transaction may use.
    public var gasLimit: UInt64
    /// The account called, or a contract creation.
    public var to: TxKind
    /// Wei transferred.
    public var value: UInt256
    /// Call data, or init code for a creation.
    public var input: [UInt8]
    /// Accounts and storage slots made warm before execution (EIP-2930).
    public var accessList: AccessList

    /// An EIP-1559 transaction.
    public init(chainID: ChainID, nonce: UInt64, maxPriorityFeePerGas: UInt256, maxFeePerGas: UInt256,
                gasLimit: UInt64, to: TxKind, value: UInt256 = 0, input: [UInt8] = [], accessList: AccessList = []) {
        (self.chainID, self.nonce, self.gasLimit, self.to) = (chainID, nonce, gasLimit, to)
        (self.maxPriorityFeePerGas, self.maxFeePerGas) = (maxPriorityFeePerGas, maxFeePerGas)
        (self.value, self.input, self.accessList) = (value, input, accessList)
    }

    /// `.eip1559`.
    public static var transactionType: TransactionType { .eip1559 }

    private var fields: [RLPItem] {
        [.uint(chainID), .uint(nonce), .uint(maxPriorityFeePerGas), .uint(maxFeePerGas), .uint(gasLimit), .to(to),
         .uint(value), .bytes(input), .accessList(accessList)]
    }

    /// `0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, input, accessList])`.
    public func signingPayload() -> [UInt8] { EIP2718.encode(fields, type: .eip1559) }

    /// `0x02 ‖ rlp([…, accessList, yParity, r, s])`.
    public func encoded(signature: Signature) -> [UInt8] {
        EIP2718.encode(fields + RLPItem.typedSignature(signature), type: .eip1559)
    }

    /// Decodes `0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, input, accessList,
    /// yParity, r, s])`.
    public static func decode(signed raw: some Collection<UInt8>) throws(TransactionError)
        -> (transaction: EIP1559Transaction, signature: Signature)
    {
        let fields = try TransactionFields(EIP2718.fields(of: raw, type: .eip1559), type: .eip1559, count: 12)
        let transaction = EIP1559Transaction(
            chainID: try fields.uint64(0, .chainId), nonce: try fields.uint64(1, .nonce),
            maxPriorityFeePerGas: try fields.uint256(2, .maxPriorityFeePerGas),
            maxFeePerGas: try fields.uint256(3, .maxFeePerGas), gasLimit: try fields.uint64(4, .gas),
            to: try fields.to(5), value: try fields.uint256(6, .value), input: try fields.bytes(7, .input),
            accessList: try fields.accessList(8))
        return (transaction, try fields.typedSignature(from: 9))
    }
}
