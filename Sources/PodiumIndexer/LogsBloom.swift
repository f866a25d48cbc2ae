import PodiumPrimitives

/// A block's 2048-bit logs bloom (yellow paper, 4.3.1): each log's address and topics set three bits each, the
/// low 11 bits of the first three byte pairs of their Keccak-256 hash. An item that is in the block is always in
/// the bloom; one that is not is almost never.
struct LogsBloom {
    let bytes: [UInt8]

    /// The bloom of a header, which must be 256 bytes.
    init?(_ bytes: [UInt8]) {
        guard bytes.count == 256 else { return nil }
        self.bytes = bytes
    }

    /// Whether `item` (20 address bytes, or a 32-byte topic) may be in the block.
    func mayContain(_ item: some Sequence<UInt8>) -> Bool {
        let hash = Keccak256.hash(Array(item)).bytes
        for pair in 0..<3 {
            let bit = (Int(hash[2 * pair]) << 8 | Int(hash[2 * pair + 1])) & 2047
            guard bytes[255 - bit / 8] & (1 << (bit % 8)) != 0 else { return false }
        }
        return true
    }

    /// Whether `log` may be in the block: its address and every topic.
    func mayContain(_ log: ChainLog) -> Bool {
        mayContain(log.address.bytes) && log.topics.allSatisfy { mayContain($0.bytes) }
    }
}
