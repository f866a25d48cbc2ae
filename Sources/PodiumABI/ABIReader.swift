import PodiumPrimitives

/// A strict reader of ABI-encoded bytes, in place: every offset and length is checked against the input before
/// anything is read at it or allocated for it (Solidity ABI spec, "Formal Specification of the Encoding").
///
/// The rules, beyond the encoding itself: an offset must point past the head of its own tuple or array and at or
/// after the end of the data of the previous dynamic value there (so data never overlaps and comes in order, as
/// every encoder writes it; gaps are allowed); a length must fit in what is left of the input; narrow types must be
/// padded as the spec says (`uint<M>` zero above M bits, `int<M>` sign-extended, `address` and `bool` as `uint160`
/// and `uint8` in 0…1, `bytes<M>`, `function` and `bytes`/`string` payloads zero after their bytes, padding
/// present); a `string` must be UTF-8. Bytes after the encoding are ignored. Errors carry the failing offset; the
/// callers add the path as they unwind.
///
/// Both decoders read through it: `ABIDecoder` into `ABIValue`s, and the typed path, which hands a reader to
/// `ABICodable.init(abiDecoding:at:end:)`; a conformance outside this module decodes by delegating to others.
public struct ABIReader {
    /// The input; never read outside `0..<bytes.count`.
    @usableFromInline let bytes: UnsafeRawBufferPointer

    @inlinable
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// A pointer to byte `offset`, which the caller has checked to be inside the input.
    @inlinable @inline(__always)
    func pointer(_ offset: Int) -> UnsafeRawPointer { bytes.baseAddress.unsafelyUnwrapped + offset }

    /// Throws `truncated` unless `count` bytes are there at `offset` (0 ≤ offset ≤ input size).
    @inlinable @inline(__always)
    func require(_ count: Int, at offset: Int) throws(ABIDecodingError) {
        guard count <= bytes.count &- offset else {
            throw ABIDecodingError(.truncated(needed: count, available: bytes.count &- offset), offset: offset)
        }
    }

    /// The word at `offset` as a non-negative `Int`, or nil when it is 2⁶³ or more.
    @inlinable @inline(__always)
    func smallInteger(at offset: Int) -> Int? {
        let word = pointer(offset)
        let high =
            word.loadUnaligned(as: UInt64.self) | word.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            | word.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        let low = UInt64(bigEndian: word.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        return high == 0 && low <= UInt64(Int.max) ? Int(low) : nil
    }

    // MARK: Static values (the word at `offset` is inside the input)

    /// A `uint<bits>` word.
    @inlinable @inline(__always)
    func uint(at offset: Int, bits: Int) throws(ABIDecodingError) -> UInt256 {
        let value = UInt256(loadingBigEndian: pointer(offset))
        guard value.fitsUnsigned(bits: bits) else {
            throw ABIDecodingError(.valueOutOfRange(.uint(bits)), offset: offset)
        }
        return value
    }

    /// An `int<bits>` word.
    @inlinable @inline(__always)
    func int(at offset: Int, bits: Int) throws(ABIDecodingError) -> Int256 {
        let value = UInt256(loadingBigEndian: pointer(offset))
        guard value.fitsSigned(bits: bits) else { throw ABIDecodingError(.valueOutOfRange(.int(bits)), offset: offset) }
        return Int256(bitPattern: value)
    }

    /// An `address` word: 12 zero bytes and the address.
    @inlinable @inline(__always)
    func address(at offset: Int) throws(ABIDecodingError) -> Address {
        guard let address = Address(exactly: Bytes32(loading: pointer(offset))) else {
            throw ABIDecodingError(.dirtyPadding(.address), offset: offset)
        }
        return address
    }

    /// A `bool` word: 0 or 1.
    @inlinable @inline(__always)
    func bool(at offset: Int) throws(ABIDecodingError) -> Bool {
        let value = UInt256(loadingBigEndian: pointer(offset))
        guard value.leadingZeroBitCount >= 255 else { throw ABIDecodingError(.invalidBool(value), offset: offset) }
        return value != .zero
    }

    /// A `bytes<size>` word: `size` bytes and zeros.
    @inlinable @inline(__always)
    func fixedBytes(at offset: Int, size: Int) throws(ABIDecodingError) -> Bytes32 {
        precondition((1...32).contains(size), "bytes<M> has 1 to 32 bytes")
        let word = pointer(offset)
        for i in size..<32 where word.load(fromByteOffset: i, as: UInt8.self) != 0 {
            throw ABIDecodingError(.dirtyPadding(.fixedBytes(size)), offset: offset)
        }
        return Bytes32(loading: word)
    }

    /// A `function` word: an address, a selector and 8 zero bytes.
    func function(at offset: Int) throws(ABIDecodingError) -> (Address, Selector) {
        let word = pointer(offset)
        guard word.loadUnaligned(fromByteOffset: 24, as: UInt64.self) == 0 else {
            throw ABIDecodingError(.dirtyPadding(.function), offset: offset)
        }
        // The address is the first 20 bytes: move them to the end of a word to read it as an ABI address word.
        let shifted = UInt256(loadingBigEndian: word) >> 96
        let address = Address(truncating: Bytes32(shifted))
        let selector = Selector(rawValue: UInt32(bigEndian: word.loadUnaligned(fromByteOffset: 20, as: UInt32.self)))
        return (address, selector)
    }

    // MARK: Offsets and lengths

    /// Follows the offset word at `head`, in the head of a tuple or array that starts at `container` and whose
    /// head is `headSize` bytes, to where its dynamic value starts; `dataEnd` is where the data of the previous
    /// dynamic value ended (the end of the head for the first).
    @inlinable @inline(__always)
    func tail(at head: Int, container: Int, headSize: Int, dataEnd: Int) throws(ABIDecodingError) -> Int {
        guard let offset = smallInteger(at: head), offset < bytes.count &- container else {
            throw ABIDecodingError(.offsetOutOfBounds(UInt256(loadingBigEndian: pointer(head))), offset: head)
        }
        guard offset >= headSize else {
            throw ABIDecodingError(.offsetIntoHead(offset, headSize: headSize), offset: head)
        }
        guard container &+ offset >= dataEnd else {
            throw ABIDecodingError(.overlappingData(offset, previousEnd: dataEnd &- container), offset: head)
        }
        return container &+ offset
    }

    /// The length word at `offset` (inside the input), checked so that `count × unit` bytes fit after it.
    @inlinable @inline(__always)
    func length(at offset: Int, unit: Int) throws(ABIDecodingError) -> Int {
        try require(32, at: offset)
        let maximum = (bytes.count &- offset &- 32) / max(unit, 1)
        guard let count = smallInteger(at: offset), count <= maximum else {
            throw ABIDecodingError(
                .lengthTooLarge(UInt256(loadingBigEndian: pointer(offset)), maximum: maximum),
                offset: offset)
        }
        return count
    }

    /// The payload of the `bytes` or `string` whose length word is at `offset`, and where its padding ends.
    @inlinable @inline(__always)
    func payload(at offset: Int, of type: ABIType) throws(ABIDecodingError) -> (UnsafeRawBufferPointer, end: Int) {
        let count = try length(at: offset, unit: 1)
        let start = offset &+ 32
        let padded = paddedLength(count)
        try require(padded, at: start)
        if count & 31 != 0 { try requireZeros(word: start &+ padded &- 32, after: count & 31, of: type) }
        return (UnsafeRawBufferPointer(start: pointer(start), count: count), start &+ padded)
    }

    /// Throws `dirtyPadding` unless the bytes of the word at `word` after its first `used` are zero.
    @inlinable @inline(__always)
    func requireZeros(word: Int, after used: Int, of type: ABIType) throws(ABIDecodingError) {
        for lane in 0..<4 {
            // The lane's bytes from `used` on, read big-endian: a mask keeps its bits below the first `kept` bytes.
            let kept = min(max(used &- 8 &* lane, 0), 8)
            let value = UInt64(bigEndian: pointer(word).loadUnaligned(fromByteOffset: 8 &* lane, as: UInt64.self))
            let padding = value & (UInt64.max >> (8 &* kept))
            guard padding == 0 else {
                let dirty = word &+ 8 &* lane &+ padding.leadingZeroBitCount / 8
                throw ABIDecodingError(.dirtyPadding(type), offset: dirty)
            }
        }
    }

    /// The `string` whose length word is at `offset`, and where its padding ends.
    @inlinable
    func string(at offset: Int) throws(ABIDecodingError) -> (String, end: Int) {
        let (payload, end) = try payload(at: offset, of: .string)
        // ASCII, the common case, is UTF-8 as it is: checked 8 bytes at a time, the zero padding included.
        var highBits: UInt64 = 0
        for word in stride(from: offset &+ 32, to: end, by: 8) {
            highBits |= pointer(word).loadUnaligned(as: UInt64.self)
        }
        if highBits & 0x8080_8080_8080_8080 == 0 { return (String(decoding: payload, as: UTF8.self), end) }
        guard let text = String(validating: payload, as: UTF8.self) else {
            throw ABIDecodingError(.invalidUTF8, offset: offset &+ 32)
        }
        return (text, end)
    }

    /// `error` with `component` in front of its path; out of line, as errors are rare.
    @usableFromInline @inline(never)
    static func error(_ error: ABIDecodingError, in component: ABIPath.Component) -> ABIDecodingError {
        error.within(component)
    }

    // MARK: Dynamic values

    /// Decodes a value of `type` at `offset`: in place for a static type, where its data starts for a dynamic
    /// one. Returns the value and where its data ends.
    func value(_ type: ABIType, at offset: Int) throws(ABIDecodingError) -> (ABIValue, end: Int) {
        switch type {
        case .uint(let bits): return (.uint(try uint(at: offset, bits: bits), bits: bits), offset &+ 32)
        case .int(let bits): return (.int(try int(at: offset, bits: bits), bits: bits), offset &+ 32)
        case .address: return (.address(try address(at: offset)), offset &+ 32)
        case .bool: return (.bool(try bool(at: offset)), offset &+ 32)
        case .fixedBytes(let size):
            return (.fixedBytes(try fixedBytes(at: offset, size: size), size: size), offset &+ 32)
        case .function:
            let (address, selector) = try function(at: offset)
            return (.function(address, selector), offset &+ 32)
        case .bytes:
            let (payload, end) = try payload(at: offset, of: type)
            return (.bytes(Array(payload)), end)
        case .string:
            let (text, end) = try string(at: offset)
            return (.string(text), end)
        case .array(let element):
            let count = try length(at: offset, unit: element.layout.headSize)
            let (elements, end) = try self.elements(element, count: count, at: offset &+ 32)
            return (.array(elements), end)
        case .fixedArray(let element, let count):
            let (elements, end) = try self.elements(element, count: count, at: offset)
            return (.fixedArray(elements), end)
        case .tuple(let components):
            var values: [ABIValue] = []
            values.reserveCapacity(components.count)
            let end = try tuple(components, at: offset, into: &values)
            return (.tuple(values), end)
        }
    }

    /// Decodes the tuple `components` whose encoding starts at `start`, appending the values to `values`;
    /// returns where its data ends.
    func tuple(_ components: [ABIType], at start: Int, into values: inout [ABIValue]) throws(ABIDecodingError) -> Int {
        let layout = TupleLayout(components)
        var head = try ABIHeadReader(self, at: start, headSize: layout.headSize, of: .tuple)
        for index in components.indices {
            values.append(
                try head.next(isDynamic: layout.isDynamic(index, of: components)) { (offset) throws(ABIDecodingError) in
                    try value(components[index], at: offset)
                })
        }
        return head.end
    }

    /// Decodes `count` elements of type `element` whose encoding starts at `start` (the caller has bounded `count`
    /// by the input's size); returns them and where their data ends.
    func elements(_ element: ABIType, count: Int, at start: Int) throws(ABIDecodingError) -> ([ABIValue], end: Int) {
        let (isDynamic, stride) = element.layout
        let headSize = count * stride
        var head = try ABIHeadReader(self, at: start, headSize: headSize, of: .array)
        var values: [ABIValue] = []
        values.reserveCapacity(count)
        // Arrays of the common word types skip the general path: one switch for the whole array.
        do {
            switch element {
            case .uint(let bits):
                for index in 0..<count {
                    values.append(.uint(try uint(at: start &+ 32 &* index, bits: bits), bits: bits))
                }
                return (values, start &+ headSize)
            case .address:
                for index in 0..<count { values.append(.address(try address(at: start &+ 32 &* index))) }
                return (values, start &+ headSize)
            default:
                break
            }
        } catch {
            throw error.within(.element((error.offset &- start) / 32))
        }
        for _ in 0..<count {
            values.append(
                try head.next(isDynamic: isDynamic) { (offset) throws(ABIDecodingError) in
                    try value(element, at: offset)
                })
        }
        return (values, head.end)
    }
}

/// Reads the head of a tuple, or the elements of an array, one component at a time, with the checks of
/// `ABIReader`'s rules: the whole head is there, and the offset of each dynamic component points past the head and
/// at or after the end of the previous dynamic component's data. A failing component is added to the error's path.
@usableFromInline
struct ABIHeadReader {
    /// What the components are, for paths: tuple fields (`#1`) or array elements (`[1]`).
    @usableFromInline
    enum Kind {
        case tuple, array
    }

    @usableFromInline let reader: ABIReader
    /// Where the tuple or the elements start: offsets in the head count from here.
    @usableFromInline let start: Int
    /// The size of the head.
    @usableFromInline let headSize: Int
    @usableFromInline let kind: Kind
    /// The index of the next component.
    @usableFromInline var index = 0
    /// Where the next component sits in the head.
    @usableFromInline var head: Int
    /// Where the data read so far ends: the end of the head, then of the data of the last dynamic component; once
    /// every component is read, where the encoding ends.
    @usableFromInline var end: Int

    /// A walk over the head of `headSize` bytes at `start`, which must be inside the input.
    @inlinable
    init(_ reader: ABIReader, at start: Int, headSize: Int, of kind: Kind) throws(ABIDecodingError) {
        try reader.require(headSize, at: start)
        (self.reader, self.start, self.headSize, self.kind) = (reader, start, headSize, kind)
        (head, end) = (start, start &+ headSize)
    }

    /// Reads the next component: `decode` reads a value at the offset it is given (the place in the head for a
    /// static component, where the checked offset points for a dynamic one) and returns it with where it ends.
    @inlinable @inline(__always)
    mutating func next<Value>(
        isDynamic: Bool, _ decode: (Int) throws(ABIDecodingError) -> (Value, end: Int)
    ) throws(ABIDecodingError) -> Value {
        defer { index &+= 1 }
        do {
            guard isDynamic else {
                let (value, valueEnd) = try decode(head)
                head = valueEnd
                return value
            }
            let target = try reader.tail(at: head, container: start, headSize: headSize, dataEnd: end)
            let (value, valueEnd) = try decode(target)
            (head, end) = (head &+ 32, valueEnd)
            return value
        } catch {
            throw ABIReader.error(error, in: kind == .tuple ? .field(index, name: nil) : .element(index))
        }
    }
}
