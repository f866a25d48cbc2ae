import PodiumPrimitives

// Two in-place encodings without heads, offsets or lengths, checked and sized first, then written into one buffer:
//
// - `abi.encodePacked` (Solidity ABI spec, "Non-standard Packed Mode"): each argument in its own size without
//   padding (`uint16` 2 bytes, `address` 20, `bool` 1, `bytes`/`string` their bytes), arrays as their elements each
//   padded to 32 bytes. As Solidity, it rejects tuples, arrays of arrays and arrays of `bytes`/`string`.
// - indexed event parameters (ABI spec, "Encoding of Indexed Event Parameters"): a value type is its word; any other
//   value is hashed, `bytes`/`string` as their bytes, arrays and tuples as the concatenation of their elements each
//   padded to a multiple of 32 bytes (value types as their word, `bytes`/`string` right-padded, no lengths).

extension ABIEncoder {
    /// `abi.encodePacked(values…)` for arguments of `types` (Solidity ABI spec, "Non-standard Packed Mode").
    public static func encodePacked(_ values: [ABIValue], as types: [ABIType]) throws(ABIEncodingError) -> [UInt8] {
        guard values.count == types.count else {
            throw ABIEncodingError(.countMismatch(expected: types.count, found: values.count))
        }
        var size = 0
        for index in types.indices {
            do {
                size += try packedSize(of: values[index], as: types[index], mode: .packed, padded: false)
            } catch {
                throw error.within(.field(index, name: nil))
            }
        }
        return makeBytes(count: size, zeroed: false) { base in
            let writer = PackedWriter(base: base)
            var offset = 0
            for (value, type) in zip(values, types) { offset = writer.value(value, type, at: offset, padded: false) }
            assert(offset == size, "packed encoder wrote \(offset) bytes, sized \(size)")
        }
    }

    /// Which in-place encoding `packedSize` checks and sizes.
    enum PackedMode {
        /// `abi.encodePacked`: arrays of value types only.
        case packed
        /// The pre-image of an indexed event parameter's topic: any type.
        case topic
    }

    /// Checks `value` against `type` for `mode` and returns the size of its in-place encoding, `padded` to 32 bytes
    /// (a multiple of 32 for `bytes`/`string`) when it is an array element or tuple component.
    static func packedSize(
        of value: ABIValue, as type: ABIType, mode: PackedMode, padded: Bool
    ) throws(ABIEncodingError) -> Int {
        switch type {
        case .uint, .int, .address, .bool, .fixedBytes, .function:
            try type.validate(value)
            return padded ? 32 : type.packedWidth
        case .bytes, .string:
            let paddedSize = try size(of: value, as: type) - 32
            return padded ? paddedSize : value.payloadCount
        case .array(let element), .fixedArray(let element, _):
            if mode == .packed && (padded || !element.isValueType) {
                throw ABIEncodingError(.unsupportedInPackedMode(type))
            }
            let elements: [ABIValue]
            switch (type, value) {
            case (.array, .array(let list)):
                elements = list
            case (.fixedArray(_, let count), .fixedArray(let list)):
                guard list.count == count else {
                    throw ABIEncodingError(.countMismatch(expected: count, found: list.count))
                }
                elements = list
            default:
                throw ABIEncodingError(.typeMismatch(expected: type, found: value.kindName))
            }
            var size = 0
            for (index, item) in elements.enumerated() {
                do {
                    size += try packedSize(of: item, as: element, mode: mode, padded: true)
                } catch {
                    throw error.within(.element(index))
                }
            }
            return size
        case .tuple(let components):
            guard mode == .topic else { throw ABIEncodingError(.unsupportedInPackedMode(type)) }
            guard case .tuple(let values) = value else {
                throw ABIEncodingError(.typeMismatch(expected: type, found: value.kindName))
            }
            guard values.count == components.count else {
                throw ABIEncodingError(.countMismatch(expected: components.count, found: values.count))
            }
            var size = 0
            for index in components.indices {
                do {
                    size += try packedSize(of: values[index], as: components[index], mode: mode, padded: true)
                } catch {
                    throw error.within(.field(index, name: nil))
                }
            }
            return size
        }
    }
}

extension ABIType {
    /// The topic that stands for `value` of this type as an indexed event parameter: a value type's word, else
    /// the Keccak-256 hash of its in-place encoding (ABI spec, "Encoding of Indexed Event Parameters").
    public func topic(for value: ABIValue) throws(ABIEncodingError) -> Bytes32 {
        let size = try ABIEncoder.packedSize(of: value, as: self, mode: .topic, padded: isValueType)
        let encoding = makeBytes(count: size, zeroed: false) { base in
            _ = PackedWriter(base: base).value(value, self, at: 0, padded: isValueType)
        }
        return isValueType ? encoding.withUnsafeBytes { Bytes32(loading: $0.baseAddress!) } : Keccak256.hash(encoding)
    }

    /// The size of a value type in packed mode, without padding.
    var packedWidth: Int {
        switch self {
        case .uint(let bits), .int(let bits): bits / 8
        case .address: 20
        case .bool: 1
        case .fixedBytes(let size): size
        case .function: 24
        case .bytes, .string, .array, .fixedArray, .tuple: 0
        }
    }
}

extension ABIValue {
    /// The byte count of a `bytes` or `string` payload.
    fileprivate var payloadCount: Int {
        switch self {
        case .bytes(let bytes): bytes.count
        case .string(let text): text.utf8.count
        default: 0
        }
    }
}

/// Writes the in-place encodings of checked values into a buffer sized by `packedSize`, every byte of it
/// (padding included), and returns where each ends.
private struct PackedWriter {
    let base: UnsafeMutableRawPointer

    /// Writes `value` of `type` at `offset`, padded when `padded`.
    func value(_ value: ABIValue, _ type: ABIType, at offset: Int, padded: Bool) -> Int {
        switch (type, value) {
        case (_, .bytes(let bytes)):
            return payload(bytes, at: offset, padded: padded)
        case (_, .string(let text)):
            return payload(text.utf8, at: offset, padded: padded)
        case (.array(let element), .array(let elements)), (.fixedArray(let element, _), .fixedArray(let elements)):
            var end = offset
            for item in elements { end = self.value(item, element, at: end, padded: true) }
            return end
        case (.tuple(let types), .tuple(let values)):
            var end = offset
            for (item, itemType) in zip(values, types) { end = self.value(item, itemType, at: end, padded: true) }
            return end
        default:
            // A value type: its standard word, whole when padded, else only the bytes that carry the value.
            let width = padded ? 32 : type.packedWidth
            withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { word in
                word.initializeMemory(as: UInt8.self, repeating: 0)
                _ = ABIWriter(base: word.baseAddress!).value(value, type, at: 0)
                let start = type.isLeftAligned ? 0 : 32 - width
                (base + offset).copyMemory(from: word.baseAddress! + start, byteCount: width)
            }
            return offset + width
        }
    }

    /// Writes `bytes`, then zeros up to a multiple of 32 when `padded`.
    private func payload(_ bytes: some Collection<UInt8>, at offset: Int, padded: Bool) -> Int {
        copyBytes(bytes, to: base + offset)
        let end = offset + (padded ? paddedLength(bytes.count) : bytes.count)
        (base + offset + bytes.count).initializeMemory(as: UInt8.self, repeating: 0, count: end - offset - bytes.count)
        return end
    }
}

extension ABIType {
    /// True for the value types whose bytes start their word (`bytes<M>`, `function`); integers, `address` and
    /// `bool` end it.
    fileprivate var isLeftAligned: Bool {
        switch self {
        case .fixedBytes, .function: true
        default: false
        }
    }
}
