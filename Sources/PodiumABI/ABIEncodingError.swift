/// Why values could not be encoded against their types, and which value.
public struct ABIEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let reason: Reason
    /// The value that is wrong, inside the list being encoded.
    public internal(set) var path: ABIPath

    /// What is wrong with the value at `path`.
    public enum Reason: Hashable, Sendable {
        /// A value of another kind than the type (a `bool` for a `uint256`, an array for a tuple).
        case typeMismatch(expected: ABIType, found: String)
        /// An integer outside the type's range (300 for `uint8`, -129 for `int8`), or a `bytes<M>` value of another
        /// size or with non-zero bytes after its size.
        case valueOutOfRange(ABIType)
        /// A tuple, fixed array or parameter list with another number of values than its type has.
        case countMismatch(expected: Int, found: Int)
        /// A type that `abi.encodePacked` does not accept: tuples, nested arrays, arrays of `bytes` or `string`
        /// (Solidity ABI spec, "Non-standard Packed Mode").
        case unsupportedInPackedMode(ABIType)
    }

    /// The error for `reason` at the value at `path`.
    public init(_ reason: Reason, path: ABIPath = ABIPath()) {
        self.reason = reason
        self.path = path
    }

    /// The error with `component` added in front of its path.
    func within(_ component: ABIPath.Component) -> ABIEncodingError {
        ABIEncodingError(reason, path: path.prepending(component))
    }

    /// A one-line message naming the problem and the value.
    public var description: String {
        let what: String =
            switch reason {
            case .typeMismatch(let expected, let found): "expected a \(expected) value, found \(found)"
            case .valueOutOfRange(let type): "value out of range for \(type)"
            case .countMismatch(let expected, let found): "expected \(expected) values, found \(found)"
            case .unsupportedInPackedMode(let type): "\(type) is not supported in packed mode"
            }
        return path.components.isEmpty ? what : "\(what) at \(path)"
    }
}
