import PodiumABI
import PodiumPrimitives
import PodiumRPC

/// Why a transaction was not sent, did not succeed, or has no known fate.
public enum SendError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The gas estimate failed: the call would revert (the node's error carries the revert data) or the node
    /// refused to simulate it. Nothing was sent.
    case estimateFailed(NodeError)
    /// A node query before sending failed (fees, nonce, chain id). Nothing was sent.
    case rpc(RPCError)
    /// The node's numbers cannot be used: an overflowing gas estimate or fee. Nothing was sent.
    case invalidNodeData(String)
    /// The fees given cannot be signed: the priority fee is above the fee cap (EIP-1559). Nothing was sent.
    case invalidFees(maxFeePerGas: UInt256, maxPriorityFeePerGas: UInt256)
    /// The node refused the transaction, or the request never reached it. Sending again is safe.
    case rejected(TxHash, RPCError)
    /// The transaction may be in flight: its fate must be read from the chain before anything is sent again.
    case outcomeUnknown(TxHash, RPCError?)
    /// It was mined and failed.
    case reverted(RPCReceipt, reason: RevertReason?)
    /// No receipt with enough confirmations came within the time allowed. `receipt` is the receipt seen last, when
    /// the transaction was mined but not yet confirmed enough; `confirmations` how many of the `required` it had.
    case timedOut(TxHash, Duration, receipt: RPCReceipt?, confirmations: UInt64, required: UInt64)

    /// The revert reason, when the failure was a revert.
    public var revertReason: RevertReason? {
        switch self {
        case .estimateFailed(let error): error.revertReason()
        case .reverted(_, let reason): reason
        case .rpc, .invalidNodeData, .invalidFees, .rejected, .outcomeUnknown, .timedOut: nil
        }
    }

    /// Whether it is certain that nothing of this send is or will be on chain (before sending, or refused).
    public var nothingSent: Bool {
        switch self {
        case .estimateFailed, .rpc, .invalidNodeData, .invalidFees, .rejected: true
        case .outcomeUnknown, .reverted, .timedOut: false
        }
    }

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .estimateFailed(let error):
            if let reason = error.revertReason() { "transaction would revert (gas estimate): \(reason)" }
            else { "gas estimate refused: \(error.explained)" }
        case .rpc(let error): error.explained
        case .invalidNodeData(let message): "unusable node data: \(message)"
        case .invalidFees(let cap, let tip):
            "the priority fee \(tip) is above the fee cap \(cap) wei per gas (EIP-1559 refuses it); nothing was sent"
        case .rejected(let hash, let error):
            "transaction \(Hex.encode(hash.bytes)) was not accepted: \(error.explained)"
        case .outcomeUnknown(let hash, let error):
            "transaction \(Hex.encode(hash.bytes)) may or may not have reached the node"
                + (error.map { " (\($0.explained))" } ?? "") + "; look it up before sending again"
        case .reverted(let receipt, let reason):
            "transaction \(Hex.encode(receipt.transactionHash.bytes)) reverted in block \(receipt.blockNumber)"
                + (reason.map { ": \($0)" } ?? "")
        case .timedOut(let hash, let timeout, let receipt, let confirmations, let required):
            if let receipt {
                "transaction \(Hex.encode(hash.bytes)) was mined in block \(receipt.blockNumber) "
                    + "(\(receipt.succeeded ? "succeeded" : "reverted")), \(confirmations) of \(required) "
                    + "confirmations when the wait of \(timeout) ended"
            } else {
                "transaction \(Hex.encode(hash.bytes)) was not mined within \(timeout)"
            }
        }
    }
}
