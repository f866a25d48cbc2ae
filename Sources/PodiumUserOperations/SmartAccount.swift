import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner

/// An owner's SimpleAccount making user operations: it finds the account's address, creates the account with its
/// first operation, fills the nonce, fees and gas limits (from the node and the bundler) and has a paymaster sponsor
/// the operation when one is given (ERC-7677: stub, estimate, final data). The result waits only for the owner's
/// signature (`SmartAccount` adds it and sends).
public struct UserOperationBuilder: Sendable {
    /// The account's owner (its signing key's address).
    public let owner: Address
    /// The factory's salt of the account.
    public let salt: UInt256
    /// The account's address.
    public let address: Address
    /// The EntryPoint, factory and paymaster contracts.
    public let contracts: AccountAbstractionDeployment
    /// The bundler that estimates the gas limits.
    public let bundler: BundlerClient
    /// The paymaster service that sponsors the operations, or nil when the account pays for itself.
    public let sponsor: PaymasterClient?
    /// The chain.
    public let chainID: UInt64

    /// The builder for the account of `owner` and `salt` from `contracts`' factory, its address asked of the factory
    /// (`getAddress`), which works for any factory of SimpleAccount's interface.
    public init(
        owner: Address, salt: UInt256 = .zero, contracts: AccountAbstractionDeployment, bundler: BundlerClient,
        sponsor: PaymasterClient?, chainID: UInt64
    ) async throws {
        (self.owner, self.salt, self.contracts, self.bundler, self.sponsor, self.chainID) =
            (owner, salt, contracts, bundler, sponsor, chainID)
        address = try await contracts.factory.accountAddress(owner: owner, salt: salt)
    }

    /// The node the contracts are read through.
    public var client: RPCClient { contracts.entryPoint.client }

    /// The operation that makes `calls` (one: `execute`; several: `executeBatch`), on nonce key `nonceKey`, filled
    /// and sponsored, with a stub signature of the final one's length. Limits already in `limits` are kept; the
    /// others come from the bundler's estimate, which is not asked for when `limits` sets them all (and the paymaster
    /// service gave its own verification limit). What a caller already knows may be given: `fees` (else suggested
    /// by the node), `deployed` (whether the account has code; else asked of the node) and `nonce` (else the
    /// EntryPoint's next nonce on `nonceKey`).
    public func build(
        _ calls: [AccountCall], nonceKey: UInt256 = .zero, limits: UserOperationGasEstimate? = nil,
        fees: FeeEstimator.Fees? = nil, deployed: Bool? = nil, nonce: UInt256? = nil
    ) async throws -> UserOperation {
        guard !calls.isEmpty else { throw UserOperationClientError.invalidArgument("an operation needs at least one call") }
        let isDeployed: Bool
        if let deployed { isDeployed = deployed } else { isDeployed = try await !client.code(at: address).isEmpty }
        let fees = if let fees { fees } else { try await FeeEstimator(client: client).suggestedFees() }
        let nonce = if let nonce { nonce } else { try await contracts.entryPoint.nonce(of: address, key: nonceKey) }
        var operation = UserOperation(
            sender: address, nonce: nonce,
            factory: isDeployed ? nil : UserOperation.Factory(
                address: contracts.factory.address, data: contracts.factory.createAccount(owner: owner, salt: salt).input),
            callData: calls.count == 1 ? SimpleAccount.execute(calls[0]) : SimpleAccount.executeBatch(calls),
            callGasLimit: limits?.callGasLimit ?? .zero, verificationGasLimit: limits?.verificationGasLimit ?? .zero,
            preVerificationGas: limits?.preVerificationGas ?? .zero, maxFeePerGas: fees.maxFeePerGas,
            maxPriorityFeePerGas: fees.maxPriorityFeePerGas, signature: SimpleAccount.stubSignature)
        let entryPoint = contracts.entryPoint.address
        var isFinal = false
        if let sponsor {
            let stub = try await sponsor.stubData(for: operation, entryPoint: entryPoint, chainID: chainID)
            operation.paymaster = stub.paymaster
            isFinal = stub.isFinal
        }
        let complete = operation.callGasLimit != .zero && operation.verificationGasLimit != .zero
            && operation.preVerificationGas != .zero && (operation.paymaster.map { $0.verificationGasLimit != .zero } ?? true)
        if !complete {
            operation = try await bundler.estimateUserOperationGas(operation, entryPoint: entryPoint).filling(operation)
        }
        if let sponsor, !isFinal {
            operation.paymaster = try await sponsor.data(for: operation, entryPoint: entryPoint, chainID: chainID)
        }
        return operation
    }

    /// The v0.7 userOpHash of `operation` for this account's EntryPoint and chain.
    public func hash(of operation: UserOperation) throws -> Bytes32 {
        try operation.packed().hash(entryPoint: contracts.entryPoint.address, chainID: chainID)
    }
}

/// An owner's SimpleAccount sending calls as ERC-4337 v0.7 user operations: built by `UserOperationBuilder`, signed
/// by the owner's key (EIP-191 of the userOpHash) and handed to any ERC-7769 bundler.
public struct SmartAccount: Sendable {
    /// The key that owns the account and signs its operations.
    public let key: PrivateKey
    /// What builds the operations.
    public let builder: UserOperationBuilder

    /// The account of `owner` and `salt` (see `UserOperationBuilder.init`).
    public init(
        owner: PrivateKey, salt: UInt256 = .zero, contracts: AccountAbstractionDeployment, bundler: BundlerClient,
        sponsor: PaymasterClient?, chainID: UInt64
    ) async throws {
        key = owner
        builder = try await UserOperationBuilder(
            owner: owner.address, salt: salt, contracts: contracts, bundler: bundler, sponsor: sponsor, chainID: chainID)
    }

    /// The account's address.
    public var address: Address { builder.address }

    /// The operation that makes `calls`, built (see `UserOperationBuilder.build`) and signed.
    public func prepare(
        _ calls: [AccountCall], nonceKey: UInt256 = .zero, limits: UserOperationGasEstimate? = nil,
        fees: FeeEstimator.Fees? = nil, deployed: Bool? = nil, nonce: UInt256? = nil
    ) async throws -> UserOperation {
        var operation = try await builder.build(
            calls, nonceKey: nonceKey, limits: limits, fees: fees, deployed: deployed, nonce: nonce)
        operation.signature = SimpleAccount.signature(for: try builder.hash(of: operation), with: key)
        return operation
    }

    /// Prepares `calls`, sends the operation to the bundler and waits for its receipt.
    public func send(
        _ calls: [AccountCall], nonceKey: UInt256 = .zero, timeout: Duration = .seconds(60),
        sent: @Sendable (Bytes32) -> Void = { _ in }
    ) async throws -> UserOperationReceipt {
        let operation = try await prepare(calls, nonceKey: nonceKey)
        let hash = try await builder.bundler.sendUserOperation(operation, entryPoint: builder.contracts.entryPoint.address)
        sent(hash)
        return try await builder.bundler.waitForReceipt(hash, timeout: timeout)
    }
}

extension PodiumDeployment {
    /// The calls of one Game Pass purchase by `account`: the sale's `buyGamePass()`, preceded by the token's
    /// `approve(sale, price)` when the account's allowance does not cover the price (the two shapes the sponsor
    /// accepts).
    public func gamePassPurchase(by account: Address) async throws -> [AccountCall] {
        let price = try await sale.price()
        let buy = sale.buyGamePass()
        var calls = [AccountCall(to: buy.to, input: buy.input)]
        if try await token.allowance(owner: account, spender: sale.address) < price {
            let approve = token.approve(spender: sale.address, amount: price)
            calls.insert(AccountCall(to: approve.to, input: approve.input), at: 0)
        }
        return calls
    }
}
