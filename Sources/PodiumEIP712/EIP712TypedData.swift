import PodiumPrimitives
import PodiumSigner

/// Typed structured data (EIP-712) in the JSON form `eth_signTypedData_v4` takes, checked and hashed:
/// `{"types": {…}, "primaryType": "Mail", "domain": {…}, "message": {…}}`.
///
/// Reading it checks everything a signature depends on: the struct types (`EIP712Types`), the domain against
/// `EIP712Domain`, and the message against the primary type, each value against its member's type with exact
/// integer ranges. Message objects must have exactly their type's members; `null` stands for a struct value
/// only, hashed as 32 zero bytes as eth_signTypedData_v4 does (how a recursive type ends). Other top-level
/// members are ignored.
public struct EIP712TypedData: Sendable {
    /// The struct types, `EIP712Domain` included (as declared, or made from the domain's members).
    public let types: EIP712Types
    /// The struct type of `message`.
    public let primaryType: String
    /// The domain's members.
    public let domain: JSONValue
    /// The message, a value of `primaryType`.
    public let message: JSONValue
    /// hashStruct(EIP712Domain, domain).
    public let domainSeparator: Bytes32
    /// hashStruct(primaryType, message).
    public let messageHash: Bytes32

    /// Reads a typed-data document; errors name the offending member (`message.to.wallet: expected address, got
    /// "0x12"`).
    public init(json: some Collection<UInt8>) throws(EIP712Error) {
        let value: JSONValue
        do {
            value = try JSONValue(json: json)
        } catch {
            throw EIP712Error(.invalidJSON(error.reason, offset: error.offset))
        }
        guard case .object(let document) = value else {
            throw EIP712Error(.typeMismatch(expected: "a typed-data object", found: value.summary))
        }
        func member(_ key: String) throws(EIP712Error) -> JSONValue {
            guard let value = document[key] else { throw EIP712Error(.missingField(key)) }
            return value
        }
        let primaryType = try member("primaryType")
        guard case .string(let primaryTypeName) = primaryType else {
            throw EIP712Error(.typeMismatch(expected: "a struct name", found: primaryType.summary), at: "primaryType")
        }
        try self.init(
            types: EIP712Types(json: member("types")), primaryType: primaryTypeName, domain: member("domain"),
            message: member("message"))
    }

    /// Checks and hashes `domain` and `message` against `types`; `EIP712Domain` is made from the domain's
    /// members when `types` does not declare it.
    public init(
        types: EIP712Types, primaryType: String, domain: JSONValue, message: JSONValue
    ) throws(EIP712Error) {
        guard primaryType != EIP712Domain.typeName else { throw EIP712Error(.domainAsPrimaryType, at: "primaryType") }
        guard types.structs[primaryType] != nil else {
            throw EIP712Error(.undefinedType(primaryType), at: "primaryType")
        }
        guard case .object(let domainMembers) = domain else {
            throw EIP712Error(.typeMismatch(expected: EIP712Domain.typeName, found: domain.summary), at: "domain")
        }
        let allTypes: EIP712Types
        if let declared = types.structs[EIP712Domain.typeName] {
            try EIP712Domain.check(declared)
            allTypes = types
        } else {
            allTypes = try types.adding(domain: EIP712Domain.fields(for: domainMembers))
        }
        self.types = allTypes
        self.primaryType = primaryType
        self.domain = domain
        self.message = message
        var domainEncoder = EIP712Encoder(types: allTypes, root: "domain")
        domainSeparator = Keccak256.hash(try domainEncoder.encodeData(EIP712Domain.typeName, domain))
        var messageEncoder = EIP712Encoder(types: allTypes, root: "message")
        messageHash = Keccak256.hash(try messageEncoder.encodeData(primaryType, message))
    }

    /// The hash that is signed: keccak256(`0x19 0x01` ‖ domainSeparator ‖ hashStruct(message)).
    public var signingHash: Bytes32 {
        EIP191.typedDataHash(domainSeparator: domainSeparator, structHash: messageHash)
    }
}

extension PrivateKey {
    /// Signs typed data as `eth_signTypedData_v4` does; `bytes` of the result is the 65-byte signature with v 27
    /// or 28.
    public func signTypedData(_ data: EIP712TypedData) -> Signature {
        sign(hash: data.signingHash)
    }
}

extension Signature {
    /// The account that signed `data` with `eth_signTypedData_v4`.
    public func typedDataSigner(_ data: EIP712TypedData) throws(SignerError) -> Address {
        try recoverAddress(hash: data.signingHash)
    }

    /// True when this is a valid low-s signature of `data` by `signer` (EIP-712).
    public func verifyTypedData(_ data: EIP712TypedData, signer: Address) -> Bool {
        verify(hash: data.signingHash, signer: signer)
    }
}
