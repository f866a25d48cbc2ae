/// Why a type string or a human-readable signature could not be parsed, and where.
public struct ABIParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that failed to parse.
    public let input: String
    /// The offset, in UTF-8 bytes (characters, for ASCII text), where the problem starts.
    public let position: Int
    /// What is wrong there.
    public let reason: Reason

    /// The error for `reason` at `position` in `input`.
    public init(input: String, position: Int, reason: Reason) {
        self.input = input
        self.position = position
        self.reason = reason
    }

    /// What is wrong at `position`.
    public enum Reason: Hashable, Sendable {
        /// The text ends where it should go on with `expected`.
        case unexpectedEnd(expected: String)
        /// A character other than `expected`.
        case unexpectedCharacter(Character, expected: String)
        /// A name that is not an ABI type (a struct or contract name, a typo).
        case unknownType(String)
        /// `uint<M>` or `int<M>` with M not one of 8, 16, …, 256 (`uint7`, `int264`, `uint08`).
        case invalidIntegerWidth(String)
        /// `bytes<M>` with M not one of 1…32 (`bytes0`, `bytes33`).
        case invalidFixedBytesSize(String)
        /// `fixed<M>x<N>` and `ufixed<M>x<N>`, which Podium does not support (Solidity cannot use them either).
        case unsupportedFixedPoint(String)
        /// `T[0]`: a fixed array needs at least one element.
        case zeroLengthArray
        /// An array length with a leading zero, or a static size beyond 2³² bytes.
        case invalidArrayLength(String)
        /// `()`: a tuple needs at least one component.
        case emptyTuple
        /// Tuples and arrays nested more than `ABIType.maximumDepth` deep.
        case tooDeep(limit: Int)
        /// A parameter name where a type string allows none (`ABIType(parsing: "uint256 amount")`).
        case unexpectedName(String)
        /// A keyword where it means nothing or contradicts the item: `indexed` outside an event, `anonymous` on a
        /// function, a second `returns`.
        case misplacedKeyword(String)
        /// A signature of another kind than asked for, as `ABIEvent(parsing: "function f()")`.
        case wrongItemKind(expected: String, found: String)
        /// An event with more indexed parameters than a log has topics for: 3, or 4 when anonymous.
        case tooManyIndexed(count: Int, limit: Int)
    }

    /// A one-line message naming the problem and its position.
    public var description: String {
        let what: String =
            switch reason {
            case .unexpectedEnd(let expected): "unexpected end, expected \(expected)"
            case .unexpectedCharacter(let character, let expected):
                "unexpected \(character.debugDescription), expected \(expected)"
            case .unknownType(let name): "unknown type \(name.debugDescription)"
            case .invalidIntegerWidth(let name): "invalid integer width in \(name) (8…256, a multiple of 8)"
            case .invalidFixedBytesSize(let name): "invalid size in \(name) (1…32)"
            case .unsupportedFixedPoint(let name): "fixed-point type \(name) is not supported"
            case .zeroLengthArray: "a fixed array needs at least one element"
            case .invalidArrayLength(let length): "invalid array length \(length)"
            case .emptyTuple: "a tuple needs at least one component"
            case .tooDeep(let limit): "types nest more than \(limit) deep"
            case .unexpectedName(let name): "unexpected name \(name.debugDescription) in a type"
            case .misplacedKeyword(let keyword): "\(keyword.debugDescription) is not allowed here"
            case .wrongItemKind(let expected, let found): "expected \(expected), found \(found)"
            case .tooManyIndexed(let count, let limit):
                "\(count) indexed parameters: a log has topics for at most \(limit)"
                    + (limit == 3 ? " (4 when the event is anonymous)" : "")
            }
        return "\(what) at offset \(position) in \(input.debugDescription)"
    }
}
