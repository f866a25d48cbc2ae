import PodiumPrimitives

/// Why bytes could not be decoded, which value failed and at which byte offset.
public struct ABIDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let reason: Reason
    /// The value that failed, inside the parameter list being decoded (`amounts[3]`, `#1.winners[2]`).
    public internal(set) var path: ABIPath
    /// The byte offset in the input of the word or data that failed (calldata offsets count the selector).
    public internal(set) var offset: Int
    /// For an indexed event parameter, the index of the log topic that failed; nil for data.
    public internal(set) var topic: Int?

    /// What is wrong at `offset`.
    public enum Reason: Hashable, Sendable {
        /// The input ends early: `needed` bytes were to be read at `offset`, only `available` are there.
        case truncated(needed: Int, available: Int)
        /// An offset word pointing at or past the end of the input.
        case offsetOutOfBounds(UInt256)
        /// An offset pointing back into the head of its own tuple or array, before `headSize`.
        case offsetIntoHead(Int, headSize: Int)
        /// An offset pointing before the end of the data of the previous dynamic value of the same tuple or
        /// array: the two would overlap, or the order of the data differs from the order of the values.
        case overlappingData(Int, previousEnd: Int)
        /// A `bytes`, `string` or array length whose smallest encoding is longer than the `maximum` the rest of
        /// the input could hold.
        case lengthTooLarge(UInt256, maximum: Int)
        /// A `uint<M>` word with bits set above M, or an `int<M>` word that is not sign-extended from M bits.
        case valueOutOfRange(ABIType)
        /// Non-zero padding: the first 12 bytes of an `address`, the bytes after a `bytes<M>` or `function`, or
        /// after the payload of a `bytes` or `string`.
        case dirtyPadding(ABIType)
        /// A `bool` word other than 0 or 1.
        case invalidBool(UInt256)
        /// A `string` payload that is not UTF-8.
        case invalidUTF8
        /// Calldata or revert data shorter than a selector.
        case missingSelector(length: Int)
        /// Calldata or revert data starting with another selector than the function's or error's.
        case selectorMismatch(expected: Selector, found: Selector)
        /// A log with another number of topics than the event's indexed parameters (plus one unless anonymous).
        case topicCountMismatch(expected: Int, found: Int)
        /// A log whose first topic is not the event's signature hash.
        case eventSignatureMismatch(expected: Bytes32, found: Bytes32)
    }

    /// The error for `reason` at byte `offset`, in the value at `path`, in log topic `topic` when there is one.
    public init(_ reason: Reason, offset: Int, path: ABIPath = ABIPath(), topic: Int? = nil) {
        self.reason = reason
        self.offset = offset
        self.path = path
        self.topic = topic
    }

    /// The error with `component` added in front of its path.
    func within(_ component: ABIPath.Component) -> ABIDecodingError {
        ABIDecodingError(reason, offset: offset, path: path.prepending(component), topic: topic)
    }

    /// The error with its offset moved by `shift` bytes and names from `parameters` in its path.
    func relocated(by shift: Int, names parameters: [ABIParameter]?) -> ABIDecodingError {
        let named = parameters.map { path.named(by: $0) } ?? path
        return ABIDecodingError(reason, offset: offset + shift, path: named, topic: topic)
    }

    /// A one-line message naming the problem, the value and the offset.
    public var description: String {
        let what: String =
            switch reason {
            case .truncated(let needed, let available): "data too short: needed \(needed) bytes, \(available) left"
            case .offsetOutOfBounds(let offset): "offset \(offset) points past the end of the data"
            case .offsetIntoHead(let offset, let headSize):
                "offset \(offset) points into the head, which is \(headSize) bytes"
            case .overlappingData(let offset, let previousEnd):
                "offset \(offset) points before the end of the previous value's data at \(previousEnd)"
            case .lengthTooLarge(let length, let maximum): "length \(length) exceeds the \(maximum) the data can hold"
            case .valueOutOfRange(let type): "value out of range for \(type)"
            case .dirtyPadding(let type): "non-zero padding in \(type)"
            case .invalidBool(let word): "bool must be 0 or 1, found \(word)"
            case .invalidUTF8: "string is not valid UTF-8"
            case .missingSelector(let length): "\(length) bytes are too short for a selector"
            case .selectorMismatch(let expected, let found): "selector \(found) is not \(expected)"
            case .topicCountMismatch(let expected, let found): "expected \(expected) topics, found \(found)"
            case .eventSignatureMismatch(let expected, let found): "topic 0 \(found) is not the event's \(expected)"
            }
        let place = topic.map { "topic \($0)" } ?? "offset \(offset)"
        return path.components.isEmpty ? "\(what) at \(place)" : "\(what) at \(place) (\(path))"
    }
}
