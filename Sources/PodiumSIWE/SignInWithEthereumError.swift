import PodiumPrimitives
import PodiumSigner

/// Why a Sign-In with Ethereum message (EIP-4361) could not be read or made, or why it does not verify.
public enum SignInWithEthereumError: Error, Equatable, Sendable, CustomStringConvertible {
    // Reading and making a message.

    /// A line that is not what the format has in its place; carries the line number (from 1) and what was due.
    case malformedLine(Int, expected: String)
    /// The text ends where the format still has a line; carries what was due.
    case missingLine(expected: String)
    /// A line after `Issued At` that is none of the optional fields in their order (`Expiration Time`,
    /// `Not Before`, `Request ID`, `Resources`), nor a resource; carries the line number.
    case unexpectedLine(Int)
    /// A scheme that is not RFC 3986's `scheme`.
    case invalidScheme(String)
    /// A domain that is not an RFC 3986 authority with a host.
    case invalidDomain(String)
    /// An address that is not `0x` and 40 hex digits.
    case invalidAddress(String)
    /// An address whose letter case is not its EIP-55 checksum; carries the checksummed form.
    case addressNotChecksummed(String, expected: Address)
    /// A statement with a character other than RFC 3986's reserved and unreserved characters and the space.
    case invalidStatement(Character)
    /// A URI or resource that is not an RFC 3986 URI.
    case invalidURI(String)
    /// A version other than 1.
    case unsupportedVersion(String)
    /// A chain id that is not decimal digits without a leading zero, or does not fit 64 bits.
    case invalidChainID(String)
    /// A nonce that is not at least 8 ASCII letters and digits.
    case invalidNonce(String)
    /// A time that is not an RFC 3339 `date-time`.
    case invalidTimestamp(String)
    /// A request id that is not RFC 3986 `pchar`s.
    case invalidRequestID(String)

    // Verifying a signed message.

    /// The message is for another domain than the one expected.
    case domainMismatch(expected: String, found: String)
    /// The message's nonce is not the one the relying party issued.
    case nonceMismatch(expected: String, found: String)
    /// The message is for another chain than the one expected.
    case chainIDMismatch(expected: ChainID, found: ChainID)
    /// The check time is at or after the message's expiration time.
    case expired(at: SignInWithEthereumMessage.Timestamp)
    /// The check time is before the message's not-before time.
    case notYetValid(until: SignInWithEthereumMessage.Timestamp)
    /// The signature is malformed or no key recovers from it.
    case invalidSignature(SignerError)
    /// The signature recovers another address than the message's.
    case signerMismatch(expected: Address, recovered: Address)

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .malformedLine(let line, let expected): "line \(line): expected \(expected)"
        case .missingLine(let expected): "the message ends where \(expected) is due"
        case .unexpectedLine(let line):
            "line \(line) is out of place: after Issued At come, each optional and in this order, Expiration Time, "
                + "Not Before, Request ID and Resources, then the end of the message"
        case .invalidScheme(let scheme): "invalid scheme \(scheme.debugDescription) (RFC 3986)"
        case .invalidDomain(let domain): "invalid domain \(domain.debugDescription): not an RFC 3986 authority"
        case .invalidAddress(let text): "invalid address \(text.debugDescription): expected 0x and 40 hex digits"
        case .addressNotChecksummed(let text, let expected):
            "address \(text) is not EIP-55 checksummed (expected \(expected))"
        case .invalidStatement(let character):
            "statement has \(character.debugDescription), which is not an RFC 3986 reserved or unreserved character"
        case .invalidURI(let uri): "invalid URI \(uri.debugDescription) (RFC 3986)"
        case .unsupportedVersion(let version): "unsupported version \(version.debugDescription): only 1 exists"
        case .invalidChainID(let text): "invalid chain id \(text.debugDescription): expected a decimal 64-bit number"
        case .invalidNonce(let nonce): "invalid nonce \(nonce.debugDescription): expected at least 8 letters or digits"
        case .invalidTimestamp(let text):
            "invalid time \(text.debugDescription): expected RFC 3339, as 2026-11-20T10:00:00Z"
        case .invalidRequestID(let text): "invalid request id \(text.debugDescription) (RFC 3986 pchar)"
        case .domainMismatch(let expected, let found):
            "domain mismatch: the message is for \(found), expected \(expected)"
        case .nonceMismatch(let expected, let found): "nonce mismatch: the message has \(found), expected \(expected)"
        case .chainIDMismatch(let expected, let found):
            "chain id mismatch: the message is for chain \(found), expected \(expected)"
        case .expired(let time): "expired at \(time)"
        case .notYetValid(let time): "not valid before \(time)"
        case .invalidSignature(let error): "invalid signature: \(error)"
        case .signerMismatch(let expected, let recovered):
            "the signature is by \(recovered), not by the message's address \(expected)"
        }
    }
}
