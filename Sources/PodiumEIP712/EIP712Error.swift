import PodiumPrimitives

/// Why typed data could not be read, checked or hashed, and where: `message.to.wallets[1]: expected address, got
/// "0x12"`.
public struct EIP712Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is: a JSONPath-like location in the document (`message.to.wallets[1]`,
    /// `types.Mail[0].type`, `domain.chainId`), empty for the document as a whole.
    public let path: String
    /// What is wrong there.
    public let reason: Reason

    /// What is wrong with the value or definition at `path`.
    public enum Reason: Hashable, Sendable {
        /// The text is not JSON: what was wrong and the byte offset where reading stopped.
        case invalidJSON(String, offset: Int)
        /// An object lacks a member it must have.
        case missingField(String)
        /// A struct value has a member its type does not declare.
        case unexpectedField(String, type: String)
        /// A value of the wrong kind or shape: the EIP-712 type expected and a summary of the value found.
        case typeMismatch(expected: String, found: String)
        /// A JSON number with a fraction or exponent where an integer type is expected.
        case notAnInteger(type: String, found: String)
        /// An integer outside its type's range (`256` for `uint8`).
        case outOfRange(type: String, value: String)
        /// A `bytes<N>` value of another length; carries the byte count found.
        case wrongByteCount(type: String, count: Int)
        /// A fixed-size array value with another number of elements; carries the count found.
        case wrongElementCount(type: String, count: Int)
        /// Mixed-case address hex whose letter case is not the EIP-55 checksum; carries the checksummed form.
        case invalidChecksum(expected: Address)
        /// A type name that is neither an EIP-712 atomic type nor a struct in `types`.
        case undefinedType(String)
        /// A type string that does not parse: not a name followed by `[]` or `[k]` suffixes, or an array size that
        /// is zero, has a leading zero or does not fit an `Int`.
        case invalidType(String)
        /// A struct or member name that is not an identifier (`[A-Za-z_$][A-Za-z0-9_$]*`).
        case invalidName(String)
        /// A struct named like an atomic type (`uint256`, `bytes`).
        case reservedName(String)
        /// A member declared twice in one struct.
        case duplicateField(String)
        /// An `EIP712Domain` member other than name, version, chainId, verifyingContract and salt, declared with
        /// another type than theirs, or out of their order.
        case invalidDomainField(String)
        /// `EIP712Domain` given as the primary type.
        case domainAsPrimaryType
    }

    /// The error for `reason` at `path`.
    public init(_ reason: Reason, at path: String = "") {
        (self.reason, self.path) = (reason, path)
    }

    /// One line: the path, a colon, and what is wrong; names and types longer than 60 characters are cut short.
    public var description: String {
        let what: String =
            switch reason {
            case .invalidJSON(let problem, let offset): "invalid JSON at byte \(offset): \(problem)"
            case .missingField(let name): "missing field \(quoted(name))"
            case .unexpectedField(let name, let type): "field \(quoted(name)) is not in type \(short(type))"
            case .typeMismatch(let expected, let found): "expected \(short(expected)), got \(found)"
            case .notAnInteger(let type, let found):
                "expected \(short(type)), got \(found): write integers without fraction or exponent, or as a decimal "
                    + "or 0x-hex string"
            case .outOfRange(let type, let value): "\(short(value)) is out of range for \(type)"
            case .wrongByteCount(let type, let count): "expected \(type), got \(count) bytes"
            case .wrongElementCount(let type, let count): "expected \(short(type)), got \(count) elements"
            case .invalidChecksum(let expected): "invalid EIP-55 checksum: expected \(expected)"
            case .undefinedType(let name): "undefined type \(quoted(name))"
            case .invalidType(let text): "\(quoted(text)) is not a type: expected a name and [] or [k] suffixes"
            case .invalidName(let name): "\(quoted(name)) is not an identifier"
            case .reservedName(let name): "a struct cannot be named \(name), an atomic type"
            case .duplicateField(let name): "field \(quoted(name)) is declared twice"
            case .invalidDomainField(let problem): problem
            case .domainAsPrimaryType: "EIP712Domain is the domain's type, not a message type"
            }
        return path.isEmpty ? what : "\(path): \(what)"
    }
}

/// `text`, cut to its first 60 characters and `…` when longer, so that an error stays one readable line.
private func short(_ text: String) -> String {
    text.count > 60 ? String(text.prefix(60)) + "…" : text
}

/// `short(text)` in quotes, with escapes.
private func quoted(_ text: String) -> String {
    short(text).debugDescription
}
