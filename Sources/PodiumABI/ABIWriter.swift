import PodiumPrimitives

/// Writes the standard ABI encoding of values that `ABIEncoder` has checked against their types into a zeroed
/// buffer that `ABIEncoder` has sized exactly; writes only non-zero bytes and never reads back.
struct ABIWriter {
    /// Where the encoding starts: offsets in the encoding count from here.
    let base: UnsafeMutableRawPointer

    /// Writes `value` of `type` at `offset`, in place for a static type, as the data a head points to for a
    /// dynamic one; returns where its encoding ends.
    func value(_ value: ABIValue, _ type: ABIType, at offset: Int) -> Int {
        let word = base + offset
        switch value {
        case .uint(let number, _):
            number.storeBigEndian(to: word)
        case .int(let number, _):
            UInt256(bitPattern: number).storeBigEndian(to: word)
        case .address(let address):
            address.word.store(to: word)
        case .bool(let truth):
            word.storeBytes(of: truth ? 1 : 0, toByteOffset: 31, as: UInt8.self)
        case .fixedBytes(let bytes, _):
            bytes.store(to: word)
        case .function(let address, let selector):
            address.withUnsafeBytes { word.copyMemory(from: $0.baseAddress!, byteCount: 20) }
            word.storeBytes(of: selector.rawValue.bigEndian, toByteOffset: 20, as: UInt32.self)
        case .bytes(let bytes):
            return payload(bytes, at: offset)
        case .string(let text):
            return payload(text.utf8, at: offset)
        case .array(let elements):
            UInt256(UInt64(elements.count)).storeBigEndian(to: word)
            guard case .array(let element) = type else { preconditionFailure("value checked against its type") }
            return self.elements(elements, element, at: offset + 32)
        case .fixedArray(let elements):
            guard case .fixedArray(let element, _) = type else { preconditionFailure("value checked against its type") }
            return self.elements(elements, element, at: offset)
        case .tuple(let components):
            guard case .tuple(let types) = type else { preconditionFailure("value checked against its type") }
            return tuple(components, types, at: offset)
        }
        return offset + 32
    }

    /// Writes a length word and `bytes` after it; returns where the padded payload ends.
    private func payload(_ bytes: some Collection<UInt8>, at offset: Int) -> Int {
        UInt256(UInt64(bytes.count)).storeBigEndian(to: base + offset)
        copyBytes(bytes, to: base + offset + 32)
        return offset + 32 + paddedLength(bytes.count)
    }

    /// Writes the tuple `values` of `types` at `offset`: heads, then the data of the dynamic components in order.
    func tuple(_ values: [ABIValue], _ types: [ABIType], at offset: Int) -> Int {
        let layout = TupleLayout(types)
        var head = offset
        var tail = offset + layout.headSize
        for index in types.indices {
            if layout.isDynamic(index, of: types) {
                UInt256(UInt64(tail - offset)).storeBigEndian(to: base + head)
                tail = value(values[index], types[index], at: tail)
                head += 32
            } else {
                head = value(values[index], types[index], at: head)
            }
        }
        return tail
    }

    /// Writes array elements at `offset` (after the length word of a `T[]`), as a tuple of `element`s.
    func elements(_ values: [ABIValue], _ element: ABIType, at offset: Int) -> Int {
        guard element.isDynamic else {
            var end = offset
            switch element {
            case .uint:
                // The common word arrays without the general switch per element.
                for case .uint(let number, _) in values {
                    number.storeBigEndian(to: base + end)
                    end += 32
                }
            case .address:
                for case .address(let address) in values {
                    address.word.store(to: base + end)
                    end += 32
                }
            default:
                for value in values { end = self.value(value, element, at: end) }
            }
            return end
        }
        var head = offset
        var tail = offset + 32 * values.count
        for value in values {
            UInt256(UInt64(tail - offset)).storeBigEndian(to: base + head)
            tail = self.value(value, element, at: tail)
            head += 32
        }
        return tail
    }
}
