import PodiumPrimitives

/// How many different operand sets one timed call runs through (so no result can be folded at compile time).
private let batch = 64

/// Where each timed batch leaves its result, so that the optimizer has to compute it.
nonisolated(unsafe) private var sunk = UInt256.zero

/// Keeps `value` observable: the batch that produced it cannot be optimized away.
@inline(never)
private func sink(_ value: UInt256) {
    sunk ^= value
}

/// A random value with exactly `bits` significant bits.
private func random(bits: Int, using generator: inout some RandomNumberGenerator) -> UInt256 {
    let value = UInt256(limbs: generator.next(), generator.next(), generator.next(), generator.next())
    return value >> (256 - bits) | UInt256(1) << (bits - 1)
}

/// Random values whose bit lengths lie in `bits`.
private func randomValues(bits: ClosedRange<Int>, using generator: inout some RandomNumberGenerator) -> [UInt256] {
    (0..<batch).map { _ in random(bits: Int.random(in: bits, using: &generator), using: &generator) }
}

/// The figure `uint256/<name>`: nanoseconds per operation of `body`, which runs one batch.
private func figure(_ name: String, _ body: () -> Void) -> Figure {
    Figure(name: "uint256/\(name)", value: nanosecondsPerCall(body) / Double(batch), unit: "ns")
}

/// uint256/add, mul, divmod-256-64, divmod-256-128, divmod-256-256, mulmod, parse-decimal, format-decimal (ns per
/// operation, over random 256-bit operands; divisors and moduli have the named number of bits, their lengths
/// spread over the top limb so that every normalization shift occurs).
func uint256Figures() -> [Figure] {
    var generator = SystemRandomNumberGenerator()
    let a = randomValues(bits: 256...256, using: &generator), b = randomValues(bits: 256...256, using: &generator)
    let divisors = [
        "divmod-256-64": randomValues(bits: 1...64, using: &generator),
        "divmod-256-128": randomValues(bits: 65...128, using: &generator),
        "divmod-256-256": randomValues(bits: 193...256, using: &generator),
    ]
    let moduli = divisors["divmod-256-256"]!
    let decimals = a.map(\.description)

    var figures = [
        figure("add") {
            var accumulator = UInt256.zero
            for i in 0..<batch { accumulator ^= a[i] &+ b[i] }
            sink(accumulator)
        },
        figure("mul") {
            var accumulator = UInt256.zero
            for i in 0..<batch { accumulator ^= a[i] &* b[i] }
            sink(accumulator)
        },
    ]
    for name in ["divmod-256-64", "divmod-256-128", "divmod-256-256"] {
        let d = divisors[name]!
        figures.append(figure(name) {
            var accumulator = UInt256.zero
            for i in 0..<batch {
                let (quotient, remainder) = a[i].quotientAndRemainder(dividingBy: d[i])
                accumulator ^= quotient ^ remainder
            }
            sink(accumulator)
        })
    }
    return figures + [
        figure("mulmod") {
            var accumulator = UInt256.zero
            for i in 0..<batch { accumulator ^= UInt256.mulmod(a[i], b[i], moduli[Int(a[i].limbs.0 & 63)]) }
            sink(accumulator)
        },
        figure("parse-decimal") {
            var accumulator = UInt256.zero
            for text in decimals { accumulator ^= (try? UInt256(decimal: text)) ?? .zero }
            sink(accumulator)
        },
        figure("format-decimal") {
            var length = 0
            for value in a { length &+= value.description.utf8.count }
            sink(UInt256(UInt64(length)))
        },
    ]
}
