import PodiumABI
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumUserOperations

/// An ERC-4337 v0.7 bundler for one EntryPoint (ERC-7769's methods): it checks each user operation, simulates it
/// with `eth_call` of `handleOps([op], beneficiary)` from its own address, keeps the accepted ones in a `Mempool`,
/// and every `bundleInterval` sends the pending ones as one `handleOps` transaction through its `TransactionSender`,
/// whose account pays the gas and is the beneficiary.
///
/// What it checks before accepting: the entry point, the size bounds (`UserOperationLimits`, before any
/// simulation), fees (maxFeePerGas at least the node's current base fee, the priority fee at most the cap), the
/// payer's deposit (the paymaster's, or the account's deposit and balance) against the prefunds of its operations
/// already pending, and the simulation. What it skips: ERC-7562's opcode and storage rules and reputation (no
/// tracing), so it should serve trusted clients, as on a devnet or behind a game's own backend.
public actor Bundler {
    /// How it works.
    public let configuration: BundlerConfiguration
    /// The node it simulates and reads through.
    public let client: RPCClient
    /// The account that sends bundles, pays their gas and receives their fees.
    public let sender: TransactionSender
    /// Where userOpHashes, receipts and by-hash answers come from.
    let lookup: UserOperationLookup
    /// The operations accepted and not yet seen mined.
    public private(set) var mempool = Mempool()

    /// The beneficiary of every bundle: the sender's account.
    public nonisolated var beneficiary: Address { sender.address }
    /// The chain.
    public nonisolated var chainID: ChainID { sender.chainID }

    /// A bundler simulating and reading through `client` and sending bundles through `sender` (give it a client
    /// of its own, so simulations and bundles do not wait for each other).
    public init(configuration: BundlerConfiguration, client: RPCClient, sender: TransactionSender) {
        self.configuration = configuration
        self.client = client
        self.sender = sender
        lookup = UserOperationLookup(
            client: client, entryPoint: configuration.entryPoint, chainID: sender.chainID,
            fromBlock: configuration.logsFromBlock)
    }

    // MARK: eth_sendUserOperation

    /// Checks and simulates `operation` and, when the EntryPoint would take it, adds it to the pool and returns its
    /// userOpHash. An operation already pending returns its hash again; another with the same sender and nonce is
    /// refused (no replacement). Throws `BundlerError` with ERC-7769's code.
    public func sendUserOperation(_ operation: UserOperation, entryPoint: Address) async throws(BundlerError) -> Bytes32 {
        let packed = try check(operation, entryPoint: entryPoint)
        let hash = packed.hash(entryPoint: configuration.entryPoint, chainID: chainID)
        if mempool.contains(hash) {
            guard await nonceUsed(by: operation) else { return hash }
            // Its bundle was mined and the round that sent it has not taken it out yet: it is no longer pending, and
            // the simulation below refuses it as the EntryPoint does (AA25).
            mempool.remove([hash])
        }
        guard mempool.operation(sender: operation.sender, nonce: operation.nonce) == nil else {
            throw Rejection.invalidFields(
                "an operation of \(operation.sender) with nonce \(operation.nonce.hexString) is already pending")
        }
        try await checkFees(operation)
        let pending = PendingOperation(
            hash: hash, operation: operation, packed: packed, payer: operation.paymaster?.address ?? operation.sender,
            prefund: Mempool.prefund(of: operation))
        try await checkDeposit(pending)
        try await validate(pending)
        // The pool may have changed during the simulation.
        if mempool.contains(hash) { return hash }
        guard mempool.operation(sender: operation.sender, nonce: operation.nonce) == nil else {
            throw Rejection.invalidFields(
                "an operation of \(operation.sender) with nonce \(operation.nonce.hexString) is already pending")
        }
        mempool.add(pending)
        return hash
    }

    /// Whether the EntryPoint's nonce of `operation`'s sender and key has moved past it (false when it cannot tell).
    func nonceUsed(by operation: UserOperation) async -> Bool {
        let nonce = UserOperationNonce(operation.nonce)
        let entryPoint = EntryPointContract(address: configuration.entryPoint, client: client)
        guard let current = try? await entryPoint.nonce(of: operation.sender, key: nonce.key) else { return false }
        return current > operation.nonce
    }

    /// The checks made before any simulation: the entry point, the gas values (AA94's bound) and the size bounds,
    /// each failure -32602.
    nonisolated func check(_ operation: UserOperation, entryPoint: Address) throws(BundlerError) -> PackedUserOperation {
        guard entryPoint == configuration.entryPoint else {
            throw Rejection.invalidFields(
                "entry point \(entryPoint) is not supported; this bundler serves \(configuration.entryPoint)")
        }
        do throws(UserOperationError) {
            let packed = try operation.packed()
            try configuration.limits.check(packed)
            return packed
        } catch {
            throw Rejection.invalidFields(error.description)
        }
    }

    /// Refuses (-32602) a priority fee above the fee cap, and a fee cap below the node's current base fee.
    func checkFees(_ operation: UserOperation) async throws(BundlerError) {
        guard operation.maxPriorityFeePerGas <= operation.maxFeePerGas else {
            throw Rejection.invalidFields(
                "maxPriorityFeePerGas \(operation.maxPriorityFeePerGas) is above maxFeePerGas \(operation.maxFeePerGas)")
        }
        let baseFee: UInt256
        do {
            baseFee = try await client.block(.latest)?.baseFeePerGas ?? .zero
        } catch {
            throw Rejection.internalError(error)
        }
        guard operation.maxFeePerGas >= baseFee else {
            throw Rejection.invalidFields(
                "maxFeePerGas \(operation.maxFeePerGas) is below the current base fee \(baseFee) wei per gas")
        }
    }

    /// Refuses an operation whose payer cannot cover its prefund on top of those of its operations already pending:
    /// a paymaster's EntryPoint deposit (-32508, `data.paymaster`), or an account's deposit plus its ETH balance
    /// (-32500, AA21's reason).
    func checkDeposit(_ pending: PendingOperation) async throws(BundlerError) {
        let committed = mempool.committedPrefund(of: pending.payer)
        guard committed != .zero else { return }  // the simulation checks the operation alone
        let entryPoint = EntryPointContract(address: configuration.entryPoint, client: client)
        let available: UInt256
        do {
            let deposit = try await entryPoint.balance(of: pending.payer)
            available = pending.operation.paymaster == nil ? deposit + (try await client.balance(of: pending.payer)) : deposit
        } catch {
            throw Rejection.internalError(error)
        }
        guard committed + pending.prefund > available else { return }
        if pending.operation.paymaster != nil {
            throw BundlerError(
                code: BundlerErrorCode.paymasterBalanceInsufficient.rawValue,
                message: "paymaster deposit \(available) wei cannot cover the prefunds of its pending operations "
                    + "(\(committed) wei) and this one (\(pending.prefund) wei)",
                data: .object(["paymaster": .string(pending.payer.description)]))
        }
        throw Rejection.entryPoint(
            "AA21 didn't pay prefund: the account's deposit and balance, \(available) wei, cannot cover the prefunds "
                + "of its pending operations (\(committed) wei) and this one (\(pending.prefund) wei)")
    }

    /// Simulates `pending` after the pending operations of its sender and nonce key that precede it; a FailedOp
    /// of the operation becomes its ERC-7769 error.
    func validate(_ pending: PendingOperation) async throws(BundlerError) {
        let before = mempool.predecessors(sender: pending.operation.sender, nonce: pending.operation.nonce)
        var outcome = try await simulate(before.map(\.packed) + [pending.packed])
        if !before.isEmpty, case .failed(let error) = outcome, let index = error.operationIndex,
            index < UInt256(UInt64(before.count))
        {
            outcome = try await simulate([pending.packed])  // a predecessor was mined meanwhile
        }
        if case .failed(let error) = outcome { throw Rejection.simulation(error, operation: pending.operation) }
    }

    /// What the EntryPoint says of `handleOps(operations, beneficiary)` called from the beneficiary.
    enum Simulation {
        case succeeded
        case failed(EntryPointError)
    }

    /// `eth_call` of `handleOps(operations, beneficiary)` from the beneficiary at the latest block.
    func simulate(_ operations: [PackedUserOperation]) async throws(BundlerError) -> Simulation {
        let request = CallRequest(
            from: beneficiary, to: configuration.entryPoint,
            input: EntryPoint.handleOps(operations, beneficiary: beneficiary))
        do {
            _ = try await client.call(request)
            return .succeeded
        } catch RPCError.node(let error) {
            guard let data = error.revertData else { throw Rejection.internalError(RPCError.node(error)) }
            do {
                return .failed(try EntryPointError(revertData: data))
            } catch {
                return .failed(.other(.unknown(data)))
            }
        } catch {
            throw Rejection.internalError(error)
        }
    }

    // MARK: Bundling

    /// What one round of bundling did.
    public struct BundleReport: Sendable, Equatable {
        /// The bundle transaction, when one was sent.
        public var transactionHash: TxHash?
        /// The operations it held.
        public var included: [Bytes32] = []
        /// The operations dropped because they no longer validate, with the reason.
        public var dropped: [Bytes32: String] = [:]
        /// Whether the transaction was mined and succeeded.
        public var succeeded = false
    }

    /// Bundles every `bundleInterval` until the task is cancelled; `report` hears of each bundle sent or operation
    /// dropped.
    public func run(report: @Sendable (BundleReport) -> Void = { _ in }) async {
        while !Task.isCancelled {
            let round = await bundleOnce()
            if round.transactionHash != nil || !round.dropped.isEmpty { report(round) }
            if Task.isCancelled { return }
            if !round.succeeded { try? await Task.sleep(for: configuration.bundleInterval) }
        }
    }

    /// One round: takes the next bundle from the pool, simulates it again (dropping each operation that now fails),
    /// sends what remains as one `handleOps` transaction and waits for its receipt. Operations leave the pool when
    /// their bundle is mined; a rejected or reverted bundle leaves them pending for the next round. An unknown
    /// outcome is resolved by looking the transaction up and, while the node does not know it, handing it the
    /// same signed bytes again: never a second transaction for the same operations.
    public func bundleOnce() async -> BundleReport {
        var report = BundleReport()
        var bundle = mempool.nextBundle(count: configuration.limits.operationsPerBundle)
        while !bundle.isEmpty {
            let outcome: Simulation
            do { outcome = try await simulate(bundle.map(\.packed)) } catch { return report }
            guard case .failed(let error) = outcome else { break }
            if let index = error.operationIndex, index < UInt256(UInt64(bundle.count)) {
                let dropped = bundle.remove(at: Int(index.limbs.0))
                report.dropped[dropped.hash] = error.description
                mempool.remove([dropped.hash])
                // Its successors on the same nonce key cannot run either.
                bundle.removeAll { other in
                    other.operation.sender == dropped.operation.sender
                        && UserOperationNonce(other.operation.nonce).key == UserOperationNonce(dropped.operation.nonce).key
                        && other.operation.nonce > dropped.operation.nonce
                }
            } else if bundle.count > 1 {
                bundle = [bundle[0]]  // a failure of the bundle as a whole: try the oldest alone
            } else {
                report.dropped[bundle[0].hash] = error.description
                mempool.remove([bundle[0].hash])
                bundle = []
            }
        }
        guard !bundle.isEmpty else { return report }
        let call = EntryPointContract(address: configuration.entryPoint, client: client)
            .handleOps(bundle.map(\.packed), beneficiary: beneficiary)
        let sent: SentTransaction
        do {
            sent = try await sender.send(to: call.to, input: call.input, gasLimit: Self.gasLimit(for: bundle.map(\.operation)))
        } catch {
            return report  // nothing was sent: the operations stay pending
        }
        report.transactionHash = sent.hash
        report.included = bundle.map(\.hash)
        if case .rejected = sent.outcome { return report }
        guard let receipt = await resolve(sent) else { return report }
        report.succeeded = receipt.succeeded
        if receipt.succeeded { mempool.remove(Set(bundle.map(\.hash))) }
        return report
    }

    /// The gas of a `handleOps` transaction, from its operations' own limits rather than `eth_estimateGas` (which
    /// replays the whole bundle many times over on some nodes): each operation's pre-verification, verification,
    /// call and paymaster limits, the calls' 64/63 reserve, and 100,000 for the EntryPoint's loop and the transaction
    /// itself. Limits are already bounded to 120 bits; nil (estimate instead) if the sum does not fit 64 bits.
    static func gasLimit(for operations: [UserOperation]) -> UInt64? {
        var total = UInt256(100_000)
        for operation in operations {
            let paymaster = operation.paymaster.map { $0.verificationGasLimit + $0.postOpGasLimit } ?? .zero
            let call = operation.callGasLimit + operation.callGasLimit / UInt256(63)
            total += operation.preVerificationGas + operation.verificationGasLimit + call + paymaster
        }
        return total <= UInt256(UInt64(30_000_000)) ? UInt64(total.limbs.0) : nil
    }

    /// The receipt of `sent`, whatever its outcome said: waits for it, and while the node does not know the
    /// transaction, hands it the same signed bytes again (never a new transaction). Nil when cancelled.
    func resolve(_ sent: SentTransaction) async -> RPCReceipt? {
        var outcome = sent.outcome
        while !Task.isCancelled {
            if case .accepted = outcome,
                let receipt = try? await sender.waitForReceipt(sent.hash, timeout: .seconds(30))
            {
                return receipt
            }
            // Unknown, or not mined in time: is the transaction known to the node?
            if (try? await client.transaction(sent.hash)) != nil {
                outcome = .accepted
                continue
            }
            outcome = await TransactionSender.submit(sent.rawTransaction, hash: sent.hash, through: sender.client)
            if case .rejected(let error) = outcome, case .node(let nodeError) = error,
                nodeError.message.lowercased().contains("nonce too low")
            {
                return nil  // its nonce went to another transaction: the operations stay pending
            }
            try? await Task.sleep(for: configuration.bundleInterval)
        }
        return nil
    }

    // MARK: Lookups

    /// `eth_getUserOperationReceipt`'s answer for `hash`, from the chain's logs; null when not included.
    public func receipt(of hash: Bytes32) async throws(BundlerError) -> JSONValue {
        do { return try await lookup.receipt(of: hash) } catch { throw Rejection.internalError(error) }
    }

    /// `eth_getUserOperationByHash`'s answer for `hash`, from the chain's logs and the bundle's calldata; null when
    /// not included.
    public func operation(byHash hash: Bytes32) async throws(BundlerError) -> JSONValue {
        do { return try await lookup.operation(byHash: hash) } catch { throw Rejection.internalError(error) }
    }
}
