import PodiumPrimitives
import PodiumProvider
import PodiumRPC

/// One call of a contract function, encoded: the target, the ether it carries and the calldata. What a
/// transaction, an `eth_call` or a smart account's `execute` sends.
public struct ContractCall: Hashable, Sendable {
    /// The contract called.
    public var to: Address
    /// The wei sent with the call.
    public var value: UInt256
    /// The selector and the ABI-encoded arguments.
    public var input: [UInt8]

    /// The call of `to` with `input`, carrying `value` wei.
    public init(to: Address, input: [UInt8], value: UInt256 = .zero) {
        self.to = to
        self.input = input
        self.value = value
    }

    /// Signs and submits the call as a transaction from `sender`'s account, without waiting: the transaction and
    /// its outcome, accepted, rejected or unknown (see `TransactionSender.send`).
    public func send(from sender: TransactionSender, gasLimit: UInt64? = nil) async throws -> SentTransaction {
        try await sender.send(to: to, input: input, value: value, gasLimit: gasLimit)
    }

    /// Sends the call from `sender`'s account and waits for its receipt; throws `SendError` (with the decoded
    /// reason) when it would revert or did, or when its outcome is unknown.
    public func sendAndWait(
        from sender: TransactionSender, confirmations: UInt64 = 1, timeout: Duration = .seconds(120)
    ) async throws -> RPCReceipt {
        try await sender.sendAndWait(to: to, input: input, value: value, confirmations: confirmations, timeout: timeout)
    }
}
