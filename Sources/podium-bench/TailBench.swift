import Foundation
import PodiumContracts
import PodiumIndexer
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner

// The `tail` suite: follow mode's latency on the devnet (bench/compare tail starts one and passes its URL in
// $PODIUM_BENCH_RPC_URL). Podium's contracts are deployed, an indexer follows the head with its default 500 ms poll,
// and 40 times a mint to the distributor is mined and the time from its receipt to its row in token_transfers (read
// from the SQLite file by another connection, every millisecond) is taken. Figures: the median and the worst of
// those times, and the worst less the poll interval (the goal: under 100 ms).

func tailFigures() async -> [Figure] {
    guard let url = ProcessInfo.processInfo.environment["PODIUM_BENCH_RPC_URL"], let client = try? RPCClient(url: url) else {
        print("podium-bench tail: set PODIUM_BENCH_RPC_URL (bench/compare tail starts a devnet)")
        exit(2)
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-bench-tail-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
        let owner = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[0])
        let record = try await Deployer(
            sender: owner, steps: DeploymentStep.podium(config: DeploymentConfig(), deployer: owner.address),
            recordURL: directory.appendingPathComponent("31337.json")
        ).run()
        let deployment = try PodiumDeployment(record: record, client: client)
        let path = directory.appendingPathComponent("index.sqlite").path
        let store = try IndexStore(path: path)
        let indexer = Indexer(client: try RPCClient(url: url), store: store, target: try IndexTarget(record: record))
        let poll = indexer.options.pollInterval
        let following = Task { try await indexer.run(follow: true) }
        defer { following.cancel() }
        let reader = try IndexStore(path: path)
        var latencies: [Duration] = []
        for round in 0..<41 {
            let before = try reader.count(.tokenTransfers, chainID: 31337)
            _ = try await deployment.token.mint(to: deployment.distributor.address, amount: UInt256(1)).sendAndWait(from: owner)
            let mined = ContinuousClock.now
            while try reader.count(.tokenTransfers, chainID: 31337) == before { try await Task.sleep(for: .milliseconds(1)) }
            if round > 0 { latencies.append(ContinuousClock.now - mined) }  // the first waits for the catch-up
            try await Task.sleep(for: .milliseconds(Int.random(in: 0..<500)))  // land anywhere in the poll cycle
        }
        let milliseconds = latencies.map { $0 / .milliseconds(1) }.sorted()
        let worst = milliseconds.last ?? 0
        return [
            Figure(name: "tail/median", value: milliseconds[milliseconds.count / 2], unit: "ms"),
            Figure(name: "tail/worst", value: worst, unit: "ms"),
            Figure(name: "tail/worst-less-poll", value: worst - poll / .milliseconds(1), unit: "ms"),
        ]
    } catch {
        print("podium-bench tail: \(error)")
        exit(1)
    }
}
