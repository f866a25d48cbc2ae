import Foundation
import PodiumTestSupport
import Testing

extension ChainCommandTests {
    /// `podium gamepass buy` end to end through the binaries on the devnet: `podium deploy`, `podium paymaster
    /// deposit`, `podium paymaster serve` (ERC-7677) and `podium bundler serve` (ERC-7769) as real processes over
    /// HTTP. The first purchase creates the player's account and approves and buys in one sponsored operation; the
    /// second is sponsored too; the account never holds ETH while the paymaster's deposit pays exactly what the
    /// EntryPoint's events say; bought self-paid without ETH it fails in validation (AA21); the index holds both
    /// operations.
    @Suite struct GamePassCommand {
        static let playerKey = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"  // devnet account 5
        static let sponsorKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"  // account 0, the deployer

        /// Funds the paymaster's deposit (1 ETH) and starts `podium paymaster serve` (the deployer's key signs,
        /// `serveArguments` added) and `podium bundler serve` (account 9 sends, `bundleArguments` added) on `chain`.
        static func startServices(
            on chain: DeployedChain, serveArguments: [String] = [], bundleArguments: [String] = []
        ) async throws -> (sponsor: ListeningProcess, bundler: ListeningProcess) {
            let context = ["--rpc-url", chain.url, "--deployments", chain.directory.path]
            _ = try await ChainCommandTests.succeed(["paymaster", "deposit", "1ether", "--dev-account", "0"] + context)
            let keyFile = chain.directory.appendingPathComponent("sponsor.key")
            try Data(sponsorKey.utf8).write(to: keyFile)
            let sponsor = try await ListeningProcess.start(
                executable: PodiumProcess.executable,
                arguments: ["paymaster", "serve", "--port", "0", "--sponsor-key-file", keyFile.path] + serveArguments + context)
            do {
                let bundler = try await ListeningProcess.start(
                    executable: PodiumProcess.executable,
                    arguments: ["bundler", "serve", "--port", "0", "--dev-account", "9"] + bundleArguments + context)
                return (sponsor, bundler)
            } catch {
                sponsor.stop()
                throw error
            }
        }

        @Test func sponsoredPurchasesNeedNoETH() async throws {
            let chain = try await DeployedChain.start()
            defer { chain.stop() }
            let rpc = ["--rpc-url", chain.url]
            let record = ["--deployments", chain.directory.path]
            let (sponsor, bundler) = try await Self.startServices(on: chain)
            defer { sponsor.stop(); bundler.stop() }

            let account = try await ChainCommandTests.succeed(
                ["account", "address", "--owner", ChainCommandTests.account5] + rpc + record)
            let token = try #require(chain.addresses["GlicoToken"])
            _ = try await ChainCommandTests.succeed(
                ["send", token, "mint(address,uint256)", account, "100000000000000000000", "--dev-account", "0", "--async"] + rpc)
            let buy = ["gamepass", "buy", "--player-key", Self.playerKey, "--paymaster-url", sponsor.url, "--bundler-url", bundler.url]
                + rpc + record
            let depositBefore = try await ChainCommandTests.succeed(["paymaster", "balance"] + rpc + record)

            let first = try await ChainCommandTests.succeed(buy)
            #expect(first.contains("account          \(account) (created by this operation)"), "\(first)")
            #expect(first.contains("success true") && first.contains("paid by paymaster \(chain.addresses["VerifyingPaymaster"]!)"), "\(first)")
            #expect(first.contains("GamePassPurchased buyer \(account)") && first.contains("price 20000000000000000000"), "\(first)")
            // The bundler answers for the operation by its hash, from the chain's events.
            let hash = try #require(first.split(separator: "\n").first { $0.hasPrefix("userOpHash") }?.split(separator: " ").last)
            let receipt = ChainCommandTests.fields(
                try await ChainCommandTests.succeed(["userop", "receipt", String(hash), "--bundler-url", bundler.url]))
            #expect(receipt["sender"] == account && receipt["success"] == "true" && receipt["nonce"] == "0", "\(receipt)")
            let status = try await ChainCommandTests.succeed(["userop", "status", String(hash), "--bundler-url", bundler.url])
            #expect(status.hasPrefix("included in 0x"), "\(status)")
            let second = try await ChainCommandTests.succeed(buy)
            #expect(!second.contains("created by this operation") && second.contains("success true"), "\(second)")
            #expect(try await ChainCommandTests.succeed(["balance", account] + rpc) == "0")
            #expect(try await ChainCommandTests.succeed(["balance", ChainCommandTests.account5] + rpc) == "10000000000000000000000")
            #expect(try await ChainCommandTests.succeed(["call", token, "balanceOf(address)(uint256)", account] + rpc) == "60000000000000000000")

            // The deposit paid exactly the two operations' actualGasCost.
            let costs = [first, second].compactMap { output -> UInt64? in
                guard let range = output.range(of: "actualGasCost ") else { return nil }
                return UInt64(output[range.upperBound...].prefix { $0.isNumber })
            }
            #expect(costs.count == 2)
            let depositAfter = try await ChainCommandTests.succeed(["paymaster", "balance"] + rpc + record)
            #expect(UInt64(depositBefore)! - UInt64(depositAfter)! == costs.reduce(0, +), "\(depositBefore) → \(depositAfter), \(costs)")

            // Self-paid, the account has no ETH to pay with: the EntryPoint refuses it in validation.
            let selfPaid = try await PodiumProcess.run(
                ["gamepass", "buy", "--self-paid", "--player-key", Self.playerKey, "--bundler-url", bundler.url] + rpc + record)
            #expect(selfPaid.status != 0 && selfPaid.stderr.contains("AA21"), "\(selfPaid.stderr)")

            // The same purchase step by step for another player: build (sponsored), sign, send.
            let owner6 = "0x976EA74026E726554dB657fA54763abd0C3a0aa9"
            let account6 = try await ChainCommandTests.succeed(["account", "address", "--owner", owner6] + rpc + record)
            _ = try await ChainCommandTests.succeed(
                ["send", token, "mint(address,uint256)", account6, "20000000000000000000", "--dev-account", "0", "--async"] + rpc)
            let built = try await ChainCommandTests.succeed(
                ["userop", "build", "--owner", owner6, "--gamepass", "--paymaster-url", sponsor.url, "--bundler-url", bundler.url]
                    + rpc + record)
            let unsigned = chain.directory.appendingPathComponent("op.json")
            try Data(built.utf8).write(to: unsigned)
            let signed = try await ChainCommandTests.succeed(["userop", "sign", unsigned.path, "--dev-account", "6"] + rpc + record)
            let signedFile = chain.directory.appendingPathComponent("signed.json")
            try Data(signed.utf8).write(to: signedFile)
            let sent = try await ChainCommandTests.succeed(["userop", "send", signedFile.path, "--bundler-url", bundler.url, "--wait"])
            #expect(sent.contains("success true"), "\(sent)")
            #expect(try await ChainCommandTests.succeed(["balance", account6] + rpc) == "0")

            // The index holds the operations, paid by the paymaster, with their costs.
            _ = try await ChainCommandTests.succeed(["index", "--quiet"] + rpc + record)
            let index = try ChainCommandTests.object(try await ChainCommandTests.succeed(["index", "status", "--json"] + record))
            #expect((index["rows"] as? [String: Any])?["user_operations"] as? Int == 3, "\(index)")
            #expect((index["rows"] as? [String: Any])?["account_deployments"] as? Int == 2, "\(index)")
        }
    }
}
