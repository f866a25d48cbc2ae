import PodiumABI
import PodiumPrimitives
import PodiumRPC
import PodiumSigner
import PodiumTestSupport
import PodiumTransactions
import Testing

/// The client against a real devnet: every typed result is checked against what the test itself signed and sent,
/// or against the node's own raw JSON.
@Suite struct RPCClientTests {
    let devnet: ListeningProcess
    let client: RPCClient

    init() throws {
        devnet = try TestDevnet.start()
        client = try RPCClient(url: devnet.url)
    }

    static let oneEther = UInt256(1_000_000_000_000_000_000)

    @Test func chainAndFundedAccounts() async throws {
        #expect(try await client.chainID() == 31337)
        #expect(try await client.networkVersion() == "31337")
        #expect(try await client.blockNumber() == 0)
        for key in DevnetAccounts.privateKeys.prefix(3) {
            #expect(try await client.balance(of: key.address) == Self.oneEther * 10_000)
            #expect(try await client.transactionCount(of: key.address) == 0)
            #expect(try await client.code(at: key.address).isEmpty)
        }
        #expect(try await client.clientVersion().contains("py-evm"))
    }

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
        let sender = try await TransactionSender(client: client, key: DevnetAccounts.privateKeys[3])
        let created = try await sender.sendAndWait(to: nil, input: RevertingContract.initCode)
        let contract = try #require(created.contractAddress)
        #expect(try await client.code(at: contract) == RevertingContract.runtime)

        // eth_call: the node's error carries the revert data, code 3.
        do {
            _ = try await client.call(CallRequest(to: contract, input: [1, 2, 3, 4]))
            Issue.record("the call should revert")
        } catch {
            guard case .node(let nodeError) = error else { throw error }
            #expect(nodeError.code == 3)
            #expect(nodeError.revertReason() == .error("nope"))
        }
        // A send that would revert is refused at the gas estimate, with the reason.
        await #expect(throws: SendError.self) { _ = try await sender.send(to: contract, input: []) }
        do {
            _ = try await sender.send(to: contract, input: [])
        } catch {
            #expect(error.revertReason == .error("nope"))
        }
        // Forced through with a gas limit, it is mined, fails, and the replay finds the reason.
        do {
            _ = try await sender.sendAndWait(to: contract, input: [], gasLimit: 100_000)
            Issue.record("the transaction should revert")
        } catch {
            guard case .reverted(let receipt, let reason) = error else { throw error }
            #expect(!receipt.succeeded && reason == .error("nope"))
        }
    }

    @Test func batchesKeepTheirOrder() async throws {
        let head = try await client.blockNumber()
        let numbers = try await client.batch(Array(repeating: ("eth_blockNumber", [JSONValue]()), count: 100), as: String.self)
        #expect(numbers.count == 100)
        #expect(try numbers.allSatisfy { try $0.get() == "0x" + String(head, radix: 16) })

        let mixed = try await client.batch(
            [("eth_chainId", []), ("no_such_method", []), ("net_version", [])], as: String.self)
        #expect(try mixed[0].get() == "0x7a69" && (try mixed[2].get()) == "31337")
        guard case .failure(.node(let error)) = mixed[1] else { Issue.record("expected a node error"); return }
        #expect(error.code == -32601)
    }

    @Test func nodeErrorsAreTypedAndNotRetried() async throws {
        let proxy = try FaultProxy.start(upstream: devnet.url, mode: "status503", count: 0)
        let client = try RPCClient(url: proxy.url)
        do {
            let _: String = try await client.call("no_such_method")
            Issue.record("an unknown method should fail")
        } catch {
            guard case .node(let nodeError) = error else { throw error }
            #expect(nodeError.code == -32601)
        }
        do {
            let _: String = try await client.call("eth_getBalance", ["0x1234"])
            Issue.record("a malformed address should fail")
        } catch {
            guard case .node(let nodeError) = error else { throw error }
            #expect(nodeError.code == -32602)
        }
        #expect(try await requestCount(proxy) == 2)
    }

    @Test(arguments: ["status503", "status429"])
    func transientHTTPFailuresAreRetried(mode: String) async throws {
        let proxy = try FaultProxy.start(upstream: devnet.url, mode: mode, count: 2)
        let client = try RPCClient(url: proxy.url, retryPolicy: RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(20), maximumDelay: .seconds(1)))
        #expect(try await client.chainID() == 31337)
        #expect(try await requestCount(proxy) == 3)

        let again = try FaultProxy.start(upstream: devnet.url, mode: mode, count: 1)
        let impatient = try RPCClient(url: again.url, retryPolicy: .none)
        do {
            _ = try await impatient.chainID()
            Issue.record("without retries the fault should surface")
        } catch {
            guard case .httpStatus(let status, _) = error else { throw error }
            #expect(status == (mode == "status503" ? 503 : 429))
        }
    }

    @Test(arguments: ["truncate", "garbage"])
    func brokenAnswersAreInvalidResponses(mode: String) async throws {
        let proxy = try FaultProxy.start(upstream: devnet.url, mode: mode, count: 1)
        let client = try RPCClient(url: proxy.url)
        do {
            _ = try await client.blockNumber()
            Issue.record("a broken answer should fail")
        } catch {
            guard case .invalidResponse(let message) = error else { throw error }
            #expect(message.hasPrefix("eth_blockNumber"))
        }
        #expect(try await client.blockNumber() == 0)  // the next answer is whole again
    }

    @Test func unreachableNodeIsATransportError() async throws {
        let client = try RPCClient(url: "http://127.0.0.1:9", timeout: .seconds(2), retryPolicy: RetryPolicy(maximumAttempts: 2, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(10)))
        do {
            _ = try await client.chainID()
            Issue.record("nothing listens on port 9")
        } catch {
            guard case .transport(let message) = error else { throw error }
            #expect(message.contains("127.0.0.1:9"))
        }
        #expect(throws: RPCError.self) { _ = try RPCClient(url: "ftp://example.com") }
    }
}

/// How many requests the fault proxy has seen (its own JSON-RPC method, not counted).
func requestCount(_ proxy: ListeningProcess) async throws -> Int {
    try await RPCClient(url: proxy.url).call("proxy_requestCount")
}

/// A contract assembled by hand whose every call reverts with `Error("nope")`.
enum RevertingContract {
    static let revertData: [UInt8] = RevertReason.errorSelector.bytes + (try! ABIEncoder.encode([.string("nope")], as: [.string]))
    /// CODECOPY(0, 12, len); REVERT(0, len); then the revert data.
    static let runtime: [UInt8] = [0x60, UInt8(revertData.count), 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, UInt8(revertData.count), 0x60, 0x00, 0xfd] + revertData
    /// CODECOPY(0, 12, len); RETURN(0, len); then the runtime.
    static let initCode: [UInt8] = [0x60, UInt8(runtime.count), 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, UInt8(runtime.count), 0x60, 0x00, 0xf3] + runtime
}
