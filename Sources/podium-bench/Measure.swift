/// One measured figure, printed as `name<TAB>value<TAB>unit` for `bench/compare`.
struct Figure {
    let name: String
    let value: Double
    let unit: String

    var line: String { "\(name)\t\(value)\t\(unit)" }
}

/// Keeps the optimizer from deleting a computation whose result is otherwise unused: the body is left
/// unoptimized, so the compiler cannot prove the call has no effect.
@inline(never) @_optimize(none)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Median nanoseconds per call of `body`: calibrates a batch that takes about 20 ms, then times several batches.
func nanosecondsPerCall(samples: Int = 7, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    func seconds(_ iterations: Int) -> Double {
        let elapsed = clock.measure { for _ in 0..<iterations { body() } }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
    var iterations = 1
    while seconds(iterations) < 0.02 { iterations *= 2 }
    let perCall = (0..<samples).map { _ in seconds(iterations) / Double(iterations) }.sorted()
    return perCall[samples / 2] * 1e9
}
