// BigUInt doing the work of Podium's uint256 figures: same operand shapes as Sources/podium-bench/UInt256Bench.swift
// (batches of 64 random operands; results truncated to 256 bits where the operation can exceed them), printed as
// `figure<TAB>ns per operation<TAB>ns<TAB>bigint` for bench/compare.
import BigInt

/// How many different operand sets one timed call runs through.
let batch = 64

/// Keeps the optimizer from deleting a computation whose result is otherwise unused.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Median nanoseconds per operation of `body`, which runs one batch: calibrates to about 20 ms, then times 7 batches.
func nanosecondsPerOperation(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    func seconds(_ iterations: Int) -> Double {
        let elapsed = clock.measure { for _ in 0..<iterations { body() } }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
    var iterations = 1
    while seconds(iterations) < 0.02 { iterations *= 2 }
    let samples = (0..<7).map { _ in seconds(iterations) / Double(iterations) }.sorted()
    return samples[3] * 1e9 / Double(batch)
}

/// A random value with exactly `bits` significant bits.
func random(bits: Int) -> BigUInt {
    BigUInt.randomInteger(withExactWidth: bits)
}

/// Random values whose bit lengths lie in `bits`.
func randomValues(bits: ClosedRange<Int>) -> [BigUInt] {
    (0..<batch).map { _ in random(bits: Int.random(in: bits)) }
}

let mask = (BigUInt(1) << 256) - 1
let a = randomValues(bits: 256...256), b = randomValues(bits: 256...256)
let divisors = [
    "divmod-256-64": randomValues(bits: 1...64),
    "divmod-256-128": randomValues(bits: 65...128),
    "divmod-256-256": randomValues(bits: 193...256),
]
let moduli = divisors["divmod-256-256"]!
let decimals = a.map { String($0) }

func report(_ name: String, _ body: () -> Void) {
    print("uint256/\(name)\t\(nanosecondsPerOperation(body))\tns\tbigint")
}

report("add") {
    var accumulator = BigUInt(0)
    for i in 0..<batch { accumulator ^= a[i] + b[i] }
    blackHole(accumulator)
}
report("mul") {
    var accumulator = BigUInt(0)
    for i in 0..<batch { accumulator ^= (a[i] * b[i]) & mask }
    blackHole(accumulator)
}
for name in ["divmod-256-64", "divmod-256-128", "divmod-256-256"] {
    let d = divisors[name]!
    report(name) {
        var accumulator = BigUInt(0)
        for i in 0..<batch {
            let (quotient, remainder) = a[i].quotientAndRemainder(dividingBy: d[i])
            accumulator ^= quotient ^ remainder
        }
        blackHole(accumulator)
    }
}
report("mulmod") {
    var accumulator = BigUInt(0)
    for i in 0..<batch { accumulator ^= (a[i] * b[i]) % moduli[Int(a[i].words[0] & 63)] }
    blackHole(accumulator)
}
report("parse-decimal") {
    var accumulator = BigUInt(0)
    for text in decimals { accumulator ^= BigUInt(text, radix: 10)! }
    blackHole(accumulator)
}
report("format-decimal") {
    var length = 0
    for value in a { length &+= String(value).utf8.count }
    blackHole(length)
}
