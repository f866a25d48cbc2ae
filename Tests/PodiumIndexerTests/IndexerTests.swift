import Foundation
import GRDB
import PodiumABI
import PodiumContracts
import PodiumIndexer
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import PodiumTestSupport
import Testing

/// The indexer on a real devnet and a real SQLite file: Podium's contracts deployed by `Deployer`, events made
/// through their bindings, reorgs made with anvil_reorg. The reference is the chain itself: what was sent, and a
/// fresh index of the final chain, which an index that lived through reorgs and restarts must equal row for row.
@Suite struct IndexerTests {
    /// A devnet whose `finalized` tag trails the head by `finalityDepth`, with Podium deployed and a player funded.
    struct Chain {
        let devnet: ListeningProcess
        let client: RPCClient
        let deployment: PodiumDeployment
        let target: IndexTarget
        var owner: TransactionSender
        var player: TransactionSender
        let directory: URL

        static let glico = UInt256(1_000_000_000_000_000_000)

        static func start(finalityDepth: Int) async throws -> Chain {
            let devnet = try await TestDevnet.start(arguments: ["--finality-depth", "\(finalityDepth)"])
            let client = try RPCClient(url: devnet.url)
            let owner = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[0])
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-index-\(UUID().uuidString)")
            let record = try await Deployer(
                sender: owner, steps: DeploymentStep.podium(config: DeploymentConfig(), deployer: owner.address),
                recordURL: directory.appendingPathComponent("31337.json")
            ).run()
            let deployment = try PodiumDeployment(record: record, client: client)
            let player = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[5])
            _ = try await deployment.token.mint(to: player.address, amount: glico * 1000).sendAndWait(from: owner)
            _ = try await deployment.token.approve(spender: deployment.sale.address, amount: glico * 1000).sendAndWait(from: player)
            return Chain(
                devnet: devnet, client: client, deployment: deployment, target: try IndexTarget(record: record),
                owner: owner, player: player, directory: directory)
        }

        /// A store in a new file of the chain's directory.
        func store(_ name: String) throws -> IndexStore {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try IndexStore(path: directory.appendingPathComponent(name).path)
        }

        func indexer(_ store: IndexStore, _ options: Indexer.Options = .init()) -> Indexer {
            Indexer(client: client, store: store, target: target, options: options)
        }

        /// One Game Pass bought by the player.
        func buy() async throws -> RPCReceipt {
            try await deployment.sale.buyGamePass().sendAndWait(from: player)
        }

        /// A daily payout of `amounts` to the first accounts, for `period`.
        func pay(_ amounts: [UInt256], period: UInt256) async throws -> RPCReceipt {
            let winners = (0..<amounts.count).map { DevnetAccounts.privateKeys[6 + $0].address }
            return try await deployment.distributor.distributePrizes(
                winners: winners, amounts: amounts, prizeType: PrizeDistributor.daily, periodId: period
            ).sendAndWait(from: owner)
        }

        /// Replaces the last `depth` blocks with empty ones; the senders start again from the node's nonces.
        mutating func reorg(_ depth: Int) async throws {
            let _: JSONValue = try await client.call("anvil_reorg", [.quantity(UInt64(depth))])
            owner = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[0])
            player = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[5])
        }

        func stop() {
            devnet.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Every table's rows, without the row ids SQLite picked (a decoded row names its log by block hash and log
    /// index), in a fixed order: what two indexes of one chain must share.
    static func contents(_ store: IndexStore) throws -> [String] {
        let queries = [
            "SELECT chain_id, number, hex(hash), hex(parent_hash), timestamp FROM blocks ORDER BY number",
            "SELECT chain_id, block_number, hex(block_hash), hex(transaction_hash), transaction_index, log_index, hex(address), hex(topic0), hex(topic1), hex(topic2), hex(topic3), hex(data) FROM logs ORDER BY block_number, log_index",
            "SELECT hex(l.block_hash), l.log_index, d.prize_type, hex(d.timestamp), hex(d.total) FROM prizes_distributed d JOIN logs l ON l.id = d.log_id ORDER BY l.block_number, l.log_index",
            "SELECT hex(l.block_hash), l.log_index, w.place, hex(w.winner), hex(w.amount) FROM prize_winners w JOIN logs l ON l.id = w.log_id ORDER BY l.block_number, l.log_index, w.place",
            "SELECT hex(l.block_hash), l.log_index, d.prize_type, hex(d.period_id), hex(d.total) FROM period_paid d JOIN logs l ON l.id = d.log_id ORDER BY l.block_number, l.log_index",
            "SELECT hex(l.block_hash), l.log_index, hex(d.buyer), hex(d.day), hex(d.price), hex(d.treasury_amount), hex(d.daily_pool_amount), hex(d.weekly_pool_amount) FROM game_pass_purchases d JOIN logs l ON l.id = d.log_id ORDER BY l.block_number, l.log_index",
            "SELECT hex(l.block_hash), l.log_index, hex(d.sender), hex(d.receiver), hex(d.value) FROM token_transfers d JOIN logs l ON l.id = d.log_id ORDER BY l.block_number, l.log_index",
        ]
        return try queries.flatMap { try store.rows($0).map(\.description) }
    }

    @Test func eventsArriveDecodedAsTheyWereSent() async throws {
        let chain = try await Chain.start(finalityDepth: 0)
        defer { chain.stop() }
        let bought = try await chain.buy()
        let amounts = [UInt256(500), 300, 200]
        let paid = try await chain.pay(amounts, period: 20261120)
        let store = try chain.store("index.sqlite")
        let state = try await chain.indexer(store).run()
        #expect(state.cursor == paid.blockNumber)

        let purchase = try #require(try chain.deployment.sale.events(GamePassSale.GamePassPurchased.self, in: bought).first)
        let purchases = try store.rows("SELECT buyer, day, price, treasury_amount, daily_pool_amount, weekly_pool_amount, block_number FROM game_pass_purchases")
        #expect(purchases.count == 1)
        let row = try #require(purchases.first)
        #expect([UInt8](row["buyer"] as Data) == chain.player.address.bytes)
        #expect([UInt8](row["price"] as Data) == purchase.price.bigEndianBytes)
        #expect([UInt8](row["day"] as Data) == purchase.day.bigEndianBytes)
        #expect([UInt8](row["treasury_amount"] as Data) == purchase.treasuryAmount.bigEndianBytes)
        #expect([UInt8](row["daily_pool_amount"] as Data) == purchase.dailyPoolAmount.bigEndianBytes)
        #expect([UInt8](row["weekly_pool_amount"] as Data) == purchase.weeklyPoolAmount.bigEndianBytes)
        #expect(row["block_number"] as Int64 == Int64(bought.blockNumber))

        let winners = try store.rows("SELECT place, winner, amount FROM prize_winners ORDER BY place")
        #expect(winners.map { $0["place"] as Int } == [1, 2, 3])
        #expect(winners.map { [UInt8]($0["winner"] as Data) } == (6..<9).map { DevnetAccounts.privateKeys[$0].address.bytes })
        #expect(winners.map { [UInt8]($0["amount"] as Data) } == amounts.map(\.bigEndianBytes))
        let total = try #require(try store.rows("SELECT total FROM prizes_distributed").first)
        #expect([UInt8](total["total"] as Data) == UInt256(1000).bigEndianBytes)
        let period = try #require(try store.rows("SELECT period_id FROM period_paid").first)
        #expect([UInt8](period["period_id"] as Data) == UInt256(20261120).bigEndianBytes)
        // The token's transfers kept: the player's payment to the treasury and the distributor, and the payouts; not
        // the mint to the player.
        #expect(try store.count(.tokenTransfers, chainID: 31337) == 2 + amounts.count)
        // Every log of the chain's receipts from the three contracts, minus the mint and the approval.
        #expect(try store.count(.logs, chainID: 31337) == 3 + amounts.count + 2)

        // The decoded tables, emptied and rebuilt offline from `logs`, come back byte for byte, row ids included.
        let decodedQueries = ["prizes_distributed", "prize_winners", "period_paid", "game_pass_purchases", "token_transfers"]
            .map { "SELECT * FROM \($0) ORDER BY 1, 2" }
        let decoded = try decodedQueries.flatMap { try store.rows($0).map(\.description) }
        try await DatabaseQueue(path: store.path).write { try $0.execute(sql: "DELETE FROM prizes_distributed; DELETE FROM token_transfers") }
        #expect(try store.count(.prizesDistributed, chainID: 31337) == 0)
        #expect(try store.rebuildDecoded(chainID: 31337) == 2 + amounts.count + 3)
        #expect(try decodedQueries.flatMap { try store.rows($0).map(\.description) } == decoded)

        // A second run finds nothing new and writes nothing.
        let before = try Self.contents(store)
        _ = try await chain.indexer(store).run()
        #expect(try Self.contents(store) == before)
    }

    @Test(arguments: [1, 2, 5, 12])
    func aReorgIsRolledBackLiveAndWhileStopped(depth: Int) async throws {
        var chain = try await Chain.start(finalityDepth: 20)
        defer { chain.stop() }
        for period in 0..<3 {
            _ = try await chain.buy()
            _ = try await chain.pay([UInt256(10 + period)], period: UInt256(20261120 + period))
        }
        let live = try chain.store("live.sqlite")
        _ = try await chain.indexer(live).run()
        #expect(try live.count(.prizesDistributed, chainID: 31337) == 3)

        // A reorg of the last blocks while the index is stopped, and new events on the new branch.
        try await chain.reorg(depth)
        _ = try await chain.pay([UInt256(99)], period: 20261199)
        _ = try await chain.indexer(live).run()
        // Another one under a running index's feet: index, reorg, index again.
        _ = try await chain.buy()
        _ = try await chain.indexer(live).run()
        try await chain.reorg(1)
        _ = try await chain.indexer(live).run()

        let fresh = try chain.store("fresh.sqlite")
        _ = try await chain.indexer(fresh).run()
        #expect(try Self.contents(live) == Self.contents(fresh))
        #expect(try live.state(chainID: 31337)?.cursor == fresh.state(chainID: 31337)?.cursor)
    }

    @Test func aReorgBelowFinalityHaltsAndWritesNothing() async throws {
        var chain = try await Chain.start(finalityDepth: 2)
        defer { chain.stop() }
        for period in 0..<3 {
            _ = try await chain.buy()
            _ = try await chain.pay([UInt256(1)], period: UInt256(20261120 + period))
        }
        let store = try chain.store("index.sqlite")
        _ = try await chain.indexer(store).run()
        let before = try Self.contents(store)
        try await chain.reorg(4)
        do {
            _ = try await chain.indexer(store).run()
            Issue.record("a reorg below the finalized block was accepted")
        } catch IndexError.reorgBelowFinality(let block, let stored, let node) {
            #expect(stored != node)
            let mine = try #require(try store.block(chainID: 31337, number: block))
            #expect(mine.hash == stored)
        }
        #expect(try Self.contents(store) == before)
        #expect(try store.state(chainID: 31337)?.halt?.contains("reorg below finality") == true)
        await #expect(throws: IndexError.self) { _ = try await chain.indexer(store).run() }
    }

    @Test func anIndexBuiltInStepsEqualsOneBuiltAtOnce() async throws {
        let chain = try await Chain.start(finalityDepth: 0)
        defer { chain.stop() }
        for period in 0..<4 {
            _ = try await chain.buy()
            _ = try await chain.pay([UInt256(5), UInt256(4)], period: UInt256(20261120 + period))
        }
        let head = try await chain.client.blockNumber()
        // Small ranges and a stop half way, as a restart after a kill would resume.
        let stepped = try chain.store("stepped.sqlite")
        var options = Indexer.Options(toBlock: head - 3)
        options.initialRange = 2
        _ = try await chain.indexer(stepped, options).run()
        options.toBlock = nil
        _ = try await chain.indexer(stepped, options).run()
        let whole = try chain.store("whole.sqlite")
        _ = try await chain.indexer(whole).run()
        #expect(try Self.contents(stepped) == Self.contents(whole))
        #expect(try whole.count(.prizesDistributed, chainID: 31337) == 4)
    }

    /// A proxy that fails the first requests (HTTP 503 and 429, truncated or garbage bodies, answers lost after the
    /// node acted) or tampers with the first answers of eth_getLogs (a log left out, which the blocks' blooms
    /// betray; logs naming another branch's block hash): the index retries, stores nothing wrong, and ends equal to
    /// one made without faults.
    @Test(arguments: ["status503", "status429", "truncate", "garbage", "drop", "droplog", "otherbranch"])
    func faultsAreRetriedNotStored(mode: String) async throws {
        let chain = try await Chain.start(finalityDepth: 0)
        defer { chain.stop() }
        for period in 0..<3 {
            _ = try await chain.buy()
            _ = try await chain.pay([UInt256(3)], period: UInt256(20261120 + period))
        }
        let proxy = try await FaultProxy.start(upstream: chain.devnet.url, mode: mode, count: 3)
        defer { proxy.stop() }
        let faulty = try chain.store("faulty.sqlite")
        var options = Indexer.Options()
        options.initialRange = 4
        let client = try RPCClient(url: proxy.url, timeout: .seconds(5), retryPolicy: .none)
        _ = try await Indexer(client: client, store: faulty, target: chain.target, options: options).run()
        let whole = try chain.store("whole.sqlite")
        _ = try await chain.indexer(whole).run()
        #expect(try Self.contents(faulty) == Self.contents(whole))
    }

    /// An answer larger than the client takes is not an error of the node: the range is halved until the answers
    /// fit.
    @Test func anAnswerTooLargeHalvesTheRange() async throws {
        let chain = try await Chain.start(finalityDepth: 0)
        defer { chain.stop() }
        for period in 0..<10 { _ = try await chain.buy(); _ = try await chain.pay([UInt256(1)], period: UInt256(20261120 + period)) }
        let small = try chain.store("small.sqlite")
        let client = try RPCClient(url: chain.devnet.url, maximumResponseBytes: 32 << 10)
        let state = try await Indexer(client: client, store: small, target: chain.target).run()
        #expect(state.logRange < Indexer.Options().initialRange)
        let whole = try chain.store("whole.sqlite")
        _ = try await chain.indexer(whole).run()
        #expect(try Self.contents(small) == Self.contents(whole))
    }

    /// A node behind the index (a lower head, the indexed blocks not found yet) is waited for, never taken for a
    /// reorg: nothing is rolled back.
    @Test func aLaggingNodeIsWaitedForNotRolledBack() async throws {
        let chain = try await Chain.start(finalityDepth: 20)
        defer { chain.stop() }
        for period in 0..<2 { _ = try await chain.buy(); _ = try await chain.pay([UInt256(1)], period: UInt256(20261120 + period)) }
        let store = try chain.store("index.sqlite")
        let indexed = try await chain.indexer(store).run()
        let before = try Self.contents(store)
        let proxy = try await FaultProxy.start(upstream: chain.devnet.url, mode: "lag", count: 3)
        defer { proxy.stop() }
        let lagging = try await Indexer(client: try RPCClient(url: proxy.url), store: store, target: chain.target).run()
        #expect(lagging.cursor == indexed.cursor)
        #expect(try Self.contents(store) == before)
    }

    /// Nodes that refuse wide ranges, each with its provider's message: the index learns a range that works and
    /// equals one made without a limit.
    @Test(arguments: ["alchemy", "infura", "quicknode", "ankr", "generic"])
    func rangeLimitsAreLearned(provider: String) async throws {
        let chain = try await Chain.start(finalityDepth: 0)
        defer { chain.stop() }
        for period in 0..<2 {
            _ = try await chain.buy()
            _ = try await chain.pay([UInt256(3)], period: UInt256(20261120 + period))
        }
        let proxy = try await FaultProxy.start(upstream: chain.devnet.url, mode: "range-\(provider)", count: 3)
        defer { proxy.stop() }
        let limited = try chain.store("limited.sqlite")
        let state = try await Indexer(client: try RPCClient(url: proxy.url), store: limited, target: chain.target).run()
        #expect(state.logRange <= 3 && state.logRange >= (provider == "generic" ? 1 : 3), "\(state.logRange)")
        #expect(try limited.state(chainID: 31337)?.logRange == state.logRange)
        let whole = try chain.store("whole.sqlite")
        _ = try await chain.indexer(whole).run()
        #expect(try Self.contents(limited) == Self.contents(whole))
    }

    /// `podium index` killed with SIGKILL at random moments of a catch-up of 10,000 PrizesDistributed logs (a static
    /// node of pre-generated blocks, bench/index_server.py), 100 starts in all, one block per range, and started
    /// again: the tables end equal to an uninterrupted index's, with no gap and no duplicate.
    @Test func killedAtRandomItResumesWithNoGapAndNoDuplicate() async throws {
        let root = PythonOracle.repositoryRoot
        let node = try await ListeningProcess.start(
            executable: PythonOracle.python, arguments: [root.appendingPathComponent("bench/index_server.py").path, "2000", "5"])
        defer { node.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-killed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("index.json")
        try Data(#"""
            {"chainId": 31337, "contracts": [{"name": "PrizeDistributor", "address": "0x00000000000000000000000000000000d1571b07",
             "startBlock": 0, "events": ["event PrizesDistributed(uint8 indexed prizeType, address[] winners, uint256[] amounts, uint256 timestamp)"]}]}
            """#.utf8).write(to: config)
        let killed = directory.appendingPathComponent("killed.sqlite").path
        let arguments = ["index", "--rpc-url", node.url, "--config", config.path, "--db", killed, "--log-range", "1", "--quiet"]
        // Each start is killed within a window of a few times a process's own start-up here (at most 600 ms, so that
        // the 100 starts take a minute at the most), so that every start moves the index on by a little, whatever
        // this machine's speed.
        let clock = ContinuousClock()
        let before = clock.now
        _ = try await PodiumProcess.run(["index", "status", "--db", killed])
        let window = min(600, max(60, 4 * Int((clock.now - before) / .milliseconds(1))))
        var generator = SeededGenerator(seed: 20261204)
        var kills = 0
        for _ in 0..<100 {
            let process = Process()
            process.executableURL = PodiumProcess.executable
            process.arguments = arguments
            try process.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 5...window, using: &generator)))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                try await offPool { process.waitUntilExit() }
                // A kill that left the catch-up unfinished is one that tests resuming.
                if let cursor = try? IndexStore(path: killed).state(chainID: 31337)?.cursor, cursor < 2000 { kills += 1 }
            } else {
                try await offPool { process.waitUntilExit() }
            }
        }
        let finished = try await PodiumProcess.run(arguments)
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(kills >= 3, "only \(kills) runs were killed before the catch-up ended")
        let wholePath = directory.appendingPathComponent("whole.sqlite").path
        let whole = try await PodiumProcess.run(arguments.map { $0 == killed ? wholePath : $0 })
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(try Self.contents(IndexStore(path: killed)) == Self.contents(IndexStore(path: wholePath)))
        #expect(try IndexStore(path: wholePath).count(.prizesDistributed, chainID: 31337) == 10_000)
    }

    /// A config file naming the same contracts and events (human-readable signatures, and names picked from the
    /// token's artifact in abi/) indexes what the deployment record's defaults index.
    @Test func aConfigFileIndexesAsTheRecordDoes() async throws {
        let chain = try await Chain.start(finalityDepth: 0)
        defer { chain.stop() }
        _ = try await chain.buy()
        _ = try await chain.pay([UInt256(8), UInt256(7)], period: 20261120)
        let d = chain.deployment
        let artifact = PythonOracle.repositoryRoot.appendingPathComponent("abi/GlicoToken.json").path
        let config = """
            {"chainId": 31337, "contracts": [
              {"name": "PrizeDistributor", "address": "\(d.distributor.address)", "startBlock": 0, "events": [
                "event PrizesDistributed(uint8 indexed prizeType, address[] winners, uint256[] amounts, uint256 timestamp)",
                "event PeriodPaid(uint8 indexed prizeType, uint256 indexed periodId, uint256 total)"]},
              {"name": "GamePassSale", "address": "\(d.sale.address)", "events": [
                "event GamePassPurchased(address indexed buyer, uint256 indexed day, uint256 price, uint256 treasuryAmount, uint256 dailyPoolAmount, uint256 weeklyPoolAmount)"]},
              {"name": "GlicoToken", "address": "\(d.token.address)", "abi": "\(artifact)", "events": ["Transfer"],
               "filter": {"anyOf": ["\(d.distributor.address)", "\(d.sale.address)", "\(chain.owner.address)"]}}
            ]}
            """
        try FileManager.default.createDirectory(at: chain.directory, withIntermediateDirectories: true)
        let file = chain.directory.appendingPathComponent("index.json")
        try Data(config.utf8).write(to: file)
        let configured = try chain.store("configured.sqlite")
        _ = try await Indexer(client: chain.client, store: configured, target: try IndexTarget(config: file)).run()
        let defaults = try chain.store("defaults.sqlite")
        _ = try await chain.indexer(defaults).run()
        #expect(try Self.contents(configured) == Self.contents(defaults))
        #expect(try configured.count(.tokenTransfers, chainID: 31337) == 4)

        // A misspelt member is refused by name.
        try Data(config.replacingOccurrences(of: "\"startBlock\"", with: "\"startblock\"").utf8).write(to: file)
        #expect {
            _ = try IndexTarget(config: file)
        } throws: { "\($0)".contains("contracts[0].startblock: unknown member") }
    }

    @Test func aDatabaseFromANewerPodiumIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("index.sqlite").path
        _ = try IndexStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        #expect {
            _ = try IndexStore(path: path)
        } throws: { error in
            guard case IndexError.newerDatabase(_, let migration) = error else { return false }
            return migration == "v99"
        }
    }
}
