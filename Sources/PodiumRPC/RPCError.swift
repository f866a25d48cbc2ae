import PodiumABI
import PodiumPrimitives

/// Why a JSON-RPC request failed.
public enum RPCError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request never got an HTTP answer: no connection, a timeout, an oversized response.
    case transport(String)
    /// The server answered with an HTTP error status and no JSON-RPC error object.
    case httpStatus(Int, body: String)
    /// The node answered with a JSON-RPC error object.
    case node(NodeError)
    /// The answer was not the JSON-RPC the request expects.
    case invalidResponse(String)

    /// Whether trying the same request again may succeed: transport failures, 429 and 5xx only, never a node's
    /// verdict such as a revert.
    public var isRetryable: Bool {
        switch self {
        case .transport: true
        case .httpStatus(let status, _): Self.isRetryable(httpStatus: status)
        case .node, .invalidResponse: false
        }
    }

    /// 429 (too many requests) and the 5xx server errors.
    static func isRetryable(httpStatus status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    public var description: String {
        switch self {
        case .transport(let message): "RPC transport error: \(message)"
        case .httpStatus(let status, let body):
            "RPC server answered HTTP \(status)" + (body.isEmpty ? "" : ": \(body.prefix(200))")
        case .node(let error): error.description
        case .invalidResponse(let message): "invalid RPC response: \(message)"
        }
    }
}

/// A JSON-RPC error object from the node: its code, message and data, with revert data decoded.
public struct NodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The JSON-RPC error code (3 for an execution revert, -32000 for most node errors, -32601 unknown method, …).
    public let code: Int
    /// The node's message.
    public let message: String
    /// The `data` member as sent.
    public let data: JSONValue?

    public init(code: Int, message: String, data: JSONValue?) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The revert data, when `data` is a hex string (as geth, anvil and the devnet send it for reverts).
    public var revertData: [UInt8]? {
        guard let text = data?.stringValue ?? data?.objectValue?["data"]?.stringValue,
            Hex.hasPrefix(text)
        else { return nil }
        return try? Hex.decode(text)
    }

    /// What the revert data says, looking custom errors up in `errors`.
    public func revertReason(errors: [ABIError] = []) -> RevertReason? {
        revertData.flatMap { try? RevertReason(decoding: $0, errors: errors) }
    }

    public var description: String {
        var text = "node error \(code): \(message)"
        if let reason = revertReason(), case .error(let string) = reason, message.contains(string) { return text }
        if let reason = revertReason() { text += " (\(reason))" }
        return text
    }
}
