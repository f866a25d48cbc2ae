import PodiumPrimitives

/// A Sign-In with Ethereum message (EIP-4361): the text a wallet signs with `personal_sign` to sign in to a site.
///
/// Every field is checked against the EIP's ABNF when a message is made or parsed, and `text` writes it back in
/// that format, so parsing and formatting give back the same text, byte for byte.
public struct SignInWithEthereumMessage: Hashable, Sendable {
    /// The URI scheme of the request's origin (`https`), when the message names it.
    public let scheme: String?
    /// The RFC 3986 authority asking for the signature (`example.com`, `example.com:3388`).
    public let domain: String
    /// The account signing in.
    public let address: Address
    /// A human-readable assertion, on one line, when there is one.
    public let statement: String?
    /// The RFC 3986 URI of what the signing is about.
    public let uri: String
    /// The EIP-155 chain the session is bound to.
    public let chainID: ChainID
    /// The relying party's random nonce, at least 8 letters and digits, against replay.
    public let nonce: String
    /// When the message was made.
    public let issuedAt: Timestamp
    /// When the signed message stops being valid, if ever.
    public let expirationTime: Timestamp?
    /// When the signed message starts being valid, if not at once.
    public let notBefore: Timestamp?
    /// The relying party's identifier for the request.
    public let requestID: String?
    /// RFC 3986 URIs the user wants resolved as part of signing in; nil when the message has no `Resources:`
    /// line, empty when it has one and no resource.
    public let resources: [String]?

    /// A message of these fields, each checked against the EIP's ABNF; the version is 1.
    public init(
        scheme: String? = nil, domain: String, address: Address, statement: String? = nil, uri: String,
        chainID: ChainID, nonce: String, issuedAt: Timestamp, expirationTime: Timestamp? = nil,
        notBefore: Timestamp? = nil, requestID: String? = nil, resources: [String]? = nil
    ) throws(SignInWithEthereumError) {
        typealias Syntax = SignInWithEthereumSyntax
        if let scheme, !Syntax.isScheme(scheme[...]) { throw .invalidScheme(scheme) }
        guard Syntax.isAuthority(domain[...], requireHost: true) else { throw .invalidDomain(domain) }
        if let statement, let bad = Syntax.invalidStatementCharacter(statement[...]) { throw .invalidStatement(bad) }
        guard Syntax.isURI(uri[...]) else { throw .invalidURI(uri) }
        guard nonce.utf8.count >= 8 && nonce.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw .invalidNonce(nonce)
        }
        if let requestID, !Syntax.isPathCharacters(requestID[...]) { throw .invalidRequestID(requestID) }
        if let bad = resources?.first(where: { !Syntax.isURI($0[...]) }) { throw .invalidURI(bad) }
        (self.scheme, self.domain, self.address, self.statement, self.uri) = (scheme, domain, address, statement, uri)
        (self.chainID, self.nonce, self.issuedAt, self.expirationTime) = (chainID, nonce, issuedAt, expirationTime)
        (self.notBefore, self.requestID, self.resources) = (notBefore, requestID, resources)
    }

    /// What follows the domain on the first line.
    static let header = " wants you to sign in with your Ethereum account:"

    /// The message in the EIP's format, the text that is signed.
    public var text: String {
        var text = (scheme.map { $0 + "://" } ?? "") + domain + Self.header + "\n"
        text += address.description + "\n\n"
        if let statement { text += statement + "\n" }
        text += "\nURI: \(uri)\nVersion: 1\nChain ID: \(chainID)\nNonce: \(nonce)\nIssued At: \(issuedAt)"
        if let expirationTime { text += "\nExpiration Time: \(expirationTime)" }
        if let notBefore { text += "\nNot Before: \(notBefore)" }
        if let requestID { text += "\nRequest ID: \(requestID)" }
        if let resources {
            text += "\nResources:"
            for resource in resources { text += "\n- " + resource }
        }
        return text
    }
}

extension SignInWithEthereumMessage: CustomStringConvertible {
    /// The message text.
    public var description: String { text }
}
