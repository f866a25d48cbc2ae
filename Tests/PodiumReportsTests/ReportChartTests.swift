import PodiumPrimitives
@testable import PodiumReports
import Testing

@Suite struct ReportChartTests {
    /// value × length / maximum rounded down, exact at the edges of UInt256 (expected values from Python's `//`).
    static let cases: [(value: UInt256, maximum: UInt256, length: Int, expected: Int)] = [
        (.zero, .zero, 146, 0), (1, 3, 146, 48), (2, 3, 146, 97), (3, 3, 146, 146), (5, 3, 146, 146),
        (.max, .max, 146, 146), (.max >> 1, .max, 146, 72), (UInt256(1) << 255, .max, 146, 73),
        (55_400_000_000_000_000_007, 112_880_000_000_000_000_003, 146, 71),
    ]

    @Test(arguments: cases)
    func scaledIsFlooredIntegerProportion(_ scale: (value: UInt256, maximum: UInt256, length: Int, expected: Int)) {
        #expect(ReportChart.scaled(scale.value, of: scale.maximum, to: scale.length) == scale.expected)
    }
}
