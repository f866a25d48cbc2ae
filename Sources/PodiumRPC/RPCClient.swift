import Foundation
import PodiumPrimitives
import Synchronization

/// A JSON-RPC 2.0 client for an Ethereum node: single calls and batches, a timeout per request, and retries with
/// backoff for transport failures and HTTP 429/5xx (never for an answer the node gave, such as a revert).
///
/// Every request method throws `RPCError`, or `CancellationError` as soon as its task is cancelled (the transfer
/// in progress is aborted and no retry follows). Over `CurlTransport`, requests share one keep-alive connection
/// and go out one at a time; use several clients for parallel requests.
public final class RPCClient: Sendable {
    /// Where requests go, with the URL's secrets masked.
    public var redactedURL: RedactedURL { transport.redactedURL }
    /// When and how often a failed request is retried.
    public let retryPolicy: RetryPolicy
    /// What carries the requests.
    public let transport: any RPCTransport

    private let nextID = Atomic<Int>(1)

    /// A client for the node at `url` (`http://127.0.0.1:8545`, an https provider URL, …) over libcurl.
    ///
    /// - Parameters:
    ///   - timeout: how long one attempt of one request may take, connection included.
    ///   - stallTimeout: how long an attempt may go without receiving a byte before it is aborted and retried (the
    ///     stall watchdog; libcurl averages the speed over its last few seconds, so the abort comes up to about
    ///     six seconds later).
    ///   - maximumResponseBytes: the largest answer accepted (64 MiB by default).
    public convenience init(
        url: String, timeout: Duration = .seconds(30), stallTimeout: Duration = .seconds(20),
        retryPolicy: RetryPolicy = .standard, maximumResponseBytes: Int = 64 << 20
    ) throws(RPCError) {
        let transport = try CurlTransport(
            url: url, timeout: timeout, connectTimeout: min(timeout, .seconds(10)), stallTimeout: min(stallTimeout, timeout),
            maximumResponseBytes: maximumResponseBytes)
        self.init(transport: transport, retryPolicy: retryPolicy)
    }

    /// A client sending through `transport`.
    public init(transport: any RPCTransport, retryPolicy: RetryPolicy = .standard) {
        self.transport = transport
        self.retryPolicy = retryPolicy
    }

    /// Calls `method` with `params` and decodes its result as `T` (use an optional `T` where the node may answer
    /// null, as for an unknown transaction; a null for a non-optional `T` is `RPCError.nullResult`).
    public func call<T: Decodable>(_ method: String, _ params: [JSONValue] = [], as type: T.Type = T.self) async throws -> T {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        let body = Self.requestText(id: id, method: method, params: params)
        let answer = try await send(Array(body.utf8))
        let envelopes = try Self.envelopes(in: answer, what: method)
        guard envelopes.count == 1 else {
            throw RPCError.decoding(method: method, text: "", reason: "expected one response, got \(envelopes.count)")
        }
        guard envelopes[0].id == id else {
            throw RPCError.decoding(method: method, text: "", reason: "the answer's id is not the request's (\(id))")
        }
        return try Self.outcome(envelopes[0], in: answer, as: type, what: method).get()
    }

    /// Sends `calls` as one JSON-RPC batch and returns each call's outcome in the order given.
    public func batch<T: Decodable>(
        _ calls: [(method: String, params: [JSONValue])], as type: T.Type = T.self
    ) async throws -> [Result<T, RPCError>] {
        guard !calls.isEmpty else { return [] }
        let firstID = nextID.add(calls.count, ordering: .relaxed).oldValue
        let body = "[" + calls.enumerated().map { offset, call in
            Self.requestText(id: firstID + offset, method: call.method, params: call.params)
        }.joined(separator: ",") + "]"
        let answer = try await send(Array(body.utf8))
        var outcomes = [Result<T, RPCError>?](repeating: nil, count: calls.count)
        for envelope in try Self.envelopes(in: answer, what: "batch") {
            guard let id = envelope.id, id >= firstID, id - firstID < calls.count else {
                throw RPCError.decoding(
                    method: "batch", text: "", reason: "an answer has an id no request had: \(envelope.id.map(String.init) ?? "null")")
            }
            guard outcomes[id - firstID] == nil else {
                throw RPCError.decoding(method: "batch", text: "", reason: "two answers for request id \(id)")
            }
            outcomes[id - firstID] = try Self.outcome(envelope, in: answer, as: type, what: calls[id - firstID].method)
        }
        return try outcomes.enumerated().map { (offset, outcome) throws(RPCError) in
            guard let outcome else {
                throw .decoding(method: calls[offset].method, text: "", reason: "the batch answer lacks request \(offset)")
            }
            return outcome
        }
    }

    /// POSTs a request, retrying as the policy says, and returns the body of the HTTP 200 answer (or of an error
    /// status whose body is a JSON-RPC error).
    private func send(_ body: [UInt8]) async throws -> [UInt8] {
        var attempt = 1
        while true {
            let failure: RPCError
            var retryAfter = Duration.zero
            do {
                let response = try await transport.post(body)
                if response.status == 200 { return response.body }
                if !RPCError.isRetryable(httpStatus: response.status),
                    response.body.first == UInt8(ascii: "{") || response.body.first == UInt8(ascii: "[")
                {
                    return response.body  // a JSON-RPC error carried by a 4xx status
                }
                failure = .httpStatus(response.status, body: String(decoding: response.body.prefix(200), as: UTF8.self))
                // A 429 or 503 that says when to come back is not asked again sooner (RFC 9110 §10.2.3, RFC 6585).
                retryAfter = min(response.retryAfter ?? .zero, Self.longestRetryAfter)
            } catch let error as RPCError {
                failure = error
            }
            guard failure.isRetryable, let delay = retryPolicy.delay(afterAttempt: attempt) else { throw failure }
            try await Task.sleep(for: max(delay, retryAfter))
            attempt += 1
        }
    }

    /// The longest `Retry-After` honoured, so that a hostile or broken server cannot park the client for hours.
    static let longestRetryAfter = Duration.seconds(120)

    private static func requestText(id: Int, method: String, params: [JSONValue]) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":\#(JSONValue.string(method).jsonText),"params":\#(JSONValue.array(params).jsonText)}"#
    }

    private static func envelopes(in answer: [UInt8], what: String) throws(RPCError) -> [ResponseScanner.Envelope] {
        do {
            return try ResponseScanner.envelopes(in: answer)
        } catch {
            throw .decoding(method: what, text: excerpt(answer[...]), reason: error.description)
        }
    }

    /// The node's error, or the result decoded as `T`; a response with neither is invalid.
    private static func outcome<T: Decodable>(
        _ envelope: ResponseScanner.Envelope, in answer: [UInt8], as type: T.Type, what: String
    ) throws(RPCError) -> Result<T, RPCError> {
        if let error = envelope.error {
            let object = try decodeValue(ErrorObject.self, answer[error], what: "\(what) (its error object)")
            return .failure(.node(NodeError(code: object.code, message: object.message, data: object.data)))
        }
        guard let result = envelope.result else {
            throw .decoding(method: what, text: excerpt(answer[...]), reason: "neither result nor error")
        }
        return .success(try decodeValue(type, answer, result, what: what))
    }

    /// The value at `range` of `answer` decoded as `T`: read in place when `T` is a `ScannedResult`, with a fast path
    /// for plain strings (most methods answer one), else through `JSONDecoder`.
    private static func decodeValue<T: Decodable>(
        _ type: T.Type, _ answer: [UInt8], _ range: Range<Int>, what: String
    ) throws(RPCError) -> T {
        let text = answer[range]
        if T.self == String.self, text.count >= 2, text.first == UInt8(ascii: "\""), text.last == UInt8(ascii: "\""),
            !text.contains(UInt8(ascii: "\\")),
            let string = String(validating: text.dropFirst().dropLast(), as: UTF8.self) as? T
        {
            return string
        }
        if let scanned = T.self as? any ScannedResult.Type {
            do {
                if let value = try ResultReader.read(scanned, text: answer, range: range) { return value as! T }
            } catch {
                if text.elementsEqual("null".utf8) { throw .nullResult(method: what) }
                throw .decoding(method: what, text: excerpt(text), reason: error.reason)
            }
        }
        return try decodeValue(type, text, what: what)
    }

    /// One value's JSON text decoded as `T` by `JSONDecoder`.
    private static func decodeValue<T: Decodable>(_ type: T.Type, _ text: ArraySlice<UInt8>, what: String) throws(RPCError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text))
        } catch {
            if text.elementsEqual("null".utf8) { throw .nullResult(method: what) }
            let reason = (error as? DecodingError)?.explanation ?? "\(error)"
            throw .decoding(method: what, text: excerpt(text), reason: reason)
        }
    }

    /// The first 200 characters of an answer, for an error message.
    private static func excerpt(_ text: ArraySlice<UInt8>) -> String {
        let prefix = String(decoding: text.prefix(200), as: UTF8.self)
        return text.count > 200 ? prefix + "…" : prefix
    }
}

/// A JSON-RPC error object.
private struct ErrorObject: Decodable {
    let code: Int
    let message: String
    let data: JSONValue?
}

/// When a failed request is tried again: up to `maximumAttempts` in all, waiting `initialDelay` and then twice as
/// long each time, never more than `maximumDelay`.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maximumAttempts: Int
    /// The pause after the first failure.
    public var initialDelay: Duration
    /// The longest pause.
    public var maximumDelay: Duration

    /// A policy of `maximumAttempts` attempts with doubling pauses from `initialDelay` up to `maximumDelay`.
    public init(maximumAttempts: Int, initialDelay: Duration, maximumDelay: Duration) {
        self.maximumAttempts = maximumAttempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// Four attempts, 100 ms, 200 ms and 400 ms apart.
    public static let standard = RetryPolicy(maximumAttempts: 4, initialDelay: .milliseconds(100), maximumDelay: .seconds(5))
    /// One attempt, no retry.
    public static let none = RetryPolicy(maximumAttempts: 1, initialDelay: .zero, maximumDelay: .zero)

    /// How long to wait after failed attempt number `attempt` (1-based), or nil when no attempt is left.
    public func delay(afterAttempt attempt: Int) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        let doubled = initialDelay * (1 << min(attempt - 1, 30))
        return min(doubled, maximumDelay)
    }
}

extension DecodingError {
    /// One line: where in the answer and what was wrong.
    var explanation: String {
        let (context, what): (Context, String) =
            switch self {
            case .typeMismatch(let type, let context): (context, "expected \(type)")
            case .valueNotFound(let type, let context): (context, "expected \(type), got null")
            case .keyNotFound(let key, let context): (context, "missing key \(key.stringValue.debugDescription)")
            case .dataCorrupted(let context): (context, "")
            @unknown default: (Context(codingPath: [], debugDescription: ""), "undecodable")
            }
        let path = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        let detail = [what, context.debugDescription].filter { !$0.isEmpty }.joined(separator: ": ")
        return path.isEmpty ? detail : "at \(path.hasPrefix(".") ? String(path.dropFirst()) : path): \(detail)"
    }
}
