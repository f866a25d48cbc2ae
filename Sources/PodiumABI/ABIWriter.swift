import PodiumPrimitives

/// Writes the standard ABI encoding into a zeroed buffer sized exactly beforehand; never reads back.
///
/// Both encoders write through it: `ABIEncoder` the `ABIValue`s it has checked against their types, and the typed
/// path, which hands a writer to `ABICodable.abiEncode(to:at:)`; a conformance outside this module encodes by
/// delegating to others.
public struct ABIWriter {
    /// Where the encoding starts: offsets in the encoding count from here.
    @usableFromInline let base: UnsafeMutableRawPointer

    /// A writer into the buffer at `base`.
    @inlinable
    init(base: UnsafeMutableRawPointer) {
        self.base = base
    }

    /// Writes `value` of `type` at `offset`, in place for a static type, as the data a head points to for a
    /// dynamic one; returns where its encoding ends.
    func value(_ value: ABIValue, _ type: ABIType, at offset: Int) -> Int {
        withUnsafePointer(to: value) { self.value(at: $0, type, at: offset) }
    }

    /// Writes the value at `pointer`, read in place: an `ABIValue` passed by value is copied, payload and all, each
    /// time it is taken out of an array.
    func value(at pointer: UnsafePointer<ABIValue>, _ type: ABIType, at offset: Int) -> Int {
        let word = base + offset
        switch pointer.pointee {
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
    @inlinable
    func payload(_ bytes: some Collection<UInt8>, at offset: Int) -> Int {
        UInt256(UInt64(bytes.count)).storeBigEndian(to: base + offset)
        copyBytes(bytes, to: base + offset + 32)
        return offset + 32 + paddedLength(bytes.count)
    }

    /// Writes the tuple `values` of `types` at `offset`: heads, then the data of the dynamic components in order.
    func tuple(_ values: [ABIValue], _ types: [ABIType], at offset: Int) -> Int {
        tuple(values, types, layout: TupleLayout(types), at: offset)
    }

    /// Writes the tuple `values` of `types`, whose layout is `layout`.
    private func tuple(_ values: [ABIValue], _ types: [ABIType], layout: TupleLayout, at offset: Int) -> Int {
        var head = ABIHeadWriter(self, at: offset, headSize: layout.headSize)
        values.withUnsafeBufferPointer { values in
            for index in types.indices {
                head.next(isDynamic: layout.isDynamic(index, of: types)) {
                    value(at: values.baseAddress! + index, types[index], at: $0)
                }
            }
        }
        return head.end
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
                values.withUnsafeBufferPointer { values in
                    for index in values.indices { end = value(at: values.baseAddress! + index, element, at: end) }
                }
            }
            return end
        }
        var head = ABIHeadWriter(self, at: offset, headSize: 32 * values.count)
        values.withUnsafeBufferPointer { values in
            guard case .tuple(let types) = element else {
                for index in values.indices {
                    head.next(isDynamic: true) { value(at: values.baseAddress! + index, element, at: $0) }
                }
                return
            }
            // Tuples, the common dynamic elements, with their layout found once for all of them.
            let layout = TupleLayout(types)
            for index in values.indices {
                guard case .tuple(let fields) = values[index] else {
                    preconditionFailure("value checked against its type")
                }
                head.next(isDynamic: true) { tuple(fields, types, layout: layout, at: $0) }
            }
        }
        return head.end
    }
}

/// Writes the head of a tuple, or the elements of an array, one component at a time: a static component in place,
/// a dynamic one as an offset in the head and its data after the data of the components before it.
@usableFromInline
struct ABIHeadWriter {
    @usableFromInline let writer: ABIWriter
    /// Where the tuple or the elements start: offsets in the head count from here.
    @usableFromInline let start: Int
    /// Where the next component goes in the head.
    @usableFromInline var head: Int
    /// Where the data written so far ends: once every component is written, where the encoding ends.
    @usableFromInline var end: Int

    /// A walk over the head of `headSize` bytes at `start`.
    @inlinable
    init(_ writer: ABIWriter, at start: Int, headSize: Int) {
        (self.writer, self.start, head, end) = (writer, start, start, start &+ headSize)
    }

    /// Writes the next component: `write` writes it at the offset it is given and returns where it ends.
    @inlinable @inline(__always)
    mutating func next(isDynamic: Bool, _ write: (Int) -> Int) {
        guard isDynamic else {
            head = write(head)
            return
        }
        UInt256(UInt64(end &- start)).storeBigEndian(to: writer.base + head)
        head &+= 32
        end = write(end)
    }
}
