import PodiumABI
import PodiumPrimitives
import PodiumSigner
import PodiumTransactions

/// Signs and sends one account's transactions through a node: tracks the account's nonce, prices EIP-1559 fees
/// from `eth_feeHistory`, sizes gas from `eth_estimateGas` with a margin, and waits for receipts.
///
/// One sender per account: it hands out nonces in order, so two senders for the same key would collide.
public actor TransactionSender {
    public nonisolated let client: RPCClient
    public nonisolated let address: Address
    public nonisolated let chainID: ChainID
    /// Extra gas on top of the estimate, in percent (20 by default).
    public var gasMarginPercent: UInt64 = 20
    /// How often `waitForReceipt` asks at most, and how long it waits at least between questions.
    public var pollInterval: Duration = .milliseconds(500)

    private let key: PrivateKey
    private var nextNonce: UInt64?

    /// A sender for `key`'s account on the chain `client` talks to (asks the node for the chain id).
    public init(client: RPCClient, key: PrivateKey) async throws(RPCError) {
        self.client = client
        self.key = key
        self.address = key.address
        self.chainID = try await client.chainID()
    }

    /// Signs and submits a transaction calling `to` (or creating a contract when nil) and returns its hash without
    /// waiting. Gas is estimated first, so a call that would revert fails here with its reason and costs nothing.
    public func send(to: Address?, input: [UInt8], value: UInt256 = .zero, gasLimit: UInt64? = nil) async throws(SendError) -> TxHash {
        let request = CallRequest(from: address, to: to, input: input, value: value)
        let gas: UInt64
        if let gasLimit {
            gas = gasLimit
        } else {
            do {
                let estimate = try await client.estimateGas(request)
                gas = estimate + estimate * gasMarginPercent / 100
            } catch {
                throw SendError(rejected: error, action: "gas estimate")
            }
        }
        let fees = try await suggestedFees()
        let nonce = try await takeNonce()
        let transaction = EIP1559Transaction(
            chainID: chainID, nonce: nonce, maxPriorityFeePerGas: fees.priority, maxFeePerGas: fees.maximum,
            gasLimit: gas, to: to.map(TxKind.call) ?? .create, value: value, input: input)
        let signed = transaction.signed(with: key)
        do {
            return try await client.sendRawTransaction(signed.rawBytes)
        } catch {
            nextNonce = nil  // the node's count is the truth after a refusal
            throw SendError(rejected: error, action: "eth_sendRawTransaction")
        }
    }

    /// Sends as `send` does, waits for the receipt, and throws `SendError.reverted` when the transaction failed.
    public func sendAndWait(
        to: Address?, input: [UInt8], value: UInt256 = .zero, gasLimit: UInt64? = nil,
        confirmations: UInt64 = 1, timeout: Duration = .seconds(120)
    ) async throws(SendError) -> RPCReceipt {
        let hash = try await send(to: to, input: input, value: value, gasLimit: gasLimit)
        let receipt = try await waitForReceipt(hash, confirmations: confirmations, timeout: timeout)
        guard receipt.succeeded else {
            throw .reverted(receipt, reason: await replayRevertReason(to: to, input: input, value: value, receipt: receipt))
        }
        return receipt
    }

    /// Waits until `hash` is mined with `confirmations` blocks on top (see `ReceiptWaiter`).
    public func waitForReceipt(_ hash: TxHash, confirmations: UInt64 = 1, timeout: Duration = .seconds(120)) async throws(SendError) -> RPCReceipt {
        try await ReceiptWaiter(client: client, pollInterval: pollInterval).wait(for: hash, confirmations: confirmations, timeout: timeout)
    }

    /// The next nonce to use, from the node's pending count the first time and after any refusal.
    private func takeNonce() async throws(SendError) -> UInt64 {
        let nonce: UInt64
        if let nextNonce {
            nonce = nextNonce
        } else {
            do { nonce = try await client.transactionCount(of: address, at: .pending) } catch { throw .rpc(error) }
        }
        nextNonce = nonce + 1
        return nonce
    }

    /// Fees for the next block: the median priority fee of the last 10 blocks (at least 1 gwei when they show none)
    /// and a cap of twice the next base fee plus that tip, as wallets price them.
    private func suggestedFees() async throws(SendError) -> (priority: UInt256, maximum: UInt256) {
        let history: FeeHistory
        do { history = try await client.feeHistory(blockCount: 10, percentiles: [50]) } catch { throw .rpc(error) }
        guard let nextBaseFee = history.baseFeePerGas.last else {
            throw .rpc(.invalidResponse("eth_feeHistory: no base fee; the chain must support EIP-1559"))
        }
        let tips = history.reward.compactMap(\.first).filter { $0 > .zero }.sorted()
        let priority = tips.isEmpty ? UInt256(1_000_000_000) : tips[tips.count / 2]
        return (priority, nextBaseFee * 2 + priority)
    }

    /// Why a mined transaction reverted, from replaying it with `eth_call` on the state before its block.
    private func replayRevertReason(to: Address?, input: [UInt8], value: UInt256, receipt: RPCReceipt) async -> RevertReason? {
        let request = CallRequest(from: address, to: to, input: input, value: value, gas: receipt.gasUsed)
        do {
            _ = try await client.call(request, at: .number(receipt.blockNumber == 0 ? 0 : receipt.blockNumber - 1))
            return nil
        } catch {
            if case .node(let nodeError) = error { return nodeError.revertReason() }
            return nil
        }
    }
}

/// Why a transaction was not sent or did not succeed.
public enum SendError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The node refused it before it was mined; a revert found by the gas estimate carries its data here.
    case rejected(NodeError, action: String)
    /// The node could not be reached, or answered nonsense.
    case rpc(RPCError)
    /// It was mined and failed.
    case reverted(RPCReceipt, reason: RevertReason?)
    /// No receipt came within the time allowed.
    case timedOut(TxHash, Duration)

    init(rejected error: RPCError, action: String) {
        if case .node(let nodeError) = error { self = .rejected(nodeError, action: action) } else { self = .rpc(error) }
    }

    /// The revert reason, when the failure was a revert.
    public var revertReason: RevertReason? {
        switch self {
        case .rejected(let error, _): error.revertReason()
        case .reverted(_, let reason): reason
        case .rpc, .timedOut: nil
        }
    }

    public var description: String {
        switch self {
        case .rejected(let error, let action):
            if let reason = error.revertReason() { "transaction would revert (\(action)): \(reason)" }
            else { "\(action) refused: \(error)" }
        case .rpc(let error): error.description
        case .reverted(let receipt, let reason):
            "transaction \(Hex.encode(receipt.transactionHash.bytes)) reverted in block \(receipt.blockNumber)"
                + (reason.map { ": \($0)" } ?? "")
        case .timedOut(let hash, let timeout): "no receipt for \(Hex.encode(hash.bytes)) within \(timeout)"
        }
    }
}
