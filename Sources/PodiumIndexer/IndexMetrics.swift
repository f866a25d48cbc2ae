import Prometheus
import PodiumRPC
import Synchronization

/// The indexer's metrics, in Prometheus's text exposition format (`text()`): heights, progress and rates, RPC
/// errors by kind, reorgs by depth and the halt state. An `Indexer` given one keeps it current.
public final class IndexMetrics: Sendable {
    /// The registry the metrics live in; `text()` renders it.
    public let registry = PrometheusCollectorRegistry()

    private let head: Gauge
    private let indexed: Gauge
    private let finalized: Gauge
    private let lag: Gauge
    private let blocksPerSecond: Gauge
    private let logsPerSecond: Gauge
    private let blocks: Counter
    private let logs: Counter
    private let reorgs: ValueHistogram
    private let halted: Gauge
    private let rates = Mutex(RateWindow())

    /// Metrics labelled with the chain they follow.
    public init(chainID: UInt64) {
        let chain = [("chain_id", "\(chainID)")]
        let registry = self.registry
        func gauge(_ name: String, _ unit: String, _ help: String) -> Gauge {
            registry.makeGauge(descriptor: Self.descriptor(name, unit, help), labels: chain)
        }
        head = gauge("head", "block", "The node's head when last asked.")
        indexed = gauge("indexed", "block", "The last block indexed (the cursor).")
        finalized = gauge("finalized", "block", "The finalized block.")
        lag = gauge("lag", "blocks", "Blocks between the head and the cursor.")
        blocksPerSecond = gauge("blocks", "per_second", "Blocks indexed per second over the last 10 s.")
        logsPerSecond = gauge("logs", "per_second", "Logs indexed per second over the last 10 s.")
        halted = gauge("halted", "", "1 once a reorg below finality halted the index.")
        blocks = registry.makeCounter(descriptor: Self.descriptor("blocks", "total", "Blocks indexed."), labels: chain)
        logs = registry.makeCounter(descriptor: Self.descriptor("logs", "total", "Logs committed."), labels: chain)
        reorgs = registry.makeValueHistogram(
            descriptor: Self.descriptor("reorg_depth", "blocks", "Reorgs rolled back, by depth in blocks."), labels: chain,
            buckets: [1, 2, 4, 8, 16, 32, 64, 128])
        chainLabel = chain
    }

    private let chainLabel: [(String, String)]

    /// The name `podium_index_<name>_<unit>` with its help text.
    private static func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "podium", subsystem: "index", metricName: name, unitName: unit, helpText: help)
    }

    /// The metrics as Prometheus text (version 0.0.4).
    public func text() -> String { registry.emitToString() }

    /// Records a committed step: where the index stands and what the step added.
    func record(_ progress: Indexer.Progress, at now: ContinuousClock.Instant = .now) {
        let state = progress.state
        head.set(to: Double(state.head))
        finalized.set(to: Double(state.finalized))
        let cursor = state.cursor == UInt64.max ? 0 : state.cursor
        indexed.set(to: Double(cursor))
        lag.set(to: Double(state.head - min(state.head, cursor)))
        logs.increment(by: Int64(progress.logs))
        let (blockRate, logRate, added) = rates.withLock { window in window.add(cursor: cursor, logs: progress.logs, at: now) }
        blocks.increment(by: Int64(added))
        blocksPerSecond.set(to: blockRate)
        logsPerSecond.set(to: logRate)
        if progress.rolledBack > 0 { reorgs.record(Double(progress.rolledBack)) }
        halted.set(to: state.halt == nil ? 0 : 1)
    }

    /// Records that the index halted (a reorg below finality).
    func recordHalt() { halted.set(to: 1) }

    /// Counts a failed request or a refused answer by its kind.
    func recordError(_ error: IndexError) {
        registry.makeCounter(
            descriptor: Self.descriptor("rpc_errors", "total", "Failed node requests and answers refused, by kind."),
            labels: chainLabel + [("kind", Self.kind(of: error))]
        ).increment()
    }

    /// The label of an error: transport, rate_limited, http_5xx, http_other, malformed, too_large, node, inconsistent
    /// or store.
    static func kind(of error: IndexError) -> String {
        switch error {
        case .inconsistentNode: return "inconsistent"
        case .rpc(let underlying):
            guard let rpc = underlying as? RPCError else { return "other" }
            switch rpc {
            case .transport: return "transport"
            case .httpStatus(429, _): return "rate_limited"
            case .httpStatus(let status, _) where (500...599).contains(status): return "http_5xx"
            case .httpStatus: return "http_other"
            case .decoding, .nullResult: return "malformed"
            case .responseTooLarge: return "too_large"
            case .node, .configuration: return "node"
            }
        default: return "store"
        }
    }
}

/// The blocks and logs of the last ten seconds, for the rate gauges.
private struct RateWindow {
    private var samples: [(at: ContinuousClock.Instant, cursor: UInt64, logs: Int)] = []
    private var lastCursor: UInt64?

    /// Adds a step; returns the rates over the window and the blocks the step moved the cursor forward.
    mutating func add(cursor: UInt64, logs: Int, at now: ContinuousClock.Instant) -> (Double, Double, UInt64) {
        let added = lastCursor.map { cursor > $0 ? cursor - $0 : 0 } ?? 0
        lastCursor = cursor
        samples.append((now, cursor, logs))
        samples.removeAll { now - $0.at > .seconds(10) }
        guard let first = samples.first, samples.count > 1 else { return (0, 0, added) }
        let seconds = (now - first.at) / .seconds(1)
        guard seconds > 0 else { return (0, 0, added) }
        let blocks = Double(cursor > first.cursor ? cursor - first.cursor : 0)
        let logCount = Double(samples.dropFirst().reduce(0) { $0 + $1.logs })
        return (blocks / seconds, logCount / seconds, added)
    }
}
