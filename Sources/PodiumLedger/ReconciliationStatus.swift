/// What reconciliation concluded about one expected or observed payout (DESIGN.md, Reconciliation): each gets
/// exactly one.
public enum ReconciliationStatus: String, CaseIterable, Hashable, Sendable {
    /// Paid on-chain, final, as the ledger says: right wallet, right amount, once.
    case matched = "MATCHED"
    /// On-chain but not yet final, or in the ledger and not yet sent: no verdict yet.
    case pending = "PENDING"
    /// The ledger says it should be (or was) paid; the final chain shows no such payment.
    case missingOnchain = "MISSING_ONCHAIN"
    /// Paid on-chain with no settlement in the ledger behind it.
    case unexpectedOnchain = "UNEXPECTED_ONCHAIN"
    /// The right wallet was paid a different amount.
    case amountMismatch = "AMOUNT_MISMATCH"
    /// The place was paid to a different wallet.
    case recipientMismatch = "RECIPIENT_MISMATCH"
    /// The same period and place was paid more than once.
    case duplicate = "DUPLICATE"
    /// The ledger records it as paid, but its transaction reverted or is no longer in the chain.
    case failedTransaction = "FAILED_TX"

    /// Whether the status is a discrepancy (anything but MATCHED and PENDING).
    public var isDiscrepancy: Bool { self != .matched && self != .pending }
}
