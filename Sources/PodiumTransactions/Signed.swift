import PodiumPrimitives
import PodiumSigner

/// A transaction with its signature: what goes on chain.
public struct Signed<Transaction: SignableTransaction>: Hashable, Sendable {
    /// The unsigned fields.
    public let transaction: Transaction
    /// The sender's signature of `transaction.signingHash`.
    public let signature: Signature

    /// Pairs a transaction with a signature, unchecked.
    public init(_ transaction: Transaction, signature: Signature) {
        (self.transaction, self.signature) = (transaction, signature)
    }

    /// Decodes raw signed bytes of this transaction type, strictly (see `SignableTransaction.decode(signed:)`).
    public init(rawBytes: some Collection<UInt8>) throws(TransactionError) {
        let (transaction, signature) = try Transaction.decode(signed: rawBytes)
        self.init(transaction, signature: signature)
    }

    /// The raw signed transaction, for `eth_sendRawTransaction`.
    public var rawBytes: [UInt8] { transaction.encoded(signature: signature) }

    /// The transaction hash: keccak256 of the raw signed bytes.
    public var hash: TxHash { Keccak256.hash(rawBytes) }

    /// The sender, recovered from the signature; refuses out-of-range r or s and high s (EIP-2).
    public func sender() throws(TransactionError) -> Address {
        do throws(SignerError) {
            return try signature.recoverAddress(hash: transaction.signingHash)
        } catch {
            throw .invalidSignature(error)
        }
    }
}
