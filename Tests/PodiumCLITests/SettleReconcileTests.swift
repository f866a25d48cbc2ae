import Foundation
import PodiumPrimitives
import PodiumTestSupport
import Testing

extension ChainCommandTests {
    /// `podium settle` and `podium reconcile` through the built binary on real devnets: the pool and split against
    /// DESIGN.md's rules worked here with integers, a payout made once whatever kills the process or races it, an
    /// outcome the node did not tell, and each reconciliation status made to happen on the chain.
    @Suite struct SettleReconcile {
        // MARK: The chain's clock and the accounts

        /// 2030-01-01T01:00:00Z: every devnet here mines its first block then, so its periods are fixed days.
        static let start = 1_893_459_600
        /// Anvil's accounts 0–9 (the test mnemonic), EIP-55.
        static let accounts = [
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
            "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
            "0x976EA74026E726554dB657fA54763abd0C3a0aa9", "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
            "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f", "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
        ]
        static let gameWallet = accounts[1]
        static let glico: UInt128 = 1_000_000_000_000_000_000

        /// The UTC date `day` days after 2030-01-01, as a daily period.
        static func date(_ day: Int) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(start + day * 86_400)))
        }

        /// The distributor's id of a daily period: YYYYMMDD.
        static func periodID(_ day: Int) -> String { date(day).replacingOccurrences(of: "-", with: "") }

        // MARK: A devnet with the contracts, the books beside the deployment record

        /// A devnet whose first block is at `start`, Podium's contracts deployed with account 1 as the game wallet.
        struct Books {
            let devnet: ListeningProcess
            let directory: URL
            let token: String, distributor: String, sale: String
            var url: String { devnet.url }
            var dir: String { directory.path }

            static func start(finality: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Books {
                let devnet = try await TestDevnet.start(arguments: finality > 0 ? ["--finality-depth", "\(finality)"] : [])
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-settle-\(UUID().uuidString)")
                do {
                    _ = try await succeed(["rpc", "evm_mine", "\(SettleReconcile.start)", "--rpc-url", devnet.url], sourceLocation: sourceLocation)
                    let config = PythonOracle.repositoryRoot.appendingPathComponent("devnet/demo-deploy.json").path
                    _ = try await succeed(
                        ["deploy", "--rpc-url", devnet.url, "--dev-account", "0", "--config", config, "--deployments", directory.path],
                        sourceLocation: sourceLocation)
                    let addresses = try DeployedChain.record(in: directory).mapValues { try #require($0["address"] as? String) }
                    return Books(
                        devnet: devnet, directory: directory, token: try #require(addresses["GlicoToken"]),
                        distributor: try #require(addresses["PrizeDistributor"]), sale: try #require(addresses["GamePassSale"]))
                } catch {
                    devnet.stop()
                    try? FileManager.default.removeItem(at: directory)
                    throw error
                }
            }

            func stop() {
                devnet.stop()
                try? FileManager.default.removeItem(at: directory)
            }

            var rpc: [String] { ["--rpc-url", url] }
            var books: [String] { ["--deployments", dir] }

            /// Runs podium with `--rpc-url` and expects success.
            @discardableResult
            func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
                try await succeed(arguments + rpc, sourceLocation: sourceLocation)
            }

            /// A transaction from dev account `from`, expecting success (send tells its progress on stderr); returns
            /// its hash.
            @discardableResult
            func send(_ from: Int, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
                let result = try await PodiumProcess.run(["send"] + arguments + ["--dev-account", "\(from)"] + rpc)
                #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
                let output = result.stdout
                let fields = ChainCommandTests.fields(output)
                #expect(fields["status"] == "1 (success)", "\(arguments): \(output)", sourceLocation: sourceLocation)
                return fields["transactionHash"] ?? ""
            }

            /// Mints `glico` GLICO to `address`.
            func mint(_ address: String, _ glico: Int) async throws {
                try await send(0, [token, "mint(address,uint256)", address, "\(glico)ether"])
            }

            /// Each of the dev `accounts` buys one Game Pass from its own EOA: GLICO minted to it, the sale approved.
            func buyPasses(_ accounts: [Int]) async throws {
                for account in accounts { try await mint(SettleReconcile.accounts[account], 20) }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for account in accounts {
                        group.addTask {
                            try await send(account, [token, "approve(address,uint256)", sale, "20ether"])
                            try await send(account, [sale, "buyGamePass()"])
                        }
                    }
                    try await group.waitForAll()
                }
            }

            /// Mines a block at 01:00 UTC of `day` (days after 2030-01-01): every earlier day has ended.
            func mineDay(_ day: Int) async throws {
                try await ok(["rpc", "evm_mine", "\(SettleReconcile.start + day * 86_400)"])
            }

            func index() async throws { try await ok(["index"] + books) }

            /// Imports the daily standings of `day`: (player, dev account or address, score, HH:MM:SS reached).
            func standings(_ day: Int, _ rows: [(String, String, Int, String)]) async throws {
                let text = "player,wallet,score,reached_at\n"
                    + rows.map { "\($0.0),\($0.1),\($0.2),\(SettleReconcile.date(day))T\($0.3)Z\n" }.joined()
                let file = directory.appendingPathComponent("standings-\(day).csv")
                try Data(text.utf8).write(to: file)
                _ = try await succeed(["standings", "import", file.path, "--board", "daily", "--period", SettleReconcile.date(day)] + books)
            }

            func settleArguments(_ day: Int, rpcURL: String? = nil) -> [String] {
                ["settle", "--board", "daily", "--period", SettleReconcile.date(day), "--dev-account", "1"] + books
                    + ["--rpc-url", rpcURL ?? url]
            }

            /// Settles `day`, expecting success; returns the payout's hash (from `SUCCESS: paid in HASH (block N)`).
            @discardableResult
            func settle(_ day: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
                let output = try await succeed(settleArguments(day), sourceLocation: sourceLocation)
                return SettleReconcile.paidHash(output) ?? ""
            }

            /// The game wallet's transaction count.
            func nonce() async throws -> UInt64 {
                let text = try await ok(["rpc", "eth_getTransactionCount", SettleReconcile.gameWallet, "latest"])
                return try #require(UInt64(text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).dropFirst(2), radix: 16))
            }

            /// How many `PeriodPaid` events the distributor emitted for daily period id `periodID`.
            func periodPaidCount(_ periodID: String) async throws -> Int {
                let topic = try await succeed(["keccak", "PeriodPaid(uint8,uint256,uint256)"])
                let filter = #"{"address": "\#(distributor)", "fromBlock": "0x0", "toBlock": "latest", "topics": ["\#(topic)"]}"#
                let text = try await ok(["rpc", "eth_getLogs", filter])
                let logs = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
                let id = try #require(UInt64(periodID))
                let word = "0x" + String(repeating: "0", count: 48) + String(format: "%016llx", id)
                let daily = "0x" + String(repeating: "0", count: 64)
                return logs.filter { ($0["topics"] as? [String]) == [topic, daily, word] }.count
            }

            /// The GLICO balance of `address` in base units.
            func balance(_ address: String) async throws -> UInt128 {
                try #require(UInt128(try await ok(["balance", address, "--erc20", token])))
            }

            /// `podium reconcile` with `extra` arguments.
            func reconcile(_ extra: [String] = []) async throws -> PodiumProcess.Result {
                try await PodiumProcess.run(["reconcile"] + extra + books + rpc)
            }
        }

        /// The hash in settle's last line, `  SUCCESS: paid in 0x… (block N)`.
        static func paidHash(_ output: String) -> String? {
            guard let line = output.split(separator: "\n").last, line.contains("SUCCESS: paid in ") else { return nil }
            return line.split(separator: " ").first { $0.hasPrefix("0x") }.map(String.init)
        }

        /// The lines of `output` that start (after indentation) with `status` and mention `text`.
        static func lines(_ output: String, _ status: String, _ text: String = "") -> [String] {
            output.split(separator: "\n").map(String.init).filter {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix(status + " ") && (text.isEmpty || $0.contains(text))
            }
        }

        // MARK: The split by DESIGN.md's rules, in integers

        struct Entry {
            let wallet: String
            let score: UInt128
            let reached: String
        }

        /// Places 1–5 by DESIGN.md: positive scores only, best score first, then earliest, then lowest address; a
        /// wallet once; amount = total × bps / 10000 rounded down.
        static func split(total: UInt128, _ entries: [Entry]) -> (places: [(wallet: String, amount: UInt128)], paid: UInt128) {
            let ranked = entries.filter { $0.score > 0 }.sorted {
                ($0.score, $1.reached, $1.wallet.lowercased()) > ($1.score, $0.reached, $0.wallet.lowercased())
            }
            var seen = Set<String>(), places: [(wallet: String, amount: UInt128)] = []
            for entry in ranked where seen.insert(entry.wallet.lowercased()).inserted && places.count < 5 {
                let bps: [UInt128] = [4000, 2400, 1600, 1200, 800]
                places.append((entry.wallet, total * bps[places.count] / 10_000))
            }
            return (places, places.reduce(0) { $0 + $1.amount })
        }

        /// A Game Pass's contribution to the daily pool: price − 70 % treasury, 30 % of that.
        static func dailyContribution(price: UInt128) -> UInt128 {
            let contribution = price - price * 7_000 / 10_000
            return contribution * 3_000 / 10_000
        }

        // The fixtures, for the tests' bodies.
        var accounts: [String] { Self.accounts }
        var glico: UInt128 { Self.glico }
        func date(_ day: Int) -> String { Self.date(day) }
        func periodID(_ day: Int) -> String { Self.periodID(day) }
        func paidHash(_ output: String) -> String? { Self.paidHash(output) }

        // MARK: 1. The happy path

        /// Five EOA purchases; standings with a tie broken by time against address order and a zero score; the dry run's
        /// split is DESIGN.md's with bonus 1.8 GLICO a purchase; the payout raises each winner's balance by its prize;
        /// a second run sends nothing; reconcile matches every place.
        @Test func paysTheSplitOnceAndReconciles() async throws {
            let books = try await Books.start()
            defer { books.stop() }
            try await books.mint(books.distributor, 1_000)
            try await books.buyPasses([3, 4, 5, 6, 7])
            let rows: [(String, String, Int, String)] = [
                ("p3", accounts[3], 300, "10:00:00"),
                ("p4", accounts[4], 200, "11:00:00"),  // ties with p5, reached later, lower address
                ("p5", accounts[5], 200, "09:00:00"),
                ("p6", accounts[6], 50, "12:00:00"),
                ("p7", accounts[7], 0, "08:00:00"),  // not eligible
                ("p3-again", accounts[3], 20, "13:00:00"),  // paid once
            ]
            try await books.standings(0, rows)
            try await books.mineDay(1)
            try await books.index()

            let bonus = 5 * Self.dailyContribution(price: 20 * glico)
            #expect(bonus == 9 * glico)
            let total = 50 * glico + bonus
            let expected = Self.split(total: total, rows.map { Entry(wallet: $0.1, score: UInt128($0.2), reached: $0.3) })
            #expect(expected.places.map(\.wallet) == [accounts[3], accounts[5], accounts[4], accounts[6]])

            let dryRun = try ChainCommandTests.object(try await succeed(books.settleArguments(0) + ["--dry-run", "--json"]))
            #expect(dryRun["total"] as? String == "\(total)")
            #expect(dryRun["paid"] as? String == "\(expected.paid)")
            #expect(dryRun["carryOut"] as? String == "\(total - expected.paid)")
            let places = try #require(dryRun["places"] as? [[String: Any]])
            #expect(places.map { ($0["wallet"] as? String)?.lowercased() ?? "" } == expected.places.map { $0.wallet.lowercased() })
            #expect(places.map { $0["amount"] as? String ?? "" } == expected.places.map { "\($0.amount)" })
            #expect(places.map { $0["place"] as? Int ?? 0 } == [1, 2, 3, 4])
            let dryText = try await succeed(books.settleArguments(0) + ["--dry-run"])
            #expect(dryText.hasPrefix("pool 59 GLICO = base 50 + bonus 9 + carry-in 0 (5 purchases through final block "), "\(dryText)")

            var before: [UInt128] = []
            for place in expected.places { before.append(try await books.balance(place.wallet)) }
            let nonce = try await books.nonce()
            let paid = try await succeed(books.settleArguments(0))
            let hash = try #require(paidHash(paid), "\(paid)")
            #expect(try await books.nonce() == nonce + 1)
            for (place, balance) in zip(expected.places, before) {
                #expect(try await books.balance(place.wallet) == balance + place.amount, "\(place.wallet)")
            }
            let json = try ChainCommandTests.object(try await succeed(books.settleArguments(0) + ["--json"]))
            #expect(json["status"] as? String == "SUCCESS" && json["txHash"] as? String == hash && json["bonus"] as? String == "\(bonus)")
            let again = try await succeed(books.settleArguments(0))
            #expect(paidHash(again) == hash, "\(again)")
            #expect(!again.contains("journaled") && !again.contains("submitted"))
            #expect(try await books.nonce() == nonce + 1)
            #expect(try await books.periodPaidCount(periodID(0)) == 1)

            try await books.index()
            let report = try await books.reconcile(["--all"])
            #expect(report.status == 0, "\(report.stdout)\(report.stderr)")
            #expect(report.stdout.hasPrefix("chain 31337 at block ") && report.stdout.split(separator: "\n")[0].hasSuffix(": BALANCED"), "\(report.stdout)")
            for place in expected.places {
                #expect(Self.lines(report.stdout, "MATCHED", place.wallet).count == 1, "\(report.stdout)")
            }
            #expect(Self.lines(report.stdout, "MATCHED", hash).count == 4)
            #expect(report.stdout.contains("payouts: 4 MATCHED\n"), "\(report.stdout)")
        }

        // MARK: The game's smart account as the payer

        /// With the distributor's game wallet set to the game's smart account (owned by account 1's key), `settle
        /// --via-account` pays as a user operation through the bundler: the winners paid exactly, one PeriodPaid, the
        /// journal holding the bundle's transaction, a second run sending nothing, and reconcile MATCHED.
        @Test func theGamesSmartAccountPaysAsAUserOperation() async throws {
            let books = try await Books.start()
            defer { books.stop() }
            let bundler = try await ListeningProcess.start(
                executable: PodiumProcess.executable,
                arguments: ["bundler", "serve", "--port", "0", "--dev-account", "9", "--bundle-interval", "100"] + books.rpc + books.books)
            defer { bundler.stop() }
            let account = try await books.ok(["account", "address", "--owner", Self.gameWallet] + books.books)
            _ = try await books.send(0, [books.distributor, "setGameWallet(address)", account])
            _ = try await books.ok(["rpc", "anvil_setBalance", account, "0xde0b6b3a7640000"])  // 1 ETH for its own gas
            try await books.mint(books.distributor, 100)
            try await books.buyPasses([3, 4])
            try await books.standings(0, [("p3", accounts[3], 10, "10:00:00"), ("p4", accounts[4], 20, "11:00:00")])
            try await books.mineDay(1)
            try await books.index()
            let arguments = books.settleArguments(0) + ["--via-account", "--bundler-url", bundler.url]
            // Without the account the key's own address is not the game wallet any more.
            let refused = try await PodiumProcess.run(books.settleArguments(0))
            #expect(refused.status == 1 && refused.stderr.contains("is not the distributor's game wallet \(account)"), "\(refused.stderr)")

            let before = (try await books.balance(accounts[4]), try await books.balance(accounts[3]))
            let output = try await succeed(arguments)
            #expect(output.contains("journaled user operation 0x") && output.contains("submitted user operation"), "\(output)")
            let hash = try #require(paidHash(output), "\(output)")
            // 50 + 2 × 1.8 = 53.6 GLICO: 40 % and 24 % of it.
            #expect(try await books.balance(accounts[4]) == before.0 + 21_440_000_000_000_000_000)
            #expect(try await books.balance(accounts[3]) == before.1 + 12_864_000_000_000_000_000)
            #expect(try await books.periodPaidCount(periodID(0)) == 1)
            let receipt = try await books.ok(["receipt", hash, "from"])
            #expect(receipt.lowercased() == "0xa0ee7a142d267c1f36714e4a8f75612f20a79720")  // account 9, the bundler's key
            let again = try await succeed(arguments)
            #expect(paidHash(again) == hash && !again.contains("journaled"), "\(again)")
            try await books.index()
            let report = try await books.reconcile()
            #expect(report.status == 0 && report.stdout.contains("payouts: 2 MATCHED\n"), "\(report.stdout)\(report.stderr)")
        }

        /// A payout signed and journaled, then reverted when it finally reaches the chain (the run died before
        /// sending it; the owner paused the distributor meanwhile; the next run sends the journaled bytes, which
        /// revert): FAILED in the ledger with the block, and FAILED_TX for each place in reconcile.
        @Test func aRevertedPayoutIsAFailedTransaction() async throws {
            let books = try await Books.start()
            defer { books.stop() }
            try await books.mint(books.distributor, 100)
            try await books.buyPasses([3])
            try await books.standings(0, [("p3", accounts[3], 10, "10:00:00"), ("p4", accounts[4], 20, "11:00:00")])
            try await books.mineDay(1)
            try await books.index()
            var environment = ProcessInfo.processInfo.environment
            environment["PODIUM_SETTLE_KILL_AFTER"] = "journaled"
            let killed = try await PodiumProcess.run(books.settleArguments(0), environment: environment)
            #expect(killed.status == SIGKILL, "\(killed.stdout) \(killed.stderr)")
            let journaled = try #require(killed.stdout.split(separator: "\n").first { $0.contains("journaled 0x") }
                .flatMap { $0.split(separator: " ").first { $0.hasPrefix("0x") }.map(String.init) })
            _ = try await books.send(0, [books.distributor, "pause()"])
            let reverted = try await PodiumProcess.run(books.settleArguments(0))
            #expect(reverted.status == 1 && reverted.stderr.contains("reverted in block"), "\(reverted.stdout) \(reverted.stderr)")
            #expect(try await books.periodPaidCount(periodID(0)) == 0)
            try await books.mineDay(2)
            try await books.index()
            let received = books.directory.appendingPathComponent("webhook.jsonl")
            let sink = try await ListeningProcess.start(
                executable: PythonOracle.python,
                arguments: [PythonOracle.repositoryRoot.appendingPathComponent("Tests/tools/webhook_sink.py").path, received.path])
            defer { sink.stop() }
            let report = try await books.reconcile(["--notify-url", sink.url])
            #expect(report.status == 1, "\(report.stdout)")
            #expect(Self.lines(report.stdout, "FAILED_TX", journaled).count == 2, "\(report.stdout)")
            #expect(report.stdout.contains("payouts: 2 FAILED_TX\n"), "\(report.stdout)")
            // The webhook heard one JSON summary a chat webhook takes: its text names the verdict and the finding.
            let posted = try ChainCommandTests.object(try String(contentsOf: received, encoding: .utf8))
            #expect(posted["balanced"] as? Bool == false && posted["discrepancies"] as? Int == 2, "\(posted)")
            let text = try #require(posted["text"] as? String)
            #expect(text.contains("DOES NOT BALANCE") && text.contains("FAILED_TX") && text.contains(journaled), "\(text)")
        }

        /// The distributor's per-period cap is respected and reported: a period over it stays PENDING (nothing
        /// sent) until the owner raises the cap; usage and input errors of reconcile and report exit with 2.
        @Test func thePeriodCapIsRespectedAndUsageErrorsExitTwo() async throws {
            let books = try await Books.start()
            defer { books.stop() }
            try await books.mint(books.distributor, 100)
            try await books.standings(0, [("p3", accounts[3], 10, "10:00:00")])
            try await books.mineDay(1)
            try await books.index()
            _ = try await books.send(0, [books.distributor, "setPeriodCap(uint256)", "19ether"])
            let nonce = try await books.nonce()
            let capped = try await PodiumProcess.run(books.settleArguments(0))
            // 40 % of the 50 GLICO base is 20 GLICO, over the 19 GLICO cap.
            #expect(capped.status == 1 && capped.stderr.contains("pays 20 GLICO, over the distributor's period cap of 19"), "\(capped.stderr)")
            #expect(try await books.nonce() == nonce)
            let json = try ChainCommandTests.object(try await succeed(books.settleArguments(0) + ["--dry-run", "--json"]))
            #expect(json["paid"] as? String == "20000000000000000000")
            _ = try await books.send(0, [books.distributor, "setPeriodCap(uint256)", "20ether"])
            let paid = try await succeed(books.settleArguments(0))
            #expect(paidHash(paid) != nil, "\(paid)")
            #expect(try await books.nonce() == nonce + 1)

            for arguments in [
                ["reconcile", "--from", "2030-13-01"], ["reconcile", "--from", "2030-01-05", "--to", "2030-01-01"], ["reconcile", "--bogus"],
                ["reconcile", "--deployments", "/nonexistent/podium"], ["report", "treasury", "--format", "pdf"],
                ["report", "treasury", "--period", "2030-W99"],
            ] {
                let result = try await PodiumProcess.run(arguments + (arguments.contains("--deployments") ? [] : books.books) + books.rpc)
                #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
                #expect(result.stderr.hasPrefix("podium: ") && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            }
        }

        // MARK: 2. SIGKILL after each step

        /// For each step a run is killed after (a day each, in order), the next run finishes the payout: one
        /// PeriodPaid for the period, one transaction from the game wallet, and for a journaled or submitted
        /// transaction the very hash journaled.
        @Test func aKilledRunIsFinishedByTheNextOnce() async throws {
            let books = try await Books.start()
            defer { books.stop() }
            try await books.mint(books.distributor, 1_000)
            try await books.buyPasses([3, 4])
            let steps = ["recorded", "journaled", "submitted", "mined"]
            for day in steps.indices {
                try await books.standings(day, [("a", accounts[3], 10 + day, "10:00:00"), ("b", accounts[8], 5, "11:00:00")])
            }
            try await books.mineDay(steps.count)
            try await books.index()
            var environment = ProcessInfo.processInfo.environment
            for (day, step) in steps.enumerated() {
                let nonce = try await books.nonce()
                environment["PODIUM_SETTLE_KILL_AFTER"] = step
                let killed = try await PodiumProcess.run(books.settleArguments(day), environment: environment)
                #expect(killed.status == SIGKILL, "\(step): \(killed.status) \(killed.stdout) \(killed.stderr)")
                let last = killed.stdout.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                #expect(last.hasPrefix(step), "\(step): \(killed.stdout)")
                let journaled = killed.stdout.split(separator: "\n").first { $0.contains("journaled 0x") }
                    .flatMap { $0.split(separator: " ").first { $0.hasPrefix("0x") }.map(String.init) }
                let output = try await succeed(books.settleArguments(day))
                let hash = try #require(paidHash(output), "\(step): \(output)")
                if step != "recorded" { #expect(journaled == hash, "\(step): \(killed.stdout) then \(output)") }
                if step == "journaled" { #expect(output.contains("resolving the journaled transaction \(hash)"), "\(output)") }
                #expect(try await books.periodPaidCount(periodID(day)) == 1, "\(step)")
                #expect(try await books.nonce() == nonce + 1, "\(step)")
            }
            try await books.index()
            let report = try await books.reconcile()
            #expect(report.status == 0, "\(report.stdout)\(report.stderr)")
            #expect(report.stdout.contains("payouts: 8 MATCHED\n"), "\(report.stdout)")
        }

        // MARK: 3 and 4. Two runs at once; an unknown outcome

        /// Two runs started together pay once; a payout whose sending and lookup answers were lost exits 3 and a
        /// re-run straight to the node finds the same transaction.
        @Test func racingRunsPayOnceAndAnUnknownOutcomeIsResolved() async throws {
            let books = try await Books.start()
            defer { books.stop() }
            try await books.mint(books.distributor, 1_000)
            try await books.standings(0, [("a", accounts[3], 10, "10:00:00"), ("b", accounts[4], 5, "11:00:00")])
            try await books.standings(1, [("a", accounts[5], 10, "10:00:00")])
            try await books.mineDay(2)
            try await books.index()

            let nonce = try await books.nonce()
            async let first = PodiumProcess.run(books.settleArguments(0))
            async let second = PodiumProcess.run(books.settleArguments(0))
            let (one, two) = try await (first, second)
            #expect(one.status == 0 && two.status == 0, "\(one.stderr) \(two.stderr)")
            #expect(paidHash(one.stdout) != nil && paidHash(one.stdout) == paidHash(two.stdout), "\(one.stdout)\n\(two.stdout)")
            #expect([one, two].filter { $0.stdout.contains("journaled 0x") }.count == 1)
            #expect(try await books.periodPaidCount(periodID(0)) == 1)
            #expect(try await books.nonce() == nonce + 1)
            let json = try ChainCommandTests.object(try await succeed(books.settleArguments(0) + ["--json"]))
            #expect(json["status"] as? String == "SUCCESS")

            // The node takes the payout, but every answer to eth_sendRawTransaction and to the lookups by hash that
            // follow it is lost (one dropped answer alone is not enough: libcurl resends on a fresh connection, and
            // the sender finds the transaction by its hash).
            let proxy = try await FaultProxy.start(
                upstream: books.url, mode: "drop", count: 100, methods: ["eth_sendRawTransaction", "eth_getTransactionByHash"])
            defer { proxy.stop() }
            let unknown = try await PodiumProcess.run(books.settleArguments(1, rpcURL: proxy.url))
            #expect(unknown.status == 3, "\(unknown.stdout)\(unknown.stderr)")
            #expect(unknown.stderr.contains("outcome is unknown"), "\(unknown.stderr)")
            let journaled = unknown.stdout.split(separator: "\n").first { $0.contains("journaled 0x") }
                .flatMap { $0.split(separator: " ").first { $0.hasPrefix("0x") }.map(String.init) }
            let output = try await succeed(books.settleArguments(1))
            #expect(paidHash(output) != nil && paidHash(output) == journaled, "\(unknown.stdout)\n\(output)")
            #expect(try await books.periodPaidCount(periodID(1)) == 1)
            #expect(try await books.nonce() == nonce + 2)
        }

        /// The proxy dropping only eth_sendRawTransaction's answer: the sender finds the transaction by its hash, so
        /// the run ends as it would have, paid once.
        @Test func aLostSendAnswerIsFoundByHash() async throws {
            let books = try await Books.start()
            defer { books.stop() }
            try await books.mint(books.distributor, 1_000)
            try await books.standings(0, [("a", accounts[3], 10, "10:00:00")])
            try await books.mineDay(1)
            try await books.index()
            let proxy = try await FaultProxy.start(upstream: books.url, mode: "drop", count: 1, methods: ["eth_sendRawTransaction"])
            defer { proxy.stop() }
            let run = try await PodiumProcess.run(books.settleArguments(0, rpcURL: proxy.url))
            #expect(run.status == 0 && paidHash(run.stdout) != nil, "\(run.stdout)\(run.stderr)")
            #expect(try await books.periodPaidCount(periodID(0)) == 1)
            #expect(try await books.nonce() == 1)
        }

        // MARK: 5. Every reconciliation status, made on the chain

        /// The Vyper 0.4 storage slot of the distributor's `_periodPaid[0][periodID]`, found by reading candidates
        /// (keccak256(slot ++ key), nested) until one holds true for a paid period.
        static func periodPaidSlot(_ books: Books, periodID: String) async throws -> String? {
            func word(_ value: UInt64) -> [UInt8] { Array(repeating: 0, count: 24) + withUnsafeBytes(of: value.bigEndian) { Array($0) } }
            let id = try #require(UInt64(periodID))
            for base in UInt64(0)..<10 {
                let outer = Keccak256.hash(word(base) + word(0)).bytes
                for slot in [Keccak256.hash(outer + word(id)), Keccak256.hash(word(id) + outer)] {
                    let value = try await books.ok(["rpc", "eth_getStorageAt", books.distributor, slot.description, "latest"])
                    let digits = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).dropFirst(2).drop { $0 == "0" }
                    if digits == "1" { return slot.description }
                }
            }
            return nil
        }

        /// PENDING (paused), UNEXPECTED_ONCHAIN, AMOUNT_MISMATCH, RECIPIENT_MISMATCH, DUPLICATE and MISSING_ONCHAIN
        /// on one devnet whose blocks are final at once, each on the line of its own period.
        @Test func eachDiscrepancyIsNamed() async throws {
            let books = try await Books.start()
            defer { books.stop() }
            try await books.mint(books.distributor, 1_000)
            try await books.standings(0, [("a", accounts[3], 10, "10:00:00"), ("b", accounts[4], 5, "11:00:00")])
            try await books.standings(1, [("a", accounts[5], 10, "10:00:00")])
            try await books.standings(2, [("a", accounts[6], 10, "10:00:00")])
            try await books.standings(3, [("a", accounts[3], 10, "10:00:00"), ("b", accounts[4], 5, "11:00:00")])
            try await books.standings(4, [("a", accounts[7], 10, "10:00:00")])
            try await books.mineDay(5)
            try await books.index()
            let distributor = books.distributor
            let distribute = "distributePrizes(address[],uint256[],uint8,uint256)"

            let matched = try await books.settle(0)
            let unexpected = try await books.send(1, [distributor, distribute, "[\(accounts[8])]", "[1]", "0", "20990101"])

            // Paused: days 1 and 2 are recorded, their payouts stay intended.
            try await books.send(0, [distributor, "pause()"])
            var planned: [Int: (wallet: String, amount: String)] = [:]
            for day in [1, 2] {
                let plan = try ChainCommandTests.object(try await succeed(books.settleArguments(day) + ["--dry-run", "--json"]))
                let place = try #require((plan["places"] as? [[String: Any]])?.first)
                planned[day] = (try #require(place["wallet"] as? String), try #require(place["amount"] as? String))
                let refused = try await PodiumProcess.run(books.settleArguments(day))
                #expect(refused.status == 1 && refused.stdout.contains("recorded: "), "\(refused.stdout)")
                #expect(refused.stderr.contains("the distributor is paused"), "\(refused.stderr)")
            }
            try await books.index()
            let paused = try await books.reconcile()
            #expect(paused.status == 1, "\(paused.stdout)\(paused.stderr)")
            #expect(paused.stdout.contains("payouts: 2 MATCHED, 2 PENDING, 1 UNEXPECTED_ONCHAIN\n"), "\(paused.stdout)")
            for day in [1, 2] {
                #expect(Self.lines(paused.stdout, "PENDING", "daily \(date(day)) · place 1").count == 1, "\(paused.stdout)")
            }
            #expect(Self.lines(paused.stdout, "UNEXPECTED_ONCHAIN", "period id 20990101").first?.contains(unexpected) == true, "\(paused.stdout)")

            // Unpaused, days 1 and 2 are paid straight from the game wallet: a wei short, and to another wallet.
            try await books.send(0, [distributor, "unpause()"])
            let (wallet1, amount1) = try #require(planned[1])
            let short = try #require(UInt128(amount1)) - 1
            let shortHash = try await books.send(1, [distributor, distribute, "[\(wallet1)]", "[\(short)]", "0", periodID(1)])
            let (_, amount2) = try #require(planned[2])
            let elsewhere = try await books.send(1, [distributor, distribute, "[\(accounts[9])]", "[\(amount2)]", "0", periodID(2)])
            try await books.index()
            for (day, hash) in [(1, shortHash), (2, elsewhere)] {
                let refused = try await PodiumProcess.run(books.settleArguments(day))
                #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
                #expect(refused.stderr.contains("already paid daily \(date(day))") && refused.stderr.contains(hash), "\(refused.stderr)")
            }

            // Day 3 paid, its flag cleared in storage, and paid again.
            let nonce = try await books.nonce()
            let first = try await books.settle(3)
            let settled3 = try ChainCommandTests.object(try await succeed(books.settleArguments(3) + ["--json"]))
            #expect(settled3["status"] as? String == "SUCCESS" && settled3["txHash"] as? String == first)
            let places3 = try #require(settled3["places"] as? [[String: Any]])
            let slot = try #require(try await Self.periodPaidSlot(books, periodID: periodID(3)))
            try await books.ok(["rpc", "anvil_setStorageAt", distributor, slot, "0x" + String(repeating: "0", count: 64)])
            #expect(try await books.ok(["call", distributor, "isPeriodPaid(uint8,uint256)(bool)", "0", periodID(3)]) == "false")
            let winners = places3.compactMap { $0["wallet"] as? String }, amounts = places3.compactMap { $0["amount"] as? String }
            let duplicate = try await books.send(
                1, [distributor, distribute, "[\(winners.joined(separator: ","))]", "[\(amounts.joined(separator: ","))]", "0", periodID(3)])
            #expect(try await books.nonce() == nonce + 2)

            // Day 4: the node refuses the payout outright, nothing reaches the chain: FAILED.
            let proxy = try await FaultProxy.start(upstream: books.url, mode: "rpcerror", count: 1, methods: ["eth_sendRawTransaction"])
            defer { proxy.stop() }
            let rejected = try await PodiumProcess.run(books.settleArguments(4, rpcURL: proxy.url))
            #expect(rejected.status == 1 && rejected.stderr.contains("refused"), "\(rejected.stdout)\(rejected.stderr)")

            try await books.index()
            let report = try await books.reconcile()
            #expect(report.status == 1, "\(report.stdout)\(report.stderr)")
            let out = report.stdout
            #expect(out.split(separator: "\n").first?.contains("DOES NOT BALANCE") == true, "\(out)")
            #expect(Self.lines(out, "AMOUNT_MISMATCH", "daily \(date(1)) · place 1").first?.contains(shortHash) == true, "\(out)")
            #expect(Self.lines(out, "RECIPIENT_MISMATCH", "daily \(date(2)) · place 1").first?.contains(elsewhere) == true, "\(out)")
            #expect(Self.lines(out, "RECIPIENT_MISMATCH", "daily \(date(2))").first?.contains(accounts[9]) == true, "\(out)")
            #expect(Self.lines(out, "DUPLICATE", "daily \(date(3))").count == 2, "\(out)")
            #expect(Self.lines(out, "DUPLICATE", duplicate).count == 2, "\(out)")
            #expect(Self.lines(out, "MISSING_ONCHAIN", "daily \(date(4)) · place 1").count == 1, "\(out)")
            #expect(Self.lines(out, "UNEXPECTED_ONCHAIN", unexpected).count == 1, "\(out)")
            #expect(Self.lines(out, "PENDING").isEmpty, "\(out)")
            #expect(Self.lines(out, "MATCHED").isEmpty && !out.contains(matched), "\(out)")
            #expect(out.contains("payouts: 4 MATCHED, 1 MISSING_ONCHAIN, 1 UNEXPECTED_ONCHAIN, 1 AMOUNT_MISMATCH, 1 RECIPIENT_MISMATCH, 2 DUPLICATE\n"), "\(out)")
        }

        /// On a devnet whose finalized block trails the head by 3: a fresh payout is PENDING; reorged out and
        /// buried under final blocks, it is FAILED_TX.
        @Test func anUnfinalPayoutIsPendingAndAReorgedOneFailed() async throws {
            let books = try await Books.start(finality: 3)
            defer { books.stop() }
            try await books.mint(books.distributor, 1_000)
            try await books.standings(0, [("a", accounts[3], 10, "10:00:00"), ("b", accounts[4], 5, "11:00:00")])
            try await books.mineDay(1)
            try await books.ok(["rpc", "anvil_mine", "3"])
            try await books.index()
            let output = try await succeed(books.settleArguments(0))
            let hash = try #require(paidHash(output), "\(output)")
            let receipt = ChainCommandTests.fields(try await books.ok(["receipt", hash]))
            #expect(receipt["blockNumber"] == (try await books.ok(["block-number"])))
            try await books.index()
            // PENDING is no verdict, so no discrepancy: the report balances.
            let pending = try await books.reconcile()
            #expect(pending.status == 0, "\(pending.stdout)\(pending.stderr)")
            #expect(Self.lines(pending.stdout, "PENDING", "daily \(date(0))").count == 2, "\(pending.stdout)")
            #expect(Self.lines(pending.stdout, "FAILED_TX").isEmpty, "\(pending.stdout)")

            // The payout's block is replaced (above finality, so the index follows), then buried under final blocks.
            try await books.ok(["rpc", "anvil_reorg", "1"])
            #expect(try await books.ok(["rpc", "eth_getTransactionReceipt", hash]) == "null")
            let followed = try await PodiumProcess.run(["index"] + books.books + books.rpc)
            #expect(followed.status == 0 && followed.stderr.contains("reorg: rolled back 1 blocks"), "\(followed.stderr)")
            try await books.ok(["rpc", "anvil_mine", "4"])
            try await books.index()
            let failed = try await books.reconcile()
            #expect(failed.status == 1, "\(failed.stdout)\(failed.stderr)")
            #expect(Self.lines(failed.stdout, "FAILED_TX", "daily \(date(0))").count == 2, "\(failed.stdout)")
            #expect(Self.lines(failed.stdout, "FAILED_TX", hash).count == 2, "\(failed.stdout)")
        }
    }
}
