import PodiumPrimitives

/// Why a key, a signature, a mnemonic or a derivation path was refused. No case carries key material: a bad
/// private key or mnemonic is described by its shape (lengths, offsets, word positions), never by its content.
public enum SignerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A private key that is not 32 bytes; carries the byte count.
    case privateKeyWrongByteCount(Int)
    /// Private key text that is not 64 hex digits after an optional `0x`; carries the digit count.
    case privateKeyWrongDigitCount(Int)
    /// Private key text with a character that is not a hex digit, at this character offset (the character itself
    /// is not kept).
    case privateKeyInvalidCharacter(offset: Int)
    /// A 32-byte private key that is zero or not below the curve order n (SEC 1, 3.2.1).
    case privateKeyOutOfRange
    /// The environment variable meant to hold a private key is not set.
    case environmentVariableNotSet(String)
    /// The file meant to hold a private key could not be read; carries its path and the system's reason.
    case unreadableKeyFile(path: String, reason: String)

    /// Public key bytes that are not a point on secp256k1 in one of SEC 1's encodings (33, 64 or 65 bytes).
    case invalidPublicKey(byteCount: Int)

    /// A serialized signature that is not 65 bytes (r ‖ s ‖ v); carries the byte count.
    case signatureWrongByteCount(Int)
    /// Signature text that is not hex.
    case signatureNotHex(HexError)
    /// A signature's recovery byte that is none of 0, 1, 27, 28.
    case invalidRecoveryByte(UInt8)
    /// A signature whose r is zero or not below the curve order n.
    case signatureROutOfRange
    /// A signature whose s is zero or not below the curve order n.
    case signatureSOutOfRange
    /// A signature whose s is above n/2, which Ethereum refuses since Homestead (EIP-2).
    case signatureHighS
    /// No public key recovers from this signature and hash (r is not the x coordinate of a curve point).
    case recoveryFailed

    /// A mnemonic whose word count is not 12, 15, 18, 21 or 24 (BIP-39).
    case mnemonicWrongWordCount(Int)
    /// A mnemonic word, at this zero-based position, that is not in the BIP-39 English wordlist.
    case mnemonicUnknownWord(position: Int)
    /// A mnemonic whose last bits do not match the SHA-256 checksum of its entropy (BIP-39).
    case mnemonicChecksumMismatch
    /// A seed whose length is outside BIP-32's 16…64 bytes.
    case seedWrongByteCount(Int)
    /// Derivation path text that is not `m` followed by `/index` or `/index'` components (BIP-32).
    case invalidDerivationPath(String)
    /// A BIP-32 derivation step that produced an invalid key (probability below 2^-127); carries the path so far.
    case invalidDerivedKey(path: String)

    /// One line naming the problem, without key material.
    public var description: String {
        switch self {
        case .privateKeyWrongByteCount(let count): "a private key is 32 bytes, got \(count)"
        case .privateKeyWrongDigitCount(let count): "a private key is 64 hex digits, got \(count)"
        case .privateKeyInvalidCharacter(let offset): "private key has a non-hex character at offset \(offset)"
        case .privateKeyOutOfRange: "private key is out of range: it must be in 1 ..< the secp256k1 order"
        case .environmentVariableNotSet(let name): "environment variable \(name) is not set"
        case .unreadableKeyFile(let path, let reason): "cannot read key file \(path): \(reason)"
        case .invalidPublicKey(let count): "\(count) bytes are not a secp256k1 public key"
        case .signatureWrongByteCount(let count): "a signature is 65 bytes (r, s, v), got \(count)"
        case .signatureNotHex(let error): "signature is not hex: \(error)"
        case .invalidRecoveryByte(let v): "signature v must be 0, 1, 27 or 28, got \(v)"
        case .signatureROutOfRange: "signature r is out of range: it must be in 1 ..< the secp256k1 order"
        case .signatureSOutOfRange: "signature s is out of range: it must be in 1 ..< the secp256k1 order"
        case .signatureHighS: "signature s is above half the secp256k1 order (EIP-2 requires low s)"
        case .recoveryFailed: "no public key recovers from this signature"
        case .mnemonicWrongWordCount(let count): "a mnemonic has 12, 15, 18, 21 or 24 words, got \(count)"
        case .mnemonicUnknownWord(let position): "mnemonic word \(position + 1) is not in the BIP-39 English list"
        case .mnemonicChecksumMismatch: "mnemonic checksum does not match (BIP-39)"
        case .seedWrongByteCount(let count): "a BIP-32 seed is 16 to 64 bytes, got \(count)"
        case .invalidDerivationPath(let path): "invalid derivation path \(path.debugDescription)"
        case .invalidDerivedKey(let path): "BIP-32 derivation gives an invalid key at \(path)"
        }
    }
}
