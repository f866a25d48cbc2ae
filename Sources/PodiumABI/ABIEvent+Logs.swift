import PodiumPrimitives

/// A log decoded against its event: the parameters' values in declaration order.
public struct ABIDecodedLog: Hashable, Sendable {
    /// The event the log was decoded as.
    public let event: ABIEvent
    /// One value per parameter of `event`, in declaration order. An indexed parameter that is not a value type
    /// (`bytes`, `string`, an array, a tuple) is `.fixedBytes(topic, size: 32)`: the log keeps only its Keccak-256
    /// hash (ABI spec, "Events").
    public let values: [ABIValue]

    /// The value of the parameter named `name`, or nil.
    public subscript(name: String) -> ABIValue? {
        event.inputs.firstIndex { $0.name == name }.map { values[$0] }
    }
}

extension ABIEvent {
    /// The topics a log of this event has: the signature hash unless anonymous, then one per indexed parameter.
    public var topicCount: Int { inputs.filter(\.indexed).count + (anonymous ? 0 : 1) }

    /// Decodes a log of this event (Solidity ABI spec, "Events"): checks the topic count and the signature topic
    /// (unless anonymous), reads indexed value types from their topics with the same strictness as data, keeps
    /// the hash of other indexed values, and decodes the rest from `data`.
    public func decodeLog(topics: [Bytes32], data: some Sequence<UInt8>) throws(ABIDecodingError) -> ABIDecodedLog {
        guard topics.count == topicCount else {
            throw ABIDecodingError(.topicCountMismatch(expected: topicCount, found: topics.count), offset: 0)
        }
        if !anonymous && topics[0] != topic0 {
            throw ABIDecodingError(.eventSignatureMismatch(expected: topic0, found: topics[0]), offset: 0, topic: 0)
        }
        let bodyIndices = inputs.indices.filter { !inputs[$0].indexed }
        var bodyValues: IndexingIterator<[ABIValue]>
        do {
            bodyValues = try ABIDecoder.decode(data, as: bodyIndices.map { inputs[$0] }).makeIterator()
        } catch {
            throw error.numberedAmongAllParameters(of: self)
        }
        var topicIndex = anonymous ? 0 : 1
        var values: [ABIValue] = []
        values.reserveCapacity(inputs.count)
        for (index, parameter) in inputs.enumerated() {
            guard parameter.indexed else {
                values.append(bodyValues.next()!)
                continue
            }
            values.append(try Self.decodeTopic(topics[topicIndex], as: parameter, index: index, topicIndex: topicIndex))
            topicIndex += 1
        }
        return ABIDecodedLog(event: self, values: values)
    }

    /// The value an indexed parameter stores in `topic`: a value type decoded strictly, else the hash as it is.
    private static func decodeTopic(
        _ topic: Bytes32, as parameter: ABIParameter, index: Int, topicIndex: Int
    ) throws(ABIDecodingError) -> ABIValue {
        guard parameter.type.isValueType else { return .fixedBytes(topic, size: 32) }
        return try topic.withUnsafeBytes { (word) throws(ABIDecodingError) in
            do throws(ABIDecodingError) {
                return try ABIReader(word).value(parameter.type, at: 0).0
            } catch {
                let name = parameter.name.isEmpty ? nil : parameter.name
                throw ABIDecodingError(
                    error.reason, offset: 0, path: ABIPath([.field(index, name: name)]), topic: topicIndex)
            }
        }
    }
}
