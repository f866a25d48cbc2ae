import Foundation
import PodiumPrimitives
import PodiumRPC

/// eth_blockNumber round trips to the node at $PODIUM_BENCH_RPC_URL (bench/compare starts a devnet for it): one
/// call per request, and batches of 100.
func rpcFigures() async -> [Figure] {
    guard let url = ProcessInfo.processInfo.environment["PODIUM_BENCH_RPC_URL"],
        let client = try? RPCClient(url: url)
    else {
        print("podium-bench rpc: set PODIUM_BENCH_RPC_URL to a node's URL (bench/compare rpc starts a devnet)")
        exit(2)
    }
    let batch = Array(repeating: (method: "eth_blockNumber", params: [JSONValue]()), count: 100)
    let single = await callsPerSecond { _ = try await client.blockNumber(); return 1 }
    let batched = await callsPerSecond { try await client.batch(batch, as: String.self).count }
    return [
        Figure(name: "eth_blockNumber/single", value: single, unit: "calls/s"),
        Figure(name: "eth_blockNumber/batch100", value: batched, unit: "calls/s"),
    ]
}

/// Calls answered per second by repeating `body` (which returns how many calls it made) for about one second.
private func callsPerSecond(_ body: () async throws -> Int) async -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    var calls = 0
    do {
        while clock.now - start < .seconds(1) { calls += try await body() }
    } catch {
        print("podium-bench rpc: \(error)")
        exit(1)
    }
    let elapsed = (clock.now - start).components
    return Double(calls) / (Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
}
