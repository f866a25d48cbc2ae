import Foundation
import PodiumPrimitives
import PodiumRPC
import PodiumTestSupport
import Testing

/// The client against a real devnet: every typed result is checked against what the test itself signed and sent,
/// or against the node's own raw JSON.
@Suite struct RPCClientTests {
    let devnet: ListeningProcess
    let client: RPCClient

    init() async throws {
        devnet = try await TestDevnet.start()
        client = try RPCClient(url: devnet.url)
    }

    static let oneEther = UInt256(1_000_000_000_000_000_000)

    @Test func chainAndFundedAccounts() async throws {
        #expect(try await client.chainID() == 31337)
        #expect(try await client.networkVersion() == "31337")
        #expect(try await client.blockNumber() == 0)
        for address in DevnetAddresses.first3 {
            #expect(try await client.balance(of: address) == Self.oneEther * 10_000)
            #expect(try await client.transactionCount(of: address) == 0)
            #expect(try await client.code(at: address).isEmpty)
        }
        #expect(try await client.clientVersion().contains("py-evm"))
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
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: "status503", count: 0)
        let client = try RPCClient(url: proxy.url)
        do {
            let _: String = try await client.call("no_such_method")
            Issue.record("an unknown method should fail")
        } catch let error as RPCError {
            guard case .node(let nodeError) = error else { throw error }
            #expect(nodeError.code == -32601)
        }
        do {
            let _: String = try await client.call("eth_getBalance", ["0x1234"])
            Issue.record("a malformed address should fail")
        } catch let error as RPCError {
            guard case .node(let nodeError) = error else { throw error }
            #expect(nodeError.code == -32602)
        }
        #expect(try await requestCount(proxy) == 2)
    }

    @Test(arguments: ["status503", "status429"])
    func transientHTTPFailuresAreRetried(mode: String) async throws {
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: mode, count: 2)
        let client = try RPCClient(url: proxy.url, retryPolicy: RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(20), maximumDelay: .seconds(1)))
        #expect(try await client.chainID() == 31337)
        #expect(try await requestCount(proxy) == 3)

        let again = try await FaultProxy.start(upstream: devnet.url, mode: mode, count: 1)
        let impatient = try RPCClient(url: again.url, retryPolicy: .none)
        do {
            _ = try await impatient.chainID()
            Issue.record("without retries the fault should surface")
        } catch let error as RPCError {
            guard case .httpStatus(let status, _) = error else { throw error }
            #expect(status == (mode == "status503" ? 503 : 429))
        }
    }

    /// A 429 that says `Retry-After: 1` is asked again no sooner than a second later, however short the policy's
    /// own pause.
    @Test func retryAfterIsHonoured() async throws {
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: "retryafter", count: 1)
        let client = try RPCClient(url: proxy.url, retryPolicy: RetryPolicy(maximumAttempts: 2, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(10)))
        let start = ContinuousClock.now
        #expect(try await client.chainID() == 31337)
        #expect(ContinuousClock.now - start >= .seconds(1))
        #expect(try await requestCount(proxy) == 2)
    }

    /// `Retry-After` in both of RFC 9110's forms; anything else is no delay.
    @Test func retryAfterValuesParse() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        #expect(HTTPResponse.retryAfter("120", now: now) == .seconds(120))
        #expect(HTTPResponse.retryAfter(" 0 ", now: now) == .zero)
        #expect(HTTPResponse.retryAfter("Tue, 14 Nov 2023 22:13:50 GMT", now: now) == .seconds(30))
        #expect(HTTPResponse.retryAfter("Tue, 14 Nov 2023 22:00:00 GMT", now: now) == .zero)
        for bad in ["", "-5", "1.5", "soon", "Tue, 14 Nov 2023"] { #expect(HTTPResponse.retryAfter(bad, now: now) == nil, "\(bad)") }
    }

    /// The stall watchdog: a node that takes the request and sends nothing is given up on after the stall timeout
    /// (curl's "too slow"), not the whole timeout, and the request is tried again.
    @Test func aStalledRequestIsAbandonedAndRetried() async throws {
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: "hang", count: 1)
        let client = try RPCClient(
            url: proxy.url, timeout: .seconds(60), stallTimeout: .seconds(1),
            retryPolicy: RetryPolicy(maximumAttempts: 2, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(10)))
        #expect(try await client.chainID() == 31337)
        #expect(try await requestCount(proxy) == 2)

        let again = try await FaultProxy.start(upstream: devnet.url, mode: "hang", count: 1)
        let impatient = try RPCClient(url: again.url, timeout: .seconds(60), stallTimeout: .seconds(1), retryPolicy: .none)
        do {
            _ = try await impatient.chainID()
            Issue.record("a stalled request should fail")
        } catch let error as RPCError {
            guard case .transport(let failure) = error else { throw error }
            #expect(failure.message.contains("too slow") && failure.requestMayHaveBeenSent, "\(failure.message)")
        }
    }

    @Test(arguments: ["truncate", "garbage"])
    func brokenAnswersAreInvalidResponses(mode: String) async throws {
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: mode, count: 1)
        let client = try RPCClient(url: proxy.url)
        do {
            _ = try await client.blockNumber()
            Issue.record("a broken answer should fail")
        } catch let error as RPCError {
            guard case .decoding(let method, _, _) = error else { throw error }
            #expect(method == "eth_blockNumber")
        }
        #expect(try await client.blockNumber() == 0)  // the next answer is whole again
    }

    @Test func unreachableNodeIsATransportError() async throws {
        let closed = ClosedPort()
        let client = try RPCClient(url: closed.url, timeout: .seconds(2), retryPolicy: RetryPolicy(maximumAttempts: 2, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(10)))
        do {
            _ = try await client.chainID()
            Issue.record("nothing listens on \(closed.url)")
        } catch let error as RPCError {
            guard case .transport(let failure) = error else { throw error }
            #expect(failure.message.contains(closed.url) && !failure.requestMayHaveBeenSent)
        }
        #expect(throws: RPCError.self) { _ = try RPCClient(url: "ftp://example.com") }
    }
}

/// How many requests the fault proxy has seen (its own JSON-RPC method, not counted).
func requestCount(_ proxy: ListeningProcess) async throws -> Int {
    try await RPCClient(url: proxy.url).call("proxy_requestCount")
}

/// The first three accounts of the test mnemonic, as anvil and the devnet fund them.
enum DevnetAddresses {
    static let first3 = [
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    ].map { try! Address(hex: $0) }
}
