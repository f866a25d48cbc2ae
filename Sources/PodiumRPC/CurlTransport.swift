import CCurl
import Foundation
import Synchronization

/// HTTP POSTs of JSON to one URL through one reused libcurl handle, so requests share a keep-alive connection.
///
/// Requests run one at a time on the transport's own thread, driven through a libcurl multi handle so that a
/// cancelled task's transfer is aborted at once (`curl_multi_wakeup`); callers wait without blocking a Swift
/// concurrency thread.
public final class CurlTransport: RPCTransport, @unchecked Sendable {
    // @unchecked: the curl handles are only touched on `queue`, except `curl_multi_wakeup`, which libcurl documents
    // as callable from any thread.

    /// The node's URL with its secrets masked.
    public let redactedURL: RedactedURL
    /// The most response bytes accepted; a larger answer fails rather than grows memory without bound.
    public let maximumResponseBytes: Int

    private let easy: UnsafeMutableRawPointer
    private let multi: MultiHandle
    private let headers: UnsafeMutablePointer<curl_slist>
    private let queue: DispatchQueue
    /// Set after a cancelled transfer, whose connection may still carry its unread answer: the next transfer opens
    /// a new connection. Only touched on `queue`.
    private var needsFreshConnection = false

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// A transport to `url` (`http://` or `https://`), giving up on a request after `timeout`, on connecting after
    /// `connectTimeout`, and on a transfer that receives no byte for `stallTimeout` (whole seconds, at least one);
    /// a malformed URL is an `RPCError.configuration`.
    public init(
        url: String, timeout: Duration, connectTimeout: Duration, stallTimeout: Duration = .seconds(10), maximumResponseBytes: Int
    ) throws(RPCError) {
        _ = Self.globalInit
        let redacted = RedactedURL(url)
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw .configuration("RPC URL must start with http:// or https://, got \(redacted.description.debugDescription)")
        }
        guard let easy = curl_easy_init(), let multi = curl_multi_init() else {
            throw .configuration("libcurl could not create a handle")
        }
        // `Expect:` stops curl from waiting for a 100-continue before sending large bodies.
        var headers: UnsafeMutablePointer<curl_slist>? = nil
        for header in ["Content-Type: application/json", "Accept: application/json", "Expect:"] {
            headers = curl_slist_append(headers, header)
        }
        guard let headers else {
            curl_easy_cleanup(easy)
            curl_multi_cleanup(multi)
            throw .configuration("libcurl could not allocate headers")
        }
        self.redactedURL = redacted
        self.maximumResponseBytes = maximumResponseBytes
        self.easy = easy
        self.multi = MultiHandle(pointer: multi)
        self.headers = headers
        self.queue = DispatchQueue(label: "podium.rpc.transport")

        podium_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        podium_curl_setopt_long(easy, CURLOPT_POST, 1)
        podium_curl_setopt_long(easy, CURLOPT_TCP_NODELAY, 1)
        podium_curl_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
        podium_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        // The stall watchdog: a transfer that receives nothing for `stallTimeout` is aborted (a retryable
        // transport error) rather than left to the whole timeout.
        podium_curl_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1)
        podium_curl_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, Self.milliseconds(stallTimeout) / 1000))
        podium_curl_setopt_pointer(easy, CURLOPT_HTTPHEADER, headers)
        podium_curl_setopt_write_function(easy, appendResponseBytes)
        let status = url.withCString { podium_curl_setopt_pointer(easy, CURLOPT_URL, $0) }  // curl copies it
        guard status == CURLE_OK else {
            curl_slist_free_all(headers)
            curl_easy_cleanup(easy)
            curl_multi_cleanup(multi)
            throw .configuration("libcurl rejected the URL \(redacted)")
        }
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_multi_cleanup(multi.pointer)
        curl_slist_free_all(headers)
    }

    /// POSTs `body` on the shared connection; see `RPCTransport.post`.
    public func post(_ body: [UInt8]) async throws -> HTTPResponse {
        let request = PendingRequest(multi: multi)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                guard request.install(continuation) else { return }
                queue.async {
                    guard !request.isCancelled else { return }
                    request.finish(self.perform(body, request))
                }
            }
        } onCancel: {
            request.cancel()
        }
    }

    /// Runs one transfer to its end, or until `request` is cancelled.
    private func perform(_ body: [UInt8], _ request: PendingRequest) -> Result<HTTPResponse, any Error> {
        let sink = ResponseSink(limit: maximumResponseBytes, easy: easy)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode? = body.withUnsafeBytes { bodyBytes in
            errorBuffer.withUnsafeMutableBufferPointer { errors in
                withExtendedLifetime(sink) {
                    podium_curl_setopt_pointer(easy, CURLOPT_POSTFIELDS, bodyBytes.baseAddress)
                    podium_curl_setopt_long(easy, CURLOPT_POSTFIELDSIZE, bodyBytes.count)
                    podium_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())
                    podium_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errors.baseAddress)
                    defer {
                        podium_curl_setopt_pointer(easy, CURLOPT_POSTFIELDS, nil)
                        podium_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, nil)
                    }
                    return transfer(request)
                }
            }
        }
        guard let code else { return .failure(CancellationError()) }
        guard code == CURLE_OK else {
            if sink.overflowed { return .failure(RPCError.responseTooLarge(limit: maximumResponseBytes)) }
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            var requestSize = 0
            podium_curl_request_size(easy, &requestSize)
            let failure = TransportFailure(
                message: "\(redactedURL): \(message)",
                requestMayHaveBeenSent: requestSize > 0 && code != CURLE_COULDNT_CONNECT && code != CURLE_COULDNT_RESOLVE_HOST)
            return .failure(RPCError.transport(failure))
        }
        var status = 0
        podium_curl_response_code(easy, &status)
        let retryAfter = podium_curl_header_value(easy, "Retry-After").flatMap { HTTPResponse.retryAfter(String(cString: $0)) }
        return .success(HTTPResponse(status: status, body: sink.bytes, retryAfter: retryAfter))
    }

    /// Drives the easy handle through the multi handle; the transfer's result, or nil when cancelled.
    private func transfer(_ request: PendingRequest) -> CURLcode? {
        podium_curl_setopt_long(easy, CURLOPT_FRESH_CONNECT, needsFreshConnection ? 1 : 0)
        needsFreshConnection = false
        curl_multi_add_handle(multi.pointer, easy)
        defer { curl_multi_remove_handle(multi.pointer, easy) }
        var running: Int32 = 1
        while true {
            if request.isCancelled {
                needsFreshConnection = true
                return nil
            }
            let status = curl_multi_perform(multi.pointer, &running)
            guard status == CURLM_OK else { return CURLE_FAILED_INIT }
            if running == 0 { break }
            curl_multi_poll(multi.pointer, nil, 0, 1000, nil)
        }
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi.pointer, &remaining) {
            if message.pointee.msg == CURLMSG_DONE { return podium_curl_message_result(message) }
        }
        return CURLE_FAILED_INIT
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

/// The multi handle, passed to the cancellation handler, which may wake it from any thread.
private struct MultiHandle: @unchecked Sendable {
    // @unchecked: only `curl_multi_wakeup`, thread-safe by libcurl's documentation, is called off the queue.
    let pointer: UnsafeMutableRawPointer
}

/// One request's continuation, resumed exactly once: by the transfer's end or by cancellation, whichever is first.
private final class PendingRequest: Sendable {
    private struct State {
        var continuation: CheckedContinuation<HTTPResponse, any Error>?
        var cancelled = false
    }

    private let state = Mutex(State())
    private let multi: MultiHandle

    init(multi: MultiHandle) { self.multi = multi }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Keeps `continuation` for later; when the task is already cancelled, resumes it with `CancellationError`
    /// and returns false.
    func install(_ continuation: CheckedContinuation<HTTPResponse, any Error>) -> Bool {
        let cancelled = state.withLock { state in
            if !state.cancelled { state.continuation = continuation }
            return state.cancelled
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
        return !cancelled
    }

    func finish(_ result: Result<HTTPResponse, any Error>) {
        state.withLock { $0.continuation.take() }?.resume(with: result)
    }

    func cancel() {
        let continuation = state.withLock { state in
            state.cancelled = true
            return state.continuation.take()
        }
        continuation?.resume(throwing: CancellationError())
        curl_multi_wakeup(multi.pointer)
    }
}

/// Collects a response body for libcurl's write callback, refusing to grow past a limit.
private final class ResponseSink {
    let limit: Int
    /// The transfer's handle, asked for the answer's length once its headers are in.
    let easy: UnsafeMutableRawPointer?
    var bytes: [UInt8] = []
    var overflowed = false

    init(limit: Int, easy: UnsafeMutableRawPointer?) { (self.limit, self.easy) = (limit, easy) }
}

/// libcurl's write callback: appends to the `ResponseSink` passed as user data; returning less than the size given
/// makes curl abort the transfer.
private func appendResponseBytes(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ sink: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let sink else { return 0 }
    let responseSink = Unmanaged<ResponseSink>.fromOpaque(sink).takeUnretainedValue()
    let length = size * count
    guard responseSink.bytes.count + length <= responseSink.limit else {
        responseSink.overflowed = true
        return 0
    }
    // On the first bytes, make room for the whole answer its Content-Length announces (within the limit), so that
    // a large answer is not copied again at every doubling.
    if responseSink.bytes.isEmpty, let easy = responseSink.easy {
        let announced = podium_curl_content_length(easy)
        if announced > 0 { responseSink.bytes.reserveCapacity(Int(min(Int64(announced), Int64(responseSink.limit)))) }
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        responseSink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}
