import PodiumAccountAbstraction
import PodiumPrimitives

/// A user operation the bundler accepted and has not yet seen mined.
public struct PendingOperation: Hashable, Sendable {
    /// Its userOpHash.
    public let hash: Bytes32
    /// The operation as received.
    public let operation: UserOperation
    /// Its packed form, as `handleOps` takes it.
    public let packed: PackedUserOperation
    /// Who pays its prefund: its paymaster, or the account.
    public let payer: Address
    /// The most it can cost its payer: (all gas limits + preVerificationGas) × maxFeePerGas.
    public let prefund: UInt256
}

/// The pending operations, in the order they arrived: a value type, without I/O, that the `Bundler` keeps.
public struct Mempool: Sendable {
    /// The operations, oldest first.
    public private(set) var operations: [PendingOperation] = []

    /// An empty pool.
    public init() {}

    /// The most `operation` can cost whoever pays for it (EntryPoint v0.7's `_getRequiredPrefund`).
    public static func prefund(of operation: UserOperation) -> UInt256 {
        var gas = operation.verificationGasLimit + operation.callGasLimit + operation.preVerificationGas
        if let paymaster = operation.paymaster {
            gas = gas + paymaster.verificationGasLimit + paymaster.postOpGasLimit
        }
        return gas * operation.maxFeePerGas
    }

    /// Whether the operation with userOpHash `hash` is pending.
    public func contains(_ hash: Bytes32) -> Bool { operations.contains { $0.hash == hash } }

    /// The pending operation of `sender` with `nonce`, if any.
    public func operation(sender: Address, nonce: UInt256) -> PendingOperation? {
        operations.first { $0.operation.sender == sender && $0.operation.nonce == nonce }
    }

    /// The pending operations of `sender` on the nonce key of `nonce` that come before it in the key's sequence,
    /// in sequence order: what must run before an operation with `nonce` can validate.
    public func predecessors(sender: Address, nonce: UInt256) -> [PendingOperation] {
        let key = UserOperationNonce(nonce)
        return operations.filter {
            let other = UserOperationNonce($0.operation.nonce)
            return $0.operation.sender == sender && other.key == key.key && other.sequence < key.sequence
        }.sorted { UserOperationNonce($0.operation.nonce).sequence < UserOperationNonce($1.operation.nonce).sequence }
    }

    /// What the pending operations paid by `payer` may cost it in all.
    public func committedPrefund(of payer: Address) -> UInt256 {
        operations.filter { $0.payer == payer }.reduce(UInt256.zero) { $0 + $1.prefund }
    }

    /// Adds `operation` at the end.
    public mutating func add(_ operation: PendingOperation) {
        operations.append(operation)
    }

    /// Removes the operations with these hashes.
    public mutating func remove(_ hashes: Set<Bytes32>) {
        operations.removeAll { hashes.contains($0.hash) }
    }

    /// The next bundle: up to `count` operations, oldest first, each after the operations of its sender and nonce
    /// key that precede it (an operation whose predecessor is left out waits for the next bundle).
    public func nextBundle(count: Int) -> [PendingOperation] {
        var bundle: [PendingOperation] = []
        for candidate in operations where bundle.count < count {
            let needed = predecessors(sender: candidate.operation.sender, nonce: candidate.operation.nonce)
            if needed.allSatisfy({ earlier in bundle.contains { $0.hash == earlier.hash } }) {
                bundle.append(candidate)
            }
        }
        return bundle
    }
}
