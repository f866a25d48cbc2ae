import PodiumPrimitives

/// Polls a node for a transaction's receipt until it is mined and confirmed.
public struct ReceiptWaiter: Sendable {
    public let client: RPCClient
    /// The longest pause between two questions (the first ones come sooner, 10 ms and doubling).
    public var pollInterval: Duration

    public init(client: RPCClient, pollInterval: Duration = .milliseconds(500)) {
        self.client = client
        self.pollInterval = pollInterval
    }

    /// Waits until `hash` is mined and `confirmations` blocks (itself included) are on top, asking again after
    /// each wait so a receipt a reorg removed is not returned.
    public func wait(for hash: TxHash, confirmations: UInt64 = 1, timeout: Duration = .seconds(120)) async throws(SendError) -> RPCReceipt {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var wait = Duration.milliseconds(10)
        while true {
            do {
                if let receipt = try await client.receipt(hash) {
                    let head = confirmations > 1 ? try await client.blockNumber() : receipt.blockNumber
                    if head + 1 >= receipt.blockNumber + max(confirmations, 1) { return receipt }
                }
            } catch {
                throw .rpc(error)
            }
            guard clock.now + wait < deadline else { throw .timedOut(hash, timeout) }
            try? await Task.sleep(for: wait)
            wait = min(wait * 2, pollInterval)
        }
    }
}
