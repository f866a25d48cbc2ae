import CSecp256k1
import PodiumPrimitives

/// A secp256k1 public key, a point on the curve, kept as its coordinates x and y (SEC 1, 2.3.3); an account's
/// address is the last 20 bytes of keccak256(x ‖ y) (Yellow Paper, (284)).
public struct PublicKey: Hashable, Sendable {
    /// The big-endian x coordinate.
    public let x: Bytes32
    /// The big-endian y coordinate.
    public let y: Bytes32

    /// Parses SEC 1 bytes: 64 (x ‖ y, Ethereum's form), 65 (`04` ‖ x ‖ y) or 33 (`02`/`03` ‖ x, compressed);
    /// the point must be on the curve.
    public init(_ bytes: some Collection<UInt8>) throws(SignerError) {
        var input = Array(bytes)
        if input.count == 64 { input.insert(0x04, at: 0) }
        var point = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_parse(Secp256k1Context.shared.pointer, &point, input, input.count) == 1 else {
            throw .invalidPublicKey(byteCount: bytes.count)
        }
        self.init(point)
    }

    /// The key of a point libsecp256k1 holds.
    init(_ point: secp256k1_pubkey) {
        var point = point
        var serialized = [UInt8](repeating: 0, count: 65)
        var count = 65
        let written = secp256k1_ec_pubkey_serialize(
            Secp256k1Context.shared.pointer, &serialized, &count, &point, UInt32(SECP256K1_EC_UNCOMPRESSED))
        precondition(written == 1 && count == 65, "secp256k1_ec_pubkey_serialize failed")
        (x, y) = serialized.withUnsafeBytes { (Bytes32(copyingFrom: $0, at: 1), Bytes32(copyingFrom: $0, at: 33)) }
    }

    /// x ‖ y: the 64 bytes Ethereum hashes into an address.
    public var bytes: [UInt8] { x.bytes + y.bytes }

    /// `02` or `03` (the parity of y) ‖ x: SEC 1's 33-byte compressed form, which BIP-32 hashes.
    public var compressed: [UInt8] { [0x02 | y[31] & 1] + x.bytes }

    /// The account address: the last 20 bytes of keccak256(x ‖ y).
    public var address: Address {
        var hasher = Keccak256()
        x.withUnsafeBytes { hasher.update($0) }
        y.withUnsafeBytes { hasher.update($0) }
        return Address(truncating: hasher.finalize())
    }
}

extension PublicKey: CustomStringConvertible {
    /// `0x` and the 128 hex digits of x ‖ y.
    public var description: String { Hex.encode(bytes) }
}

extension PrivateKey {
    /// The public key k·G.
    public var publicKey: PublicKey {
        var point = secp256k1_pubkey()
        let created = withUnsafeSecretBytes { secp256k1_ec_pubkey_create(Secp256k1Context.shared.pointer, &point, $0) }
        precondition(created == 1, "secp256k1_ec_pubkey_create failed for a verified key")
        return PublicKey(point)
    }

    /// The address of the key's account.
    public var address: Address { publicKey.address }
}
