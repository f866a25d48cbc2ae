/// Keccak-256 as Ethereum uses it: Keccak[r=1088, c=512] with the original submission's padding (0x01 … 0x80),
/// not FIPS 202 SHA3-256's (0x06 … 0x80). A streaming hasher and one-shot functions; no allocation per hash.
public struct Keccak256: Sendable {
    /// Bytes absorbed per permutation (1088 bits).
    public static let rate = 136

    private var state = KeccakState()
    /// Input not yet absorbed: the first `buffered` bytes of a block.
    private var buffer = emptyBlock
    private var buffered = 0

    /// An empty hasher.
    public init() {}

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress, !bytes.isEmpty else { return }
        var count = bytes.count
        if buffered > 0 {
            let take = min(Self.rate - buffered, count)
            withUnsafeMutableBytes(of: &buffer) {
                ($0.baseAddress! + buffered).copyMemory(from: input, byteCount: take)
            }
            buffered += take
            input += take
            count -= take
            guard buffered == Self.rate else { return }
            withUnsafeBytes(of: buffer) { state.absorb(blocks: $0.baseAddress!, count: 1) }
            buffered = 0
        }
        let blocks = count / Self.rate
        state.absorb(blocks: input, count: blocks)
        input += blocks * Self.rate
        count -= blocks * Self.rate
        withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.copyMemory(from: input, byteCount: count) }
        buffered = count
    }

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        guard done == nil else { return }
        var chunk = emptyBlock
        var filled = 0
        for byte in bytes {
            withUnsafeMutableBytes(of: &chunk) { $0[filled] = byte }
            filled += 1
            if filled == Self.rate {
                withUnsafeBytes(of: chunk) { update($0) }
                filled = 0
            }
        }
        withUnsafeBytes(of: chunk) { update(UnsafeRawBufferPointer(rebasing: $0[..<filled])) }
    }

    /// Absorbs the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Pads the input, absorbs the last block and returns the digest.
    public consuming func finalize() -> Bytes32 {
        withUnsafeBytes(of: buffer) { state.absorbLast(UnsafeRawBufferPointer(rebasing: $0[..<buffered])) }
        return state.digest
    }

    /// The Keccak-256 digest of `bytes`.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> Bytes32 {
        var state = KeccakState()
        let blocks = bytes.count / rate
        if let base = bytes.baseAddress { state.absorb(blocks: base, count: blocks) }
        state.absorbLast(UnsafeRawBufferPointer(rebasing: bytes[(blocks * rate)...]))
        return state.digest
    }

    /// The Keccak-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> Bytes32 {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The Keccak-256 digest of `bytes` (`Data`, slices, any byte sequence).
    public static func hash(_ bytes: some Sequence<UInt8>) -> Bytes32 {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        var hasher = Keccak256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The Keccak-256 digest of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> Bytes32 {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }
}

/// One block of input, 136 bytes inline (a homogeneous tuple, so its bytes are contiguous).
typealias KeccakBlock = (
    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
)

/// An all-zero block.
private let emptyBlock: KeccakBlock = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

/// The 1600-bit Keccak state: 25 lanes of 64 bits, lane `x + 5y` being the spec's `A[x, y]`.
struct KeccakState: Sendable {
    var a0: UInt64 = 0, a1: UInt64 = 0, a2: UInt64 = 0, a3: UInt64 = 0, a4: UInt64 = 0
    var a5: UInt64 = 0, a6: UInt64 = 0, a7: UInt64 = 0, a8: UInt64 = 0, a9: UInt64 = 0
    var a10: UInt64 = 0, a11: UInt64 = 0, a12: UInt64 = 0, a13: UInt64 = 0, a14: UInt64 = 0
    var a15: UInt64 = 0, a16: UInt64 = 0, a17: UInt64 = 0, a18: UInt64 = 0, a19: UInt64 = 0
    var a20: UInt64 = 0, a21: UInt64 = 0, a22: UInt64 = 0, a23: UInt64 = 0, a24: UInt64 = 0

    /// The first 32 bytes of the state: the Keccak-256 digest once the last block is absorbed.
    var digest: Bytes32 { Bytes32(lanes: a0, a1, a2, a3) }

    /// XORs `count` whole blocks, read from `blocks`, into the state, permuting after each.
    mutating func absorb(blocks: UnsafeRawPointer, count: Int) {
        var block = blocks
        for _ in 0..<count {
            a0 ^= lane(block, 0); a1 ^= lane(block, 1); a2 ^= lane(block, 2); a3 ^= lane(block, 3)
            a4 ^= lane(block, 4); a5 ^= lane(block, 5); a6 ^= lane(block, 6); a7 ^= lane(block, 7)
            a8 ^= lane(block, 8); a9 ^= lane(block, 9); a10 ^= lane(block, 10); a11 ^= lane(block, 11)
            a12 ^= lane(block, 12); a13 ^= lane(block, 13); a14 ^= lane(block, 14); a15 ^= lane(block, 15)
            a16 ^= lane(block, 16)
            permute()
            block += Keccak256.rate
        }
    }

    /// Absorbs the final `tail`, shorter than a block, with the padding 0x01 … 0x80.
    mutating func absorbLast(_ tail: UnsafeRawBufferPointer) {
        // Whole lanes are copied lane by lane and the rest is assembled with the first padding byte into one lane,
        // so no narrow store precedes `absorb`'s wide loads.
        var block = emptyBlock
        let wholeLanes = tail.count / 8
        var partial: UInt64 = 0x01 &<< UInt64(tail.count % 8 &* 8)
        withUnsafeMutableBytes(of: &block) { block in
            if let base = tail.baseAddress {
                for index in 0..<wholeLanes {
                    block.storeBytes(of: lane(base, index).littleEndian, toByteOffset: index &* 8, as: UInt64.self)
                }
                for offset in (wholeLanes &* 8)..<tail.count {
                    partial |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) &<< UInt64(offset % 8 &* 8)
                }
            }
            block.storeBytes(of: partial.littleEndian, toByteOffset: wholeLanes &* 8, as: UInt64.self)
        }
        block.16 ^= (0x80 &<< 56 as UInt64).littleEndian
        withUnsafeBytes(of: block) { absorb(blocks: $0.baseAddress!, count: 1) }
    }

    /// Keccak-f[1600]: 24 rounds on the lanes held in locals. Lanes 1, 2, 8, 12, 17 and 20 stay complemented
    /// throughout ("lane complementing", the Keccak team's implementation overview 3.2, section 2.2), so that χ
    /// needs one NOT per row instead of five.
    mutating func permute() {
        var a = self
        a.complementLanes()
        var parities = a.columnParities
        withUnsafeBytes(of: roundConstants) { constants in
            for round in 0..<24 {
                a = a.round(constant: constants.load(fromByteOffset: round &* 8, as: UInt64.self), parities: &parities)
            }
        }
        a.complementLanes()
        self = a
    }

    /// The XOR of the five lanes of each column, which θ spreads.
    @inline(__always)
    private var columnParities: ColumnParities {
        (a0 ^ a5 ^ a10 ^ a15 ^ a20, a1 ^ a6 ^ a11 ^ a16 ^ a21, a2 ^ a7 ^ a12 ^ a17 ^ a22, a3 ^ a8 ^ a13 ^ a18 ^ a23,
         a4 ^ a9 ^ a14 ^ a19 ^ a24)
    }

    /// Complements the lanes that `round` keeps complemented.
    @inline(__always)
    private mutating func complementLanes() {
        a1 = ~a1; a2 = ~a2; a8 = ~a8; a12 = ~a12; a17 = ~a17; a20 = ~a20
    }

    /// One round, θ ρ π χ ι, on the lane-complemented state. `parities` holds this state's column parities on
    /// entry and the result's on return, computed while its lanes are at hand rather than in a pass of their own.
    @inline(__always)
    private func round(constant: UInt64, parities: inout ColumnParities) -> KeccakState {
        // θ: every lane takes in the parities of the two neighbouring columns.
        let (c0, c1, c2, c3, c4) = parities
        let d0 = c4 ^ rotl(c1, 1), d1 = c0 ^ rotl(c2, 1), d2 = c1 ^ rotl(c3, 1)
        let d3 = c2 ^ rotl(c4, 1), d4 = c3 ^ rotl(c0, 1)

        // ρ and π bring five lanes, rotated, into each output row (b0…b4); χ mixes the row, ι touches lane 0. The
        // ANDs and ORs are χ's `b[x] ^ (~b[x+1] & b[x+2])` rewritten for which lanes are stored complemented.
        var e = KeccakState()
        var b0 = a0 ^ d0, b1 = rotl(a6 ^ d1, 44), b2 = rotl(a12 ^ d2, 43), b3 = rotl(a18 ^ d3, 21)
        var b4 = rotl(a24 ^ d4, 14)
        e.a0 = b0 ^ (b1 | b2) ^ constant
        e.a1 = b1 ^ (~b2 | b3)
        e.a2 = b2 ^ (b3 & b4)
        e.a3 = b3 ^ (b4 | b0)
        e.a4 = b4 ^ (b0 & b1)

        b0 = rotl(a3 ^ d3, 28); b1 = rotl(a9 ^ d4, 20); b2 = rotl(a10 ^ d0, 3); b3 = rotl(a16 ^ d1, 45)
        b4 = rotl(a22 ^ d2, 61)
        e.a5 = b0 ^ (b1 | b2)
        e.a6 = b1 ^ (b2 & b3)
        e.a7 = b2 ^ (b3 | ~b4)
        e.a8 = b3 ^ (b4 | b0)
        e.a9 = b4 ^ (b0 & b1)

        b0 = rotl(a1 ^ d1, 1); b1 = rotl(a7 ^ d2, 6); b2 = rotl(a13 ^ d3, 25); b3 = rotl(a19 ^ d4, 8)
        b4 = rotl(a20 ^ d0, 18)
        var notB3 = ~b3
        e.a10 = b0 ^ (b1 | b2)
        e.a11 = b1 ^ (b2 & b3)
        e.a12 = b2 ^ (notB3 & b4)
        e.a13 = notB3 ^ (b4 | b0)
        e.a14 = b4 ^ (b0 & b1)

        b0 = rotl(a4 ^ d4, 27); b1 = rotl(a5 ^ d0, 36); b2 = rotl(a11 ^ d1, 10); b3 = rotl(a17 ^ d2, 15)
        b4 = rotl(a23 ^ d3, 56)
        notB3 = ~b3
        e.a15 = b0 ^ (b1 & b2)
        e.a16 = b1 ^ (b2 | b3)
        e.a17 = b2 ^ (notB3 | b4)
        e.a18 = notB3 ^ (b4 & b0)
        e.a19 = b4 ^ (b0 | b1)

        b0 = rotl(a2 ^ d2, 62); b1 = rotl(a8 ^ d3, 55); b2 = rotl(a14 ^ d4, 39); b3 = rotl(a15 ^ d0, 41)
        b4 = rotl(a21 ^ d1, 2)
        let notB1 = ~b1
        e.a20 = b0 ^ (notB1 & b2)
        e.a21 = notB1 ^ (b2 | b3)
        e.a22 = b2 ^ (b3 & b4)
        e.a23 = b3 ^ (b4 | b0)
        e.a24 = b4 ^ (b0 & b1)
        parities = e.columnParities
        return e
    }
}

/// The parities of the state's five columns.
typealias ColumnParities = (UInt64, UInt64, UInt64, UInt64, UInt64)

/// Lane `index` of the block at `block`, read little-endian.
@inline(__always)
private func lane(_ block: UnsafeRawPointer, _ index: Int) -> UInt64 {
    UInt64(littleEndian: block.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self))
}

/// `x` rotated left by `n` bits, 0 < n < 64.
@inline(__always)
private func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 {
    (x &<< n) | (x &>> (64 &- n))
}

/// ι's round constants (FIPS 202, 3.2.5), in round order.
private let roundConstants: (
    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
) = (
    0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
    0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
    0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
    0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
    0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
    0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008
)
