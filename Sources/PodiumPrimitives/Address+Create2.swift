extension Address {
    /// The address `CREATE2` gives: `keccak256(0xff ++ deployer ++ salt ++ initCodeHash)[12:]` (EIP-1014).
    public static func create2(deployer: Address, salt: Bytes32, initCodeHash: Bytes32) -> Address {
        var hasher = Keccak256()
        Swift.withUnsafeBytes(of: UInt8(0xff)) { hasher.update($0) }
        deployer.withUnsafeBytes { hasher.update($0) }
        salt.withUnsafeBytes { hasher.update($0) }
        initCodeHash.withUnsafeBytes { hasher.update($0) }
        return Address(truncating: hasher.finalize())
    }

    /// The address `CREATE2` gives for `initCode`, hashing it first (EIP-1014).
    public static func create2(deployer: Address, salt: Bytes32, initCode: some Sequence<UInt8>) -> Address {
        create2(deployer: deployer, salt: salt, initCodeHash: Keccak256.hash(initCode))
    }
}
