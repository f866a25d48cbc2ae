import Foundation

/// What an HTTP server answered: the status code, the body, and how long it asked the client to wait.
public struct HTTPResponse: Sendable, Equatable {
    /// The HTTP status code.
    public let status: Int
    /// The body's bytes.
    public let body: [UInt8]
    /// The `Retry-After` header's delay (RFC 9110 §10.2.3; seconds, or an HTTP date turned into seconds from now),
    /// when the answer had a valid one.
    public let retryAfter: Duration?

    /// An answer with `status`, `body` and, when the server sent one, a `Retry-After` delay.
    public init(status: Int, body: [UInt8], retryAfter: Duration? = nil) {
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
    }
}

extension HTTPResponse {
    /// The delay a `Retry-After` value asks for: delta-seconds (`120`) or an IMF-fixdate (`Fri, 31 Dec 1999
    /// 23:59:59 GMT`) measured from `now`; nil for anything else. A date in the past asks for no wait.
    public static func retryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return .seconds(Int64(text.prefix(9)) ?? 0)  // nine digits already mean 31 years
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: text) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
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
