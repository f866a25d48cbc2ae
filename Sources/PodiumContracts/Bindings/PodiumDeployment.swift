import PodiumPrimitives
import PodiumRPC

/// Podium's four contracts as one deployment records them, bound to a node.
public struct PodiumDeployment: Sendable {
    /// The chain the record is for.
    public let chainID: UInt64
    /// $GLICO.
    public let token: GlicoToken
    /// The prize distributor.
    public let distributor: PrizeDistributor
    /// The Game Pass sale.
    public let sale: GamePassSale
    /// The disperser.
    public let disperser: Disperser

    /// The contracts of `record`, read through `client`; throws `DeploymentError.notDeployed` naming the first
    /// contract the record lacks or holds only as a pending creation.
    public init(record: DeploymentRecord, client: RPCClient) throws(DeploymentError) {
        func address(_ name: String) throws(DeploymentError) -> Address {
            guard let address = record.contracts[name]?.address else {
                throw .notDeployed(contract: name, chainID: record.chainID)
            }
            return address
        }
        chainID = record.chainID
        token = GlicoToken(address: try address("GlicoToken"), client: client)
        distributor = PrizeDistributor(address: try address("PrizeDistributor"), client: client)
        sale = GamePassSale(address: try address("GamePassSale"), client: client)
        disperser = Disperser(address: try address("Disperser"), client: client)
    }
}
