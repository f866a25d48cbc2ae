import Foundation
import PodiumABI
import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import PodiumTestSupport
import PodiumUserOperations
import Testing

/// A devnet with Podium's contracts and the ERC-4337 set deployed by dev account 0, and `podium bundler serve`
/// running against it with dev account 9 as its key.
final class BundlerEnvironment: Sendable {
    let devnet: ListeningProcess
    let client: RPCClient
    let funder: TransactionSender
    let record: DeploymentRecord
    let recordDirectory: URL
    let entryPoint: Address
    let factory: AccountFactory
    let token: Address

    static let ether = UInt256(1_000_000_000_000_000_000)
    static let shared = Task { try await BundlerEnvironment() }

    init() async throws {
        devnet = try await TestDevnet.start()
        client = try RPCClient(url: devnet.url)
        funder = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[0])
        recordDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-bundler-\(UUID().uuidString)")
        let config = DeploymentConfig()
        record = try await Deployer(
            sender: funder,
            steps: DeploymentStep.podium(config: config, deployer: funder.address)
                + DeploymentStep.accountAbstraction(config: config, deployer: funder.address),
            recordURL: recordDirectory.appendingPathComponent("31337.json")
        ).run()
        entryPoint = record.address(of: "EntryPoint")!
        factory = AccountFactory(
            address: record.address(of: "SimpleAccountFactory")!, implementation: record.address(of: "SimpleAccount")!)
        token = record.address(of: "GlicoToken")!
    }

    /// `podium bundler serve` on a free port for `entryPoint` (the record's when nil).
    func startBundler(entryPoint: Address? = nil, intervalMS: Int = 100) async throws -> ListeningProcess {
        var arguments = [
            "bundler", "serve", "--port", "0", "--rpc-url", devnet.url, "--deployments", recordDirectory.path,
            "--dev-account", "9", "--bundle-interval", "\(intervalMS)",
        ]
        if let entryPoint { arguments += ["--entry-point", entryPoint.description] }
        return try await ListeningProcess.start(executable: PodiumProcess.executable, arguments: arguments)
    }

    /// Sends `amount` wei to `to` from dev account 0.
    func fund(_ to: Address, _ amount: UInt256) async throws {
        _ = try await funder.sendAndWait(to: to, input: [], value: amount)
    }

    /// The fees an operation offers: twice the base fee plus a 1 gwei tip.
    func fees() async throws -> (maxFee: UInt256, tip: UInt256) {
        let baseFee = try await client.block(.latest)?.baseFeePerGas ?? .zero
        let tip = UInt256(1_000_000_000)
        return (baseFee * 2 + tip, tip)
    }
}

/// An account of `owner` (dev key `keyIndex`) made by `factory`, and operations for it.
struct TestAccount {
    let key: PrivateKey
    let factory: AccountFactory
    let salt: UInt256
    let entryPoint: Address

    var address: Address { factory.accountAddress(owner: key.address, salt: salt) }

    /// `execute(token.approve(spender, amount))` as callData.
    static func approveCall(token: Address, spender: Address, amount: UInt256) -> [UInt8] {
        SimpleAccount.execute(AccountCall(
            to: token, input: Selector(signature: "approve(address,uint256)").bytes + ABI.encode(spender, amount)))
    }

    /// An unsigned operation with zero gas limits.
    func operation(nonce: UInt256, deploy: Bool, callData: [UInt8], fees: (maxFee: UInt256, tip: UInt256)) -> UserOperation {
        UserOperation(
            sender: address, nonce: nonce, factory: deploy ? factory.deployment(owner: key.address, salt: salt) : nil,
            callData: callData, callGasLimit: .zero, verificationGasLimit: .zero, preVerificationGas: .zero,
            maxFeePerGas: fees.maxFee, maxPriorityFeePerGas: fees.tip)
    }

    /// `operation` signed by the owner.
    func signed(_ operation: UserOperation) throws -> UserOperation {
        var signed = operation
        let hash = try operation.packed().hash(entryPoint: entryPoint, chainID: 31337)
        signed.signature = SimpleAccount.signature(for: hash, with: key)
        return signed
    }

    /// `operation` with the bundler's estimate filled in, signed.
    func estimatedAndSigned(_ operation: UserOperation, bundler: BundlerClient) async throws -> UserOperation {
        let estimate = try await bundler.estimateUserOperationGas(operation, entryPoint: entryPoint)
        return try signed(estimate.filling(operation))
    }
}

/// The bundler's code for a refused operation, and its message.
func refusal(_ body: () async throws -> Void) async -> BundlerError? {
    do {
        try await body()
        return nil
    } catch let error as BundlerError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Suite(.serialized) struct BundlerTests {
    @Test func firstOperationCreatesTheAccountThenLaterOperationsRunAndReplaysAreRefused() async throws {
        let environment = try await BundlerEnvironment.shared.value
        let process = try await environment.startBundler()
        defer { process.stop() }
        let bundler = try BundlerClient(url: process.url)
        #expect(try await bundler.chainID() == 31337)
        #expect(try await bundler.supportedEntryPoints() == [environment.entryPoint])

        let account = TestAccount(
            key: DevnetAccounts.privateKeys[3], factory: environment.factory, salt: 1, entryPoint: environment.entryPoint)
        try await environment.fund(account.address, BundlerEnvironment.ether)
        let callData = TestAccount.approveCall(token: environment.token, spender: environment.funder.address, amount: 5)
        let first = try await account.estimatedAndSigned(
            account.operation(nonce: 0, deploy: true, callData: callData, fees: try await environment.fees()), bundler: bundler)
        let hash = try await bundler.sendUserOperation(first, entryPoint: environment.entryPoint)
        #expect(hash == (try first.packed().hash(entryPoint: environment.entryPoint, chainID: 31337)))
        let receipt = try await bundler.waitForReceipt(hash, timeout: .seconds(60))
        #expect(receipt.success)
        #expect(receipt.event.sender == account.address)
        #expect(receipt.event.userOpHash == hash)
        #expect(receipt.event.actualGasCost > .zero)
        let deployed = try receipt.receipt.logs.filter { $0.topics.first == EntryPoint.AccountDeployed.topic0 }
            .map { try EntryPoint.AccountDeployed(log: $0.log) }
        #expect(deployed.map(\.sender) == [account.address])
        #expect(deployed.first?.factory == environment.factory.address)
        let included = try #require(try await bundler.userOperationByHash(hash))
        #expect(included.userOperation == first)
        #expect(included.transactionHash == receipt.transactionHash)
        #expect(included.entryPoint == environment.entryPoint)

        // A later operation of the deployed account.
        let later = try await account.estimatedAndSigned(
            account.operation(nonce: 1, deploy: false, callData: callData, fees: try await environment.fees()), bundler: bundler)
        let laterHash = try await bundler.sendUserOperation(later, entryPoint: environment.entryPoint)
        #expect(try await bundler.waitForReceipt(laterHash).success)

        // The same operation again: its nonce is used.
        let replay = await refusal { _ = try await bundler.sendUserOperation(later, entryPoint: environment.entryPoint) }
        #expect(replay?.code == .rejectedByEntryPoint)
        #expect(replay?.entryPointCode == .invalidNonce)
        #expect(replay?.message.hasPrefix("AA25") == true)

        // A signature by another key.
        var forged = account.operation(nonce: 2, deploy: false, callData: callData, fees: try await environment.fees())
        forged = try TestAccount(key: DevnetAccounts.privateKeys[4], factory: environment.factory, salt: 1,
                                 entryPoint: environment.entryPoint).signed(
            UserOperationGasEstimate(preVerificationGas: 60_000, verificationGasLimit: 200_000, callGasLimit: 100_000)
                .filling(forged))
        let badSignature = await refusal { _ = try await bundler.sendUserOperation(forged, entryPoint: environment.entryPoint) }
        #expect(badSignature?.code == .signatureCheckFailed)
        #expect(badSignature?.entryPointCode == .signatureError)

        // Above a size bound: refused before any simulation.
        var large = account.operation(
            nonce: 2, deploy: false, callData: [UInt8](repeating: 1, count: 4097), fees: try await environment.fees())
        large.callGasLimit = 100_000
        let tooLarge = await refusal { _ = try await bundler.sendUserOperation(large, entryPoint: environment.entryPoint) }
        #expect(tooLarge?.code == .invalidFields)
        #expect(tooLarge?.message.contains("callData") == true)

        // Fees below the base fee.
        var cheap = later
        cheap.nonce = 2
        (cheap.maxFeePerGas, cheap.maxPriorityFeePerGas) = (0, 0)
        let belowBaseFee = await refusal { _ = try await bundler.sendUserOperation(cheap, entryPoint: environment.entryPoint) }
        #expect(belowBaseFee?.code == .invalidFields)
    }

    @Test func estimationKeepsTheCallersLimits() async throws {
        let environment = try await BundlerEnvironment.shared.value
        let process = try await environment.startBundler()
        defer { process.stop() }
        let bundler = try BundlerClient(url: process.url)
        let account = TestAccount(
            key: DevnetAccounts.privateKeys[5], factory: environment.factory, salt: 7, entryPoint: environment.entryPoint)
        try await environment.fund(account.address, BundlerEnvironment.ether)
        var operation = account.operation(
            nonce: 0, deploy: true,
            callData: TestAccount.approveCall(token: environment.token, spender: environment.funder.address, amount: 1),
            fees: try await environment.fees())
        operation.callGasLimit = 123_456
        operation.preVerificationGas = 70_001
        let estimate = try await bundler.estimateUserOperationGas(operation, entryPoint: environment.entryPoint)
        #expect(estimate.callGasLimit == 123_456)
        #expect(estimate.preVerificationGas == 70_001)
        #expect(estimate.verificationGasLimit > 50_000)
        #expect(estimate.verificationGasLimit < 1_000_000)
        let hash = try await bundler.sendUserOperation(
            try account.signed(estimate.filling(operation)), entryPoint: environment.entryPoint)
        #expect(try await bundler.waitForReceipt(hash).success)
    }

    @Test func twoNonceKeysOfOneAccountGoInOneBundleAndReceiptsSurviveARestart() async throws {
        let environment = try await BundlerEnvironment.shared.value
        var process = try await environment.startBundler(intervalMS: 3000)
        var bundler = try BundlerClient(url: process.url)
        let account = TestAccount(
            key: DevnetAccounts.privateKeys[6], factory: environment.factory, salt: 2, entryPoint: environment.entryPoint)
        try await environment.fund(account.address, BundlerEnvironment.ether)
        let callData = TestAccount.approveCall(token: environment.token, spender: environment.funder.address, amount: 9)
        let creation = try await account.estimatedAndSigned(
            account.operation(nonce: 0, deploy: true, callData: callData, fees: try await environment.fees()), bundler: bundler)
        _ = try await bundler.waitForReceipt(
            try await bundler.sendUserOperation(creation, entryPoint: environment.entryPoint), timeout: .seconds(60))

        let fees = try await environment.fees()
        var hashes: [Bytes32] = []
        for key in [UInt256(1), UInt256(2)] {
            let nonce = try UserOperationNonce(key: key, sequence: 0).value
            let operation = try await account.estimatedAndSigned(
                account.operation(nonce: nonce, deploy: false, callData: callData, fees: fees), bundler: bundler)
            hashes.append(try await bundler.sendUserOperation(operation, entryPoint: environment.entryPoint))
        }
        let receipts = [try await bundler.waitForReceipt(hashes[0]), try await bundler.waitForReceipt(hashes[1])]
        #expect(receipts.allSatisfy { $0.success })
        #expect(receipts[0].transactionHash == receipts[1].transactionHash)

        // A new bundler process answers from the chain.
        process.stop()
        process = try await environment.startBundler()
        defer { process.stop() }
        bundler = try BundlerClient(url: process.url)
        let again = try #require(try await bundler.userOperationReceipt(hashes[1]))
        #expect(again == receipts[1])
        let byHash = try await bundler.userOperationByHash(hashes[0])
        #expect(byHash?.transactionHash == receipts[0].transactionHash)
        #expect(try await bundler.userOperationReceipt(Bytes32.zero) == nil)
    }

    @Test func theCanonicalEntryPointTakesTheSameFirstOperation() async throws {
        let environment = try await BundlerEnvironment.shared.value
        let vectors = try JSONValue(json: Data(contentsOf: PythonOracle.repositoryRoot
            .appendingPathComponent("Tests/vectors/canonical-aa-v07.json")))
        func code(_ name: String) throws -> (Address, [UInt8]) {
            let object = try #require(vectors.objectValue?[name]?.objectValue)
            return (try Address(hex: try #require(object["address"]?.stringValue)),
                    try Hex.decode(try #require(object["runtime"]?.stringValue)))
        }
        for name in ["EntryPoint", "SenderCreator"] {
            let (address, runtime) = try code(name)
            let _: JSONValue = try await environment.client.call("anvil_setCode", [.address(address), .data(runtime)])
        }
        #expect(try code("EntryPoint").0 == EntryPoint.canonicalV07)
        let canonical = EntryPoint.canonicalV07
        let directory = environment.recordDirectory.appendingPathComponent("canonical")
        let config = DeploymentConfig(entryPoint: canonical)
        let record = try await Deployer(
            sender: environment.funder, steps: DeploymentStep.accountAbstraction(config: config, deployer: environment.funder.address),
            recordURL: directory.appendingPathComponent("31337.json")
        ).run()
        let factory = AccountFactory(
            address: record.address(of: "SimpleAccountFactory")!, implementation: record.address(of: "SimpleAccount")!)

        let process = try await environment.startBundler(entryPoint: canonical)
        defer { process.stop() }
        let bundler = try BundlerClient(url: process.url)
        #expect(try await bundler.supportedEntryPoints() == [canonical])
        let account = TestAccount(key: DevnetAccounts.privateKeys[7], factory: factory, salt: 0, entryPoint: canonical)
        try await environment.fund(account.address, BundlerEnvironment.ether)
        let callData = TestAccount.approveCall(token: environment.token, spender: environment.funder.address, amount: 3)
        let first = try await account.estimatedAndSigned(
            account.operation(nonce: 0, deploy: true, callData: callData, fees: try await environment.fees()), bundler: bundler)
        let hash = try await bundler.sendUserOperation(first, entryPoint: canonical)
        let receipt = try await bundler.waitForReceipt(hash, timeout: .seconds(60))
        #expect(receipt.success)
        #expect(receipt.entryPoint == canonical)
        #expect(receipt.receipt.logs.contains { $0.address == canonical && $0.topics.first == EntryPoint.AccountDeployed.topic0 })
        let later = try await account.estimatedAndSigned(
            account.operation(nonce: 1, deploy: false, callData: callData, fees: try await environment.fees()), bundler: bundler)
        #expect(try await bundler.waitForReceipt(try await bundler.sendUserOperation(later, entryPoint: canonical)).success)
        let replay = await refusal { _ = try await bundler.sendUserOperation(later, entryPoint: canonical) }
        #expect(replay?.entryPointCode == .invalidNonce)
        #expect(replay?.code == .rejectedByEntryPoint)
    }

    @Test func throughputOfOneAccountOnSixteenNonceKeys() async throws {
        let environment = try await BundlerEnvironment.shared.value
        let process = try await environment.startBundler(intervalMS: 50)
        defer { process.stop() }
        let bundler = try BundlerClient(url: process.url)
        let account = TestAccount(
            key: DevnetAccounts.privateKeys[8], factory: environment.factory, salt: 3, entryPoint: environment.entryPoint)
        try await environment.fund(account.address, BundlerEnvironment.ether)
        let callData = TestAccount.approveCall(token: environment.token, spender: environment.funder.address, amount: 2)
        let creation = try await account.estimatedAndSigned(
            account.operation(nonce: 0, deploy: true, callData: callData, fees: try await environment.fees()), bundler: bundler)
        _ = try await bundler.waitForReceipt(try await bundler.sendUserOperation(creation, entryPoint: environment.entryPoint))
        let template = try await bundler.estimateUserOperationGas(
            account.operation(nonce: try UserOperationNonce(key: 1, sequence: 0).value, deploy: false, callData: callData, fees: try await environment.fees()),
            entryPoint: environment.entryPoint)
        let fees = try await environment.fees()
        let operations = try (1...16).map { key in
            try account.signed(template.filling(account.operation(
                nonce: try UserOperationNonce(key: UInt256(UInt64(key)), sequence: 0).value, deploy: false,
                callData: callData, fees: fees)))
        }
        let clock = ContinuousClock()
        let started = clock.now
        var hashes: [Bytes32] = []
        for operation in operations {
            hashes.append(try await bundler.sendUserOperation(operation, entryPoint: environment.entryPoint))
        }
        var receipts: [UserOperationReceipt] = []
        for hash in hashes { receipts.append(try await bundler.waitForReceipt(hash)) }
        let elapsed = clock.now - started
        #expect(receipts.allSatisfy { $0.success })
        let bundles = Set(receipts.map(\.transactionHash))
        let gas = bundles.compactMap { hash in receipts.first { $0.transactionHash == hash }?.receipt.gasUsed }.reduce(0, +)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("bundler throughput: \(receipts.count) operations in \(bundles.count) bundles, "
            + "\(String(format: "%.1f", Double(receipts.count) / seconds)) operations/s, "
            + "\(gas / UInt64(receipts.count)) gas per operation (transaction gasUsed / operations)")
    }
}
