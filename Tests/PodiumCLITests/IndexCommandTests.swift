import Foundation
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
    }
}
