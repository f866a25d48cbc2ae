import Foundation
import PodiumContracts
import PodiumIndexer
import PodiumPrimitives
import PodiumRPC

// The `index` suite: a catch-up over the static node bench/index_server.py serves (bench/compare starts it, with
// 20,000 blocks of 5 PrizesDistributed logs each, and passes its URL in $PODIUM_BENCH_RPC_URL): logs and blocks per
// second end to end (JSON-RPC over loopback, checks, decoding, SQLite commits with their indexes), the database's
// bytes per log, and the peak resident memory after the first 10,000 logs and after all of them.
// bench/peers/index_python.py does the same catch-up in Python; bench/peers/index_c.c inserts the same rows from
// memory with prepared statements, the ceiling.

func indexFigures() async -> [Figure] {
    guard let url = ProcessInfo.processInfo.environment["PODIUM_BENCH_RPC_URL"],
        let client = try? RPCClient(url: url, timeout: .seconds(120), maximumResponseBytes: 512 << 20)
    else {
        print("podium-bench index: set PODIUM_BENCH_RPC_URL (bench/compare index starts bench/index_server.py)")
        exit(2)
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-bench-index-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("index.sqlite").path
        let store = try IndexStore(path: path)
        let distributor = try Address(hex: "0x00000000000000000000000000000000d1571b07")
        let target = IndexTarget(chainID: 31337, contracts: [
            .init(name: "PrizeDistributor", address: distributor, startBlock: 0, events: [PrizeDistributor.PrizesDistributed.event]),
        ])
        let clock = ContinuousClock()
        let start = clock.now
        var options = Indexer.Options(toBlock: 2_000)
        _ = try await Indexer(client: client, store: store, target: target, options: options).run()
        let residentAt10k = peakResidentMegabytes()
        options.toBlock = nil
        let state = try await Indexer(client: client, store: store, target: target, options: options).run()
        let seconds = (clock.now - start) / .seconds(1)
        let logs = try store.count(.logs, chainID: 31337)
        let bytes = ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }.reduce(0, +)
        return [
            Figure(name: "catch-up/logs", value: Double(logs) / seconds, unit: "logs/s"),
            Figure(name: "catch-up/blocks", value: Double(state.cursor) / seconds, unit: "blocks/s"),
            Figure(name: "database/bytes-per-log", value: Double(bytes) / Double(max(logs, 1)), unit: "bytes"),
            Figure(name: "memory/peak-at-10k-logs", value: residentAt10k, unit: "MB"),
            Figure(name: "memory/peak-at-100k-logs", value: peakResidentMegabytes(), unit: "MB"),
        ]
    } catch {
        print("podium-bench index: \(error)")
        exit(1)
    }
}

/// The process's peak resident set so far, in megabytes (getrusage's ru_maxrss, kilobytes on Linux).
private func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
