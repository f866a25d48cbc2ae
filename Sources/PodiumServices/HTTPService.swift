import Hummingbird
import Logging
import NIOCore

/// Podium's HTTP services (the indexer's metrics endpoint, and the JSON-RPC services above it) on Hummingbird:
/// one router served on one address until the serving task is cancelled.
public enum HTTPService {
    /// Serves `router` on `host:port` (port 0: a free one) until the task is cancelled, calling `ready` with the
    /// port once it listens. Nothing is logged below errors, so a command's own output stays clean.
    public static func serve(
        _ router: Router<BasicRequestContext>, host: String = "127.0.0.1", port: Int,
        ready: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws {
        var logger = Logger(label: "podium.http")
        logger.logLevel = .error
        let application = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "podium"),
            onServerRunning: { channel in ready(channel.localAddress?.port ?? port) }, logger: logger)
        try await application.run()
    }
}

/// The route of a Prometheus scrape: `GET /metrics` answers the text exposition format.
public enum MetricsEndpoint {
    /// A router answering `GET /metrics` with `text()` as `text/plain; version=0.0.4`.
    public static func router(text: @escaping @Sendable () -> String) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text())))
        }
        return router
    }
}

/// The route of a JSON-RPC 2.0 service: `POST /` with a request (or batch) body answers what `handle` returns, as
/// `application/json` (204 with no body for notifications only). Bodies above `maximumBodyBytes` are refused (413).
public enum JSONRPCEndpoint {
    /// A router answering `POST /` through `handle`.
    public static func router(
        maximumBodyBytes: Int = 1 << 20, handle: @escaping @Sendable ([UInt8]) async -> [UInt8]?
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/") { request, _ -> Response in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: maximumBodyBytes)
            } catch {
                return Response(status: .contentTooLarge)
            }
            guard let answer = await handle(Array(body.readableBytesView)) else { return Response(status: .noContent) }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: answer)))
        }
        return router
    }
}
