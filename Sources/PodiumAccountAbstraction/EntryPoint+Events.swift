import PodiumABI
import PodiumPrimitives

extension EntryPoint {
    /// `event UserOperationEvent(bytes32 indexed userOpHash, address indexed sender, address indexed paymaster,
    /// uint256 nonce, bool success, uint256 actualGasCost, uint256 actualGasUsed)`: one executed operation and what
    /// it cost (EntryPoint v0.7, IEntryPoint).
    public struct UserOperationEvent: ABIEventType, Hashable {
        /// The event's declaration, as EntryPoint v0.7's ABI has it.
        public static let event = ABIEvent(name: "UserOperationEvent", inputs: [
            ABIParameter(name: "userOpHash", type: .fixedBytes(32), indexed: true),
            ABIParameter(name: "sender", type: .address, indexed: true),
            ABIParameter(name: "paymaster", type: .address, indexed: true),
            ABIParameter(name: "nonce", type: .uint(256)),
            ABIParameter(name: "success", type: .bool),
            ABIParameter(name: "actualGasCost", type: .uint(256)),
            ABIParameter(name: "actualGasUsed", type: .uint(256)),
        ])

        /// The operation's hash.
        public var userOpHash: Bytes32
        /// The account.
        public var sender: Address
        /// The paymaster that paid, or the zero address when the account paid.
        public var paymaster: Address
        /// The operation's nonce (key and sequence).
        public var nonce: UInt256
        /// False when the account's call reverted (the operation was still paid for).
        public var success: Bool
        /// What the operation cost its payer, in wei.
        public var actualGasCost: UInt256
        /// The gas it was charged for, preVerificationGas and any unused-gas penalty included.
        public var actualGasUsed: UInt256

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            userOpHash = try topics.next()
            sender = try topics.next()
            paymaster = try topics.next()
            (nonce, success, actualGasCost, actualGasUsed) = try ABI.decode((UInt256, Bool, UInt256, UInt256).self, from: data)
        }
    }

    /// `event AccountDeployed(bytes32 indexed userOpHash, address indexed sender, address factory, address
    /// paymaster)`: an account created from an operation's initCode.
    public struct AccountDeployed: ABIEventType, Hashable {
        /// The event's declaration, as EntryPoint v0.7's ABI has it.
        public static let event = ABIEvent(name: "AccountDeployed", inputs: [
            ABIParameter(name: "userOpHash", type: .fixedBytes(32), indexed: true),
            ABIParameter(name: "sender", type: .address, indexed: true),
            ABIParameter(name: "factory", type: .address),
            ABIParameter(name: "paymaster", type: .address),
        ])

        /// The operation that created it.
        public var userOpHash: Bytes32
        /// The new account.
        public var sender: Address
        /// The factory that made it.
        public var factory: Address
        /// The paymaster of the operation, or the zero address.
        public var paymaster: Address

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            userOpHash = try topics.next()
            sender = try topics.next()
            (factory, paymaster) = try ABI.decode((Address, Address).self, from: data)
        }
    }

    /// `event UserOperationRevertReason(bytes32 indexed userOpHash, address indexed sender, uint256 nonce, bytes
    /// revertReason)`: the account's call reverted with this data.
    public struct UserOperationRevertReason: OperationRevertEvent {
        /// The event's declaration, as EntryPoint v0.7's ABI has it.
        public static let event = revertEvent("UserOperationRevertReason")
        /// The operation.
        public var userOpHash: Bytes32
        /// The account.
        public var sender: Address
        /// The operation's nonce.
        public var nonce: UInt256
        /// The revert data of the account's call.
        public var revertReason: [UInt8]

        /// The event with these fields.
        public init(userOpHash: Bytes32, sender: Address, nonce: UInt256, revertReason: [UInt8]) {
            (self.userOpHash, self.sender, self.nonce, self.revertReason) = (userOpHash, sender, nonce, revertReason)
        }
    }

    /// `event PostOpRevertReason(bytes32 indexed userOpHash, address indexed sender, uint256 nonce, bytes
    /// revertReason)`: the paymaster's postOp reverted, undoing the account's call.
    public struct PostOpRevertReason: OperationRevertEvent {
        /// The event's declaration, as EntryPoint v0.7's ABI has it.
        public static let event = revertEvent("PostOpRevertReason")
        /// The operation.
        public var userOpHash: Bytes32
        /// The account.
        public var sender: Address
        /// The operation's nonce.
        public var nonce: UInt256
        /// The revert data of postOp.
        public var revertReason: [UInt8]

        /// The event with these fields.
        public init(userOpHash: Bytes32, sender: Address, nonce: UInt256, revertReason: [UInt8]) {
            (self.userOpHash, self.sender, self.nonce, self.revertReason) = (userOpHash, sender, nonce, revertReason)
        }
    }

    /// `event Deposited(address indexed account, uint256 totalDeposit)`: ETH added to an account's or a
    /// paymaster's deposit.
    public struct Deposited: ABIEventType, Hashable {
        /// The event's declaration, as EntryPoint v0.7's ABI has it.
        public static let event = ABIEvent(name: "Deposited", inputs: [
            ABIParameter(name: "account", type: .address, indexed: true),
            ABIParameter(name: "totalDeposit", type: .uint(256)),
        ])

        /// Whose deposit.
        public var account: Address
        /// The deposit after it, in wei.
        public var totalDeposit: UInt256

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            account = try topics.next()
            totalDeposit = try ABI.decode(UInt256.self, from: data)
        }
    }

    /// `event Withdrawn(address indexed account, address withdrawAddress, uint256 amount)`: ETH taken out of a
    /// deposit.
    public struct Withdrawn: ABIEventType, Hashable {
        /// The event's declaration, as EntryPoint v0.7's ABI has it.
        public static let event = ABIEvent(name: "Withdrawn", inputs: [
            ABIParameter(name: "account", type: .address, indexed: true),
            ABIParameter(name: "withdrawAddress", type: .address),
            ABIParameter(name: "amount", type: .uint(256)),
        ])

        /// Whose deposit.
        public var account: Address
        /// Where the ETH went.
        public var withdrawAddress: Address
        /// How much, in wei.
        public var amount: UInt256

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            account = try topics.next()
            (withdrawAddress, amount) = try ABI.decode((Address, UInt256).self, from: data)
        }
    }

    /// The declaration shared by the two revert-reason events.
    private static func revertEvent(_ name: String) -> ABIEvent {
        ABIEvent(name: name, inputs: [
            ABIParameter(name: "userOpHash", type: .fixedBytes(32), indexed: true),
            ABIParameter(name: "sender", type: .address, indexed: true),
            ABIParameter(name: "nonce", type: .uint(256)),
            ABIParameter(name: "revertReason", type: .bytes),
        ])
    }
}

/// The two EntryPoint events that carry an operation's revert data, read alike.
public protocol OperationRevertEvent: ABIEventType, Hashable {
    /// The event with these fields.
    init(userOpHash: Bytes32, sender: Address, nonce: UInt256, revertReason: [UInt8])
}

extension OperationRevertEvent {
    /// Reads the indexed parameters from the topics and the others from the data.
    public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
        let (hash, sender): (Bytes32, Address) = (try topics.next(), try topics.next())
        let (nonce, reason) = try ABI.decode((UInt256, ABIBytes).self, from: data)
        self.init(userOpHash: hash, sender: sender, nonce: nonce, revertReason: reason.bytes)
    }
}
