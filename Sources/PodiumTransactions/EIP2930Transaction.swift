import PodiumPrimitives
import PodiumRLP
import PodiumSigner

/// An EIP-2930 transaction, type 1: `0x01 ‖ rlp([chainId, nonce, gasPrice, gas, to, value, input, accessList,
/// yParity, r, s])`.
public struct EIP2930Transaction: SignableTransaction {
    /// The chain the transaction is valid on.
    public var chainID: ChainID
    /// The sender's transaction count.
    public var nonce: UInt64
    /// Wei paid per unit of gas.
    public var gasPrice: UInt256
    /// The most gas the transaction may use.
    public var gasLimit: UInt64
    /// The account called, or a contract creation.
    public var to: TxKind
    /// Wei transferred.
    public var value: UInt256
    /// Call data, or init code for a creation.
    public var input: [UInt8]
    /// Accounts and storage slots made warm before execution.
    public var accessList: AccessList

    /// An EIP-2930 transaction.
    public init(chainID: ChainID, nonce: UInt64, gasPrice: UInt256, gasLimit: UInt64, to: TxKind,
                value: UInt256 = 0, input: [UInt8] = [], accessList: AccessList = []) {
        (self.chainID, self.nonce, self.gasPrice, self.gasLimit) = (chainID, nonce, gasPrice, gasLimit)
        (self.to, self.value, self.input, self.accessList) = (to, value, input, accessList)
    }

    /// `.eip2930`.
    public static var transactionType: TransactionType { .eip2930 }

    private var fields: [RLPItem] {
        [.uint(chainID), .uint(nonce), .uint(gasPrice), .uint(gasLimit), .to(to), .uint(value), .bytes(input),
         .accessList(accessList)]
    }

    /// `0x01 ‖ rlp([chainId, nonce, gasPrice, gas, to, value, input, accessList])`.
    public func signingPayload() -> [UInt8] { EIP2718.encode(fields, type: .eip2930) }

    /// `0x01 ‖ rlp([…, accessList, yParity, r, s])`.
    public func encoded(signature: Signature) -> [UInt8] {
        EIP2718.encode(fields + RLPItem.typedSignature(signature), type: .eip2930)
    }

    /// Decodes `0x01 ‖ rlp([chainId, nonce, gasPrice, gas, to, value, input, accessList, yParity, r, s])`.
    public static func decode(signed raw: some Collection<UInt8>) throws(TransactionError)
        -> (transaction: EIP2930Transaction, signature: Signature)
    {
        let fields = try TransactionFields(EIP2718.fields(of: raw, type: .eip2930), type: .eip2930, count: 11)
        let transaction = EIP2930Transaction(
            chainID: try fields.uint64(0, .chainId), nonce: try fields.uint64(1, .nonce),
            gasPrice: try fields.uint256(2, .gasPrice), gasLimit: try fields.uint64(3, .gas), to: try fields.to(4),
            value: try fields.uint256(5, .value), input: try fields.bytes(6, .input),
            accessList: try fields.accessList(7))
        return (transaction, try fields.typedSignature(from: 8))
    }
}
