import PodiumPrimitives

/// The constants of the curve secp256k1 (SEC 2, 2.4.1).
enum Secp256k1Curve {
    /// The order n of the base point G.
    static let order: UInt256 = 0xFFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFE_BAAE_DCE6_AF48_A03B_BFD2_5E8C_D036_4141
    /// ⌊n / 2⌋: the largest s Ethereum accepts (EIP-2).
    static let halfOrder: UInt256 = 0x7FFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_5D57_6E73_57A4_501D_DFE9_2F46_681B_20A0
}
