import PodiumPrimitives
import PodiumRLP
import PodiumSigner

/// A legacy transaction: `[nonce, gasPrice, gas, to, value, input, v, r, s]`, replay-protected by EIP-155 when it
/// has a chain id (v = chainId · 2 + 35 + yParity), or not (v = 27 + yParity, signed before EIP-155).
public struct LegacyTransaction: SignableTransaction {
    /// The chain the signature binds the transaction to (EIP-155), or nil for an unprotected transaction.
    public var chainID: ChainID?
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

    /// A legacy transaction; `chainID` nil only for the pre-EIP-155 form.
    public init(chainID: ChainID?, nonce: UInt64, gasPrice: UInt256, gasLimit: UInt64, to: TxKind,
                value: UInt256 = 0, input: [UInt8] = []) {
        (self.chainID, self.nonce, self.gasPrice, self.gasLimit) = (chainID, nonce, gasPrice, gasLimit)
        (self.to, self.value, self.input) = (to, value, input)
    }

    /// `.legacy`.
    public static var transactionType: TransactionType { .legacy }

    private var fields: [RLPItem] {
        [.uint(nonce), .uint(gasPrice), .uint(gasLimit), .to(to), .uint(value), .bytes(input)]
    }

    /// RLP of the six fields, followed by chainId, 0, 0 under EIP-155 (zero is the empty string).
    public func signingPayload() -> [UInt8] {
        let replayProtection: [RLPItem] = chainID.map { [.uint($0), .bytes([]), .bytes([])] } ?? []
        return EIP2718.encode(fields + replayProtection, type: .legacy)
    }

    /// RLP of the six fields, v, r, s.
    public func encoded(signature: Signature) -> [UInt8] {
        let v = chainID.map { signature.v(chainID: $0) } ?? UInt256(UInt64(signature.v))
        return EIP2718.encode(fields + [.uint(v), .uint(signature.r), .uint(signature.s)], type: .legacy)
    }

    /// Decodes `[nonce, gasPrice, gas, to, value, input, v, r, s]`, taking the chain id from v (EIP-155).
    public static func decode(signed raw: some Collection<UInt8>) throws(TransactionError)
        -> (transaction: LegacyTransaction, signature: Signature)
    {
        let fields = try TransactionFields(EIP2718.fields(of: raw, type: .legacy), type: .legacy, count: 9)
        let v = try fields.uint256(6, .v)
        let chainID: ChainID?
        let yParity: Bool
        switch v {
        case 27, 28:
            (chainID, yParity) = (nil, v == 28)
        case 35...:
            let (id, parity) = (v - 35).quotientAndRemainder(dividingBy: 2)
            guard let id = UInt64(exactly: id) else { throw .invalidV(v) }
            (chainID, yParity) = (id, parity == 1)
        default:
            throw .invalidV(v)
        }
        let transaction = LegacyTransaction(
            chainID: chainID, nonce: try fields.uint64(0, .nonce), gasPrice: try fields.uint256(1, .gasPrice),
            gasLimit: try fields.uint64(2, .gas), to: try fields.to(3), value: try fields.uint256(4, .value),
            input: try fields.bytes(5, .input))
        let signature = Signature(r: try fields.uint256(7, .r), s: try fields.uint256(8, .s), yParity: yParity)
        return (transaction, signature)
    }
}
