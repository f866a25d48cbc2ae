import PodiumPrimitives

extension ABIEvent {
    /// The indexed parameters, in order: the ones in topics 1, 2, 3 (0, 1, 2, 3 for an anonymous event).
    public var indexedInputs: [ABIParameter] { inputs.filter(\.indexed) }

    /// The topic that indexed parameter `position` (0 for the first indexed parameter) has when it holds
    /// `value`: the value's word for a value type, the keccak256 of its in-place encoding otherwise (Solidity ABI
    /// spec, "Encoding of Indexed Event Parameters").
    public func topic(ofIndexed position: Int, _ value: ABIValue) throws(ABIEncodingError) -> Bytes32 {
        let indexed = indexedInputs
        guard indexed.indices.contains(position) else {
            throw ABIEncodingError(.countMismatch(expected: indexed.count, found: position + 1))
        }
        do {
            return try indexed[position].type.topic(for: value)
        } catch {
            let name = indexed[position].name
            throw error.within(.field(inputs.firstIndex(of: indexed[position]) ?? position, name: name.isEmpty ? nil : name))
        }
    }

    /// The `topics` of an `eth_getLogs` filter matching this event's logs whose indexed parameters hold one of
    /// the given values: `values[i]` lists the values accepted for indexed parameter `i`, nil for any. Topic 0 is
    /// the signature hash unless the event is anonymous; trailing wildcards are left out, as nodes treat a
    /// shorter list as matching anything in the remaining positions.
    public func topicFilter(_ values: [[ABIValue]?] = []) throws(ABIEncodingError) -> [[Bytes32]?] {
        var filter: [[Bytes32]?] = anonymous ? [] : [[topic0]]
        for (position, accepted) in values.enumerated() {
            guard let accepted else {
                filter.append(nil)
                continue
            }
            var topics: [Bytes32] = []
            for value in accepted { topics.append(try topic(ofIndexed: position, value)) }
            filter.append(topics)
        }
        while filter.last.map({ $0 == nil }) == true { filter.removeLast() }
        return filter
    }
}
