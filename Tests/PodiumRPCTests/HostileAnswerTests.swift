import PodiumPrimitives
import PodiumRPC
import PodiumTestSupport
import Testing

/// Answers an honest node never gives, from an in-process node: each becomes the right typed error, never a trap.
@Suite struct HostileAnswerTests {
    func client(_ answer: @escaping @Sendable (String) -> ScriptedNode.Reply) -> RPCClient {
        RPCClient(transport: ScriptedNode { method, _ in answer(method) }, retryPolicy: .none)
    }

    @Test(arguments: ["0x+ff", "0x00ff", "ff", "0x", "0x1ffffffffffffffff"])
    func malformedQuantitiesAreDecodingErrorsNamingMethodAndText(text: String) async throws {
        let client = client { _ in .result(.string(text)) }
        await #expect(throws: RPCError.self) { _ = try await client.blockNumber() }
        do {
            _ = try await client.blockNumber()
        } catch let error as RPCError {
            guard case .decoding(let method, let failed, _) = error else { throw error }
            #expect(method == "eth_blockNumber" && failed == text)
        }
    }

    @Test func nullWhereAValueIsRequiredIsItsOwnCase() async throws {
        let client = client { _ in .result(.null) }
        await #expect(throws: RPCError.nullResult(method: "eth_chainId")) { _ = try await client.chainID() }
        #expect(try await client.receipt(.zero) == nil)  // null is a receipt's "not mined"
    }

    @Test func aReceiptWithAMalformedFieldNamesTheField() async throws {
        let client = client { _ in .result(["blockNumber": "0x01"]) }
        do {
            _ = try await client.receipt(.zero)
            Issue.record("a malformed receipt should fail")
        } catch let error as RPCError {
            guard case .decoding(let method, _, let reason) = error else { throw error }
            #expect(method == "eth_getTransactionReceipt" && !reason.isEmpty)
        }
    }

    @Test func anAnswerForAnotherRequestIsRefused() async throws {
        let client = client { _ in .body(#"{"jsonrpc":"2.0","id":987654,"result":"0x1"}"#) }
        await #expect(throws: RPCError.self) { _ = try await client.blockNumber() }
    }

    @Test func decodingErrorsAreNotRetried() {
        #expect(!RPCError.decoding(method: "m", text: "", reason: "").isRetryable)
        #expect(!RPCError.responseTooLarge(limit: 1).isRetryable)
        #expect(!RPCError.configuration("bad URL").isRetryable)
        #expect(RPCError.transport(TransportFailure(message: "reset", requestMayHaveBeenSent: true)).isRetryable)
    }

    @Test func malformedURLsAreConfigurationErrorsWithoutSecrets() {
        #expect(throws: RPCError.configuration(#"RPC URL must start with http:// or https://, got "ftp://***@example.com""#)) {
            _ = try RPCClient(url: "ftp://user:secret@example.com")
        }
    }
}
