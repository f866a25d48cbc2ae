extension RLPItem {
    /// Decodes exactly one item spanning all of `bytes`, accepting only the canonical encoding (Yellow Paper, B)
    /// and lists nested at most `maxDepth` deep.
    public init(rlpEncoded bytes: some Sequence<UInt8>, maxDepth: Int = RLPItem.defaultMaxDepth) throws(RLPError) {
        precondition(maxDepth >= 0, "maxDepth must not be negative")
        let result = bytes.withContiguousStorageIfAvailable { RLPDecoder(input: $0, maxDepth: maxDepth).decode() }
            ?? Array(bytes).withUnsafeBufferPointer { RLPDecoder(input: $0, maxDepth: maxDepth).decode() }
        self = try result.get()
    }
}

/// A strict RLP decoder over borrowed bytes; it copies only the payloads of byte strings.
struct RLPDecoder {
    let input: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    private var offset = 0

    init(input: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        (self.input, self.maxDepth) = (input, maxDepth)
    }

    /// The one top-level item, which must end where the input ends.
    consuming func decode() -> Result<RLPItem, RLPError> {
        Result { () throws(RLPError) -> RLPItem in
            guard !input.isEmpty else { throw .emptyInput }
            let item = try item(end: input.count, depth: 0)
            guard offset == input.count else { throw .trailingBytes(offset: offset) }
            return item
        }
    }

    /// The item at `offset`, which must end by `end`, inside `depth` lists.
    private mutating func item(end: Int, depth: Int) throws(RLPError) -> RLPItem {
        let start = offset
        let (isList, payload) = try header(at: start, end: end)
        guard isList else {
            offset = payload.upperBound
            return .bytes(Array(input[payload]))
        }
        guard depth < maxDepth else { throw .tooDeep(offset: start, maxDepth: maxDepth) }
        var items: [RLPItem] = []
        offset = payload.lowerBound
        while offset < payload.upperBound {
            items.append(try item(end: payload.upperBound, depth: depth + 1))
        }
        return .list(items)
    }

    /// Reads the prefix (and long-form length) at `start` and returns where the payload lies; it must end by `end`.
    private func header(at start: Int, end: Int) throws(RLPError) -> (isList: Bool, payload: Range<Int>) {
        let prefix = input[start]
        switch prefix {
        case 0x00...0x7f:
            return (false, start..<start + 1)
        case 0x80...0xb7:
            let payload = try span(at: start, headerCount: 1, length: UInt64(prefix - 0x80), end: end)
            if payload.count == 1 && input[payload.lowerBound] < 0x80 { throw .nonCanonicalSingleByte(offset: start) }
            return (false, payload)
        case 0xb8...0xbf:
            return (false, try longSpan(at: start, lengthCount: Int(prefix - 0xb7), end: end))
        case 0xc0...0xf7:
            return (true, try span(at: start, headerCount: 1, length: UInt64(prefix - 0xc0), end: end))
        default:
            return (true, try longSpan(at: start, lengthCount: Int(prefix - 0xf7), end: end))
        }
    }

    /// The payload of a long-form item whose big-endian length takes `lengthCount` bytes after the prefix.
    private func longSpan(at start: Int, lengthCount: Int, end: Int) throws(RLPError) -> Range<Int> {
        guard lengthCount < end - start else { throw overrun(at: start, needed: 1 + lengthCount, end: end) }
        guard input[start + 1] != 0 else { throw .leadingZeroInLength(offset: start) }
        let length = input[start + 1...start + lengthCount].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length >= 56 else { throw .nonCanonicalLongForm(offset: start) }
        return try span(at: start, headerCount: 1 + lengthCount, length: length, end: end)
    }

    /// The payload range after a header, checked against `end` before any conversion that could overflow.
    private func span(at start: Int, headerCount: Int, length: UInt64, end: Int) throws(RLPError) -> Range<Int> {
        let available = end - start - headerCount
        guard length <= UInt64(available) else {
            let needed = length <= UInt64(Int.max - headerCount) ? headerCount + Int(length) : Int.max
            throw overrun(at: start, needed: needed, end: end)
        }
        return start + headerCount..<start + headerCount + Int(length)
    }

    /// Past the end of the input, or only past the end of the enclosing list.
    private func overrun(at start: Int, needed: Int, end: Int) -> RLPError {
        end == input.count
            ? .lengthPastEnd(offset: start, needed: needed, available: end - start)
            : .itemOverrunsList(offset: start, listEnd: end)
    }
}
