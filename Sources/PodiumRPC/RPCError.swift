import PodiumPrimitives

/// Why a JSON-RPC request failed. The cases keep apart what the caller must treat differently: a request that
/// never left, one whose fate is unknown, the node's own verdict, and an answer that is not what was asked for.
public enum RPCError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The client was set up wrongly (a malformed URL, an option libcurl refuses): no retry can help.
    case configuration(String)
    /// No HTTP answer came: no connection, a reset, a timeout. `requestMayHaveBeenSent` says whether the request may have
    /// reached the server, so a caller that sent money knows whether it may have been sent.
    case transport(TransportFailure)
    /// The server answered with an HTTP error status and no JSON-RPC error object.
    case httpStatus(Int, body: String)
    /// The answer was larger than the client accepts; it is not downloaded again.
    case responseTooLarge(limit: Int)
    /// The node answered with a JSON-RPC error object.
    case node(NodeError)
    /// The node answered null where `method` must return a value.
    case nullResult(method: String)
    /// The answer to `method` was not what the method returns: `text` is what failed to decode (cut to 200
    /// characters), `reason` why.
    case decoding(method: String, text: String, reason: String)

    /// Whether trying the same request again may succeed: transport failures, 429 and 5xx only, never a node's
    /// verdict, a configuration error or an oversized or malformed answer.
    public var isRetryable: Bool {
        switch self {
        case .transport: true
        case .httpStatus(let status, _): Self.isRetryable(httpStatus: status)
        case .configuration, .responseTooLarge, .node, .nullResult, .decoding: false
        }
    }

    /// Whether the request may have reached the node and been acted on: false only when it surely did not.
    public var requestMayHaveReachedNode: Bool {
        switch self {
        case .configuration: false
        case .transport(let failure): failure.requestMayHaveBeenSent
        case .httpStatus, .responseTooLarge, .node, .nullResult, .decoding: true
        }
    }

    /// 429 (too many requests) and the 5xx server errors.
    static func isRetryable(httpStatus status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .configuration(let message): "RPC configuration error: \(message)"
        case .transport(let failure): "RPC transport error: \(failure)"
        case .httpStatus(let status, let body):
            "RPC server answered HTTP \(status)" + (body.isEmpty ? "" : ": \(body.prefix(200))")
        case .responseTooLarge(let limit): "RPC answer is larger than \(limit) bytes"
        case .node(let error): error.description
        case .nullResult(let method): "\(method): the node answered null"
        case .decoding(let method, let text, let reason):
            "invalid RPC response to \(method): \(reason)" + (text.isEmpty ? "" : " in \(text.debugDescription)")
        }
    }
}

/// A request that got no HTTP answer.
public struct TransportFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as libcurl says it, with the URL's secrets masked.
    public let message: String
    /// False when the request surely never reached the server (no connection was made); true when it may have
    /// been sent, as after a timeout or a connection dropped while waiting for the answer.
    public let requestMayHaveBeenSent: Bool

    /// A failure described by `message`.
    public init(message: String, requestMayHaveBeenSent: Bool) {
        self.message = message
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
    }

    /// The one-line text a person reads.
    public var description: String {
        message + (requestMayHaveBeenSent ? " (the request may have reached the server)" : "")
    }
}

/// A JSON-RPC error object from the node: its code, message and data.
public struct NodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The JSON-RPC error code (3 for an execution revert, -32000 for most node errors, -32601 unknown method, …).
    public let code: Int
    /// The node's message.
    public let message: String
    /// The `data` member as sent.
    public let data: JSONValue?

    /// The error object the node sent.
    public init(code: Int, message: String, data: JSONValue?) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The revert data, when `data` is a hex string (as geth, anvil and the devnet send it for reverts) or an
    /// object with a hex `data` member.
    public var revertData: [UInt8]? {
        guard let text = data?.stringValue ?? data?.objectValue?["data"]?.stringValue,
            Hex.hasPrefix(text)
        else { return nil }
        return try? Hex.decode(text)
    }

    /// The one-line text a person reads.
    public var description: String {
        var text = "node error \(code): \(message)"
        if let revertData, !revertData.isEmpty, !message.contains(Hex.encode(revertData)) {
            text += " (revert data \(Hex.encode(revertData.prefix(100)))\(revertData.count > 100 ? "…" : ""))"
        }
        return text
    }
}
