import PodiumABI
import PodiumPrimitives
import PodiumRPC

/// The prize distributor (contracts/PrizeDistributor.vy): holds the daily and weekly pools and pays each period's
/// winners exactly once per prize type. Prize type 0 is the daily board, 1 the weekly one.
public struct PrizeDistributor: ContractBinding {
    /// Where the contract is.
    public let address: Address
    /// The node it is read through.
    public let client: RPCClient

    /// The prize type of the daily board.
    public static let daily: UInt8 = 0
    /// The prize type of the weekly board.
    public static let weekly: UInt8 = 1

    /// The distributor at `address`, read through `client`.
    public init(address: Address, client: RPCClient) {
        self.address = address
        self.client = client
    }

    /// `distributePrizes(winners, amounts, prizeType, periodId)`: pays `amounts[i]` to `winners[i]` (at most five)
    /// from the pools, once per `(prizeType, periodId)`; the game wallet only.
    public func distributePrizes(winners: [Address], amounts: [UInt256], prizeType: UInt8, periodId: UInt256) -> ContractCall {
        write("distributePrizes(address[],uint256[],uint8,uint256)", winners, amounts, prizeType, periodId)
    }

    /// `isPeriodPaid(prizeType, periodId)`.
    public func isPeriodPaid(prizeType: UInt8, periodId: UInt256, at block: BlockTag = .latest) async throws -> Bool {
        try await read("isPeriodPaid(uint8,uint256)", prizeType, periodId, as: Bool.self, at: block)
    }

    /// `pause()`: the owner only; distributions fail until `unpause()`.
    public func pause() -> ContractCall { write("pause()") }

    /// `unpause()`: the owner only.
    public func unpause() -> ContractCall { write("unpause()") }

    /// `setPeriodCap(cap)`: the most one distribution may pay, in base units (0: no cap); the owner only.
    public func setPeriodCap(_ cap: UInt256) -> ContractCall { write("setPeriodCap(uint256)", cap) }

    /// `setGameWallet(wallet)`: the account that may distribute; the owner only.
    public func setGameWallet(_ wallet: Address) -> ContractCall { write("setGameWallet(address)", wallet) }

    /// `transferOwnership(newOwner)`: the owner only.
    public func transferOwnership(to newOwner: Address) -> ContractCall {
        write("transferOwnership(address)", newOwner)
    }

    /// `token()`: the token the prizes are paid in.
    public func token(at block: BlockTag = .latest) async throws -> Address {
        try await read("token()", as: Address.self, at: block)
    }

    /// `gameWallet()`: the account that may distribute.
    public func gameWallet(at block: BlockTag = .latest) async throws -> Address {
        try await read("gameWallet()", as: Address.self, at: block)
    }

    /// `owner()`.
    public func owner(at block: BlockTag = .latest) async throws -> Address {
        try await read("owner()", as: Address.self, at: block)
    }

    /// `paused()`.
    public func paused(at block: BlockTag = .latest) async throws -> Bool {
        try await read("paused()", as: Bool.self, at: block)
    }

    /// `periodCap()`, in base units (0: no cap).
    public func periodCap(at block: BlockTag = .latest) async throws -> UInt256 {
        try await read("periodCap()", as: UInt256.self, at: block)
    }

    /// `event PrizesDistributed(uint8 indexed prizeType, address[] winners, uint256[] amounts, uint256 timestamp)`:
    /// the seed's event, which its Solidity distributor emits too.
    public struct PrizesDistributed: ABIEventType, Hashable {
        /// The event's declaration, as the contract's ABI has it.
        public static let event = ABIEvent(name: "PrizesDistributed", inputs: [
            ABIParameter(name: "prizeType", type: .uint(8), indexed: true),
            ABIParameter(name: "winners", type: .array(.address)),
            ABIParameter(name: "amounts", type: .array(.uint(256))),
            ABIParameter(name: "timestamp", type: .uint(256)),
        ])

        /// 0 daily, 1 weekly.
        public var prizeType: UInt8
        /// The accounts paid, in place order.
        public var winners: [Address]
        /// What each was paid, in base units.
        public var amounts: [UInt256]
        /// The block's timestamp.
        public var timestamp: UInt256

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            prizeType = try topics.next()
            (winners, amounts, timestamp) = try ABI.decode(([Address], [UInt256], UInt256).self, from: data)
        }
    }

    /// `event PeriodPaid(uint8 indexed prizeType, uint256 indexed periodId, uint256 total)`: one per paid period.
    public struct PeriodPaid: ABIEventType, Hashable {
        /// The event's declaration, as the contract's ABI has it.
        public static let event = ABIEvent(name: "PeriodPaid", inputs: [
            ABIParameter(name: "prizeType", type: .uint(8), indexed: true),
            ABIParameter(name: "periodId", type: .uint(256), indexed: true),
            ABIParameter(name: "total", type: .uint(256)),
        ])

        /// 0 daily, 1 weekly.
        public var prizeType: UInt8
        /// The period: YYYYMMDD for a day, ISO week-year × 100 + week for a week.
        public var periodId: UInt256
        /// The sum paid, in base units.
        public var total: UInt256

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            prizeType = try topics.next()
            periodId = try topics.next()
            total = try ABI.decode(UInt256.self, from: data)
        }
    }

    /// `event Paused(address account)`.
    public struct Paused: ABIEventType, Hashable {
        /// The event's declaration, as the contract's ABI has it.
        public static let event = ABIEvent(name: "Paused", inputs: [ABIParameter(name: "account", type: .address)])

        /// Who paused.
        public var account: Address

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            account = try ABI.decode(Address.self, from: data)
        }
    }

    /// `event Unpaused(address account)`.
    public struct Unpaused: ABIEventType, Hashable {
        /// The event's declaration, as the contract's ABI has it.
        public static let event = ABIEvent(name: "Unpaused", inputs: [ABIParameter(name: "account", type: .address)])

        /// Who unpaused.
        public var account: Address

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            account = try ABI.decode(Address.self, from: data)
        }
    }

    /// `event PeriodCapChanged(uint256 cap)`.
    public struct PeriodCapChanged: ABIEventType, Hashable {
        /// The event's declaration, as the contract's ABI has it.
        public static let event = ABIEvent(name: "PeriodCapChanged", inputs: [ABIParameter(name: "cap", type: .uint(256))])

        /// The new cap, in base units (0: no cap).
        public var cap: UInt256

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            cap = try ABI.decode(UInt256.self, from: data)
        }
    }

    /// `event GameWalletChanged(address wallet)`.
    public struct GameWalletChanged: ABIEventType, Hashable {
        /// The event's declaration, as the contract's ABI has it.
        public static let event = ABIEvent(name: "GameWalletChanged", inputs: [ABIParameter(name: "wallet", type: .address)])

        /// The new game wallet.
        public var wallet: Address

        /// Reads the indexed parameters from the topics and the others from the data.
        public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            wallet = try ABI.decode(Address.self, from: data)
        }
    }
}
