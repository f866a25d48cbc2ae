import Foundation
import PodiumABI
import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives

/// What to index on one chain: contracts, each with its address, first block, events and an optional filter on
/// the addresses its logs' indexed arguments hold. Every matching log goes into `logs`; those of Podium's own events
/// are also decoded into their tables, whichever contract emitted them (the seed's Solidity distributor's
/// `PrizesDistributed` has the same signature as Podium's).
public struct IndexTarget: Sendable {
    /// One contract to index.
    public struct Contract: Sendable {
        /// A name for people.
        public let name: String
        /// Where it is.
        public let address: Address
        /// The first block worth reading (its deployment).
        public let startBlock: UInt64
        /// The events kept.
        public let events: [ABIEvent]
        /// When set, a log is kept only when one of its indexed address arguments is in it.
        public let filter: Set<Address>?

        /// A contract with every field given.
        public init(name: String, address: Address, startBlock: UInt64, events: [ABIEvent], filter: Set<Address>? = nil) {
            (self.name, self.address, self.startBlock, self.events, self.filter) = (name, address, startBlock, events, filter)
        }
    }

    /// The chain.
    public let chainID: UInt64
    /// The contracts.
    public let contracts: [Contract]

    /// The contracts' addresses, for the log filter.
    let addresses: [Address]
    /// Every event's first topic, for the log filter.
    let topics: [Bytes32]

    /// A target of `contracts` on `chainID`.
    public init(chainID: UInt64, contracts: [Contract]) {
        self.chainID = chainID
        self.contracts = contracts
        addresses = contracts.map(\.address)
        topics = Set(contracts.flatMap { $0.events.map(\.topic0) }).sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// The first block worth reading.
    var startBlock: UInt64 { contracts.map(\.startBlock).min() ?? 0 }

    /// Podium's own events from a deployment record: the distributor's `PrizesDistributed` and `PeriodPaid`, the
    /// sale's `GamePassPurchased`, the token's `Transfer`s to or from the distributor, the sale or the treasury, and,
    /// when the record has the ERC-4337 set, the EntryPoint's `UserOperationEvent` and `AccountDeployed` (all of
    /// them from Podium's own EntryPoint; from a linked one, such as the canonical, only the operations Podium's
    /// paymaster paid for).
    public init(record: DeploymentRecord) throws(IndexError) {
        func entry(_ name: String) throws(IndexError) -> (Address, UInt64, DeployedContract) {
            guard let entry = record.contracts[name], let address = entry.address else {
                throw .config("the deployment record has no mined \(name)")
            }
            return (address, entry.blockNumber ?? 0, entry)
        }
        let (token, tokenBlock, _) = try entry("GlicoToken")
        let (distributor, distributorBlock, _) = try entry("PrizeDistributor")
        let (sale, saleBlock, saleEntry) = try entry("GamePassSale")
        // The sale's constructor arguments are (token, treasury, distributor, price).
        let treasury = saleEntry.constructorArguments.count > 1 ? try? Address(hex: saleEntry.constructorArguments[1]) : nil
        self.init(chainID: record.chainID, contracts: [
            Contract(name: "GlicoToken", address: token, startBlock: tokenBlock, events: [GlicoToken.Transfer.event],
                     filter: Set([distributor, sale] + (treasury.map { [$0] } ?? []))),
            Contract(name: "PrizeDistributor", address: distributor, startBlock: distributorBlock,
                     events: [PrizeDistributor.PrizesDistributed.event, PrizeDistributor.PeriodPaid.event]),
            Contract(name: "GamePassSale", address: sale, startBlock: saleBlock, events: [GamePassSale.GamePassPurchased.event]),
        ] + Self.entryPoint(in: record))
    }

    /// The EntryPoint's part of a record's target, when the record has a paymaster and an EntryPoint.
    private static func entryPoint(in record: DeploymentRecord) -> [Contract] {
        guard let paymaster = record.contracts["VerifyingPaymaster"], let paymasterAddress = paymaster.address,
            let entryPoint = record.address(of: "EntryPoint")
        else { return [] }
        let own = record.contracts["EntryPoint"]
        let events = [EntryPoint.UserOperationEvent.event, EntryPoint.AccountDeployed.event]
        return [Contract(
            name: "EntryPoint", address: entryPoint, startBlock: own?.blockNumber ?? paymaster.blockNumber ?? 0,
            events: own == nil ? [EntryPoint.UserOperationEvent.event] : events,
            filter: own == nil ? [paymasterAddress] : nil)]
    }

    /// Reads a config file: `{"chainId": 31337, "contracts": [{"name", "address", "startBlock", "events", "abi",
    /// "filter": {"anyOf": […]}}]}`. `events` are human-readable signatures, or names picked from `abi` (a JSON
    /// ABI or a Foundry, Hardhat or Vyper artifact, its path relative to the config file); all of the ABI's events
    /// when `events` is absent.
    public init(config url: URL) throws(IndexError) {
        let path = url.path
        let document: JSONValue
        do { document = try JSONValue(json: Array(try Data(contentsOf: url))) } catch {
            throw .config("\(path): \(error)")
        }
        func fail(_ where_: String, _ what: String) -> IndexError { .config("\(path): \(where_): \(what)") }
        guard case .object(let root) = document else { throw fail("the file", "must be an object {chainId, contracts}") }
        if let unknown = root.keys.filter({ !["chainId", "contracts"].contains($0) }).sorted().first {
            throw fail(unknown, "unknown member")
        }
        guard case .number(let chainText) = root["chainId"], let chainID = UInt64(chainText) else {
            throw fail("chainId", "must be an integer")
        }
        guard case .array(let entries) = root["contracts"], !entries.isEmpty else {
            throw fail("contracts", "must be a non-empty array")
        }
        var contracts: [Contract] = []
        for (index, entry) in entries.enumerated() {
            let at = "contracts[\(index)]"
            guard case .object(let members) = entry else { throw fail(at, "must be an object") }
            let known = ["name", "address", "startBlock", "events", "abi", "filter"]
            if let unknown = members.keys.filter({ !known.contains($0) }).sorted().first { throw fail("\(at).\(unknown)", "unknown member") }
            guard case .string(let name) = members["name"] else { throw fail("\(at).name", "must be a string") }
            guard case .string(let addressText) = members["address"], let address = try? Address(hex: addressText) else {
                throw fail("\(at).address", "must be an address")
            }
            var startBlock: UInt64 = 0
            if let value = members["startBlock"] {
                guard case .number(let text) = value, let number = UInt64(text) else { throw fail("\(at).startBlock", "must be a block number") }
                startBlock = number
            }
            var abi: ContractABI?
            if let value = members["abi"] {
                guard case .string(let file) = value else { throw fail("\(at).abi", "must be a path") }
                let abiURL = URL(fileURLWithPath: file, relativeTo: url.deletingLastPathComponent())
                do { abi = try ContractABI(json: Array(try Data(contentsOf: abiURL))) } catch {
                    throw fail("\(at).abi", "\(abiURL.path): \(error)")
                }
            }
            var events: [ABIEvent] = []
            switch members["events"] {
            case nil:
                guard let abi else { throw fail("\(at)", "give events, or an abi to take them from") }
                events = abi.events
            case .array(let list)?:
                for (position, item) in list.enumerated() {
                    guard case .string(let text) = item else { throw fail("\(at).events[\(position)]", "must be a string") }
                    if text.contains("(") {
                        do { events.append(try ABIEvent(parsing: text)) } catch { throw fail("\(at).events[\(position)]", "\(error)") }
                    } else {
                        guard let found = abi?.events(named: text), found.count == 1 else {
                            throw fail("\(at).events[\(position)]", abi == nil ? "a name needs an abi" : "the abi has no single event \(text)")
                        }
                        events.append(found[0])
                    }
                }
            default: throw fail("\(at).events", "must be an array")
            }
            var filter: Set<Address>?
            if let value = members["filter"] {
                guard case .object(let filterMembers) = value, filterMembers.keys.sorted() == ["anyOf"],
                    case .array(let list)? = filterMembers["anyOf"]
                else { throw fail("\(at).filter", "must be {\"anyOf\": [addresses]}") }
                filter = []
                for item in list {
                    guard case .string(let text) = item, let party = try? Address(hex: text) else {
                        throw fail("\(at).filter.anyOf", "must hold addresses")
                    }
                    filter?.insert(party)
                }
            }
            contracts.append(Contract(name: name, address: address, startBlock: startBlock, events: events, filter: filter))
        }
        self.init(chainID: chainID, contracts: contracts)
    }

    /// Whether `log` belongs in the index: one of its contract's events, and through its filter.
    func keeps(_ log: ChainLog) -> Bool {
        guard let contract = contracts.first(where: { $0.address == log.address }), let topic0 = log.topics.first,
            let event = contract.events.first(where: { !$0.anonymous && $0.topic0 == topic0 })
        else { return false }
        guard let filter = contract.filter else { return true }
        let addressTopics = event.indexedInputs.enumerated().filter { $0.element.type == .address }.map { $0.offset + 1 }
        return addressTopics.contains { $0 < log.topics.count && filter.contains(Address(truncating: log.topics[$0])) }
    }
}
