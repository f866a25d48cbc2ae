/// Why text or bytes are not an address.
public enum AddressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not 40 hex digits after the optional `0x`; carries how many characters there were.
    case wrongLength(digits: Int)
    /// A character that is not a hex digit, at this character offset in the input (the `0x` counts).
    case invalidCharacter(Character, offset: Int)
    /// Mixed-case hex whose letter cases differ from the EIP-55 checksum of the same address.
    case invalidChecksum(expected: Address)
    /// Not exactly 20 bytes.
    case wrongByteCount(Int)

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .wrongLength(let digits): "an address is 40 hex digits, got \(digits)"
        case .invalidCharacter(let character, let offset):
            "invalid hex character \(character.debugDescription) at offset \(offset) in address"
        case .invalidChecksum(let expected): "invalid EIP-55 checksum: expected \(expected)"
        case .wrongByteCount(let count): "an address is 20 bytes, got \(count)"
        }
    }
}
