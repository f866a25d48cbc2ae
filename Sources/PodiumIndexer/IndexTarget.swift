import PodiumABI
import PodiumContracts
import PodiumPrimitives

/// What to index on one chain: the contracts' addresses, the events' first topics, the block to start from, and
/// for the token's transfers the accounts that matter.
public struct IndexTarget: Sendable {
    /// The chain.
    public let chainID: UInt64
    /// The contracts whose logs are fetched.
    public let addresses: [Address]
    /// The first topics fetched.
    public let topics: [Bytes32]
    /// The first block worth reading: the earliest deployment.
    public let startBlock: UInt64
    /// The token whose `Transfer`s are kept only when they involve one of `transferParties`.
    public let token: Address?
    /// The accounts a kept token transfer involves.
    public let transferParties: Set<Address>

    /// Podium's own events from a deployment record: the distributor's `PrizesDistributed` and `PeriodPaid`, the
    /// sale's `GamePassPurchased`, and the token's `Transfer`s to or from the distributor, the sale or the treasury.
    public init(record: DeploymentRecord) throws(IndexError) {
        func entry(_ name: String) throws(IndexError) -> DeployedContract {
            guard let entry = record.contracts[name], entry.address != nil else {
                throw .corrupt("the deployment record has no mined \(name)")
            }
            return entry
        }
        let token = try entry("GlicoToken"), distributor = try entry("PrizeDistributor"), sale = try entry("GamePassSale")
        chainID = record.chainID
        addresses = [token.address!, distributor.address!, sale.address!]
        topics = [
            PrizeDistributor.PrizesDistributed.topic0, PrizeDistributor.PeriodPaid.topic0,
            GamePassSale.GamePassPurchased.topic0, GlicoToken.Transfer.topic0,
        ]
        startBlock = [token, distributor, sale].compactMap(\.blockNumber).min() ?? 0
        self.token = token.address
        // The sale's constructor arguments are (token, treasury, distributor, price).
        let treasury = sale.constructorArguments.count > 1 ? try? Address(hex: sale.constructorArguments[1]) : nil
        transferParties = Set([distributor.address!, sale.address!] + (treasury.map { [$0] } ?? []))
    }

    /// Whether `log` belongs in the index: any log of the contracts with one of the topics, but a token transfer
    /// only when it involves one of the parties.
    func keeps(_ log: ChainLog) -> Bool {
        guard log.address == token, log.topics.first == GlicoToken.Transfer.topic0, log.topics.count == 3 else { return true }
        let parties = log.topics[1...2].map { Address(truncating: $0) }
        return parties.contains(where: transferParties.contains)
    }
}
