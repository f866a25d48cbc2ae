import PodiumABI
import PodiumPrimitives

/// One contract of a deployment: its artifact and how its constructor arguments follow from the addresses of the
/// contracts before it.
public struct DeploymentStep: Sendable {
    /// The contract's name, as its artifact has it.
    public let name: String
    /// The constructor arguments, given the addresses deployed so far by name.
    public let arguments: @Sendable (DeployedAddresses) throws(DeploymentError) -> [ABIValue]

    /// The step deploying contract `name`, whose constructor takes `arguments`.
    public init(
        name: String,
        arguments: @escaping @Sendable (DeployedAddresses) throws(DeploymentError) -> [ABIValue] = { _ in [] }
    ) {
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
            DeploymentStep(name: "PrizeDistributor") { (deployed) throws(DeploymentError) in
                [.address(try deployed["GlicoToken"]), .address(gameWallet)]
            },
            DeploymentStep(name: "Disperser"),
            DeploymentStep(name: "GamePassSale") { (deployed) throws(DeploymentError) in
                [.address(try deployed["GlicoToken"]), .address(treasury), .address(try deployed["PrizeDistributor"]),
                 .uint256(price)]
            },
        ]
    }
}

extension DeploymentStep {
    /// The ERC-4337 set: Podium's EntryPoint (unless `config.entryPoint` names one already on the chain), the
    /// SimpleAccount implementation bound to it, the factory of its minimal proxies, and the verifying paymaster
    /// whose signer is `config.paymasterSigner` (default: the deployer).
    public static func accountAbstraction(config: DeploymentConfig, deployer: Address) -> [DeploymentStep] {
        let signer = config.paymasterSigner ?? deployer
        let entryPoint = { @Sendable (deployed: DeployedAddresses) throws(DeploymentError) -> Address in
            if let external = config.entryPoint { return external }
            return try deployed["EntryPoint"]
        }
        return (config.entryPoint == nil ? [DeploymentStep(name: "EntryPoint")] : []) + [
            DeploymentStep(name: "SimpleAccount") { (deployed) throws(DeploymentError) in [.address(try entryPoint(deployed))] },
            DeploymentStep(name: "SimpleAccountFactory") { (deployed) throws(DeploymentError) in
                [.address(try deployed["SimpleAccount"])]
            },
            DeploymentStep(name: "VerifyingPaymaster") { (deployed) throws(DeploymentError) in
                [.address(try entryPoint(deployed)), .address(signer)]
            },
        ]
    }
}

/// The addresses of the contracts a run has deployed or kept so far, by name.
public struct DeployedAddresses: Sendable {
    /// The step asking, for the error when a contract it needs comes later.
    let step: String
    let addresses: [String: Address]

    /// The address of contract `name`; throws `DeploymentError.stepOrder` when no earlier step deployed it.
    public subscript(name: String) -> Address {
        get throws(DeploymentError) {
            guard let address = addresses[name] else { throw .stepOrder(step: step, needs: name) }
            return address
        }
    }
}
