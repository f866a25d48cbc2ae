import PodiumABI
import PodiumPrimitives
import PodiumRPC

/// $GLICO (contracts/GlicoToken.vy): an ERC-20 with 18 decimals that only its owner mints.
public struct GlicoToken: ContractBinding {
    /// Where the contract is.
    public let address: Address
    /// The node it is read through.
    public let client: RPCClient

    /// The token at `address`, read through `client`.
    public init(address: Address, client: RPCClient) {
        self.address = address
        self.client = client
    }

    /// `name()`: "Glico".
    public func name(at block: BlockTag = .latest) async throws -> String {
        try await read("name()", as: String.self, at: block)
    }

    /// `symbol()`: "GLICO".
    public func symbol(at block: BlockTag = .latest) async throws -> String {
        try await read("symbol()", as: String.self, at: block)
    }

    /// `decimals()`: 18.
    public func decimals(at block: BlockTag = .latest) async throws -> UInt8 {
        try await read("decimals()", as: UInt8.self, at: block)
    }

    /// `totalSupply()`, in base units.
    public func totalSupply(at block: BlockTag = .latest) async throws -> UInt256 {
        try await read("totalSupply()", as: UInt256.self, at: block)
    }

    /// `balanceOf(holder)`, in base units.
    public func balanceOf(_ holder: Address, at block: BlockTag = .latest) async throws -> UInt256 {
        try await read("balanceOf(address)", holder, as: UInt256.self, at: block)
    }

    /// `allowance(owner, spender)`: what `spender` may still move from `owner`, in base units.
    public func allowance(owner: Address, spender: Address, at block: BlockTag = .latest) async throws -> UInt256 {
        try await read("allowance(address,address)", owner, spender, as: UInt256.self, at: block)
    }

    /// `owner()`: the account that mints and may hand ownership over.
    public func owner(at block: BlockTag = .latest) async throws -> Address {
        try await read("owner()", as: Address.self, at: block)
    }

    /// `transfer(to, amount)` from the sender.
    public func transfer(to: Address, amount: UInt256) -> ContractCall {
        write("transfer(address,uint256)", to, amount)
    }

    /// `transferFrom(from, to, amount)`, spending the sender's allowance from `from`.
    public func transferFrom(_ from: Address, to: Address, amount: UInt256) -> ContractCall {
        write("transferFrom(address,address,uint256)", from, to, amount)
    }

    /// `approve(spender, amount)`: sets what `spender` may move from the sender.
    public func approve(spender: Address, amount: UInt256) -> ContractCall {
        write("approve(address,uint256)", spender, amount)
    }

    /// `mint(to, amount)`: the owner only.
    public func mint(to: Address, amount: UInt256) -> ContractCall {
        write("mint(address,uint256)", to, amount)
    }

    /// `transferOwnership(newOwner)`: the owner only.
    public func transferOwnership(to newOwner: Address) -> ContractCall {
        write("transferOwnership(address)", newOwner)
    }

    /// `event Transfer(address indexed sender, address indexed receiver, uint256 value)` (ERC-20's, with Vyper's
    /// parameter names).
    public struct Transfer: ABIEventType, Hashable {
        /// The event's declaration, as the contract's ABI has it.
        public static let event = ABIEvent(name: "Transfer", inputs: [
            ABIParameter(name: "sender", type: .address, indexed: true),
            ABIParameter(name: "receiver", type: .address, indexed: true),
            ABIParameter(name: "value", type: .uint(256)),
        ])

        /// The account debited (the zero address for a mint).
        public var from: Address
        /// The account credited.
        public var to: Address
        /// The amount, in base units.
        public var value: UInt256

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            from = try topics.next()
            to = try topics.next()
            value = try ABI.decode(UInt256.self, from: data)
        }
    }

    /// `event Approval(address indexed owner, address indexed spender, uint256 value)`.
    public struct Approval: ABIEventType, Hashable {
        /// The event's declaration, as the contract's ABI has it.
        public static let event = ABIEvent(name: "Approval", inputs: [
            ABIParameter(name: "owner", type: .address, indexed: true),
            ABIParameter(name: "spender", type: .address, indexed: true),
            ABIParameter(name: "value", type: .uint(256)),
        ])

        /// The account whose tokens may be moved.
        public var owner: Address
        /// The account that may move them.
        public var spender: Address
        /// The allowance set, in base units.
        public var value: UInt256

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            owner = try topics.next()
            spender = try topics.next()
            value = try ABI.decode(UInt256.self, from: data)
        }
    }
}
