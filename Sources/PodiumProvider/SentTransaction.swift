import PodiumPrimitives
import PodiumRPC

/// A signed transaction handed to the node, and what is known of its fate. The hash and the raw bytes are known
/// whatever the outcome, so an unknown outcome can be resolved from the chain (or the same bytes sent again),
/// never by signing a second transaction.
public struct SentTransaction: Equatable, Sendable {
    /// The three things a submission can end in.
    public enum Outcome: Equatable, Sendable {
        /// The node has the transaction.
        case accepted
        /// The node surely does not have it: it refused it (`.node`, with its reason) or the request never reached
        /// it. Sending again with the same nonce is safe.
        case rejected(RPCError)
        /// The request may have reached the node (a timeout, a dropped connection, a garbled answer, a cancelled
        /// task): the transaction may be in flight. Look for `hash` on chain before doing anything else.
        case unknown(RPCError?)
    }

    /// The transaction's hash, known before it was sent.
    public let hash: TxHash
    /// The nonce it used.
    public let nonce: UInt64
    /// The signed EIP-2718 bytes, for sending again after an unknown outcome.
    public let rawTransaction: [UInt8]
    /// What the node did with it, as far as is known.
    public let outcome: Outcome
}

extension SentTransaction {
    /// Returns when the node accepted the transaction; throws `SendError.rejected` or `SendError.outcomeUnknown`
    /// (with the hash) otherwise.
    public func requireAccepted() throws(SendError) {
        try outcome.requireAccepted(hash: hash)
    }
}

extension SentTransaction.Outcome {
    /// Returns when the node accepted the transaction `hash`; throws `SendError.rejected` or
    /// `SendError.outcomeUnknown` otherwise.
    public func requireAccepted(hash: TxHash) throws(SendError) {
        switch self {
        case .accepted: return
        case .rejected(let error): throw .rejected(hash, error)
        case .unknown(let error): throw .outcomeUnknown(hash, error)
        }
    }
}
