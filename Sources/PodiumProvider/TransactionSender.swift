import PodiumABI
import PodiumPrimitives
import PodiumRPC
import PodiumSigner
import PodiumTransactions

/// Signs and sends one account's transactions through a node: nonces from a `NonceManager` (consecutive even
/// under concurrent sends), EIP-1559 fees from a `FeeEstimator`, gas from `eth_estimateGas` with a margin, and
/// receipts from a `ReceiptWaiter`.
///
/// `send` reports what became of a submission as one of three outcomes (accepted, rejected, unknown) and never
/// calls a transaction failed when the node may have it. Senders that share a `NonceManager` may share an account.
public struct TransactionSender: Sendable {
    /// The node transactions go to.
    public let client: RPCClient
    /// Who signs them.
    public let signer: any Signer
    /// The chain they are signed for (EIP-155).
    public let chainID: ChainID
    /// Where nonces come from; share it between senders of one account.
    public let nonces: NonceManager
    /// How fees are priced.
    public var fees: FeeEstimator
    /// Extra gas on top of the estimate, in percent (20 by default).
    public var gasMarginPercent: UInt64 = 20
    /// How often receipt waits ask at most, and how long they wait at least between questions.
    public var pollInterval: Duration = .milliseconds(500)

    /// The account that signs.
    public var address: Address { signer.address }

    /// A sender for `signer`'s account on the chain `client` talks to (asks the node for the chain id unless given).
    public init(client: RPCClient, signer: any Signer, chainID: ChainID? = nil, nonces: NonceManager? = nil) async throws {
        self.client = client
        self.signer = signer
        if let chainID {
            self.chainID = chainID
        } else {
            do { self.chainID = try await client.chainID() } catch let error as RPCError { throw SendError.rpc(error) }
        }
        self.nonces = nonces ?? NonceManager(client: client)
        self.fees = FeeEstimator(client: client)
    }

    /// The fees of a transaction: estimated, or set by the caller.
    public enum FeeChoice: Hashable, Sendable {
        /// EIP-1559 caps from the `FeeEstimator`.
        case estimated
        /// EIP-1559 caps as given; a nil one comes from the estimator.
        case eip1559(maxFeePerGas: UInt256?, maxPriorityFeePerGas: UInt256?)
        /// A legacy (type 0, EIP-155) transaction at `gasPrice` wei per gas (the node's `eth_gasPrice` when nil).
        case legacy(gasPrice: UInt256?)
    }

    /// Signs and submits a transaction calling `to` (or creating a contract when nil) and returns it with its
    /// outcome, without waiting for a receipt.
    ///
    /// Gas is estimated first (unless `gasLimit` is given), so a call that would revert fails here with
    /// `SendError.estimateFailed` and costs nothing. A `nonce` given bypasses the `NonceManager` (to replace a stuck
    /// transaction, say); otherwise the manager hands out the next one. Throws only when nothing was sent:
    /// `SendError` or `CancellationError`; once the transaction is signed, every outcome comes back as a value.
    /// `beforeSubmit` hears the signed transaction (hash, nonce, bytes) before the node does, so a caller can journal
    /// it first; when it throws, nothing is sent and the error comes back.
    public func send(
        to: Address?, input: [UInt8], value: UInt256 = .zero, gasLimit: UInt64? = nil, nonce: UInt64? = nil,
        fees choice: FeeChoice = .estimated,
        beforeSubmit: @Sendable (_ hash: TxHash, _ nonce: UInt64, _ raw: [UInt8]) async throws -> Void = { _, _, _ in }
    ) async throws -> SentTransaction {
        let request = CallRequest(from: address, to: to, input: input, value: value)
        let gas: UInt64
        if let gasLimit {
            gas = gasLimit
        } else {
            let estimate: UInt64
            do {
                estimate = try await client.estimateGas(request)
            } catch let error as RPCError {
                if case .node(let nodeError) = error { throw SendError.estimateFailed(nodeError) }
                throw SendError.rpc(error)
            }
            gas = try FeeEstimator.gasLimit(estimate: estimate, marginPercent: gasMarginPercent)
        }
        let pricing: Pricing
        do { pricing = try await self.pricing(choice) } catch let error as RPCError { throw SendError.rpc(error) }
        let (chainID, client, signer) = (chainID, client, signer)
        let kind = to.map(TxKind.call) ?? .create
        @Sendable func submit(_ nonce: UInt64) async throws -> SentTransaction {
            let raw: [UInt8], hash: TxHash
            switch pricing {
            case .eip1559(let offer):
                let signed = try await signer.sign(EIP1559Transaction(
                    chainID: chainID, nonce: nonce, maxPriorityFeePerGas: offer.maxPriorityFeePerGas,
                    maxFeePerGas: offer.maxFeePerGas, gasLimit: gas, to: kind, value: value, input: input))
                (raw, hash) = (signed.rawBytes, signed.hash)
            case .legacy(let gasPrice):
                let signed = try await signer.sign(LegacyTransaction(
                    chainID: chainID, nonce: nonce, gasPrice: gasPrice, gasLimit: gas, to: kind, value: value, input: input))
                (raw, hash) = (signed.rawBytes, signed.hash)
            }
            try await beforeSubmit(hash, nonce, raw)
            let outcome = await Self.submit(raw, hash: hash, through: client)
            return SentTransaction(hash: hash, nonce: nonce, rawTransaction: raw, outcome: outcome)
        }
        do {
            if let nonce { return try await submit(nonce) }
            return try await nonces.withNextNonce(for: address) { nonce in
                let sent = try await submit(nonce)
                if case .rejected = sent.outcome { return (sent, .unused) }
                return (sent, .consumed)
            }
        } catch let error as RPCError {
            throw SendError.rpc(error)
        }
    }

    /// What a transaction pays per gas, as signed.
    private enum Pricing {
        case eip1559(FeeEstimator.Fees)
        case legacy(UInt256)
    }

    /// The fees `choice` asks for, estimated where it leaves them open; a priority fee above the cap is refused.
    private func pricing(_ choice: FeeChoice) async throws -> Pricing {
        switch choice {
        case .estimated:
            return .eip1559(try await fees.suggestedFees())
        case .legacy(let gasPrice):
            if let gasPrice { return .legacy(gasPrice) }
            return .legacy(try await client.gasPrice())
        case .eip1559(let maxFee, let priority):
            var offer = (maxFee == nil || priority == nil) ? try await fees.suggestedFees() : nil
            let tip = priority ?? offer!.maxPriorityFeePerGas
            let cap = maxFee ?? offer!.maxFeePerGas
            guard tip <= cap else { throw SendError.invalidFees(maxFeePerGas: cap, maxPriorityFeePerGas: tip) }
            offer = FeeEstimator.Fees(maxPriorityFeePerGas: tip, maxFeePerGas: cap)
            return .eip1559(offer!)
        }
    }

    /// Sends as `send` does, waits for the receipt, and throws `SendError.reverted` when the transaction failed,
    /// `.rejected` when the node refused it and `.outcomeUnknown` when its fate is unknown. `accepted` hears the
    /// hash as soon as the node has the transaction, `progress` the receipt wait's progress.
    public func sendAndWait(
        to: Address?, input: [UInt8], value: UInt256 = .zero, gasLimit: UInt64? = nil, nonce: UInt64? = nil,
        fees: FeeChoice = .estimated, confirmations: UInt64 = 1, timeout: Duration = .seconds(120),
        accepted: @Sendable (TxHash) -> Void = { _ in }, progress: @Sendable (ReceiptWaiter.Progress) -> Void = { _ in }
    ) async throws -> RPCReceipt {
        let sent = try await send(to: to, input: input, value: value, gasLimit: gasLimit, nonce: nonce, fees: fees)
        try sent.requireAccepted()
        accepted(sent.hash)
        let receipt = try await waitForReceipt(sent.hash, confirmations: confirmations, timeout: timeout, progress: progress)
        guard receipt.succeeded else {
            throw SendError.reverted(receipt, reason: await replayRevertReason(to: to, input: input, value: value, receipt: receipt))
        }
        return receipt
    }

    /// Waits until `hash` is mined with `confirmations` blocks on top (see `ReceiptWaiter`).
    public func waitForReceipt(
        _ hash: TxHash, confirmations: UInt64 = 1, timeout: Duration = .seconds(120),
        progress: @Sendable (ReceiptWaiter.Progress) -> Void = { _ in }
    ) async throws -> RPCReceipt {
        try await ReceiptWaiter(client: client, pollInterval: pollInterval)
            .wait(for: hash, confirmations: confirmations, timeout: timeout, progress: progress)
    }

    /// Hands `raw` to the node and classifies the answer. "already known" or "nonce too low" for a transaction the
    /// node can show by its hash means accepted; an error that may have come after the node took the request is
    /// unknown unless the hash can be found.
    public static func submit(_ raw: [UInt8], hash: TxHash, through client: RPCClient) async -> SentTransaction.Outcome {
        let failure: RPCError?
        do {
            let answered = try await client.sendRawTransaction(raw)
            guard answered == hash else {
                return .unknown(.decoding(
                    method: "eth_sendRawTransaction", text: Hex.encode(answered.bytes),
                    reason: "the node answered a hash that is not the transaction's \(Hex.encode(hash.bytes))"))
            }
            return .accepted
        } catch let error as RPCError {
            failure = error
        } catch {
            failure = nil  // cancelled while the request was out
        }
        if let failure, !failure.requestMayHaveReachedNode { return .rejected(failure) }
        if case .node(let nodeError)? = failure, !Self.mayMeanKnown(nodeError) { return .rejected(failure!) }
        // The node may have the transaction: ask for it by hash (not cancellable, so the answer is not lost).
        let known = await Task { try? await client.transaction(hash) }.value
        if known ?? nil != nil { return .accepted }
        if case .node(let nodeError)? = failure, Self.isNonceTooLow(nodeError) {
            return .rejected(failure!)  // the nonce went to another transaction
        }
        return .unknown(failure)
    }

    /// Node messages that may mean the node already has this very transaction.
    private static func mayMeanKnown(_ error: NodeError) -> Bool {
        let message = error.message.lowercased()
        return message.contains("already known") || message.contains("known transaction")
            || message.contains("already imported") || message.contains("already in") || isNonceTooLow(error)
    }

    private static func isNonceTooLow(_ error: NodeError) -> Bool {
        error.message.lowercased().contains("nonce too low")
    }

    /// Why a mined transaction reverted, from replaying it with `eth_call` on the state before its block.
    private func replayRevertReason(to: Address?, input: [UInt8], value: UInt256, receipt: RPCReceipt) async -> RevertReason? {
        let request = CallRequest(from: address, to: to, input: input, value: value, gas: receipt.gasUsed)
        do {
            _ = try await client.call(request, at: .number(receipt.blockNumber == 0 ? 0 : receipt.blockNumber - 1))
            return nil
        } catch {
            if case .node(let nodeError)? = error as? RPCError { return nodeError.revertReason() }
            return nil
        }
    }
}
