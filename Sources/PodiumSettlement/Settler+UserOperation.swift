import PodiumAccountAbstraction
import PodiumContracts
import PodiumLedger
import PodiumLedgerStore
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumUserOperations

/// Who pays a settled period: the distributor's game wallet, either an externally owned account whose key signs the
/// transaction, or the game's own smart account (the distributor's game wallet set to it) sending a user operation
/// through a bundler, as the seed's batch transaction does.
public enum SettlementPayer: Sendable {
    /// The game wallet's key.
    case wallet(TransactionSender)
    /// The game's smart account; it pays its own gas (the sponsor sponsors Game Pass purchases only).
    case account(SmartAccount)

    /// The address the distributor must know as its game wallet.
    public var address: Address {
        switch self {
        case .wallet(let sender): sender.address
        case .account(let account): account.address
        }
    }
}

extension Settler {
    /// Builds and signs the payout as a user operation of the game's account, journals it (its hash, nonce and JSON)
    /// as submitted, hands it to the bundler and waits for its receipt.
    func pay(
        _ call: ContractCall, _ attempt: PayoutAttempt, of settled: SettlementRecord, from account: SmartAccount, timeout: Duration,
        say: @Sendable (String) -> Void
    ) async throws(SettlementError) {
        let period = settled.period
        let (operation, hash) = try await askNode {
            let operation = try await account.prepare([AccountCall(to: call.to, input: call.input)])
            return (operation, try account.builder.hash(of: operation))
        }
        guard operation.nonce <= UInt256(UInt64.max) else { throw .node("the account's nonce \(operation.nonce) exceeds 64 bits") }
        do {
            try ledger.markSubmitted(
                attempt, hash: hash, nonce: operation.nonce.limbs.0, sender: account.address, rawTransaction: Array(operation.json.jsonText.utf8),
                userOperationHash: hash, at: Self.now())
        } catch { throw .ledger(error) }
        say("journaled user operation \(hash) (nonce \(operation.nonce)) before sending it")
        guard let submitted = try recorded(period)?.attempt, submitted.id == attempt.id else {
            throw .node("journal entry \(attempt.id) moved while its user operation was sent")
        }
        try await send(operation, submitted, of: settled, through: account, timeout: timeout, say: say)
    }

    /// Finishes a submitted user operation: true when it ended confirmed; false when it can never execute (its nonce
    /// went to another operation), so a new attempt may be made. Throws when it failed or is still unknown.
    func resolveOperation(
        _ attempt: PayoutAttempt, of settled: SettlementRecord, payer: SettlementPayer, timeout: Duration, say: @Sendable (String) -> Void
    ) async throws(SettlementError) -> Bool {
        guard case .account(let account) = payer else {
            throw .node("the payout of \(settled.period) was journaled as a user operation of \(attempt.sender?.description ?? "an account"): run settle with its account (--via-account)")
        }
        guard let hash = attempt.userOperationHash, let json = attempt.rawTransaction,
            let value = try? JSONValue(json: json),
            let operation = try? UserOperation(json: value)
        else { throw .node("journal entry \(attempt.id) is submitted without its user operation") }
        let bundler = account.builder.bundler
        if try await askNode({ try await bundler.userOperationReceipt(hash) }) != nil {
            try await finishOperation(attempt, of: settled, through: account, timeout: timeout, say: say)
            return true
        }
        let used = try await askNode { try await account.builder.contracts.entryPoint.nonce(of: operation.sender, key: UserOperationNonce(operation.nonce).key) }
        if used > operation.nonce {
            try fail(attempt, "its user operation \(hash) can no longer execute: the account's nonce moved past \(operation.nonce); a new one will be signed")
            return false
        }
        try await send(operation, attempt, of: settled, through: account, timeout: timeout, say: say)
        return true
    }

    /// Hands the journaled operation to the bundler (again, after a crash: the same operation, the same hash) and
    /// waits for its end. A refusal means it will not execute: FAILED; a transport failure leaves it submitted.
    private func send(
        _ operation: UserOperation, _ attempt: PayoutAttempt, of settled: SettlementRecord, through account: SmartAccount, timeout: Duration,
        say: @Sendable (String) -> Void
    ) async throws(SettlementError) {
        let hash = attempt.userOperationHash!
        do {
            _ = try await account.builder.bundler.sendUserOperation(operation, entryPoint: account.builder.contracts.entryPoint.address)
            say("submitted user operation \(hash) to the bundler")
        } catch let error as BundlerError where !error.message.lowercased().contains("already") {
            try fail(attempt, "the bundler refused the user operation: \(error)")
            throw .payoutFailed(settled.period, transaction: hash, reason: "the bundler refused it: \(error)")
        } catch is BundlerError {
            say("the bundler already has user operation \(hash)")
        } catch {
            throw .outcomeUnknown(settled.period, transaction: hash, detail: "\(error)")
        }
        try await finishOperation(attempt, of: settled, through: account, timeout: timeout, say: say)
    }

    /// Waits for the operation's receipt and journals its end: confirmed with the bundle transaction, or failed when
    /// the account's call reverted.
    private func finishOperation(
        _ attempt: PayoutAttempt, of settled: SettlementRecord, through account: SmartAccount, timeout: Duration, say: @Sendable (String) -> Void
    ) async throws(SettlementError) {
        let hash = attempt.userOperationHash!
        let receipt: UserOperationReceipt
        do { receipt = try await account.builder.bundler.waitForReceipt(hash, timeout: timeout) } catch {
            throw .outcomeUnknown(settled.period, transaction: hash, detail: "no receipt yet: \(error)")
        }
        guard receipt.success else {
            let reason = "the user operation's call reverted in block \(receipt.receipt.blockNumber) (bundle \(receipt.transactionHash))"
            try fail(attempt, reason, revertedIn: (receipt.receipt.blockNumber, receipt.receipt.blockHash))
            throw .payoutFailed(settled.period, transaction: receipt.transactionHash, reason: reason)
        }
        say("mined in block \(receipt.receipt.blockNumber), bundle \(receipt.transactionHash)")
        do {
            try ledger.markConfirmed(
                attempt, blockNumber: receipt.receipt.blockNumber, blockHash: receipt.receipt.blockHash,
                transactionHash: receipt.transactionHash, at: Self.now())
        } catch { throw .ledger(error) }
        say("confirmed")
    }
}
