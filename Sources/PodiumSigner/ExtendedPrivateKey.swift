import CSecp256k1
import Crypto
import PodiumPrimitives

/// A BIP-32 extended private key: a private key and a chain code, from which child keys derive. Its `description`
/// is redacted.
public struct ExtendedPrivateKey: Sendable {
    /// The key at this node.
    public let privateKey: PrivateKey
    /// The 32-byte chain code, secret like the key.
    let chainCode: [UInt8]
    /// The path from the master key, for error messages.
    let path: DerivationPath

    /// The master key of `seed` (16 to 64 bytes): HMAC-SHA512 keyed with "Bitcoin seed"; the left half is the key,
    /// the right half the chain code (BIP-32, "Master key generation").
    public init(seed: some Collection<UInt8>) throws(SignerError) {
        guard (16...64).contains(seed.count) else { throw .seedWrongByteCount(seed.count) }
        let digest = Array(HMAC<SHA512>.authenticationCode(
            for: Array(seed), using: SymmetricKey(data: Array("Bitcoin seed".utf8))))
        guard let key = try? PrivateKey(digest[0..<32]) else { throw .invalidDerivedKey(path: "m") }
        (privateKey, chainCode, path) = (key, Array(digest[32..<64]), DerivationPath([]))
    }

    private init(privateKey: PrivateKey, chainCode: [UInt8], path: DerivationPath) {
        (self.privateKey, self.chainCode, self.path) = (privateKey, chainCode, path)
    }

    /// The child at `component`: HMAC-SHA512 keyed with the chain code over `00` ‖ key (hardened) or the
    /// compressed public key (normal), then ‖ the 4-byte index; the child key is the parent key plus the left half
    /// modulo n (BIP-32, "Private parent key → private child key").
    public func child(_ component: DerivationPath.Component) throws(SignerError) -> ExtendedPrivateKey {
        var data = component.isHardened
            ? [0] + privateKey.withUnsafeBytes { Array($0) }
            : privateKey.publicKey.compressed
        withUnsafeBytes(of: component.rawIndex.bigEndian) { data += $0 }
        let digest = Array(HMAC<SHA512>.authenticationCode(for: data, using: SymmetricKey(data: chainCode)))
        let childPath = DerivationPath(path.components + [component])
        var key = privateKey.withUnsafeBytes { Array($0) }
        let tweaked = digest.withUnsafeBufferPointer { tweak in
            secp256k1_ec_seckey_tweak_add(Secp256k1Context.shared.pointer, &key, tweak.baseAddress!)
        }
        guard tweaked == 1, let child = try? PrivateKey(key) else { throw .invalidDerivedKey(path: "\(childPath)") }
        return ExtendedPrivateKey(privateKey: child, chainCode: Array(digest[32..<64]), path: childPath)
    }

    /// The descendant at `path`, taken from this key one component at a time.
    public func derived(_ path: DerivationPath) throws(SignerError) -> ExtendedPrivateKey {
        var node = self
        for component in path.components { node = try node.child(component) }
        return node
    }
}

extension ExtendedPrivateKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `ExtendedPrivateKey(<path>, <redacted>)`: never the key or the chain code.
    public var description: String { "ExtendedPrivateKey(\(path), <redacted>)" }
    /// The same as `description`.
    public var debugDescription: String { description }
    /// A mirror without children, so `dump` does not show the key.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
