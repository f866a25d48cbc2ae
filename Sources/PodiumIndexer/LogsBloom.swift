import PodiumPrimitives

/// A block's 2048-bit logs bloom (yellow paper, 4.3.1): each log's address and topics set three bits each, the
/// low 11 bits of the first three byte pairs of their Keccak-256 hash. An item that is in the block is always in
/// the bloom; one that is not is almost never.
struct LogsBloom {
    /// The three bits an item sets.
    struct Bits: Hashable {
        let first, second, third: Int

        /// The bits of `item` (20 address bytes, or a 32-byte topic).
        init(of item: [UInt8]) {
            let hash = Keccak256.hash(item).bytes
            func bit(_ pair: Int) -> Int { (Int(hash[2 * pair]) << 8 | Int(hash[2 * pair + 1])) & 2047 }
            (first, second, third) = (bit(0), bit(1), bit(2))
        }
    }

    let bytes: [UInt8]

    /// The bloom of a header, which must be 256 bytes.
    init?(_ bytes: [UInt8]) {
        guard bytes.count == 256 else { return nil }
        self.bytes = bytes
    }

    /// Whether an item whose bits are `bits` may be in the block.
    func mayContain(_ bits: Bits) -> Bool {
        [bits.first, bits.second, bits.third].allSatisfy { bytes[255 - $0 / 8] & (1 << ($0 % 8)) != 0 }
    }
}

/// The bits of the addresses and topics seen, each hashed once: logs repeat the same few.
struct BloomBitsCache {
    private var known: [[UInt8]: LogsBloom.Bits] = [:]

    mutating func bits(of item: [UInt8]) -> LogsBloom.Bits {
        if let bits = known[item] { return bits }
        let bits = LogsBloom.Bits(of: item)
        known[item] = bits
        return bits
    }

    /// Whether `log` may be in the block `bloom` stands for: its address and every topic.
    mutating func bloom(_ bloom: LogsBloom, mayContain log: ChainLog) -> Bool {
        guard bloom.mayContain(bits(of: log.address.bytes)) else { return false }
        for topic in log.topics where !bloom.mayContain(bits(of: topic.bytes)) { return false }
        return true
    }
}
