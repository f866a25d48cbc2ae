/// A BIP-32 derivation path such as `m/44'/60'/0'/0/0`: child indices from the master key down.
public struct DerivationPath: Hashable, Sendable {
    /// One step: a child index below 2^31, hardened or not (BIP-32, "Child key derivation functions").
    public struct Component: Hashable, Sendable {
        /// The index below 2^31, without the hardened bit.
        public let index: UInt32
        /// True for a hardened child (index + 2^31), derived from the private key rather than the public one.
        public let isHardened: Bool

        /// A step; `index` must be below 2^31.
        public init(_ index: UInt32, hardened: Bool) {
            precondition(index < 1 << 31, "BIP-32 child indices are below 2^31; use hardened: true for the upper half")
            (self.index, self.isHardened) = (index, hardened)
        }

        /// The 32-bit index BIP-32 hashes: `index`, plus 2^31 when hardened.
        public var rawIndex: UInt32 { isHardened ? index | 1 << 31 : index }
    }

    /// The steps, from the master key down.
    public let components: [Component]

    /// The path made of `components`.
    public init(_ components: [Component]) {
        self.components = components
    }

    /// Parses `m` followed by `/index` steps, a hardened step marked by `'`, `h` or `H` (`m/44'/60'/0'/0/0`).
    public init(parsing text: String) throws(SignerError) {
        var parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.first == "m" else { throw .invalidDerivationPath(text) }
        parts.removeFirst()
        var components: [Component] = []
        for part in parts {
            let hardened = part.last.map { "'hH".contains($0) } ?? false
            let digits = hardened ? part.dropLast() : part
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                  digits.count == 1 || digits.first != "0",
                  let index = UInt32(digits), index < 1 << 31 else { throw .invalidDerivationPath(text) }
            components.append(Component(index, hardened: hardened))
        }
        self.init(components)
    }

    /// m/44'/60'/0'/0/`index`: the Ethereum path of BIP-44 (coin type 60) that anvil, Hardhat and most wallets use.
    public static func ethereum(index: UInt32) -> DerivationPath {
        DerivationPath([Component(44, hardened: true), Component(60, hardened: true), Component(0, hardened: true),
                        Component(0, hardened: false), Component(index, hardened: false)])
    }
}

extension DerivationPath: CustomStringConvertible {
    /// `m/44'/60'/0'/0/0`.
    public var description: String {
        (["m"] + components.map { "\($0.index)" + ($0.isHardened ? "'" : "") }).joined(separator: "/")
    }
}
