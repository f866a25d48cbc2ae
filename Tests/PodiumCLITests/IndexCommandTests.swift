import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PodiumTestSupport
import Testing

extension ChainCommandTests {
    /// `podium index` through the built binary, on contracts `podium deploy` put on a devnet whose finalized tag
    /// is its head: events land in the file, a re-run adds nothing, and a reorg (necessarily below finality
    /// here) exits with status 3 and leaves the file as it was.
    @Suite struct IndexCommand {
        @Test func indexesThenHaltsOnAReorgBelowFinality() async throws {
            let chain = try await DeployedChain.start()
            defer { chain.stop() }
            let rpc = ["--rpc-url", chain.url]
            let (token, distributor) = (chain.addresses["GlicoToken"]!, chain.addresses["PrizeDistributor"]!)
            _ = try await ChainCommandTests.succeed(["send", token, "mint(address,uint256)", distributor, "100", "--dev-account", "0", "--async"] + rpc)
            _ = try await ChainCommandTests.succeed([
                "send", distributor, "distributePrizes(address[],uint256[],uint8,uint256)", "[\(ChainCommandTests.account5)]",
                "[7]", "0", "20261120", "--dev-account", "0", "--async",
            ] + rpc)
            let index = ["index", "--deployments", chain.directory.path] + rpc
            let first = try await ChainCommandTests.succeed(index)
            // The mint to the distributor, the payout's transfer, PrizesDistributed and PeriodPaid.
            #expect(first.hasSuffix(", 4 logs, in \(chain.directory.appendingPathComponent("index.sqlite").path)"), "\(first)")
            #expect(try await ChainCommandTests.succeed(index) == first)
            // --json-status: one JSON line per range, the last at the head.
            let lines = try await ChainCommandTests.succeed(index + ["--json-status"]).split(separator: "\n")
            let last = try ChainCommandTests.object(String(try #require(lines.last)))
            let head = try await ChainCommandTests.succeed(["block-number"] + rpc)
            #expect("\(last["indexed"] as? Int ?? -1)" == head && last["rolledBack"] as? Int == 0, "\(lines)")

            _ = try await ChainCommandTests.succeed(["rpc", "anvil_reorg", "1"] + rpc)
            let halted = try await PodiumProcess.run(index)
            #expect(halted.status == 3, "\(halted.stderr)")
            #expect(halted.stderr.hasPrefix("podium: reorg below finality at block ") && halted.stderr.contains("nothing was written"))
            let again = try await PodiumProcess.run(index)
            #expect(again.status != 0 && again.stderr.contains("the index is halted"), "\(again.stderr)")
        }

        /// --follow picks up a new event within a few polls, and SIGTERM ends it cleanly (status 0) after the range
        /// in hand; status tells where it stopped.
        @Test func followsTheHeadUntilTerminated() async throws {
            let chain = try await DeployedChain.start()
            defer { chain.stop() }
            let rpc = ["--rpc-url", chain.url]
            let process = Process()
            process.executableURL = PodiumProcess.executable
            process.arguments = ["index", "--follow", "--deployments", chain.directory.path] + rpc
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.terminate() } }
            let token = chain.addresses["GlicoToken"]!, distributor = chain.addresses["PrizeDistributor"]!
            _ = try await ChainCommandTests.succeed(["send", token, "mint(address,uint256)", distributor, "5", "--dev-account", "0", "--async"] + rpc)
            let head = try await ChainCommandTests.succeed(["block-number"] + rpc)
            let status = ["index", "status", "--json", "--deployments", chain.directory.path]
            var indexed: String?
            for _ in 0..<200 {
                let result = try await PodiumProcess.run(status)
                if result.status == 0, let object = try? ChainCommandTests.object(result.stdout), let value = object["indexed"] as? Int,
                    "\(value)" == head, (object["rows"] as? [String: Any])?["token_transfers"] as? Int == 1
                {
                    indexed = "\(value)"
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(indexed == head)
            process.terminate()
            let status2 = try await offPool { process.waitUntilExit(); return process.terminationStatus }
            #expect(status2 == 0)
            let text = try await ChainCommandTests.succeed(["index", "status", "--deployments", chain.directory.path])
            #expect(ChainCommandTests.fields(text)["indexed"] == head, "\(text)")
        }

        /// --metrics-port: while following, GET /metrics answers Prometheus text whose heights and counts are the
        /// chain's and the index's own.
        @Test func servesMetricsWhileFollowing() async throws {
            let chain = try await DeployedChain.start()
            defer { chain.stop() }
            let rpc = ["--rpc-url", chain.url]
            let token = chain.addresses["GlicoToken"]!, distributor = chain.addresses["PrizeDistributor"]!
            _ = try await ChainCommandTests.succeed(["send", token, "mint(address,uint256)", distributor, "5", "--dev-account", "0", "--async"] + rpc)
            let head = try await ChainCommandTests.succeed(["block-number"] + rpc)
            let indexer = try await ListeningProcess.start(
                executable: PodiumProcess.executable,
                arguments: ["index", "--follow", "--metrics-port", "0", "--deployments", chain.directory.path] + rpc,
                announcedOnStandardError: true)
            defer { indexer.stop() }
            #expect(indexer.url.hasSuffix("/metrics"), "\(indexer.url)")
            var samples: [String: String] = [:]
            for _ in 0..<200 {
                let (body, response) = try await URLSession.shared.data(from: try #require(URL(string: indexer.url)))
                #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
                samples = Dictionary(
                    String(decoding: body, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
                        line.split(separator: " ").count == 2 ? (String(line.split(separator: " ")[0]), String(line.split(separator: " ")[1])) : nil
                    }, uniquingKeysWith: { $1 })
                if samples[#"podium_index_indexed_block{chain_id="31337"}"#].flatMap(Double.init) == Double(head) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(samples[#"podium_index_indexed_block{chain_id="31337"}"#].flatMap(Double.init) == Double(head), "\(samples)")
            #expect(samples[#"podium_index_head_block{chain_id="31337"}"#].flatMap(Double.init) == Double(head))
            #expect(samples[#"podium_index_lag_blocks{chain_id="31337"}"#].flatMap(Double.init) == 0)
            #expect(samples[#"podium_index_halted{chain_id="31337"}"#].flatMap(Double.init) == 0)
            let status = try ChainCommandTests.object(
                try await ChainCommandTests.succeed(["index", "status", "--json", "--deployments", chain.directory.path]))
            let logs = (status["rows"] as? [String: Any])?["logs"] as? Int
            #expect(logs == 1 && samples[#"podium_index_logs_total{chain_id="31337"}"#].flatMap(Int.init) == logs, "\(samples)")
        }
    }
}
