import PodiumABI
import PodiumPrimitives

/// One contract of a deployment: its artifact and how its constructor arguments follow from the addresses of the
/// contracts before it.
public struct DeploymentStep: Sendable {
    public let name: String
    /// The constructor arguments, given the addresses deployed so far by name.
    public let arguments: @Sendable ([String: Address]) -> [ABIValue]

    public init(name: String, arguments: @escaping @Sendable ([String: Address]) -> [ABIValue] = { _ in [] }) {
        self.name = name
        self.arguments = arguments
    }
}

extension DeploymentStep {
    /// Podium's contracts in dependency order, wired through their constructors: the distributor knows the token and
    /// the game wallet; the Game Pass sale knows the token, the treasury and the distributor.
    public static func podium(config: DeploymentConfig, deployer: Address) -> [DeploymentStep] {
        let gameWallet = config.gameWallet ?? deployer
        let treasury = config.treasury ?? deployer
        let price = config.gamePassPrice
        return [
            DeploymentStep(name: "GlicoToken"),
            DeploymentStep(name: "PrizeDistributor") { deployed in
                [.address(deployed["GlicoToken"]!), .address(gameWallet)]
            },
            DeploymentStep(name: "Disperser"),
            DeploymentStep(name: "GamePassSale") { deployed in
                [.address(deployed["GlicoToken"]!), .address(treasury), .address(deployed["PrizeDistributor"]!),
                 .uint256(price)]
            },
        ]
    }
}
