import PodiumABI
import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumRPC

/// An EntryPoint v0.7 on a chain (Podium's contracts/EntryPoint.vy or the canonical one): nonces, deposits, the
/// userOpHash and counterfactual senders read through `client`; deposits, withdrawals and bundles as
/// `ContractCall`s. Its events are `EntryPoint.UserOperationEvent` and the others of PodiumAccountAbstraction.
public struct EntryPointContract: ContractBinding {
    /// Where the contract is.
    public let address: Address
    /// The node it is read through.
    public let client: RPCClient

    /// The EntryPoint at `address`, read through `client`.
    public init(address: Address, client: RPCClient) {
        self.address = address
        self.client = client
    }

    /// `getNonce(sender, key)`: the next nonce of `sender` on nonce key `key` (key << 64 | sequence); a key of 2^192
    /// or more is refused.
    public func nonce(of sender: Address, key: UInt256 = .zero, at block: BlockTag = .latest) async throws -> UInt256 {
        guard key >> 192 == .zero else { throw UserOperationClientError.invalidArgument("a nonce key is below 2^192, got \(key)") }
        return try await read("getNonce(address,uint192)", sender, key, as: UInt256.self, at: block)
    }

    /// `balanceOf(account)`: the account's or paymaster's deposit, in wei.
    public func balance(of account: Address, at block: BlockTag = .latest) async throws -> UInt256 {
        try await read("balanceOf(address)", account, as: UInt256.self, at: block)
    }

    /// `getUserOpHash(op)`, as the contract computes it.
    public func userOperationHash(_ operation: PackedUserOperation, at block: BlockTag = .latest) async throws -> Bytes32 {
        try await read("getUserOpHash(" + PackedUserOperation.abiType.canonicalName + ")", operation, as: Bytes32.self, at: block)
    }

    /// The account `initCode` (factory ‖ factory calldata) creates, from `getSenderAddress`, which always reverts
    /// with `SenderAddressResult(address)`: for factories whose addresses Podium cannot compute itself.
    public func senderAddress(initCode: [UInt8], at block: BlockTag = .latest) async throws -> Address {
        let call = write("getSenderAddress(bytes)", ABIBytes(initCode))
        do {
            _ = try await client.call(CallRequest(to: address, input: call.input), at: block)
        } catch RPCError.node(let error) {
            if let data = error.revertData, case .senderAddressResult(let sender) = try EntryPointError(revertData: data) {
                return sender
            }
            throw RPCError.node(error)
        }
        throw UserOperationClientError.unexpectedAnswer("getSenderAddress returned instead of reverting with SenderAddressResult")
    }

    /// `depositTo(account)` with `amount` wei: adds to the account's or paymaster's deposit.
    public func deposit(to account: Address, amount: UInt256) -> ContractCall {
        var call = write("depositTo(address)", account)
        call.value = amount
        return call
    }

    /// `withdrawTo(withdrawAddress, amount)`: takes `amount` wei out of the sender's own deposit.
    public func withdraw(to withdrawAddress: Address, amount: UInt256) -> ContractCall {
        write("withdrawTo(address,uint256)", withdrawAddress, amount)
    }

    /// `handleOps(ops, beneficiary)`: the bundle transaction.
    public func handleOps(_ operations: [PackedUserOperation], beneficiary: Address) -> ContractCall {
        ContractCall(to: address, input: EntryPoint.handleOps(operations, beneficiary: beneficiary))
    }
}

/// The SimpleAccount factory (contracts/SimpleAccountFactory.vy, or another with the same interface): where an
/// owner's account is, and the call that creates it.
public struct AccountFactoryContract: ContractBinding {
    /// Where the contract is.
    public let address: Address
    /// The node it is read through.
    public let client: RPCClient

    /// The factory at `address`, read through `client`.
    public init(address: Address, client: RPCClient) {
        self.address = address
        self.client = client
    }

    /// `getAddress(owner, salt)`: the account's counterfactual address.
    public func accountAddress(owner: Address, salt: UInt256, at block: BlockTag = .latest) async throws -> Address {
        try await read("getAddress(address,uint256)", owner, salt, as: Address.self, at: block)
    }

    /// `accountImplementation()`: the SimpleAccount every account delegates to.
    public func accountImplementation(at block: BlockTag = .latest) async throws -> Address {
        try await read("accountImplementation()", as: Address.self, at: block)
    }

    /// `createAccount(owner, salt)`: creates the account, or returns the existing one.
    public func createAccount(owner: Address, salt: UInt256) -> ContractCall {
        write("createAccount(address,uint256)", owner, salt)
    }
}

/// The verifying paymaster (contracts/VerifyingPaymaster.vy, eth-infinitism's v0.7 layout): its signer, its
/// deposit at the EntryPoint, and the owner's calls.
public struct PaymasterContract: ContractBinding {
    /// Where the contract is.
    public let address: Address
    /// The node it is read through.
    public let client: RPCClient

    /// The paymaster at `address`, read through `client`.
    public init(address: Address, client: RPCClient) {
        self.address = address
        self.client = client
    }

    /// `verifyingSigner()`: the key whose sponsorships it accepts.
    public func verifyingSigner(at block: BlockTag = .latest) async throws -> Address {
        try await read("verifyingSigner()", as: Address.self, at: block)
    }

    /// `entryPoint()`.
    public func entryPoint(at block: BlockTag = .latest) async throws -> Address {
        try await read("entryPoint()", as: Address.self, at: block)
    }

    /// `owner()`.
    public func owner(at block: BlockTag = .latest) async throws -> Address {
        try await read("owner()", as: Address.self, at: block)
    }

    /// `getDeposit()`: its deposit at the EntryPoint, in wei, which pays for the operations it sponsors.
    public func deposit(at block: BlockTag = .latest) async throws -> UInt256 {
        try await read("getDeposit()", as: UInt256.self, at: block)
    }

    /// `deposit()` with `amount` wei: adds to its deposit at the EntryPoint.
    public func deposit(amount: UInt256) -> ContractCall {
        var call = write("deposit()")
        call.value = amount
        return call
    }

    /// `withdrawTo(withdrawAddress, amount)`: the owner takes wei out of the deposit.
    public func withdraw(to withdrawAddress: Address, amount: UInt256) -> ContractCall {
        write("withdrawTo(address,uint256)", withdrawAddress, amount)
    }

    /// `setVerifyingSigner(signer)`: the owner changes the signer.
    public func setVerifyingSigner(_ signer: Address) -> ContractCall { write("setVerifyingSigner(address)", signer) }
}

/// Why a user-operation request could not be completed.
public enum UserOperationClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A node, bundler or paymaster answered something the protocol does not allow.
    case unexpectedAnswer(String)
    /// An argument out of its range.
    case invalidArgument(String)
    /// The paymaster service answered `method` with an error object (a policy refusal, say).
    case paymasterRefused(method: String, NodeError)

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .unexpectedAnswer(let detail): "unexpected answer: \(detail)"
        case .invalidArgument(let detail): "invalid argument: \(detail)"
        case .paymasterRefused(let method, let refusal):
            "the paymaster service refused \(method) (\(refusal.code)): \(refusal.message)"
                + (refusal.data.map { " \($0.jsonText)" } ?? "")
        }
    }
}
