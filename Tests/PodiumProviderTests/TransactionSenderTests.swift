import PodiumABI
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import PodiumTestSupport
import PodiumTransactions
import Testing

/// The sender's promises on a real devnet: consecutive nonces under concurrency, and an outcome that is never
/// "failed" when the node may have the transaction.
@Suite struct TransactionSenderTests {
    let devnet: ListeningProcess
    let client: RPCClient

    init() async throws {
        devnet = try await TestDevnet.start()
        client = try RPCClient(url: devnet.url)
    }

    static let recipient = try! Address(hex: "0x00000000000000000000000000000000000000aa")
    static let oneEther = UInt256(1_000_000_000_000_000_000)

    @Test func signedTransferRoundTrip() async throws {
        let key = DevnetAccounts.privateKeys[1], recipient = DevnetAccounts.privateKeys[2].address
        let fees = try await client.feeHistory(blockCount: 1, percentiles: [50])
        let transaction = EIP1559Transaction(
            chainID: 31337, nonce: 0, maxPriorityFeePerGas: 1_000_000_000,
            maxFeePerGas: fees.baseFeePerGas.last! * 2 + 1_000_000_000, gasLimit: 21_000, to: .call(recipient),
            value: Self.oneEther, input: [], accessList: [])
        let signed = transaction.signed(with: key)
        let hash = try await client.sendRawTransaction(signed.rawBytes)
        #expect(hash == signed.hash)

        let receipt = try #require(try await client.receipt(hash))
        #expect(receipt.succeeded && receipt.from == key.address && receipt.to == recipient)
        #expect(receipt.gasUsed == 21_000 && receipt.contractAddress == nil && receipt.logs.isEmpty && receipt.type == 2)
        #expect(receipt.logsBloom.count == 256)

        let fetched = try #require(try await client.transaction(hash))
        #expect(fetched.from == key.address && fetched.to == recipient && fetched.value == Self.oneEther)
        #expect(fetched.nonce == 0 && fetched.type == 2 && fetched.chainID == 31337 && fetched.gas == 21_000)
        #expect(fetched.r == UInt256(signed.signature.r) && fetched.s == UInt256(signed.signature.s))
        #expect(fetched.maxFeePerGas == transaction.maxFeePerGas && fetched.blockNumber == receipt.blockNumber)

        let block = try #require(try await client.block(.number(receipt.blockNumber), fullTransactions: true))
        #expect(block.hash == receipt.blockHash && block.transactions == .full([fetched]))
        let byHash = try #require(try await client.block(hash: receipt.blockHash))
        #expect(byHash.number == block.number && byHash.transactions.hashes == [hash])
        #expect(try await client.block(.number(receipt.blockNumber + 100)) == nil)
        #expect(try await client.receipt(Keccak256.hash([1, 2, 3])) == nil)

        let spent = Self.oneEther + UInt256(receipt.gasUsed) * receipt.effectiveGasPrice
        #expect(try await client.balance(of: key.address) == Self.oneEther * 10_000 - spent)
        #expect(try await client.balance(of: recipient) == Self.oneEther * 10_001)
        #expect(try await client.transactionCount(of: key.address) == 1)
    }

    @Test func revertDataIsDecoded() async throws {
        let sender = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[3])
        let created = try await sender.sendAndWait(to: nil, input: RevertingContract.initCode)
        let contract = try #require(created.contractAddress)
        #expect(try await client.code(at: contract) == RevertingContract.runtime)

        // eth_call: the node's error carries the revert data, code 3.
        do {
            _ = try await client.call(CallRequest(to: contract, input: [1, 2, 3, 4]))
            Issue.record("the call should revert")
        } catch let error as RPCError {
            guard case .node(let nodeError) = error else { throw error }
            #expect(nodeError.code == 3)
            #expect(nodeError.revertReason() == .error("nope"))
        }
        // A send that would revert is refused at the gas estimate, with the reason.
        await #expect(throws: SendError.self) { _ = try await sender.send(to: contract, input: []) }
        do {
            _ = try await sender.send(to: contract, input: [])
        } catch let error as SendError {
            #expect(error.revertReason == .error("nope"))
        }
        // Forced through with a gas limit, it is mined, fails, and the replay finds the reason.
        do {
            _ = try await sender.sendAndWait(to: contract, input: [], gasLimit: 100_000)
            Issue.record("the transaction should revert")
        } catch let error as SendError {
            guard case .reverted(let receipt, let reason) = error else { throw error }
            #expect(!receipt.succeeded && reason == .error("nope"))
        }
    }

    @Test func fiftyConcurrentSendsFromOneKeyAllLandWithConsecutiveNonces() async throws {
        let sender = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[4])
        let sent = try await withThrowingTaskGroup(of: SentTransaction.self) { group in
            for _ in 0..<50 {
                group.addTask { try await sender.send(to: Self.recipient, input: [], value: 1, gasLimit: 21_000) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sent.allSatisfy { $0.outcome == .accepted })
        #expect(sent.map(\.nonce).sorted() == Array(0..<50))
        for transaction in sent {
            let receipt = try #require(try await client.receipt(transaction.hash))
            #expect(receipt.succeeded)
            #expect(try await client.transaction(transaction.hash)?.nonce == transaction.nonce)
        }
        #expect(try await client.transactionCount(of: sender.address) == 50)
        #expect(try await client.balance(of: Self.recipient) == 50)
    }

    @Test func aDroppedAnswerIsResolvedByLookingTheHashUp() async throws {
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: "drop", count: 1, methods: ["eth_sendRawTransaction"])
        let client = try RPCClient(url: proxy.url, retryPolicy: .none)
        let sender = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[5])
        let sent = try await sender.send(to: Self.recipient, input: [], value: 7, gasLimit: 21_000)
        #expect(sent.outcome == .accepted)
        let receipt = try #require(try await self.client.receipt(sent.hash))
        #expect(receipt.succeeded && receipt.from == sender.address)
    }

    @Test func aRetriedSubmissionThatTheNodeAlreadyHasIsAccepted() async throws {
        // The first answer is lost after the node mined the transaction; the retry hears "nonce too low".
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: "drop", count: 1, methods: ["eth_sendRawTransaction"])
        let client = try RPCClient(url: proxy.url, retryPolicy: RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(10)))
        let sender = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[6])
        let sent = try await sender.send(to: Self.recipient, input: [], value: 7, gasLimit: 21_000)
        #expect(sent.outcome == .accepted)
        #expect(try await self.client.receipt(sent.hash)?.succeeded == true)
        let next = try await sender.send(to: Self.recipient, input: [], value: 7, gasLimit: 21_000)
        #expect(next.outcome == .accepted && next.nonce == sent.nonce + 1)
    }

    @Test func anAnswerLostWithNoWayToCheckIsUnknownNotFailed() async throws {
        let proxy = try await FaultProxy.start(
            upstream: devnet.url, mode: "drop", count: 100, methods: ["eth_sendRawTransaction", "eth_getTransactionByHash"])
        let client = try RPCClient(url: proxy.url, retryPolicy: .none)
        let sender = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[7])
        let sent = try await sender.send(to: Self.recipient, input: [], value: 7, gasLimit: 21_000)
        guard case .unknown(let cause) = sent.outcome else {
            Issue.record("expected an unknown outcome, got \(sent.outcome)")
            return
        }
        #expect(cause?.requestMayHaveReachedNode == true)
        // It was in flight after all: the chain has it under the hash the outcome carried.
        #expect(try await self.client.receipt(sent.hash)?.succeeded == true)
        // Waiting for a receipt is refused while the fate is unknown; the nonce was not handed out again.
        do {
            _ = try await sender.sendAndWait(to: Self.recipient, input: [], value: 7, gasLimit: 21_000)
            Issue.record("the second send's answer is dropped too")
        } catch let error as SendError {
            guard case .outcomeUnknown(let hash, _) = error else { throw error }
            #expect(try await self.client.transaction(hash)?.nonce == sent.nonce + 1)
        }
    }

    @Test func aRefusedTransactionIsRejectedAndItsNonceUsedAgain() async throws {
        let broke = try PrivateKey(Keccak256.hash(Array("an account with no ether".utf8)).bytes)
        let sender = try await TransactionSender(client: client, signer: broke)
        let refused = try await sender.send(to: Self.recipient, input: [], value: 1, gasLimit: 21_000)
        guard case .rejected(.node(let error)) = refused.outcome else {
            Issue.record("expected the node to refuse, got \(refused.outcome)")
            return
        }
        #expect(error.message.contains("insufficient funds"))
        #expect(try await client.transaction(refused.hash) == nil)
        _ = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[8])
            .sendAndWait(to: broke.address, input: [], value: 1_000_000_000_000_000_000)
        let accepted = try await sender.send(to: Self.recipient, input: [], value: 1, gasLimit: 21_000)
        #expect(accepted.outcome == .accepted && accepted.nonce == refused.nonce)
    }

    @Test func aMinedButUnconfirmedTransactionIsNotReportedMissing() async throws {
        let sender = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[9])
        do {
            _ = try await sender.sendAndWait(to: Self.recipient, input: [], value: 1, gasLimit: 21_000, confirmations: 2, timeout: .milliseconds(300))
            Issue.record("an automining chain adds no block on top")
        } catch let error as SendError {
            guard case .timedOut(let hash, _, let receipt?, let confirmations, let required) = error else { throw error }
            #expect(receipt.transactionHash == hash && receipt.succeeded && confirmations == 1 && required == 2)
            #expect(error.description.contains("mined in block \(receipt.blockNumber)"))
            #expect(error.description.contains("1 of 2 confirmations"))
        }
    }

    @Test func anySignerCanSend() async throws {
        let sender = try await TransactionSender(client: client, signer: KeyHeldElsewhere(key: DevnetAccounts.privateKeys[3]))
        let receipt = try await sender.sendAndWait(to: Self.recipient, input: [], value: 3)
        #expect(receipt.from == DevnetAccounts.privateKeys[3].address)  // the node recovered the signer's account
    }

    @Test func aCancelledReceiptWaitEndsWithCancellationError() async throws {
        let waiter = ReceiptWaiter(client: client, pollInterval: .seconds(10))
        let wait = Task { try await waiter.wait(for: Keccak256.hash([9]), timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(200))
        wait.cancel()
        await #expect(throws: CancellationError.self) { try await wait.value }
    }
}

/// A signer that is not a `PrivateKey`: it signs behind an actor, as a remote signer answers over the network.
actor KeyHeldElsewhere: Signer {
    private let key: PrivateKey
    nonisolated let address: Address

    init(key: PrivateKey) {
        self.key = key
        self.address = key.address
    }

    func sign(hash: Bytes32) async throws -> Signature {
        try await Task.sleep(for: .milliseconds(1))
        return key.sign(hash: hash)
    }
}

/// A node whose numbers overflow what the sender computes on them: each is an error, never a trap.
@Suite struct HostileNodeTests {
    static func node(gas: String, baseFee: String) -> RPCClient {
        RPCClient(transport: ScriptedNode { method, _ in
            switch method {
            case "eth_chainId": .result("0x7a69")
            case "eth_estimateGas": .result(.string(gas))
            case "eth_feeHistory":
                .result(["oldestBlock": "0x0", "baseFeePerGas": [.string(baseFee)], "gasUsedRatio": [], "reward": []])
            case "eth_getTransactionCount": .result("0x0")
            default: .error(code: -32601, message: "no \(method) here")
            }
        }, retryPolicy: .none)
    }

    @Test func aGasEstimateOf2To64Minus1IsUnusable() async throws {
        let sender = try await TransactionSender(client: Self.node(gas: "0xffffffffffffffff", baseFee: "0x1"), signer: DevnetAccounts.privateKeys[0])
        await #expect(throws: SendError.self) { _ = try await sender.send(to: nil, input: []) }
        do { _ = try await sender.send(to: nil, input: []) } catch let error as SendError {
            guard case .invalidNodeData(let message) = error else { throw error }
            #expect(message.contains("18446744073709551615"))
        }
    }

    @Test func aBaseFeeOf2To255IsUnusable() async throws {
        let baseFee = "0x8" + String(repeating: "0", count: 63)
        let sender = try await TransactionSender(client: Self.node(gas: "0x5208", baseFee: baseFee), signer: DevnetAccounts.privateKeys[0])
        do {
            _ = try await sender.send(to: nil, input: [])
            Issue.record("a 2^255 base fee cannot be doubled in 256 bits")
        } catch let error as SendError {
            guard case .invalidNodeData = error else { throw error }
        }
    }

    @Test func theGasMarginAndFeeCapAreExactBelowTheLimits() throws {
        #expect(try FeeEstimator.gasLimit(estimate: 21_000, marginPercent: 20) == 25_200)
        #expect(throws: SendError.self) { try FeeEstimator.gasLimit(estimate: .max / 10, marginPercent: 20) }
    }
}

/// A contract assembled by hand whose every call reverts with `Error("nope")`.
enum RevertingContract {
    static let revertData: [UInt8] = RevertReason.errorSelector.bytes + (try! ABIEncoder.encode([.string("nope")], as: [.string]))
    /// CODECOPY(0, 12, len); REVERT(0, len); then the revert data.
    static let runtime: [UInt8] = [0x60, UInt8(revertData.count), 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, UInt8(revertData.count), 0x60, 0x00, 0xfd] + revertData
    /// CODECOPY(0, 12, len); RETURN(0, len); then the runtime.
    static let initCode: [UInt8] = [0x60, UInt8(runtime.count), 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, UInt8(runtime.count), 0x60, 0x00, 0xf3] + runtime
}
