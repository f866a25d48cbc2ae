import PodiumABI
import PodiumPrimitives
import PodiumRPC

/// The disperser (contracts/Disperser.vy): pays many recipients of a token from the caller in one transaction.
public struct Disperser: ContractBinding {
    /// Where the contract is.
    public let address: Address
    /// The node it is read through.
    public let client: RPCClient

    /// The disperser at `address`, read through `client`.
    public init(address: Address, client: RPCClient) {
        self.address = address
        self.client = client
    }

    /// `disperseToken(token, recipients, amounts)`: moves `amounts[i]` of `token` from the sender to
    /// `recipients[i]`; the sender must have approved the disperser for the sum.
    public func disperseToken(_ token: Address, recipients: [Address], amounts: [UInt256]) -> ContractCall {
        write("disperseToken(address,address[],uint256[])", token, recipients, amounts)
    }
}
