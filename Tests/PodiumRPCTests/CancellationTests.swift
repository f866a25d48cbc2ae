import PodiumPrimitives
import PodiumRPC
import PodiumTestSupport
import Testing

/// A cancelled request ends at once with `CancellationError` and its transfer is aborted, so a service can shut
/// down and an indexer can stop mid-request; the client stays usable.
@Suite struct CancellationTests {
    let devnet: ListeningProcess

    init() async throws {
        devnet = try await TestDevnet.start()
    }

    @Test func aCancelledRequestEndsAtOnceAndTheClientGoesOn() async throws {
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: "hang", count: 1)
        let client = try RPCClient(url: proxy.url, timeout: .seconds(300), stallTimeout: .seconds(300))
        let request = Task { try await client.blockNumber() }
        try await Task.sleep(for: .milliseconds(200))
        let clock = ContinuousClock()
        let cancelledAt = clock.now
        request.cancel()
        let result = await request.result
        let waited = clock.now - cancelledAt
        #expect(throws: CancellationError.self) { try result.get() }
        // The transfer's own timeout and stall watchdog are 300 s: ending far before means the cancellation ended it
        // (the bound is loose: a machine loaded by the rest of the suite has been seen to take over 10 s).
        #expect(waited < .seconds(60), "ended \(waited) after the cancellation")
        #expect(try await client.blockNumber() == 0)  // the aborted transfer left the handle usable
    }

    @Test func aRequestCancelledBeforeItStartsNeverGoesOut() async throws {
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: "status503", count: 0)
        let client = try RPCClient(url: proxy.url)
        let request = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.blockNumber()
        }
        await #expect(throws: CancellationError.self) { try await request.value }
        #expect(try await requestCount(proxy) == 0)
    }

    @Test func retriesStopWhenCancelled() async throws {
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: "status503", count: 1_000)
        let client = try RPCClient(
            url: proxy.url, retryPolicy: RetryPolicy(maximumAttempts: 1_000, initialDelay: .seconds(30), maximumDelay: .seconds(30)))
        let request = Task { try await client.chainID() }
        while try await requestCount(proxy) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(200))  // now in the 30 s pause before the second attempt
        request.cancel()
        await #expect(throws: CancellationError.self) { try await request.value }
        #expect(try await requestCount(proxy) == 1)
    }

    @Test func anOversizedAnswerIsFetchedOnce() async throws {
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: "status503", count: 0)
        let client = try RPCClient(url: proxy.url, maximumResponseBytes: 16)
        await #expect(throws: RPCError.responseTooLarge(limit: 16)) { _ = try await client.clientVersion() }
        #expect(try await requestCount(proxy) == 1)
    }
}
