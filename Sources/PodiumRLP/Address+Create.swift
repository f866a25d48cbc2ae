import PodiumPrimitives

extension Address {
    /// The address `CREATE` (or a creation transaction) gives: `keccak256(rlp([deployer, nonce]))[12:]`
    /// (Yellow Paper, section 7, "Contract Creation").
    public static func contractAddress(deployer: Address, nonce: UInt64) -> Address {
        let encoded = RLPItem.list([.bytes(deployer.bytes), .uint(nonce)]).rlpEncoded()
        return Address(truncating: Keccak256.hash(encoded))
    }
}
