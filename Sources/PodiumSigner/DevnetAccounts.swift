import PodiumPrimitives

/// The devnet's funded accounts: those of the well-known test mnemonic that anvil and Hardhat use, derived with
/// BIP-39 and BIP-32 along m/44'/60'/0'/0/i. Public knowledge: for local chains only, never for real funds.
public enum DevnetAccounts {
    /// "test test test test test test test test test test test junk".
    public static let mnemonic = try! Mnemonic("test test test test test test test test test test test junk")

    /// How many accounts anvil funds by default.
    public static let count = 10

    /// The keys of the first `count` accounts, derived once; the first is 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266.
    public static let privateKeys: [PrivateKey] = (0..<UInt32(count)).map { try! privateKey(index: $0) }

    /// The key of account `index` (m/44'/60'/0'/0/`index`, index below 2^31); throws only in the 2^-127 case of an
    /// invalid BIP-32 child.
    public static func privateKey(index: UInt32) throws(SignerError) -> PrivateKey {
        try master.derived(.ethereum(index: index)).privateKey
    }

    private static let master = try! ExtendedPrivateKey(seed: mnemonic.seed())
}
