import CCurl
import Foundation

/// What an HTTP server answered: the status code and the body.
struct HTTPResponse: Sendable {
    let status: Int
    let body: [UInt8]
}

/// HTTP POSTs of JSON to one URL through one reused libcurl handle, so requests share a keep-alive connection.
///
/// Requests run one at a time on the transport's own queue; callers wait without blocking a Swift concurrency
/// thread.
final class CurlTransport: @unchecked Sendable {
    /// Where requests go.
    let url: String
    /// The most response bytes accepted; a larger answer fails rather than grows memory without bound.
    let maximumResponseBytes: Int

    private let handle: UnsafeMutableRawPointer
    private let headers: UnsafeMutablePointer<curl_slist>
    private let queue: DispatchQueue

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// A transport to `url`, giving up on a request after `timeout` and on connecting after `connectTimeout`.
    init(url: String, timeout: Duration, connectTimeout: Duration, maximumResponseBytes: Int) throws(RPCError) {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { throw .transport("libcurl could not create a handle") }
        // `Expect:` stops curl from waiting for a 100-continue before sending large bodies.
        var headers: UnsafeMutablePointer<curl_slist>? = nil
        for header in ["Content-Type: application/json", "Accept: application/json", "Expect:"] {
            headers = curl_slist_append(headers, header)
        }
        guard let headers else {
            curl_easy_cleanup(handle)
            throw .transport("libcurl could not allocate headers")
        }
        self.url = url
        self.maximumResponseBytes = maximumResponseBytes
        self.handle = handle
        self.headers = headers
        self.queue = DispatchQueue(label: "podium.rpc.transport")

        podium_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        podium_curl_setopt_long(handle, CURLOPT_POST, 1)
        podium_curl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        podium_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
        podium_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        podium_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headers)
        podium_curl_setopt_write_function(handle, appendResponseBytes)
        let status = url.withCString { podium_curl_setopt_pointer(handle, CURLOPT_URL, $0) }  // curl copies it
        guard status == CURLE_OK else {
            curl_slist_free_all(headers)
            curl_easy_cleanup(handle)
            throw .transport("libcurl rejected the URL \(url)")
        }
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headers)
    }

    /// POSTs `body` and returns the answer; a failure to connect, a timeout or an oversized answer throws
    /// `RPCError.transport`.
    func post(_ body: [UInt8]) async throws(RPCError) -> HTTPResponse {
        let result: Result<HTTPResponse, RPCError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.perform(body)) }
        }
        return try result.get()
    }

    private func perform(_ body: [UInt8]) -> Result<HTTPResponse, RPCError> {
        let sink = ResponseSink(limit: maximumResponseBytes)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = body.withUnsafeBytes { bodyBytes in
            errorBuffer.withUnsafeMutableBufferPointer { errors in
                withExtendedLifetime(sink) {
                    podium_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, bodyBytes.baseAddress)
                    podium_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bodyBytes.count)
                    podium_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())
                    podium_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errors.baseAddress)
                    defer {
                        podium_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil)
                        podium_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil)
                    }
                    return curl_easy_perform(handle)
                }
            }
        }
        guard code == CURLE_OK else {
            if sink.overflowed {
                return .failure(.transport("response from \(url) is larger than \(maximumResponseBytes) bytes"))
            }
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            return .failure(.transport("\(url): \(message)"))
        }
        var status = 0
        podium_curl_response_code(handle, &status)
        return .success(HTTPResponse(status: status, body: sink.bytes))
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

/// Collects a response body for libcurl's write callback, refusing to grow past a limit.
private final class ResponseSink {
    let limit: Int
    var bytes: [UInt8] = []
    var overflowed = false

    init(limit: Int) { self.limit = limit }
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
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        responseSink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}
