import PodiumPrimitives

/// The `EIP712Domain` struct whose hash is the domain separator: any of the five members EIP-712 defines, in its
/// order, each with its type. A document may declare the struct in `types`, or leave it out and have it made from
/// the members its `domain` has (as eth-account, ethers and viem do).
///
/// Declarations with other members, other types or another order are refused rather than hashed as written:
/// implementations disagree on them (MetaMask hashes the declaration, eth-account the members present in this
/// order), so a signature over one could not be checked by the other.
enum EIP712Domain {
    /// `EIP712Domain`.
    static let typeName = "EIP712Domain"

    /// name, version, chainId, verifyingContract and salt, in that order.
    static let fields = [
        EIP712Field(name: "name", type: "string"),
        EIP712Field(name: "version", type: "string"),
        EIP712Field(name: "chainId", type: "uint256"),
        EIP712Field(name: "verifyingContract", type: "address"),
        EIP712Field(name: "salt", type: "bytes32"),
    ]

    private static let names = fields.map(\.name).joined(separator: ", ")

    /// Checks a declared `EIP712Domain`: members among the five, with their types, in their order.
    static func check(_ declared: [EIP712Field]) throws(EIP712Error) {
        var next = 0
        for (index, field) in declared.enumerated() {
            let path = "types.\(typeName)[\(index)]"
            guard let position = fields.firstIndex(where: { $0.name == field.name }) else {
                throw EIP712Error(
                    .invalidDomainField("\(field.name.debugDescription) is not an EIP712Domain field (\(names))"),
                    at: path)
            }
            guard field.type == fields[position].type else {
                let expected = fields[position].type
                throw EIP712Error(
                    .invalidDomainField("EIP712Domain field \(field.name) is \(expected), not \(field.type)"), at: path)
            }
            guard position >= next else {
                throw EIP712Error(.invalidDomainField("EIP712Domain fields must be in the order \(names)"), at: path)
            }
            next = position + 1
        }
    }

    /// The members of `EIP712Domain` for a domain object whose type is not declared: those of the five it has.
    static func fields(for domain: [String: JSONValue]) throws(EIP712Error) -> [EIP712Field] {
        if let unknown = domain.keys.filter({ key in !fields.contains { $0.name == key } }).min() {
            throw EIP712Error(
                .invalidDomainField("\(unknown.debugDescription) is not an EIP712Domain field (\(names))"),
                at: "domain")
        }
        return fields.filter { domain[$0.name] != nil }
    }
}
