import PodiumPrimitives

/// keccak/1MiB (MB/s), keccak/32 and keccak/64 (hashes/s).
func keccakFigures() -> [Figure] {
    let mebibyte = [UInt8](repeating: 0xa5, count: 1 << 20)
    let ns = nanosecondsPerCall { blackHole(Keccak256.hash(mebibyte)) }
    var figures = [Figure(name: "keccak/1MiB", value: Double(mebibyte.count) / ns * 1e3, unit: "MB/s")]
    for size in [32, 64] {
        var input = [UInt8](repeating: 0x5a, count: size)
        let ns = nanosecondsPerCall {
            input.withUnsafeBytes { blackHole(Keccak256.hash($0)) }
            input[0] &+= 1
        }
        figures.append(Figure(name: "keccak/\(size)", value: 1e9 / ns, unit: "hashes/s"))
    }
    return figures
}
