import PodiumABI
import PodiumPrimitives
import PodiumRPC

/// The Game Pass sale (contracts/GamePassSale.vy): sells a pass for `price()` GLICO and splits it on chain between
/// the treasury and the daily and weekly prize pools.
public struct GamePassSale: ContractBinding {
    /// Where the contract is.
    public let address: Address
    /// The node it is read through.
    public let client: RPCClient

    /// The sale at `address`, read through `client`.
    public init(address: Address, client: RPCClient) {
        self.address = address
        self.client = client
    }

    /// `buyGamePass()`: takes `price()` from the sender, who must have approved the sale for it.
    public func buyGamePass() -> ContractCall { write("buyGamePass()") }

    /// `setPrice(price)`, in base units: the owner only.
    public func setPrice(_ price: UInt256) -> ContractCall { write("setPrice(uint256)", price) }

    /// `transferOwnership(newOwner)`: the owner only.
    public func transferOwnership(to newOwner: Address) -> ContractCall {
        write("transferOwnership(address)", newOwner)
    }

    /// `token()`: the token a pass is paid in.
    public func token(at block: BlockTag = .latest) async throws -> Address {
        try await read("token()", as: Address.self, at: block)
    }

    /// `treasury()`: where 70% of each price goes.
    public func treasury(at block: BlockTag = .latest) async throws -> Address {
        try await read("treasury()", as: Address.self, at: block)
    }

    /// `distributor()`: the prize distributor that holds the pools.
    public func distributor(at block: BlockTag = .latest) async throws -> Address {
        try await read("distributor()", as: Address.self, at: block)
    }

    /// `price()`, in base units.
    public func price(at block: BlockTag = .latest) async throws -> UInt256 {
        try await read("price()", as: UInt256.self, at: block)
    }

    /// `owner()`.
    public func owner(at block: BlockTag = .latest) async throws -> Address {
        try await read("owner()", as: Address.self, at: block)
    }

    /// `passesBought(buyer)`: how many passes `buyer` has bought.
    public func passesBought(_ buyer: Address, at block: BlockTag = .latest) async throws -> UInt256 {
        try await read("passesBought(address)", buyer, as: UInt256.self, at: block)
    }

    /// `event GamePassPurchased(address indexed buyer, uint256 indexed day, uint256 price, uint256 treasuryAmount,
    /// uint256 dailyPoolAmount, uint256 weeklyPoolAmount)`.
    public struct GamePassPurchased: ABIEventType, Hashable {
        /// The event's declaration, as the contract's ABI has it.
        public static let event = ABIEvent(name: "GamePassPurchased", inputs: [
            ABIParameter(name: "buyer", type: .address, indexed: true),
            ABIParameter(name: "day", type: .uint(256), indexed: true),
            ABIParameter(name: "price", type: .uint(256)),
            ABIParameter(name: "treasuryAmount", type: .uint(256)),
            ABIParameter(name: "dailyPoolAmount", type: .uint(256)),
            ABIParameter(name: "weeklyPoolAmount", type: .uint(256)),
        ])

        /// Who bought.
        public var buyer: Address
        /// The block's timestamp divided by 86,400: the UTC day number.
        public var day: UInt256
        /// What was paid, in base units: the sum of the three parts.
        public var price: UInt256
        /// The treasury's part.
        public var treasuryAmount: UInt256
        /// The daily pool's part.
        public var dailyPoolAmount: UInt256
        /// The weekly pool's part.
        public var weeklyPoolAmount: UInt256

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            buyer = try topics.next()
            day = try topics.next()
            (price, treasuryAmount, dailyPoolAmount, weeklyPoolAmount) =
                try ABI.decode((UInt256, UInt256, UInt256, UInt256).self, from: data)
        }
    }

    /// `event PriceChanged(uint256 price)`.
    public struct PriceChanged: ABIEventType, Hashable {
        /// The event's declaration, as the contract's ABI has it.
        public static let event = ABIEvent(name: "PriceChanged", inputs: [ABIParameter(name: "price", type: .uint(256))])

        /// The new price, in base units.
        public var price: UInt256

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            price = try ABI.decode(UInt256.self, from: data)
        }
    }
}
