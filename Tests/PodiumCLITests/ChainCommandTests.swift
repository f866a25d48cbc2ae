import Foundation
import PodiumTestSupport
import Testing

/// The chain commands run as a user runs them against the devnet (`TestDevnet`), each output checked against the
/// chain or a published value: the devnet's genesis (chain 31337, 10000 ETH per test-mnemonic account), the well-known
/// CREATE addresses of account 0, the ERC-20 Transfer topic. Bad input must fail with one line on stderr.
/// `ChainCommandTests.Deploy` and `ChainCommandTests.DevnetLifecycle` (their own files) cover `deploy` and `devnet`.
@Suite struct ChainCommandTests {
    /// Accounts 0, 1, 2 and 5 of the test mnemonic, EIP-55.
    static let account0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
    static let account1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
    static let account2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
    static let account5 = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"
    /// Anvil's (and Hardhat's) account 0 private key.
    static let key0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
    /// A port where nothing listens.
    /// A port held closed for the whole run: connections to it are refused.
    static let closedPort = ClosedPort()
    static var unreachable: String { closedPort.url }
    /// 10000 ether in wei: each dev account's genesis balance.
    static let genesisBalance = "10000000000000000000000"
    /// keccak256("Transfer(address,address,uint256)").
    static let transferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
    static let transferEvent = "Transfer(address indexed sender, address indexed receiver, uint256 value)"

    // MARK: A fresh chain

    /// chain-id, block-number, balance and block on a fresh devnet, then after one ether transfer.
    @Test func readsAFreshChainAndOneTransfer() async throws {
        let devnet = try await TestDevnet.start()
        defer { devnet.stop() }
        let rpc = ["--rpc-url", devnet.url]

        #expect(try await Self.succeed(["chain-id"] + rpc) == "31337")
        #expect(try await Self.succeed(["block-number", "--rpc", devnet.url]) == "0")
        #expect(try await Self.succeed(["balance", Self.account0, "-r", devnet.url]) == Self.genesisBalance)
        #expect(try await Self.succeed(["balance", Self.account0, "--ether"] + rpc) == "10000")
        #expect(try await Self.succeed(["balance", Self.account1.lowercased(), "-b", "0"] + rpc) == Self.genesisBalance)
        #expect(try await Self.succeed(["code", Self.account0] + rpc) == "0x")

        // One transaction: 1.5 ether from account 0 to account 1.
        let hash = try await Self.succeed(
            ["send", Self.account1, "--value", "1.5ether", "--dev-account", "0", "--async"] + rpc)
        #expect(Self.isWord(hash), "\(hash)")
        let receipt = Self.fields(try await Self.succeed(["receipt", hash] + rpc))
        #expect(receipt["status"] == "1 (success)")
        #expect(receipt["transactionHash"] == hash)
        #expect(receipt["blockNumber"] == "1")
        #expect(receipt["from"] == Self.account0)
        #expect(receipt["to"] == Self.account1)
        #expect(receipt["contractAddress"] == "none")
        #expect(try await Self.succeed(["block-number"] + rpc) == "1")

        #expect(try await Self.succeed(["balance", Self.account1] + rpc) == "10001500000000000000000")
        #expect(try await Self.succeed(["balance", Self.account1, "--ether"] + rpc) == "10001.5")
        #expect(try await Self.succeed(["balance", Self.account1, "--block", "0"] + rpc) == Self.genesisBalance)
        // Account 0 paid 1.5 ether and the fee the node's receipt names.
        let json = try Self.object(try await Self.succeed(["receipt", hash, "--json"] + rpc))
        #expect(json["transactionHash"] as? String == hash)
        #expect(json["status"] as? String == "0x1")
        let gasUsed = try #require(Self.quantity(json["gasUsed"]))
        let price = try #require(Self.quantity(json["effectiveGasPrice"]))
        let fee = Decimal(gasUsed) * Decimal(price)
        let expected = Decimal(string: Self.genesisBalance)! - Decimal(string: "1500000000000000000")! - fee
        #expect(try await Self.succeed(["balance", Self.account0] + rpc) == "\(expected)")

        // The block holds the transaction.
        let block = Self.fields(try await Self.succeed(["block", "1"] + rpc))
        #expect(block["number"] == "1")
        #expect(block["hash"] == receipt["blockHash"])
        #expect(block["transactions"] == hash)
        let genesis = Self.fields(try await Self.succeed(["block", "earliest"] + rpc))
        #expect(genesis["number"] == "0")
        #expect(block["parentHash"] == genesis["hash"])
        let byHash = Self.fields(try await Self.succeed(["block", try #require(block["hash"])] + rpc))
        #expect(byHash["number"] == "1")

        let latest = try Self.object(try await Self.succeed(["block", "latest", "--json"] + rpc))
        #expect(latest["number"] as? String == "0x1")
        #expect(latest["hash"] as? String == block["hash"])
        #expect(latest["transactions"] as? [String] == [hash])
        let full = try Self.object(try await Self.succeed(["block", "1", "--full", "--json"] + rpc))
        let transactions = try #require(full["transactions"] as? [[String: Any]])
        #expect(transactions.count == 1)
        #expect(transactions.first?["hash"] as? String == hash)
        #expect((transactions.first?["from"] as? String)?.lowercased() == Self.account0.lowercased())

        #expect(try await Self.fail(["block", "999"] + rpc).contains("not found"))
        #expect(try await Self.fail(["block", "999", "--json"] + rpc).contains("not found"))
    }

    // MARK: send, call, balance --erc20, receipt, logs

    /// Mints GLICO to account 1 and reads it back through call, balance --erc20 and logs.
    @Test func sendCallAndLogsOnGlico() async throws {
        let chain = try await DeployedChain.start()
        defer { chain.stop() }
        let rpc = ["--rpc-url", chain.url]
        let token = try #require(chain.addresses["GlicoToken"])

        let minted = try await Self.run(
            ["send", token, "mint(address,uint256)", Self.account1, "1000", "--dev-account", "0"] + rpc)
        #expect(minted.status == 0, "\(minted.stderr)")
        let mint = Self.fields(minted.stdout)
        #expect(mint["status"] == "1 (success)")
        #expect(mint["to"] == token)
        #expect(mint["logs"] == "1")
        let mintHash = try #require(mint["transactionHash"])
        let mintBlock = try #require(mint["blockNumber"])
        #expect(try await Self.succeed(["block-number"] + rpc) == mintBlock)

        #expect(try await Self.succeed(["call", token, "balanceOf(address)(uint256)", Self.account1] + rpc) == "1000")
        #expect(
            try await Self.succeed(
                ["call", token, "function balanceOf(address who) view returns (uint256)", Self.account1, "--json"]
                    + rpc) == #"["1000"]"#)
        #expect(try await Self.succeed(["call", token, "totalSupply()(uint256)"] + rpc) == "1000")
        #expect(try await Self.succeed(["call", token, "owner()(address)"] + rpc) == Self.account0)
        #expect(try await Self.succeed(["call", token, "symbol()(string)"] + rpc) == #""GLICO""#)
        #expect(try await Self.succeed(["balance", Self.account1, "--erc20", token] + rpc) == "1000")
        #expect(try await Self.succeed(["balance", Self.account2, "--erc20", token] + rpc) == "0")
        #expect(
            try await Self.succeed(["balance", Self.account1, "--erc20", token, "--ether"] + rpc)
                == "0.000000000000001")
        // Before the mint's block the balance was zero.
        let before = "\(try #require(UInt64(mintBlock)) - 1)"
        #expect(try await Self.succeed(["balance", Self.account1, "--erc20", token, "-b", before] + rpc) == "0")

        // Only the owner mints: refused before sending, with the contract's reason; nothing reaches the chain.
        let refused = try await Self.fail(
            ["send", token, "mint(address,uint256)", Self.account5, "1", "--dev-account", "5"] + rpc)
        #expect(refused.contains("only owner"), "\(refused)")
        #expect(try await Self.succeed(["block-number"] + rpc) == mintBlock)
        #expect(try await Self.succeed(["balance", Self.account5, "--erc20", token] + rpc) == "0")
        // A call that reverts says why, too.
        let reverted = try await Self.fail(
            ["call", token, "mint(address,uint256)", Self.account5, "1", "--from", Self.account5] + rpc)
        #expect(reverted.contains("only owner"), "\(reverted)")
        // With a gas limit there is no estimate: the transaction is mined, reverts, and send says so.
        // The hash comes first, on stderr, as soon as the node accepts it; then the one-line error.
        let minedRun = try await PodiumProcess.run(
            ["send", token, "mint(address,uint256)", Self.account5, "1", "--dev-account", "5", "--gas-limit", "100000"]
                + rpc)
        let minedLines = minedRun.stderr.split(separator: "\n")
        #expect(minedRun.status != 0 && minedRun.stdout.isEmpty && minedLines.count == 2, "\(minedRun.stderr)")
        #expect(minedLines.first?.hasSuffix("accepted; waiting for its receipt") == true)
        let mined = String(minedLines.last ?? "")
        let revertBlock = "\(try #require(UInt64(mintBlock)) + 1)"
        #expect(mined.contains("reverted in block \(revertBlock)") && mined.contains("only owner"), "\(mined)")
        #expect(try await Self.succeed(["block-number"] + rpc) == revertBlock)
        let revertedBlock = try Self.object(try await Self.succeed(["block", revertBlock, "--json"] + rpc))
        let revertHash = try #require((revertedBlock["transactions"] as? [String])?.first)
        let revertReceipt = Self.fields(try await Self.succeed(["receipt", revertHash] + rpc))
        #expect(revertReceipt["status"] == "0 (reverted)")
        #expect(revertReceipt["from"] == Self.account5)
        #expect(mined.contains(revertHash), "\(mined)")
        #expect(try await Self.succeed(["balance", Self.account5, "--erc20", token] + rpc) == "0")

        // --async: a hash at once, then the receipt.
        let hash = try await Self.succeed(
            ["send", token, "transfer(address,uint256)(bool)", Self.account2, "250", "--dev-account", "1", "--async"]
                + rpc)
        #expect(Self.isWord(hash), "\(hash)")
        let receipt = Self.fields(try await Self.succeed(["receipt", hash] + rpc))
        #expect(receipt["status"] == "1 (success)")
        #expect(receipt["transactionHash"] == hash)
        #expect(receipt["from"] == Self.account1)
        let json = try Self.object(try await Self.succeed(["receipt", hash, "--json"] + rpc))
        #expect(json["transactionHash"] as? String == hash)
        #expect(json["status"] as? String == "0x1")
        #expect(try await Self.succeed(["call", token, "balanceOf(address)(uint256)", Self.account2] + rpc) == "250")
        #expect(try await Self.succeed(["balance", Self.account1, "--erc20", token] + rpc) == "750")

        // logs: the mint (from the zero address) and the transfer, decoded by name.
        let zero = "0x0000000000000000000000000000000000000000"
        let decoded = try await Self.succeed(["logs", Self.transferEvent, "--address", token] + rpc)
        let lines = decoded.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(decoded)")
        #expect(lines.first == "\(token) block \(mintBlock) tx \(mintHash) log 0")
        #expect(lines.contains("  Transfer(sender=\(zero), receiver=\(Self.account1), value=1000)"), "\(decoded)")
        #expect(lines.contains("  Transfer(sender=\(Self.account1), receiver=\(Self.account2), value=250)"), "\(decoded)")
        // Topic filters: the receiver as an address, null for any sender.
        let toAccount1 = try await Self.succeed(
            ["logs", Self.transferEvent, "null", Self.account1, "--address", token] + rpc)
        #expect(toAccount1.split(separator: "\n").count == 2)
        #expect(toAccount1.contains("value=1000"))
        #expect(
            try await Self.succeed(["logs", Self.transferEvent, "null", Self.account5, "--address", token] + rpc)
                .isEmpty)
        #expect(
            try await Self.succeed(
                ["logs", Self.transferEvent, "--address", token, "--from-block", "0", "--to-block", before] + rpc)
                .isEmpty)
        // Topic 0 alone: undecoded.
        let raw = try await Self.succeed(["logs", Self.transferTopic, "--from-block", mintBlock, "--to-block", mintBlock] + rpc)
        #expect(raw.contains("  topic0 \(Self.transferTopic)"), "\(raw)")
        #expect(raw.contains("  data 0x" + String(repeating: "0", count: 61) + "3e8"), "\(raw)")

        let array = try await Self.succeed(["logs", Self.transferEvent, "--address", token, "--json"] + rpc)
        let logs = try #require(try JSONSerialization.jsonObject(with: Data(array.utf8)) as? [[String: Any]])
        #expect(logs.count == 2)
        let first = try #require(logs.first)
        #expect(first["transactionHash"] as? String == mintHash)
        #expect((first["address"] as? String)?.lowercased() == token.lowercased())
        #expect(
            first["topics"] as? [String] == [
                Self.transferTopic, "0x" + String(repeating: "0", count: 64),
                "0x000000000000000000000000" + Self.account1.dropFirst(2).lowercased(),
            ])
        #expect(first["data"] as? String == "0x" + String(repeating: "0", count: 61) + "3e8")
        let none = try await Self.succeed(
            ["logs", Self.transferEvent, "null", Self.account5, "--address", token, "--json"] + rpc)
        #expect(try JSONSerialization.jsonObject(with: Data(none.utf8)) as? [Any] != nil)
        #expect((try JSONSerialization.jsonObject(with: Data(none.utf8)) as? [Any])?.isEmpty == true)
    }

    // MARK: Bad input

    /// Input refused before any request: one `podium:` line naming the problem.
    @Test(arguments: [
        (["balance", "0x123"], "0x123"),
        (["code", "0xzz"], "0xzz"),
        (["balance", account0, "-b", "yesterday"], "invalid block"),
        (["balance", account0, "-b", "+5"], "invalid block"),
        (["balance", account0, "-b", "0x05"], "leading zero"),
        (["block", "0x+ff"], "sign"),
        (["balance", account0, "--erc20", "0x1234"], "token address"),
        (["receipt", "0x1234"], "transaction hash"),
        (["call", account0, "balanceOf(address)(uint256)", "0x12"], "0x12"),
        (["call", account0, "balanceOf(address)(uint256)"], "takes 1 argument"),
        (["send", account0, "f()", "--dev-account", "12"], "--dev-account must be 0 to 9"),
        (["send", account0, "f()", "--dev-account", "0", "--private-key", key0], "not both"),
        (["deploy", "--dev-account", "10"], "--dev-account must be 0 to 9"),
        (["deploy", "--dev-account", "1", "--private-key", key0], "not both"),
        (["logs", "Transfer(address indexed to)", "0x99"], "topic 1"),
        (["chain-id", "--timeout", "0"], "--timeout"),
    ])
    func refusesBadInput(arguments: [String], mention: String) async throws {
        let message = try await Self.fail(arguments + ["--rpc-url", Self.unreachable])
        #expect(message.contains(mention), "\(arguments): \(message)")
        #expect(!message.contains("transport"), "\(arguments): \(message)")
    }

    /// No node on the port: one line saying so, for reads and for sends.
    @Test(arguments: [
        ["chain-id"], ["block-number"], ["balance", account0], ["block", "latest"],
        ["send", account1, "f()", "--dev-account", "0"],
    ])
    func saysWhenTheNodeIsUnreachable(arguments: [String]) async throws {
        let message = try await Self.fail(arguments + ["--rpc-url", Self.unreachable])
        #expect(message.contains(Self.unreachable), "\(message)")
        #expect(message.contains("connect"), "\(message)")
    }

    // MARK: Helpers

    /// What one run of podium printed and how it ended (a `PodiumProcess.Result` or a run of our own).
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String

        init(status: Int32, stdout: String, stderr: String) {
            (self.status, self.stdout, self.stderr) = (status, stdout, stderr)
        }

        init(_ result: PodiumProcess.Result) {
            self.init(status: result.status, stdout: result.stdout, stderr: result.stderr)
        }
    }

    /// Runs podium and returns its output.
    static func run(_ arguments: [String]) async throws -> PodiumProcess.Result {
        try await PodiumProcess.run(arguments)
    }

    /// Runs podium, expects success with nothing on stderr, and returns stdout without its last newline.
    static func succeed(
        _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let result = try await PodiumProcess.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout
    }

    /// Runs podium, expects a non-zero exit with nothing on stdout and exactly one `podium: …` line on stderr, and
    /// returns that line without its prefix.
    static func fail(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await PodiumProcess.run(arguments)
        return expectFailure(result, arguments, sourceLocation: sourceLocation)
    }

    static func expectFailure(
        _ result: PodiumProcess.Result, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        expectFailure(Output(result), arguments, sourceLocation: sourceLocation)
    }

    static func expectFailure(
        _ result: Output, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        #expect(result.status != 0, "\(arguments) succeeded: \(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("podium: "), "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return String(lines.first?.dropFirst("podium: ".count) ?? "")
    }

    /// The name/value lines of receipt, block and send: the first word of each line and the rest, trimmed;
    /// continuation lines (starting with a space) are added to the last value with newlines.
    static func fields(_ output: String) -> [String: String] {
        var fields: [String: String] = [:]
        var last: String?
        for line in output.split(separator: "\n") {
            if line.hasPrefix(" "), let name = last {
                fields[name, default: ""] += "\n" + line.trimmingCharacters(in: .whitespaces)
            } else {
                let name = String(line.prefix { $0 != " " })
                fields[name] = line.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
                last = name
            }
        }
        return fields
    }

    /// Whether `text` is 0x and 64 lowercase hex digits.
    static func isWord(_ text: String) -> Bool {
        text.count == 66 && text.hasPrefix("0x") && text.dropFirst(2).allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// A JSON-RPC quantity (0x-hex) that fits 64 bits.
    static func quantity(_ value: Any?) -> UInt64? {
        guard let text = value as? String, text.hasPrefix("0x") else { return nil }
        return UInt64(text.dropFirst(2), radix: 16)
    }

    /// `text` as a JSON object.
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }
}

extension ChainCommandTests {
    /// A devnet with Podium's contracts deployed by `podium deploy --dev-account 0`.
    struct DeployedChain {
        let devnet: ListeningProcess
        /// Where the deployment record went; `stop()` removes it.
        let directory: URL
        /// By contract name, from the record.
        let addresses: [String: String]
        /// What deploy printed.
        let output: String
        var url: String { devnet.url }

        /// The CREATE addresses of account 0's nonces 0–7 (as anvil and Hardhat list them): the eight contracts in
        /// dependency order.
        static let expectedAddresses = [
            "GlicoToken": "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            "PrizeDistributor": "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
            "Disperser": "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
            "GamePassSale": "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
            "EntryPoint": "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
            "SimpleAccount": "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707",
            "SimpleAccountFactory": "0x0165878A594ca255338adfa4d48449f69242Eb8F",
            "VerifyingPaymaster": "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853",
        ]

        /// Starts a devnet and deploys to it, with `extra` arguments for deploy; expects success.
        static func start(
            _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
        ) async throws -> DeployedChain {
            let devnet = try await TestDevnet.start()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-deploy-\(UUID().uuidString)")
            let result = try await PodiumProcess.run(
                ["deploy", "--rpc-url", devnet.url, "--dev-account", "0", "--deployments", directory.path] + extra)
            #expect(result.status == 0, "deploy: \(result.stderr)", sourceLocation: sourceLocation)
            do {
                let addresses = try record(in: directory).mapValues { try #require($0["address"] as? String) }
                return DeployedChain(devnet: devnet, directory: directory, addresses: addresses, output: result.stdout)
            } catch {
                devnet.stop()
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
        }

        /// The contracts of `<directory>/31337.json`, by name.
        static func record(in directory: URL) throws -> [String: [String: Any]] {
            let data = try Data(contentsOf: directory.appendingPathComponent("31337.json"))
            let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(file["chainId"] as? Int == 31337)
            return try #require(file["contracts"] as? [String: [String: Any]])
        }

        func stop() {
            devnet.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }
}
