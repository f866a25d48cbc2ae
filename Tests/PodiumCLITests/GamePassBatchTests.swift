import Foundation
import PodiumTestSupport
import Testing

extension ChainCommandTests {
    /// `podium gamepass buy --player-keys-file` end to end through the binaries on the devnet, with the paymaster
    /// service (a policy of one sponsored operation per wallet a day) and the bundler as real processes: twelve
    /// players buy in one command, their accounts created by the purchases; the chain holds twelve
    /// GamePassPurchased events and twelve UserOperationEvents paid by the paymaster; no account holds ETH; each
    /// holds 20 GLICO less. A second purchase on the same day is refused by the policy; after the chain's clock is
    /// moved a day (evm_increaseTime, evm_mine) the next one is sponsored: the policy counts days by block time.
    @Suite struct GamePassBatch {
        static let price = "20000000000000000000"

        @Test func twelvePlayersInOneCommandOverTwoSimulatedDays() async throws {
            let chain = try await DeployedChain.start()
            defer { chain.stop() }
            let rpc = ["--rpc-url", chain.url]
            let record = ["--deployments", chain.directory.path]
            let policyFile = chain.directory.appendingPathComponent("policy.json")
            try Data(#"{"walletDailyLimit": 1}"#.utf8).write(to: policyFile)
            let (sponsor, bundler) = try await GamePassCommand.startServices(
                on: chain, serveArguments: ["--policy", policyFile.path], bundleArguments: ["--bundle-interval", "100"])
            defer { sponsor.stop(); bundler.stop() }

            // Twelve players: keys 0x…21 to 0x…2c, their accounts given 100 GLICO.
            let keys = (0..<12).map { "0x" + String(repeating: "0", count: 62) + String(0x21 + $0, radix: 16) }
            let token = try #require(chain.addresses["GlicoToken"])
            var accounts: [String] = []
            for key in keys {
                let owner = try await ChainCommandTests.succeed(["wallet", "address", "--private-key", key])
                let account = try await ChainCommandTests.succeed(["account", "address", "--owner", owner] + rpc + record)
                _ = try await ChainCommandTests.succeed(
                    ["send", token, "mint(address,uint256)", account, "100000000000000000000", "--dev-account", "0", "--async"] + rpc)
                accounts.append(account)
            }
            let keysFile = chain.directory.appendingPathComponent("players.keys")
            try Data(("# the players\n" + keys.joined(separator: "\n") + "\n").utf8).write(to: keysFile)
            let buy = ["gamepass", "buy", "--player-keys-file", keysFile.path, "--concurrency", "4", "--paymaster-url", sponsor.url,
                "--bundler-url", bundler.url] + rpc + record

            let first = try await ChainCommandTests.succeed(buy + ["--each"])
            let lines = first.split(separator: "\n")
            #expect(lines.count == 13, "\(first)")
            #expect(Set(lines.dropLast().compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }) == Set(accounts), "\(first)")
            let summary = try #require(lines.last)
            #expect(summary.range(of: #"^day \d{4}-\d\d-\d\d: 12 purchases in \d+ bundles?, \d+\.\d s$"#, options: .regularExpression) != nil, "\(summary)")
            #expect(!first.contains(keys[0].dropFirst(2)), "a key was printed")

            // From the chain: twelve purchases, twelve operations paid by the paymaster, of these accounts.
            let sale = try #require(chain.addresses["GamePassSale"])
            let paymaster = try #require(chain.addresses["VerifyingPaymaster"])
            let entryPoint = try #require(chain.addresses["EntryPoint"])
            let purchased = try await ChainCommandTests.succeed(["keccak", "GamePassPurchased(address,uint256,uint256,uint256,uint256,uint256)"])
            let operationEvent = try await ChainCommandTests.succeed(
                ["keccak", "UserOperationEvent(bytes32,address,address,uint256,bool,uint256,uint256)"])
            let paymasterTopic = "0x" + String(repeating: "0", count: 24) + paymaster.dropFirst(2).lowercased()
            func logs(_ filter: String) async throws -> [[String: Any]] {
                let text = try await ChainCommandTests.succeed(["rpc", "eth_getLogs", filter] + rpc)
                return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "\(text)")
            }
            let purchases = try await logs(#"{"fromBlock": "0x0", "address": "\#(sale)", "topics": ["\#(purchased)"]}"#)
            #expect(purchases.count == 12)
            let operations = try await logs(
                #"{"fromBlock": "0x0", "address": "\#(entryPoint)", "topics": ["\#(operationEvent)", null, null, "\#(paymasterTopic)"]}"#)
            #expect(operations.count == 12)
            let senders = Set(operations.compactMap { ($0["topics"] as? [String])?[2].suffix(40) }.map { String($0) })
            #expect(senders == Set(accounts.map { $0.dropFirst(2).lowercased() }), "\(senders)")
            // Each operation succeeded (the data's second word, success, is 1).
            #expect(operations.allSatisfy { (($0["data"] as? String) ?? "").dropFirst(2 + 64).prefix(64).hasSuffix("1") })
            for account in accounts {
                #expect(try await ChainCommandTests.succeed(["balance", account] + rpc) == "0")
                #expect(try await ChainCommandTests.succeed(["call", token, "balanceOf(address)(uint256)", account] + rpc)
                    == "80000000000000000000")
            }

            // The same day again: the policy allows one a wallet a day.
            let again = try await PodiumProcess.run(buy)
            #expect(again.status != 0 && again.stderr.contains("wallet-daily-limit"), "\(again.stderr)")
            #expect(again.stderr.components(separatedBy: "failed: ").count == 13, "\(again.stderr)")

            // The next simulated day: sponsored again.
            _ = try await ChainCommandTests.succeed(["rpc", "evm_increaseTime", "86400"] + rpc)
            _ = try await ChainCommandTests.succeed(["rpc", "evm_mine"] + rpc)
            let second = try await ChainCommandTests.succeed(buy)
            #expect(second.range(of: #"^day \d{4}-\d\d-\d\d: 12 purchases in \d+ bundles?, \d+\.\d s$"#, options: .regularExpression) != nil, "\(second)")
            #expect(second.prefix(14) != summary.prefix(14), "\(summary) / \(second)")
            for account in accounts {
                #expect(try await ChainCommandTests.succeed(["balance", account] + rpc) == "0")
                #expect(try await ChainCommandTests.succeed(["call", token, "balanceOf(address)(uint256)", account] + rpc)
                    == "60000000000000000000")
            }
        }
    }
}
