import PodiumPrimitives

/// An event with a Swift struct for its parameters, decoded from logs on the typed path, without `ABIValue`s
/// (alloy's `SolEvent`).
///
///     struct Transfer: ABIEventType {
///         static let event = ABIEvent(name: "Transfer", inputs: [
///             ABIParameter(name: "from", type: .address, indexed: true),
///             ABIParameter(name: "to", type: .address, indexed: true),
///             ABIParameter(name: "value", type: .uint(256)),
///         ])
///         var from: Address, to: Address, value: UInt256
///
///         init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
///             from = try topics.next()
///             to = try topics.next()
///             value = try ABI.decode(UInt256.self, from: data)
///         }
///     }
///
/// `init(log:)` checks the log's topic count and signature topic before calling the conformer's initializer, and
/// names every failure by the parameter's place among all of the event's parameters.
public protocol ABIEventType: Sendable {
    /// The event's declaration: its name, parameters and which of them are indexed.
    static var event: ABIEvent { get }

    /// Reads the parameters: the indexed ones, in order, from `topics`; the others, as one parameter list, from
    /// `data`.
    init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError)
}

extension ABIEventType {
    /// The first topic of the event's logs: the Keccak-256 hash of its signature.
    public static var topic0: Bytes32 { event.topic0 }

    /// Decodes `log`, which must have the event's topic count and, unless the event is anonymous, its signature
    /// hash as topic 0 (Solidity ABI spec, "Events"). The log's address is not checked.
    public init(log: ChainLog) throws(ABIDecodingError) {
        let event = Self.event
        guard log.topics.count == event.topicCount else {
            throw ABIDecodingError(.topicCountMismatch(expected: event.topicCount, found: log.topics.count), offset: 0)
        }
        if !event.anonymous && log.topics[0] != event.topic0 {
            throw ABIDecodingError(.eventSignatureMismatch(expected: event.topic0, found: log.topics[0]), offset: 0, topic: 0)
        }
        var topics = ABITopicReader(event: event, topics: log.topics)
        do throws(ABIDecodingError) {
            self = try ABI.withBytes(log.data) { (data) throws(ABIDecodingError) in try Self(topics: &topics, data: data) }
        } catch {
            throw error.topic == nil ? error.numberedAmongAllParameters(of: event) : error
        }
    }
}

/// Hands out the indexed parameters of a log, one topic at a time, for `ABIEventType`.
public struct ABITopicReader {
    private let event: ABIEvent
    private let topics: [Bytes32]
    /// The topic the next parameter is read from.
    private var topicIndex: Int
    /// Where the next indexed parameter sits among the event's parameters.
    private var parameterIndices: IndexingIterator<[Int]>

    init(event: ABIEvent, topics: [Bytes32]) {
        self.event = event
        self.topics = topics
        topicIndex = event.anonymous ? 0 : 1
        parameterIndices = event.inputs.indices.filter { event.inputs[$0].indexed }.makeIterator()
    }

    /// The next indexed parameter, decoded from its topic with the same strictness as data (a `uint8` topic with
    /// higher bits set fails). `Value` must be a value type (integers, `Address`, `Bool`, `Bytes32`); read any other
    /// indexed parameter, which the log keeps only as a hash, as `Bytes32`.
    public mutating func next<Value: ABICodable>(_ type: Value.Type = Value.self) throws(ABIDecodingError) -> Value {
        guard topicIndex < topics.count, let parameterIndex = parameterIndices.next() else {
            throw ABIDecodingError(.topicCountMismatch(expected: topicIndex + 1, found: topics.count), offset: 0)
        }
        assert(!Value.abiIsDynamic && Value.abiHeadSize == 32, "an indexed \(Value.self) is kept as its hash: read it as Bytes32")
        defer { topicIndex += 1 }
        do throws(ABIDecodingError) {
            return try topics[topicIndex].withUnsafeBytes { (word) throws(ABIDecodingError) in
                try ABI.decode(Value.self, from: word)
            }
        } catch {
            let name = event.inputs[parameterIndex].name
            throw ABIDecodingError(
                error.reason, offset: 0, path: ABIPath([.field(parameterIndex, name: name.isEmpty ? nil : name)]),
                topic: topicIndex)
        }
    }
}

extension ABIDecodingError {
    /// The error of decoding an event's data, with the first step of its path numbered among all of the event's
    /// parameters, as `ABIEvent.decodeLog` numbers them, rather than among the non-indexed ones.
    func numberedAmongAllParameters(of event: ABIEvent) -> ABIDecodingError {
        let bodyIndices = event.inputs.indices.filter { !event.inputs[$0].indexed }
        var renumbered = path
        if case .field(let index, _) = renumbered.components.first, bodyIndices.indices.contains(index) {
            let name = event.inputs[bodyIndices[index]].name
            renumbered.components[0] = .field(bodyIndices[index], name: name.isEmpty ? nil : name)
        }
        return ABIDecodingError(reason, offset: offset, path: renumbered, topic: topic)
    }
}
