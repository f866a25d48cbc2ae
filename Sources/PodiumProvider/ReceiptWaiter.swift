import PodiumPrimitives
import PodiumRPC

/// Polls a node for a transaction's receipt until it is mined and confirmed.
public struct ReceiptWaiter: Sendable {
    /// How far a wait has come, for a progress line.
    public struct Progress: Sendable, Equatable {
        /// The receipt, once mined.
        public let receipt: RPCReceipt?
        /// Blocks on top of and including the receipt's (0 while not mined).
        public let confirmations: UInt64
        /// The confirmations waited for.
        public let required: UInt64
    }

    /// The node asked for receipts.
    public let client: RPCClient
    /// The longest pause between two questions (the first ones come sooner, 10 ms and doubling).
    public var pollInterval: Duration

    /// A waiter asking `client`'s node at most every `pollInterval`.
    public init(client: RPCClient, pollInterval: Duration = .milliseconds(500)) {
        self.client = client
        self.pollInterval = pollInterval
    }

    /// Waits until `hash` is mined and `confirmations` blocks (itself included) are on top, asking again after
    /// each wait so a receipt a reorg removed is not returned. `progress` hears of every change of the count.
    ///
    /// Throws `SendError.rpc` when the node fails, `SendError.timedOut` (with the receipt, when mined) after
    /// `timeout`, and `CancellationError` at once when the task is cancelled.
    public func wait(
        for hash: TxHash, confirmations: UInt64 = 1, timeout: Duration = .seconds(120),
        progress: @Sendable (Progress) -> Void = { _ in }
    ) async throws -> RPCReceipt {
        let required = max(confirmations, 1)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var wait = Duration.milliseconds(10)
        var last = Progress(receipt: nil, confirmations: 0, required: required)
        while true {
            let current: Progress
            do {
                let receipt = try await client.receipt(hash)
                var count: UInt64 = 0
                if let receipt {
                    let head = required > 1 ? try await client.blockNumber() : receipt.blockNumber
                    count = head >= receipt.blockNumber ? (head - receipt.blockNumber).addingReportingOverflow(1).partialValue : 0
                }
                current = Progress(receipt: receipt, confirmations: count, required: required)
            } catch let error as RPCError {
                throw SendError.rpc(error)
            }
            if let receipt = current.receipt, current.confirmations >= required { return receipt }
            if current != last { progress(current) }
            last = current
            guard clock.now + wait < deadline else {
                throw SendError.timedOut(hash, timeout, receipt: last.receipt, confirmations: last.confirmations, required: required)
            }
            try await Task.sleep(for: wait)
            wait = min(wait * 2, pollInterval)
        }
    }
}
