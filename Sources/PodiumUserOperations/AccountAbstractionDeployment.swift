import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumRPC

/// The ERC-4337 contracts of a deployment, bound to a node: the EntryPoint (deployed or linked), the SimpleAccount
/// factory and the verifying paymaster, each overridable, so that the canonical ones can be named.
public struct AccountAbstractionDeployment: Sendable {
    /// The EntryPoint v0.7.
    public let entryPoint: EntryPointContract
    /// The SimpleAccount factory.
    public let factory: AccountFactoryContract
    /// The verifying paymaster.
    public let paymaster: PaymasterContract

    /// The contracts of `record` through `client`, with any of them replaced by an address given; throws
    /// `DeploymentError.notDeployed` naming the first the record lacks and no address replaces.
    public init(
        record: DeploymentRecord?, client: RPCClient, entryPoint: Address? = nil, factory: Address? = nil,
        paymaster: Address? = nil
    ) throws(DeploymentError) {
        func address(_ name: String, _ given: Address?) throws(DeploymentError) -> Address {
            if let given { return given }
            guard let record, let address = record.address(of: name) else {
                throw .notDeployed(contract: name, chainID: record?.chainID ?? 0)
            }
            return address
        }
        self.entryPoint = EntryPointContract(address: try address("EntryPoint", entryPoint), client: client)
        self.factory = AccountFactoryContract(address: try address("SimpleAccountFactory", factory), client: client)
        self.paymaster = PaymasterContract(address: try address("VerifyingPaymaster", paymaster), client: client)
    }
}
