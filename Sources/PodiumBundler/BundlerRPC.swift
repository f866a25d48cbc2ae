import Foundation
import Hummingbird
import NIOCore
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumRPC
import PodiumServices
import PodiumUserOperations

/// The bundler's JSON-RPC 2.0 endpoint (ERC-7769's eth namespace): `POST /` with one request or a batch.
///
/// `eth_sendUserOperation`, `eth_estimateUserOperationGas`, `eth_getUserOperationByHash`,
/// `eth_getUserOperationReceipt`, `eth_supportedEntryPoints` and `eth_chainId`; errors as ERC-7769's error objects.
public struct BundlerRPC: Sendable {
    /// The bundler answering.
    public let bundler: Bundler

    /// The endpoint of `bundler`.
    public init(bundler: Bundler) {
        self.bundler = bundler
    }

    /// The largest request body read, 1 MiB.
    public static let maximumRequestBytes = 1 << 20

    /// A router answering `POST /` with `handle`.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/") { request, _ -> Response in
            let body = try await request.body.collect(upTo: Self.maximumRequestBytes)
            let answer = await handle(Array(body.readableBytesView))
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: answer)))
        }
        return router
    }

    /// Serves the endpoint on `host:port` (0: a free port) until the task is cancelled; `ready` hears the port.
    public func serve(host: String = "127.0.0.1", port: Int, ready: @escaping @Sendable (Int) -> Void) async throws {
        try await HTTPService.serve(router(), host: host, port: port, ready: ready)
    }

    /// The answer to a request body: one response object, or an array of them for a batch.
    public func handle(_ body: [UInt8]) async -> [UInt8] {
        let request: JSONValue
        do { request = try JSONValue(json: body) } catch {
            return Array(Self.response(id: .null, .failure(BundlerError(code: -32700, message: "parse error: \(error)"))).jsonText.utf8)
        }
        if case .array(let requests) = request {
            guard !requests.isEmpty else {
                return Array(Self.response(id: .null, .failure(BundlerError(code: -32600, message: "empty batch"))).jsonText.utf8)
            }
            var answers: [JSONValue] = []
            for request in requests { answers.append(await answer(request)) }
            return Array(JSONValue.array(answers).jsonText.utf8)
        }
        return Array(await answer(request).jsonText.utf8)
    }

    /// The response object to one request.
    func answer(_ request: JSONValue) async -> JSONValue {
        guard let object = request.objectValue, let method = object["method"]?.stringValue else {
            return Self.response(id: request.objectValue?["id"] ?? .null, .failure(BundlerError(code: -32600, message: "invalid request")))
        }
        let id = object["id"] ?? .null
        let params: [JSONValue]
        switch object["params"] {
        case nil, .null?: params = []
        case .array(let values)?: params = values
        default: return Self.response(id: id, .failure(Rejection.invalidFields("params must be an array")))
        }
        do throws(BundlerError) {
            return Self.response(id: id, .success(try await call(method, params)))
        } catch {
            return Self.response(id: id, .failure(error))
        }
    }

    /// The result of `method` with `params`.
    func call(_ method: String, _ params: [JSONValue]) async throws(BundlerError) -> JSONValue {
        switch method {
        case "eth_chainId":
            return .quantity(bundler.chainID)
        case "eth_supportedEntryPoints":
            return .array([.string(bundler.configuration.entryPoint.description)])
        case "eth_sendUserOperation":
            let (operation, entryPoint) = try Self.operationParams(params, method)
            return .bytes32(try await bundler.sendUserOperation(operation, entryPoint: entryPoint))
        case "eth_estimateUserOperationGas":
            if params.count > 2, params[2] != .null {
                throw Rejection.invalidFields("state overrides are not supported (the node may have none)")
            }
            let (operation, entryPoint) = try Self.operationParams(Array(params.prefix(2)), method)
            return try await bundler.estimateUserOperationGas(operation, entryPoint: entryPoint).json
        case "eth_getUserOperationByHash":
            return try await bundler.operation(byHash: try Self.hashParam(params, method))
        case "eth_getUserOperationReceipt":
            return try await bundler.receipt(of: try Self.hashParam(params, method))
        default:
            throw BundlerError(code: -32601, message: "the method \(method) does not exist or is not available")
        }
    }

    /// `[userOperation, entryPoint]`, each failure -32602.
    static func operationParams(_ params: [JSONValue], _ method: String) throws(BundlerError) -> (UserOperation, Address) {
        guard params.count == 2, let entryPointText = params[1].stringValue else {
            throw Rejection.invalidFields("\(method) takes [userOperation, entryPoint]")
        }
        let operation: UserOperation
        do throws(UserOperationError) { operation = try UserOperation(json: params[0]) } catch {
            throw Rejection.invalidFields(error.description)
        }
        guard let entryPoint = try? Address(hex: entryPointText) else {
            throw Rejection.invalidFields("invalid entry point address \(entryPointText.prefix(80).debugDescription)")
        }
        return (operation, entryPoint)
    }

    /// `[userOpHash]`, a failure -32602.
    static func hashParam(_ params: [JSONValue], _ method: String) throws(BundlerError) -> Bytes32 {
        guard params.count == 1, let text = params[0].stringValue, let hash = try? Bytes32(hex: text) else {
            throw Rejection.invalidFields("\(method) takes [userOpHash], a 32-byte hash")
        }
        return hash
    }

    /// A JSON-RPC 2.0 response object.
    static func response(id: JSONValue, _ outcome: Result<JSONValue, BundlerError>) -> JSONValue {
        switch outcome {
        case .success(let result):
            return .object(["jsonrpc": "2.0", "id": id, "result": result])
        case .failure(let error):
            var errorObject: [String: JSONValue] = ["code": .number(String(error.rawCode)), "message": .string(error.message)]
            if let data = error.data { errorObject["data"] = data }
            return .object(["jsonrpc": "2.0", "id": id, "error": .object(errorObject)])
        }
    }
}
