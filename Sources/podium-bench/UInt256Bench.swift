import PodiumPrimitives

/// How many different operand sets one timed call runs through (so no result can be folded at compile time).
private let batch = 64

/// A random value with exactly `bits` significant bits (0 for zero bits).
private func random(bits: Int, using generator: inout some RandomNumberGenerator) -> UInt256 {
    guard bits > 0 else { return .zero }
    let value = UInt256(limbs: generator.next(), generator.next(), generator.next(), generator.next())
    return value >> (256 - bits) | UInt256(1) << (bits - 1)
}

/// Random values whose bit lengths lie in `bits`.
private func randomValues(bits: ClosedRange<Int>, using generator: inout some RandomNumberGenerator) -> [UInt256] {
    (0..<batch).map { _ in random(bits: Int.random(in: bits, using: &generator), using: &generator) }
}

/// Nanoseconds per operation of `body`, which runs one batch.
private func nanosecondsPerOperation(_ body: () -> Void) -> Double {
    nanosecondsPerCall(body) / Double(batch)
}

/// uint256/add, mul, divmod-256-64, divmod-256-128, divmod-256-256, mulmod, parse-decimal, format-decimal (ns).
func uint256Figures() -> [Figure] {
    var generator = SystemRandomNumberGenerator()
    let a = randomValues(bits: 256...256, using: &generator), b = randomValues(bits: 256...256, using: &generator)
    let limbDivisors = randomValues(bits: 1...64, using: &generator)
    let twoLimbDivisors = randomValues(bits: 65...128, using: &generator)
    let fourLimbDivisors = randomValues(bits: 193...256, using: &generator)
    let decimals = a.map(\.description)

    func binary(_ name: String, _ x: [UInt256], _ y: [UInt256], _ op: (UInt256, UInt256) -> UInt256) -> Figure {
        Figure(name: "uint256/\(name)", value: nanosecondsPerOperation {
            var accumulator = UInt256.zero
            for i in 0..<batch { accumulator ^= op(x[i], y[i]) }
            blackHole(accumulator)
        }, unit: "ns")
    }
    func divmod(_ name: String, _ divisors: [UInt256]) -> Figure {
        binary(name, a, divisors) { x, y in
            let (quotient, remainder) = x.quotientAndRemainder(dividingBy: y)
            return quotient ^ remainder
        }
    }
    return [
        binary("add", a, b, &+),
        binary("mul", a, b, &*),
        divmod("divmod-256-64", limbDivisors),
        divmod("divmod-256-128", twoLimbDivisors),
        divmod("divmod-256-256", fourLimbDivisors),
        binary("mulmod", a, b) { x, y in UInt256.mulmod(x, y, fourLimbDivisors[Int(truncatingIfNeeded: x.limbs.0 & 63)]) },
        Figure(name: "uint256/parse-decimal", value: nanosecondsPerOperation {
            var accumulator = UInt256.zero
            for text in decimals { accumulator ^= try! UInt256(decimal: text) }
            blackHole(accumulator)
        }, unit: "ns"),
        Figure(name: "uint256/format-decimal", value: nanosecondsPerOperation {
            var length = 0
            for value in a { length &+= value.description.utf8.count }
            blackHole(length)
        }, unit: "ns"),
    ]
}
