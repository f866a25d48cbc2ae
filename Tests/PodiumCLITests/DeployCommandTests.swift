import Foundation
import PodiumTestSupport
import Testing

extension ChainCommandTests {
    /// `podium deploy` against the devnet: the contracts land at account 0's CREATE addresses with the compiled
    /// runtime code of abi/*.json, wired as the constructor arguments say; a re-run keeps them; --dry-run sends nothing.
    @Suite struct Deploy {
        static let names = [
            "GlicoToken", "PrizeDistributor", "Disperser", "GamePassSale", "EntryPoint", "SimpleAccount",
            "SimpleAccountFactory", "VerifyingPaymaster",
        ]

        /// `deployedBytecode` of abi/<name>.json: the code on chain, up to the immutables Vyper appends to it.
        static func runtimeCode(_ name: String) throws -> String {
            let url = PythonOracle.repositoryRoot.appendingPathComponent("abi/\(name).json")
            let artifact = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let code = try #require(artifact["deployedBytecode"] as? String)
            return code.hasPrefix("0x") ? code.lowercased() : "0x" + code.lowercased()
        }

        /// The verbs of deploy's decision lines (all but the first line).
        static func verbs(_ output: String) -> [String] {
            output.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != " " }) }
        }

        @Test func deploysOnceThenKeeps() async throws {
            let chain = try await DeployedChain.start()
            defer { chain.stop() }
            let rpc = ["--rpc-url", chain.url]
            let lines = chain.output.split(separator: "\n").map(String.init)
            let recordPath = chain.directory.appendingPathComponent("31337.json").path
            #expect(lines.first == "chain 31337, deployer \(ChainCommandTests.account0), record \(recordPath)")
            #expect(Self.verbs(chain.output) == Array(repeating: "deployed", count: 8), "\(chain.output)")
            for name in Self.names {
                let address = try #require(DeployedChain.expectedAddresses[name])
                #expect(lines.contains { $0.contains(name) && $0.contains(address) }, "\(name): \(chain.output)")
            }

            // The record: the eight contracts at account 0's CREATE addresses, each created by the transaction
            // and in the block it names.
            #expect(chain.addresses == DeployedChain.expectedAddresses)
            let record = try DeployedChain.record(in: chain.directory)
            for (index, name) in Self.names.enumerated() {
                let entry = try #require(record[name])
                #expect(entry["blockNumber"] as? Int == index + 1, "\(name)")
                let hash = try #require(entry["transactionHash"] as? String)
                let receipt = ChainCommandTests.fields(try await ChainCommandTests.succeed(["receipt", hash] + rpc))
                #expect(receipt["status"] == "1 (success)", "\(name)")
                #expect(receipt["contractAddress"] == chain.addresses[name], "\(name)")
                #expect(receipt["blockNumber"] == "\(index + 1)", "\(name)")
                // The code on chain is the compiled runtime code.
                let code = try await ChainCommandTests.succeed(["code", try #require(chain.addresses[name])] + rpc)
                #expect(code.count > 2 && code.hasPrefix("0x"), "\(name)")
                #expect(code.hasPrefix(try Self.runtimeCode(name)), "\(name)")
            }
            #expect(try await ChainCommandTests.succeed(["block-number"] + rpc) == "8")

            // Wiring, read back from the contracts.
            let token = try #require(chain.addresses["GlicoToken"])
            let distributor = try #require(chain.addresses["PrizeDistributor"])
            let sale = try #require(chain.addresses["GamePassSale"])
            let account0 = ChainCommandTests.account0
            for (contract, getter, value) in [
                (distributor, "token()(address)", token), (distributor, "gameWallet()(address)", account0),
                (distributor, "owner()(address)", account0), (sale, "token()(address)", token),
                (sale, "treasury()(address)", account0), (sale, "distributor()(address)", distributor),
                (sale, "price()(uint256)", "20000000000000000000"), (token, "owner()(address)", account0),
            ] {
                #expect(try await ChainCommandTests.succeed(["call", contract, getter] + rpc) == value, "\(getter)")
            }

            // A re-run keeps all eight and sends nothing; the record stays as it was.
            let before = try Data(contentsOf: chain.directory.appendingPathComponent("31337.json"))
            let again = try await ChainCommandTests.succeed(
                ["deploy", "--dev-account", "0", "--deployments", chain.directory.path] + rpc)
            #expect(Self.verbs(again) == Array(repeating: "keep", count: 8), "\(again)")
            #expect(try await ChainCommandTests.succeed(["block-number"] + rpc) == "8")
            #expect(try Data(contentsOf: chain.directory.appendingPathComponent("31337.json")) == before)
            // And so does a dry run.
            let planned = try await ChainCommandTests.succeed(
                ["deploy", "--dev-account", "0", "--deployments", chain.directory.path, "--dry-run"] + rpc)
            #expect(Self.verbs(planned) == Array(repeating: "keep", count: 8), "\(planned)")
        }

        @Test func dryRunOnAFreshChainSendsNothing() async throws {
            let devnet = try await TestDevnet.start()
            defer { devnet.stop() }
            let rpc = ["--rpc-url", devnet.url]
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-dry-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }

            let planned = try await ChainCommandTests.succeed(
                ["deploy", "--dev-account", "0", "--deployments", directory.path, "--dry-run"] + rpc)
            #expect(Self.verbs(planned) == Array(repeating: "deploy", count: 8), "\(planned)")
            for name in Self.names { #expect(planned.contains(name), "\(name): \(planned)") }
            #expect(try await ChainCommandTests.succeed(["block-number"] + rpc) == "0")
            let token = try #require(DeployedChain.expectedAddresses["GlicoToken"])
            #expect(try await ChainCommandTests.succeed(["code", token] + rpc) == "0x")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("31337.json").path))
        }

        /// --config sets the price and treasury; a changed price redeploys only the sale.
        @Test func configSetsPriceAndTreasury() async throws {
            let config = FileManager.default.temporaryDirectory.appendingPathComponent("podium-config-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: config) }
            try Data(#"{"gamePassPrice": "25", "treasury": "\#(ChainCommandTests.account2)"}"#.utf8).write(to: config)
            let chain = try await DeployedChain.start(["--config", config.path])
            defer { chain.stop() }
            let rpc = ["--rpc-url", chain.url]
            let sale = try #require(chain.addresses["GamePassSale"])
            #expect(
                try await ChainCommandTests.succeed(["call", sale, "price()(uint256)"] + rpc) == "25000000000000000000")
            #expect(
                try await ChainCommandTests.succeed(["call", sale, "treasury()(address)"] + rpc)
                    == ChainCommandTests.account2)

            try Data(#"{"gamePassPrice": "2.5", "treasury": "\#(ChainCommandTests.account2)"}"#.utf8).write(to: config)
            let again = try await ChainCommandTests.succeed(
                ["deploy", "--dev-account", "0", "--deployments", chain.directory.path, "--config", config.path] + rpc)
            #expect(Self.verbs(again) == ["keep", "keep", "keep", "deployed", "keep", "keep", "keep", "keep"], "\(again)")
            // Account 0's nonce 8, after the eight contracts of the first run.
            let moved = "0x2279B7A0a67DB372996a5FaB50D91eAA73d2eBe6"
            #expect(try DeployedChain.record(in: chain.directory)["GamePassSale"]?["address"] as? String == moved)
            #expect(try await ChainCommandTests.succeed(["call", moved, "price()(uint256)"] + rpc) == "2500000000000000000")
            #expect(try await ChainCommandTests.succeed(["call", sale, "price()(uint256)"] + rpc) == "25000000000000000000")
            #expect(try await ChainCommandTests.succeed(["block-number"] + rpc) == "9")
        }

        /// A JSON integer is a whole number of GLICO, as a string is.
        @Test func takesAnIntegerPrice() async throws {
            let config = FileManager.default.temporaryDirectory.appendingPathComponent("podium-config-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: config) }
            try Data(#"{"gamePassPrice": 3}"#.utf8).write(to: config)
            let chain = try await DeployedChain.start(["--config", config.path])
            defer { chain.stop() }
            let sale = try #require(chain.addresses["GamePassSale"])
            #expect(try await ChainCommandTests.succeed(["call", sale, "price()(uint256)", "--rpc-url", chain.url]) == "3000000000000000000")
        }

        /// A record directory that is a file: refused before anything is sent, the dry run included.
        @Test func refusesARecordThatCannotBeWrittenBeforeSending() async throws {
            let devnet = try await TestDevnet.start()
            defer { devnet.stop() }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("podium-not-a-dir-\(UUID().uuidString)")
            try Data().write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            for extra in [["--dry-run"], []] {
                let message = try await ChainCommandTests.fail(
                    ["deploy", "--dev-account", "0", "--deployments", file.path, "--rpc-url", devnet.url] + extra)
                #expect(message.contains("is a file, not a directory; nothing was sent"), "\(message)")
            }
            #expect(try await ChainCommandTests.succeed(["block-number", "--rpc-url", devnet.url]) == "0")
        }

        /// A config that cannot be used: one line naming it, before any request.
        @Test(arguments: [
            (#"{"gamePassPrice": "abc"}"#, "gamePassPrice"),
            (#"{"gamePassPrice": "0"}"#, "above zero"),
            (#"{"gamePassPrice": 2.5}"#, "not a whole number of GLICO"),
            (#"{"gameWalet": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}"#, "gameWalet: unknown member"),
            (#"{"treasury": 5}"#, "treasury: must be an address string"),
            ("[]", "must be a JSON object"),
            (#"{"treasury": "0x1234"}"#, "treasury"),
            ("{", "deployment config"),
        ])
        func refusesABadConfig(contents: String, mention: String) async throws {
            let config = FileManager.default.temporaryDirectory.appendingPathComponent("podium-config-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: config) }
            try Data(contents.utf8).write(to: config)
            let message = try await ChainCommandTests.fail(
                ["deploy", "--dev-account", "0", "--config", config.path, "--rpc-url", ChainCommandTests.unreachable])
            #expect(message.contains(mention), "\(contents): \(message)")
            #expect(message.contains(config.path), "\(contents): \(message)")
        }

        @Test func refusesAMissingConfig() async throws {
            let missing = "/nonexistent/podium-config.json"
            let message = try await ChainCommandTests.fail(
                ["deploy", "--dev-account", "0", "--config", missing, "--rpc-url", ChainCommandTests.unreachable])
            #expect(message.contains("cannot read") && message.contains(missing), "\(message)")
        }
    }
}

extension ChainCommandTests.Deploy {
    /// `deploy --entry-point ADDRESS` deploys the factory, the account implementation and the paymaster against an
    /// EntryPoint already on the chain, and the record links it; an address without code is refused before anything
    /// is sent.
    @Test func linksAnExistingEntryPoint() async throws {
        let chain = try await ChainCommandTests.DeployedChain.start()
        defer { chain.stop() }
        let rpc = ["--rpc-url", chain.url]
        let entryPoint = try #require(chain.addresses["EntryPoint"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-linked-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let nowhere = try await PodiumProcess.run(
            ["deploy", "--dev-account", "0", "--deployments", directory.path, "--entry-point", ChainCommandTests.account5] + rpc)
        #expect(nowhere.status != 0 && nowhere.stderr.contains("no contract code at the EntryPoint"), "\(nowhere.stderr)")
        #expect(try await ChainCommandTests.succeed(["block-number"] + rpc) == "8")

        let output = try await ChainCommandTests.succeed(
            ["deploy", "--dev-account", "0", "--deployments", directory.path, "--entry-point", entryPoint] + rpc)
        #expect(Self.verbs(output) == Array(repeating: "deployed", count: 7) + ["linked"], "\(output)")
        let record = try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("31337.json"))) as? [String: Any]
        #expect((record?["linked"] as? [String: String])?["EntryPoint"] == entryPoint)
        #expect((record?["contracts"] as? [String: Any])?["EntryPoint"] == nil)
        let paymaster = try #require(((record?["contracts"] as? [String: Any])?["VerifyingPaymaster"] as? [String: Any])?["address"] as? String)
        #expect(try await ChainCommandTests.succeed(["call", paymaster, "entryPoint()(address)"] + rpc) == entryPoint)
    }
}
