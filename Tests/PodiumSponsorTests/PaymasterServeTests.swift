import Foundation
import PodiumABI
import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import PodiumSponsor
import PodiumTestSupport
import PodiumUserOperations
import Testing

/// A test's own failure, with its text.
struct ServeFailure: Error, CustomStringConvertible { let description: String }

/// `podium paymaster serve` started as a process, its stdout's first line announcing the URL and its stderr kept in
/// a file (to look for the key in).
final class ServeProcess: @unchecked Sendable {
    let url: String
    let process: Process
    let stderrURL: URL
    let stdout: Pipe

    static func start(_ arguments: [String], environment: [String: String]? = nil) async throws -> ServeProcess {
        try await offPool { try ServeProcess(arguments, environment: environment) }
    }

    private init(_ arguments: [String], environment: [String: String]?) throws {
        let process = Process()
        process.executableURL = PodiumProcess.executable
        process.arguments = ["paymaster", "serve"] + arguments
        if let environment { process.environment = environment }
        stderrURL = FileManager.default.temporaryDirectory.appendingPathComponent("podium-serve-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty {
                process.waitUntilExit()
                let errors = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
                throw ServeFailure(description: "serve exited (\(process.terminationStatus)): \(errors)")
            }
            line.append(chunk)
        }
        let text = String(decoding: line.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard text.hasPrefix("listening on http://127.0.0.1:") else {
            throw ServeFailure(description: "unexpected first line: \(text)")
        }
        url = String(text.dropFirst("listening on ".count))
        self.process = process
    }

    /// Stops it and returns what it printed on stdout (after the first line) and stderr.
    func stop() -> String {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let rest = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return rest + ((try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")
    }
}

/// Podium's contracts and ERC-4337 set on a devnet of their own, deployed by `Deployer` as `podium deploy` does.
struct SponsoredChain {
    let devnet: ListeningProcess
    let client: RPCClient
    let directory: URL
    let record: DeploymentRecord
    let owner: TransactionSender
    let podium: PodiumDeployment
    let entryPoint: Address
    let paymaster: Address
    let accountFactory: AccountFactory

    /// The deployer, dev account 0, is the paymaster's verifying signer: its key is the sponsor key.
    static let sponsorKey = DevnetAccounts.privateKeys[0]
    static let glico = UInt256(1_000_000_000_000_000_000)

    static func start() async throws -> SponsoredChain {
        let devnet = try await TestDevnet.start()
        let client = try RPCClient(url: devnet.url)
        let owner = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[0])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-sponsor-\(UUID().uuidString)")
        let config = DeploymentConfig()
        let deployer = Deployer(
            sender: owner,
            steps: DeploymentStep.podium(config: config, deployer: owner.address)
                + DeploymentStep.accountAbstraction(config: config, deployer: owner.address),
            recordURL: directory.appendingPathComponent("31337.json"))
        let record = try await deployer.run()
        return SponsoredChain(
            devnet: devnet, client: client, directory: directory, record: record, owner: owner,
            podium: try PodiumDeployment(record: record, client: client), entryPoint: record.address(of: "EntryPoint")!,
            paymaster: record.address(of: "VerifyingPaymaster")!,
            accountFactory: AccountFactory(
                address: record.address(of: "SimpleAccountFactory")!, implementation: record.address(of: "SimpleAccount")!))
    }

    /// A Game Pass purchase from the account of `player` (salt 0), created by the operation when `create`.
    func purchase(player: PrivateKey, nonce: UInt256 = .zero, create: Bool, approve: Bool = true) -> UserOperation {
        let buy = AccountCall(to: podium.sale.address, input: SponsorPolicy.buyGamePassInput)
        let approval = AccountCall(
            to: podium.token.address,
            input: SponsorPolicy.approveSelector.bytes + ABI.encode(podium.sale.address, UInt256(20) * Self.glico))
        return UserOperation(
            sender: accountFactory.accountAddress(owner: player.address, salt: .zero), nonce: nonce,
            factory: create ? accountFactory.deployment(owner: player.address, salt: .zero) : nil,
            callData: approve ? SimpleAccount.executeBatch([approval, buy]) : SimpleAccount.execute(buy),
            callGasLimit: UInt256(approve ? 250_000 : 180_000), verificationGasLimit: UInt256(create ? 500_000 : 110_000),
            preVerificationGas: UInt256(100_000), maxFeePerGas: UInt256(3_000_000_000), maxPriorityFeePerGas: UInt256(1_000_000_000))
    }
}

@Suite(.serialized) struct PaymasterServeTests {
    static let keyHex = SponsoredChain.sponsorKey.revealHex()

    /// The key in any of its spellings.
    static func leaksKey(_ text: String) -> Bool {
        let bare = keyHex.hasPrefix("0x") ? String(keyHex.dropFirst(2)) : keyHex
        return text.lowercased().contains(bare.lowercased())
    }

    static func writeFile(_ text: String, in directory: URL, named name: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The JSON-RPC error of calling `method` with `params` at `url`.
    static func rpcError(_ url: String, _ method: String, _ params: [JSONValue]) async throws -> NodeError {
        do {
            let answer = try await RPCClient(url: url).call(method, params, as: JSONValue.self)
            throw ServeFailure(description: "\(method) answered \(answer.jsonText)")
        } catch RPCError.node(let error) {
            return error
        }
    }

    @Test func sponsorsAGamePassPurchaseThatTheEntryPointAccepts() async throws {
        let chain = try await SponsoredChain.start()
        defer { chain.devnet.stop() }
        let rpc = ["--rpc-url", chain.devnet.url, "--deployments", chain.directory.path]

        let player = DevnetAccounts.privateKeys[5]
        var operation = chain.purchase(player: player, create: true)
        _ = try await chain.podium.token.mint(to: operation.sender, amount: UInt256(100) * SponsoredChain.glico).sendAndWait(from: chain.owner)

        // Fund the paymaster's deposit through the command line (after the test's own transactions from account 0).
        let deposited = try await PodiumProcess.run(["paymaster", "deposit", "1ether", "--dev-account", "0"] + rpc)
        #expect(deposited.status == 0, "\(deposited.stderr)")
        let balance = try await PodiumProcess.run(["paymaster", "balance"] + rpc)
        #expect(balance.stdout == "1000000000000000000\n", "\(balance.stderr)")


        let keyFile = try Self.writeFile(Self.keyHex + "\n", in: chain.directory, named: "sponsor.key")
        let policyFile = try Self.writeFile(
            #"{"walletDailyLimit": 2, "maximumFeePerGas": "10gwei", "maximumOperationCost": "0.01ether", "sponsorName": "Podium"}"#,
            in: chain.directory, named: "policy.json")
        let db = chain.directory.appendingPathComponent("sponsor.sqlite").path
        let serveArguments = ["--port", "0", "--db", db, "--policy", policyFile, "--sponsor-key-file", keyFile, "--settle-interval", "1"] + rpc
        let server = try await ServeProcess.start(serveArguments)
        var output = ""
        defer { if server.process.isRunning { _ = server.stop() } }

        // The stub: ERC-7677's v0.7 fields, isFinal false, data as long as the final data.
        let service = try RPCClient(url: server.url)
        let params: [JSONValue] = [operation.json, .string(chain.entryPoint.description), "0x7a69", [:]]
        let stub = try await service.call("pm_getPaymasterStubData", params, as: JSONValue.self)
        let stubFields = try #require(stub.objectValue)
        #expect(Set(stubFields.keys) == ["paymaster", "paymasterData", "paymasterVerificationGasLimit", "paymasterPostOpGasLimit", "isFinal", "sponsor"])
        #expect(stubFields["isFinal"] == false && stubFields["sponsor"] == ["name": "Podium"])
        #expect(stubFields["paymaster"] == .string(chain.paymaster.description))
        #expect(stubFields["paymasterPostOpGasLimit"] == "0x0" && stubFields["paymasterVerificationGasLimit"] == "0xea60")
        let stubData = try Hex.decode(try #require(stubFields["paymasterData"]?.stringValue))
        #expect(stubData.count == 129)

        // The final data, through PaymasterClient, signed by the paymaster's verifying signer.
        let paymasterClient = PaymasterClient(client: service)
        let stubResult = try await paymasterClient.stubData(for: operation, entryPoint: chain.entryPoint, chainID: 31337)
        #expect(stubResult.isFinal == false && stubResult.sponsorName == "Podium" && stubResult.paymaster.data.count == 129)
        operation.paymaster = try await paymasterClient.data(for: operation, entryPoint: chain.entryPoint, chainID: 31337)
        let paymasterData = try VerifyingPaymasterData(parsing: try #require(operation.paymaster).data)
        let now = UInt64(Date().timeIntervalSince1970)
        #expect(paymasterData.validUntil > now && paymasterData.validUntil <= now + 601)
        #expect(paymasterData.validAfter <= now)
        let paymasterHash = try VerifyingPaymaster.hash(
            of: operation.packed(), chainID: 31337, validUntil: paymasterData.validUntil, validAfter: paymasterData.validAfter)
        let recovered = try Signature(paymasterData.signature).recoverAddress(hash: SimpleAccount.signingHash(paymasterHash))
        #expect(recovered == SponsoredChain.sponsorKey.address)

        // The account signs; the EntryPoint's simulation (an eth_call of handleOps) accepts it.
        let userOperationHash = try operation.packed().hash(entryPoint: chain.entryPoint, chainID: 31337)
        operation.signature = SimpleAccount.signature(for: userOperationHash, with: player)
        let bundler = DevnetAccounts.privateKeys[1].address
        func simulate(_ operation: UserOperation) async throws -> EntryPointErrorCode? {
            let input = EntryPoint.handleOps([try operation.packed()], beneficiary: bundler)
            do {
                _ = try await chain.client.call(CallRequest(from: bundler, to: chain.entryPoint, input: input))
                return nil
            } catch RPCError.node(let error) {
                return try EntryPointError(revertData: try #require(error.revertData)).code
            }
        }
        #expect(try await simulate(operation) == nil)

        // A tampered field (re-signed by the account, so only the paymaster's signature is wrong): AA34.
        for tamper in [
            { (op: inout UserOperation) in op.callGasLimit += UInt256(1) },
            { (op: inout UserOperation) in op.preVerificationGas += UInt256(1) },
            { (op: inout UserOperation) in op.paymaster!.verificationGasLimit += UInt256(1) },
            { (op: inout UserOperation) in op.maxFeePerGas += UInt256(1) },
        ] {
            var tampered = operation
            tamper(&tampered)
            tampered.signature = SimpleAccount.signature(
                for: try tampered.packed().hash(entryPoint: chain.entryPoint, chainID: 31337), with: player)
            #expect(try await simulate(tampered) == EntryPointErrorCode(rawValue: "AA34"))
        }

        // Bundled for real: the pass is bought, the paymaster paid, and the reservation settled from the event.
        let bundlerSender = try await TransactionSender(client: chain.client, signer: DevnetAccounts.privateKeys[1])
        let receipt = try await EntryPointContract(address: chain.entryPoint, client: chain.client)
            .handleOps([try operation.packed()], beneficiary: bundler).sendAndWait(from: bundlerSender)
        let events = try EntryPointContract(address: chain.entryPoint, client: chain.client)
            .events(EntryPoint.UserOperationEvent.self, in: receipt)
        #expect(events.count == 1 && events.first?.success == true && events.first?.paymaster == chain.paymaster)
        print("sponsored operation: gas used \(events.first?.actualGasUsed ?? .zero), handleOps gas \(receipt.gasUsed)")
        #expect(try await chain.podium.sale.passesBought(operation.sender) == UInt256(1))
        let store = try SponsorStore(path: db)
        var settled: SponsorStore.Reservation?
        for _ in 0..<40 {
            settled = try await store.reservation(userOperationHash: userOperationHash)
            if settled?.status == .settled { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(settled?.status == .settled && settled?.actualCost == events.first?.actualGasCost)

        // The second operation of the day is sponsored; then the server restarts, and the third is refused.
        let second = chain.purchase(player: player, nonce: UInt256(1), create: false, approve: false)
        _ = try await paymasterClient.data(for: second, entryPoint: chain.entryPoint, chainID: 31337)
        output += server.stop()
        let restarted = try await ServeProcess.start(serveArguments)
        defer { if restarted.process.isRunning { _ = restarted.stop() } }
        let third = chain.purchase(player: player, nonce: UInt256(2), create: false, approve: false)
        let refusal = try await Self.rpcError(
            restarted.url, "pm_getPaymasterData", [third.json, .string(chain.entryPoint.description), "0x7a69", [:]])
        #expect(refusal.code == -32001)
        #expect(refusal.data?.objectValue?["reason"] == "wallet-daily-limit")
        #expect(refusal.data?.objectValue?["limit"] == "2" && refusal.data?.objectValue?["remaining"] == "0")
        #expect(refusal.data?.objectValue?["retryAfter"]?.jsonText.allSatisfy(\.isNumber) == true)

        // Wrong EntryPoint, wrong chain, another call shape, malformed params.
        let wrongEntryPoint = try await Self.rpcError(
            restarted.url, "pm_getPaymasterStubData", [third.json, .string(EntryPoint.canonicalV07.description), "0x7a69", [:]])
        #expect(wrongEntryPoint.code == -32002 && wrongEntryPoint.data?.objectValue?["entryPoint"] == .string(chain.entryPoint.description))
        let wrongChain = try await Self.rpcError(
            restarted.url, "pm_getPaymasterStubData", [third.json, .string(chain.entryPoint.description), "0x1", [:]])
        #expect(wrongChain.code == -32003 && wrongChain.data?.objectValue?["chainId"] == "0x7a69")
        var transfer = chain.purchase(player: DevnetAccounts.privateKeys[6], create: true)
        transfer.callData = SimpleAccount.execute(AccountCall(
            to: chain.podium.token.address,
            input: Selector(signature: "transfer(address,uint256)").bytes + ABI.encode(bundler, UInt256(1))))
        let shape = try await Self.rpcError(
            restarted.url, "pm_getPaymasterStubData", [transfer.json, .string(chain.entryPoint.description), "0x7a69", [:]])
        #expect(shape.code == -32001 && shape.data?.objectValue?["reason"] == "not-game-pass-purchase")
        let malformed = try await Self.rpcError(restarted.url, "pm_getPaymasterData", [["sender": "0x12"]])
        #expect(malformed.code == -32602)
        let unknown = try await Self.rpcError(restarted.url, "pm_sponsorUserOperation", [])
        #expect(unknown.code == -32601)

        output += restarted.stop()
        #expect(!Self.leaksKey(output), "the sponsor key appeared in the service's output")
        #expect(!Self.leaksKey(refusal.message + malformed.message + shape.message))
    }

    @Test func theKeyNeverAppearsInHelpOrErrors() async throws {
        let help = try await PodiumProcess.run(["paymaster", "serve", "--help"])
        #expect(help.status == 0 && help.stdout.contains("PODIUM_SPONSOR_KEY") && help.stdout.contains("-32001"))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-sponsor-\(UUID().uuidString)")
        // A key that is not the paymaster's signer, from the environment: refused by address, never by its text.
        let chain = try await SponsoredChain.start()
        defer { chain.devnet.stop() }
        var environment = ProcessInfo.processInfo.environment
        let wrongKey = DevnetAccounts.privateKeys[3].revealHex()
        environment["PODIUM_SPONSOR_KEY"] = wrongKey
        let wrong = try await PodiumProcess.run(
            ["paymaster", "serve", "--port", "0", "--rpc-url", chain.devnet.url, "--deployments", chain.directory.path,
             "--db", directory.appendingPathComponent("s.sqlite").path], environment: environment)
        #expect(wrong.status != 0 && wrong.stderr.contains("is not the paymaster's verifying signer"), "\(wrong.stderr)")
        #expect(!(wrong.stdout + wrong.stderr).lowercased().contains(String(wrongKey.dropFirst(2)).lowercased()))

        // A malformed key file (one character off): the error names the file, not the text.
        let almost = String(Self.keyHex.dropLast()) + "z"
        let file = try Self.writeFile(almost, in: directory, named: "bad.key")
        let bad = try await PodiumProcess.run(
            ["paymaster", "serve", "--rpc-url", chain.devnet.url, "--deployments", chain.directory.path, "--sponsor-key-file", file])
        #expect(bad.status != 0 && bad.stderr.contains("invalid sponsor key"), "\(bad.stderr)")
        #expect(!Self.leaksKey(bad.stdout + bad.stderr) && !(bad.stdout + bad.stderr).contains(String(almost.dropFirst(2).prefix(20))))
    }
}
