/// An EIP-155 chain id (1 for Ethereum mainnet, 31337 for anvil and the devnet).
public typealias ChainID = UInt64
