extension RLPItem {
    /// The RLP encoding (Yellow Paper, appendix B), built in one exactly sized buffer.
    public func rlpEncoded() -> [UInt8] {
        var listPayloadCounts: [Int] = []
        let count = measure(&listPayloadCounts)
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var nextList = 0
        write(into: &out, listPayloadCounts: listPayloadCounts, nextList: &nextList)
        return out
    }

    /// The encoded size; records each list's payload size in pre-order, so `write` need not measure again.
    private func measure(_ listPayloadCounts: inout [Int]) -> Int {
        switch self {
        case .bytes(let bytes):
            return bytes.count == 1 && bytes[0] < 0x80 ? 1 : Self.headerCount(bytes.count) + bytes.count
        case .list(let items):
            let slot = listPayloadCounts.count
            listPayloadCounts.append(0)
            var payload = 0
            for item in items { payload += item.measure(&listPayloadCounts) }
            listPayloadCounts[slot] = payload
            return Self.headerCount(payload) + payload
        }
    }

    private func write(into out: inout [UInt8], listPayloadCounts: [Int], nextList: inout Int) {
        switch self {
        case .bytes(let bytes):
            if bytes.count != 1 || bytes[0] >= 0x80 { Self.writeHeader(bytes.count, base: 0x80, into: &out) }
            out.append(contentsOf: bytes)
        case .list(let items):
            Self.writeHeader(listPayloadCounts[nextList], base: 0xc0, into: &out)
            nextList += 1
            for item in items { item.write(into: &out, listPayloadCounts: listPayloadCounts, nextList: &nextList) }
        }
    }

    /// 1 for payloads under 56 bytes, else 1 plus the bytes of the big-endian length.
    private static func headerCount(_ payloadCount: Int) -> Int {
        payloadCount < 56 ? 1 : 1 + byteCount(UInt64(payloadCount))
    }

    /// `base + count` for short payloads; `base + 55 + n` and the n-byte big-endian count for long ones.
    private static func writeHeader(_ count: Int, base: UInt8, into out: inout [UInt8]) {
        guard count >= 56 else { return out.append(base + UInt8(count)) }
        let lengthCount = byteCount(UInt64(count))
        out.append(base + 55 + UInt8(lengthCount))
        for shift in stride(from: 8 * (lengthCount - 1), through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: count >> shift))
        }
    }

    /// The number of bytes in the minimal big-endian form of `value` (0 for zero).
    static func byteCount(_ value: UInt64) -> Int { (64 - value.leadingZeroBitCount + 7) / 8 }
}
