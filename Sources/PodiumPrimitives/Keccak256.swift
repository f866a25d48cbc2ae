/// Keccak-256 as Ethereum uses it (the original Keccak padding, not SHA3-256's): a streaming hasher and
/// one-shot functions. No allocation per hash.
public struct Keccak256: Sendable {
    /// Bytes absorbed per permutation.
    public static let rate = 136

    private var state = KeccakState()
    private var buffer = KeccakState()  // only the first `rate` bytes are used
    private var buffered = 0

    /// An empty hasher.
    public init() {}

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var input = bytes[...]
        while !input.isEmpty {
            let take = min(Self.rate - buffered, input.count)
            let buffered = self.buffered
            buffer.withBytes { raw in
                UnsafeMutableRawBufferPointer(rebasing: raw[buffered..<buffered + take])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: input.prefix(take)))
            }
            self.buffered += take
            input = input.dropFirst(take)
            if self.buffered == Self.rate {
                state.absorb(buffer)
                self.buffered = 0
            }
        }
    }

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let contiguous: [UInt8]? = bytes.withContiguousStorageIfAvailable { _ in nil } ?? Array(bytes)
        if let contiguous {
            contiguous.withUnsafeBytes { update($0) }
        } else {
            var copy = self
            _ = bytes.withContiguousStorageIfAvailable { copy.update(UnsafeRawBufferPointer($0)) }
            self = copy
        }
    }

    /// Absorbs the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Pads, permutes and returns the digest.
    public consuming func finalize() -> Bytes32 {
        let buffered = buffered
        buffer.withBytes { raw in
            for i in buffered..<Self.rate { raw[i] = 0 }
            raw[buffered] ^= 0x01
            raw[Self.rate - 1] ^= 0x80
        }
        state.absorb(buffer)
        return state.digest
    }

    /// The Keccak-256 digest of `bytes`.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> Bytes32 {
        var hasher = Keccak256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The Keccak-256 digest of `bytes` (`[UInt8]`, `Data`, slices, any byte collection).
    public static func hash(_ bytes: some Sequence<UInt8>) -> Bytes32 {
        var hasher = Keccak256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The Keccak-256 digest of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> Bytes32 {
        var hasher = Keccak256()
        hasher.update(text)
        return hasher.finalize()
    }
}

/// The 1600-bit Keccak state: 25 lanes of 64 bits.
struct KeccakState: Sendable {
    var lanes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    mutating func withBytes<R>(_ body: (UnsafeMutableRawBufferPointer) -> R) -> R {
        withUnsafeMutableBytes(of: &lanes, body)
    }

    /// XORs the first `rate` bytes of `block` into the state and permutes.
    mutating func absorb(_ block: KeccakState) {
        var block = block
        withUnsafeMutableBytes(of: &lanes) { s in
            withUnsafeMutableBytes(of: &block.lanes) { b in
                let s = s.bindMemory(to: UInt64.self), b = b.bindMemory(to: UInt64.self)
                for i in 0..<(Keccak256.rate / 8) { s[i] ^= UInt64(littleEndian: b[i]) }
                Self.permute(s)
            }
        }
    }

    var digest: Bytes32 { Bytes32(lanes: lanes.0, lanes.1, lanes.2, lanes.3) }

    static let roundConstants: [UInt64] = [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
        0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
        0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ]
    static let rotations: [UInt64] = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44]
    static let piLanes: [Int] = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1]

    /// Keccak-f[1600], the reference formulation.
    static func permute(_ a: UnsafeMutableBufferPointer<UInt64>) {
        for round in 0..<24 {
            var c = [UInt64](repeating: 0, count: 5)
            for x in 0..<5 {
                let column: UInt64 = a[x] ^ a[x + 5] ^ a[x + 10]
                c[x] = column ^ a[x + 15] ^ a[x + 20]
            }
            for x in 0..<5 {
                let right: UInt64 = c[(x + 1) % 5]
                let d: UInt64 = c[(x + 4) % 5] ^ (right << 1 | right >> 63)
                for y in stride(from: 0, to: 25, by: 5) { a[y + x] ^= d }
            }
            var current = a[1]
            for i in 0..<24 {
                let j = piLanes[i]
                let next = a[j]
                let r = rotations[i]
                let rotated: UInt64 = current << r | current >> (64 - r)
                a[j] = rotated
                current = next
            }
            for y in stride(from: 0, to: 25, by: 5) {
                c = (0..<5).map { a[y + $0] }
                for x in 0..<5 {
                    let chi: UInt64 = ~c[(x + 1) % 5] & c[(x + 2) % 5]
                    a[y + x] = c[x] ^ chi
                }
            }
            a[0] ^= roundConstants[round]
        }
    }
}
