import PodiumPrimitives
import PodiumRPC

/// Hands out each account's nonces in order, one use at a time: the lock for an account is held from reading the
/// node's pending count (the first time, and after a refusal) until the transaction using the nonce was submitted,
/// so concurrent sends from one account get consecutive nonces and never collide.
public actor NonceManager {
    /// What became of a nonce once its transaction was submitted.
    public enum Use: Sendable {
        /// The node has (or may have) the transaction: the next send takes the next nonce.
        case consumed
        /// The node refused the transaction: the nonce is free again, and the node's count is asked anew.
        case unused
    }

    /// The node asked for pending counts.
    public nonisolated let client: RPCClient
    private var next: [Address: UInt64] = [:]
    private var busy: Set<Address> = []
    private var waiters: [Address: [CheckedContinuation<Void, Never>]] = [:]

    /// Nonces read from `client`'s node.
    public init(client: RPCClient) {
        self.client = client
    }

    /// Runs `body` with `account`'s next nonce while holding the account's lock; `body` says whether the nonce was
    /// used. Throws what the node query or `body` throws (an error from `body` leaves the nonce unused).
    public func withNextNonce<Result: Sendable>(
        for account: Address, _ body: @Sendable (UInt64) async throws -> (Result, Use)
    ) async throws -> Result {
        await lock(account)
        defer { unlock(account) }
        let nonce: UInt64
        if let cached = next[account] {
            nonce = cached
        } else {
            nonce = try await client.transactionCount(of: account, at: .pending)
        }
        do {
            let (result, use) = try await body(nonce)
            switch use {
            case .consumed:
                guard nonce < UInt64.max else { throw RPCError.decoding(
                    method: "eth_getTransactionCount", text: String(nonce), reason: "the account's nonce is exhausted") }
                next[account] = nonce + 1
            case .unused: next[account] = nil
            }
            return result
        } catch {
            next[account] = nil
            throw error
        }
    }

    /// Forgets what is cached for `account`, so its next nonce comes from the node.
    public func reset(_ account: Address) {
        next[account] = nil
    }

    private func lock(_ account: Address) async {
        guard busy.contains(account) else {
            busy.insert(account)
            return
        }
        await withCheckedContinuation { waiters[account, default: []].append($0) }
    }

    /// Passes the lock to the next waiter in line, or frees it.
    private func unlock(_ account: Address) {
        if var queue = waiters[account], !queue.isEmpty {
            let first = queue.removeFirst()
            waiters[account] = queue.isEmpty ? nil : queue
            first.resume()
        } else {
            busy.remove(account)
        }
    }
}
