import PodiumPrimitives
import PodiumRPC

/// An in-process JSON-RPC node for tests that need answers no honest node gives (2^64 − 1 gas, a 2^255 base fee,
/// malformed quantities): each request's result comes from `answer`, by method and parameters.
public struct ScriptedNode: RPCTransport {
    /// What the node does with one request.
    public enum Reply: Sendable {
        /// A `result` member with this value.
        case result(JSONValue)
        /// An `error` member with this code and message.
        case error(code: Int, message: String)
        /// The raw HTTP body, as sent.
        case body(String)
    }

    public let redactedURL = RedactedURL("scripted://node")
    private let answer: @Sendable (_ method: String, _ params: [JSONValue]) -> Reply

    /// A node answering each request with `answer(method, params)`.
    public init(_ answer: @escaping @Sendable (_ method: String, _ params: [JSONValue]) -> Reply) {
        self.answer = answer
    }

    public func post(_ body: [UInt8]) async throws -> HTTPResponse {
        let request = try JSONValue(json: body)
        if case .array(let requests) = request {
            let replies = requests.map(reply)
            return HTTPResponse(status: 200, body: Array(("[" + replies.joined(separator: ",") + "]").utf8))
        }
        return HTTPResponse(status: 200, body: Array(reply(to: request).utf8))
    }

    private func reply(to request: JSONValue) -> String {
        guard case .object(let members) = request, case .string(let method)? = members["method"] else {
            return #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request"}}"#
        }
        let id = members["id"]?.jsonText ?? "null"
        let params: [JSONValue] = if case .array(let values)? = members["params"] { values } else { [] }
        switch answer(method, params) {
        case .result(let value): return #"{"jsonrpc":"2.0","id":\#(id),"result":\#(value.jsonText)}"#
        case .error(let code, let message):
            return #"{"jsonrpc":"2.0","id":\#(id),"error":{"code":\#(code),"message":\#(JSONValue.string(message).jsonText)}}"#
        case .body(let text): return text
        }
    }
}
