import Foundation

/// A reproducible random number generator (SplitMix64) for randomized tests. Its seed comes from
/// `$PODIUM_TEST_SEED` when set, else from the system; a failing test prints it so the run can be repeated.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The seed this generator started from.
    public let seed: UInt64
    private var state: UInt64

    /// A generator seeded from `$PODIUM_TEST_SEED` or at random.
    public init() {
        let fromEnvironment = ProcessInfo.processInfo.environment["PODIUM_TEST_SEED"].flatMap { UInt64($0) }
        self.init(seed: fromEnvironment ?? UInt64.random(in: .min ... .max))
    }

    /// A generator that always produces the same sequence for `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}
