import CSecp256k1
import PodiumPrimitives

/// A secp256k1 private key: 32 big-endian bytes in 1 ..< n (SEC 1, 3.2.1). Its `description`, `debugDescription`
/// and reflection are redacted, so the key never reaches a log or an error message by accident.
public struct PrivateKey: Sendable {
    /// The 32 bytes in order, held inline.
    private var secret: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The key made of `bytes`, which must be 32 bytes in 1 ..< n (checked with libsecp256k1's `seckey_verify`).
    public init(_ bytes: some Collection<UInt8>) throws(SignerError) {
        guard bytes.count == 32 else { throw .privateKeyWrongByteCount(bytes.count) }
        withUnsafeMutableBytes(of: &secret) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
        }
        let valid = withUnsafeSecretBytes { secp256k1_ec_seckey_verify(Secp256k1Context.shared.pointer, $0) }
        guard valid == 1 else { throw .privateKeyOutOfRange }
    }

    /// A new key from the system's secure random source (drawn again in the negligible case of a value outside
    /// 1 ..< n).
    public static func generate() -> PrivateKey {
        var generator = SystemRandomNumberGenerator()
        while true {
            let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            if let key = try? PrivateKey(bytes) { return key }
        }
    }

    /// Calls `body` with the 32 secret bytes; do not let them escape.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var copy = secret
        return try Swift.withUnsafeBytes(of: &copy) { (raw) throws(E) -> R in try body(raw) }
    }

    /// `0x` and the 64 hex digits of the key, for the rare place that must show it (a devnet account listing).
    public func revealHex() -> String { withUnsafeBytes { Hex.encode($0) } }

    /// Calls `body` with the key as libsecp256k1 takes it.
    func withUnsafeSecretBytes<R>(_ body: (UnsafePointer<UInt8>) -> R) -> R {
        withUnsafeBytes { body($0.assumingMemoryBound(to: UInt8.self).baseAddress!) }
    }
}

extension PrivateKey: Equatable {
    /// Compares in constant time.
    public static func == (lhs: PrivateKey, rhs: PrivateKey) -> Bool {
        let (a, b) = (lhs.secret, rhs.secret)
        return (a.0 ^ b.0) | (a.1 ^ b.1) | (a.2 ^ b.2) | (a.3 ^ b.3) == 0
    }
}

extension PrivateKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `PrivateKey(<redacted>)`: never the key.
    public var description: String { "PrivateKey(<redacted>)" }
    /// `PrivateKey(<redacted>)`: never the key.
    public var debugDescription: String { description }
    /// A mirror without children, so `dump` and `Mirror` do not show the key either.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
