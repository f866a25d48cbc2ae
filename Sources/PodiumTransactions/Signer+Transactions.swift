import PodiumSigner

extension Signer {
    /// `transaction` signed by this signer: its signing hash signed, the signature attached.
    public func sign<Transaction: SignableTransaction>(_ transaction: Transaction) async throws -> Signed<Transaction> {
        Signed(transaction, signature: try await sign(hash: transaction.signingHash))
    }
}
