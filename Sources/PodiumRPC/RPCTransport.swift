/// What an HTTP server answered: the status code and the body.
public struct HTTPResponse: Sendable, Equatable {
    /// The HTTP status code.
    public let status: Int
    /// The body's bytes.
    public let body: [UInt8]

    /// An answer with `status` and `body`.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// Carries JSON-RPC request bodies to a node and brings back its HTTP answers: `CurlTransport` over the network,
/// or an in-process fake in tests.
public protocol RPCTransport: Sendable {
    /// The node's URL with its secrets masked, for messages.
    var redactedURL: RedactedURL { get }

    /// POSTs `body` and returns the answer. Throws `RPCError` (`.transport`, `.responseTooLarge`,
    /// `.configuration`) when no usable answer came, or `CancellationError` at once when the task is cancelled, the
    /// transfer then being aborted.
    func post(_ body: [UInt8]) async throws -> HTTPResponse
}
