import Foundation
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumSigner

/// Where the sponsor works: the chain, the EntryPoint v0.7, the verifying paymaster and the policy.
public struct SponsorConfiguration: Hashable, Sendable {
    /// The chain's id; a request naming another is refused (`unsupportedChain`).
    public var chainID: UInt64
    /// The EntryPoint; a request naming another is refused (`unsupportedEntryPoint`).
    public var entryPoint: Address
    /// The VerifyingPaymaster whose verifying signer the sponsor key is.
    public var paymaster: Address
    /// What is sponsored.
    public var policy: SponsorPolicy

    /// A configuration of these values.
    public init(chainID: UInt64, entryPoint: Address, paymaster: Address, policy: SponsorPolicy) {
        (self.chainID, self.entryPoint, self.paymaster, self.policy) = (chainID, entryPoint, paymaster, policy)
    }
}

/// The JSON-RPC error codes the sponsor answers with.
public enum SponsorErrorCode: Int, Hashable, Sendable, CaseIterable {
    /// -32700: the body is not JSON.
    case parseError = -32700
    /// -32600: not a JSON-RPC 2.0 request object.
    case invalidRequest = -32600
    /// -32601: not `pm_getPaymasterStubData`, `pm_getPaymasterData` or `pm_supportedEntryPoints`.
    case methodNotFound = -32601
    /// -32602: the params are not `[userOp, entryPoint, chainId, context]`, or the user operation is malformed.
    case invalidParams = -32602
    /// -32603: the sponsor failed (its store); nothing was reserved.
    case internalError = -32603
    /// -32001: the policy refused the operation; `data` is `{reason, limit, remaining, retryAfter}`.
    case policyRefusal = -32001
    /// -32002: the request names another EntryPoint than the sponsor's; `data.entryPoint` is the sponsor's.
    case unsupportedEntryPoint = -32002
    /// -32003: the request names another chain than the sponsor's; `data.chainId` is the sponsor's.
    case unsupportedChain = -32003
}

/// An ERC-7677 paymaster web service for Podium's VerifyingPaymaster and EntryPoint v0.7: `pm_getPaymasterStubData`
/// and `pm_getPaymasterData` (and `pm_supportedEntryPoints`), as JSON-RPC 2.0, with `SponsorPolicy` deciding and
/// `SponsorStore` remembering. `handle` answers one request (or batch) in-process; the HTTP route wraps it.
///
/// The sponsor key (the paymaster's verifying signer) signs `VerifyingPaymaster.hash` of the final operation, its
/// paymaster gas limits included; it is never written to any answer, error or log.
public final class SponsorService: Sendable {
    /// The chain, EntryPoint, paymaster and policy.
    public let configuration: SponsorConfiguration
    /// Where reservations and limits live.
    public let store: SponsorStore
    private let key: PrivateKey
    private let clock: @Sendable () async throws -> UInt64

    /// A service signing with `sponsorKey`, keeping its state in `store`; `clock` gives Unix time in seconds, the
    /// time the policy's days, campaign dates and signature windows are counted in. `podium paymaster serve` gives
    /// the chain's latest block timestamp (the time the EntryPoint checks validUntil and validAfter against, and
    /// the time the sale dates purchases by); the default is the wall clock.
    public init(
        configuration: SponsorConfiguration, sponsorKey: PrivateKey, store: SponsorStore,
        clock: @escaping @Sendable () async throws -> UInt64 = { UInt64(max(0, Date().timeIntervalSince1970)) }
    ) {
        (self.configuration, self.key, self.store, self.clock) = (configuration, sponsorKey, store, clock)
    }

    /// The address of the sponsor key, which must be the paymaster's `verifyingSigner()`.
    public var signer: Address { key.address }

    /// The answer to a JSON-RPC body: one response object, an array of them for a batch, or nil when nothing is
    /// to be answered (notifications only).
    public func handle(body: some Collection<UInt8>) async -> [UInt8]? {
        let request: JSONValue
        do {
            request = try JSONValue(json: body)
        } catch {
            return Array(Self.error(id: .null, .parseError, "invalid JSON: \(error)").jsonText.utf8)
        }
        return await handle(request).map { Array($0.jsonText.utf8) }
    }

    /// The answer to a JSON-RPC request object, or to a batch (an array of them); nil for a notification.
    public func handle(_ request: JSONValue) async -> JSONValue? {
        guard case .array(let requests) = request else { return await handleOne(request) }
        guard !requests.isEmpty else { return Self.error(id: .null, .invalidRequest, "empty batch") }
        var answers: [JSONValue] = []
        for request in requests {
            if let answer = await handleOne(request) { answers.append(answer) }
        }
        return answers.isEmpty ? nil : .array(answers)
    }

    private func handleOne(_ request: JSONValue) async -> JSONValue? {
        guard case .object(let members) = request, members["jsonrpc"] == .string("2.0"),
            case .string(let method)? = members["method"]
        else {
            return Self.error(id: request.objectValue?["id"] ?? .null, .invalidRequest, "not a JSON-RPC 2.0 request")
        }
        guard let id = members["id"] else { return nil }
        let params: [JSONValue]
        switch members["params"] {
        case .array(let values)?: params = values
        case nil, .null?: params = []
        default: return Self.error(id: id, .invalidParams, "params must be an array")
        }
        switch method {
        case "pm_getPaymasterStubData": return await answer(id: id, params: params, stage: .stub)
        case "pm_getPaymasterData": return await answer(id: id, params: params, stage: .final)
        case "pm_supportedEntryPoints": return Self.result(id: id, .array([.string(configuration.entryPoint.description)]))
        default: return Self.error(id: id, .methodNotFound, "method \(method) not found")
        }
    }

    /// A failure that becomes a JSON-RPC error.
    private struct Failure: Error {
        let code: SponsorErrorCode
        let message: String
        var data: JSONValue? = nil
    }

    private func answer(id: JSONValue, params: [JSONValue], stage: SponsorStage) async -> JSONValue {
        do {
            let operation = try checkParams(params, stage: stage)
            let result = try await (stage == .stub ? stub(for: operation) : sign(operation))
            return Self.result(id: id, result)
        } catch let failure as Failure {
            return Self.error(id: id, failure.code, failure.message, data: failure.data)
        } catch let refusal as SponsorRefusal {
            return Self.error(id: id, .policyRefusal, refusal.description, data: Self.data(of: refusal))
        } catch {
            // Store failures: the text names the file, never the key (which no error type here carries).
            return Self.error(id: id, .internalError, "the sponsor failed: \(error)")
        }
    }

    /// ERC-7677's params `[userOp, entryPoint, chainId, context]` (context optional): the operation, once the
    /// EntryPoint and chain are the sponsor's. A missing signature is taken as empty and the paymaster fields are
    /// ignored (the sponsor sets them); at the stub stage, missing gas values are taken as 0.
    private func checkParams(_ params: [JSONValue], stage: SponsorStage) throws -> UserOperation {
        guard params.count == 3 || params.count == 4 else {
            throw Failure(code: .invalidParams, message: "params must be [userOp, entryPoint, chainId, context], got \(params.count) values")
        }
        guard case .string(let entryPointText) = params[1], let entryPoint = try? Address(hex: entryPointText) else {
            throw Failure(code: .invalidParams, message: "params[1] must be the EntryPoint's address")
        }
        guard entryPoint == configuration.entryPoint else {
            throw Failure(
                code: .unsupportedEntryPoint,
                message: "unsupported EntryPoint \(entryPoint): this sponsor serves \(configuration.entryPoint) (v0.7)",
                data: ["entryPoint": .string(configuration.entryPoint.description)])
        }
        guard case .string(let chainText) = params[2], let chainID = try? Quantity.uint64(chainText) else {
            throw Failure(code: .invalidParams, message: "params[2] must be the chain id as a hex quantity (\"0x7a69\")")
        }
        guard chainID == configuration.chainID else {
            throw Failure(
                code: .unsupportedChain, message: "unsupported chain \(chainID): this sponsor serves chain \(configuration.chainID)",
                data: ["chainId": .string("0x" + String(configuration.chainID, radix: 16))])
        }
        if params.count == 4 {
            switch params[3] {
            case .object, .null: break
            default: throw Failure(code: .invalidParams, message: "params[3], the context, must be an object")
            }
        }
        guard case .object(var fields) = params[0] else {
            throw Failure(code: .invalidParams, message: "params[0] must be a v0.7 user operation object (ERC-7769)")
        }
        for name in ["paymaster", "paymasterVerificationGasLimit", "paymasterPostOpGasLimit", "paymasterData"] {
            fields[name] = nil
        }
        if fields["signature"] == nil || fields["signature"] == .null { fields["signature"] = "0x" }
        if stage == .stub {
            for name in ["callGasLimit", "verificationGasLimit", "preVerificationGas", "maxFeePerGas", "maxPriorityFeePerGas"]
            where fields[name] == nil || fields[name] == .null {
                fields[name] = "0x0"
            }
        }
        do {
            return try UserOperation(json: .object(fields))
        } catch {
            throw Failure(code: .invalidParams, message: "invalid user operation: \(error)")
        }
    }

    /// `pm_getPaymasterStubData`: the policy's stub-stage checks, then the paymaster fields with a stub signature
    /// (as long as the real one), `isFinal: false`.
    private func stub(for operation: UserOperation) async throws -> JSONValue {
        let policy = configuration.policy
        let now = try await clock()
        let usage = try await store.usage(sender: operation.sender, now: now)
        switch policy.decide(operation, stage: .stub, now: now, usage: usage) {
        case .refuse(let refusal):
            throw refusal
        case .sponsor(let sponsorship):
            let data = try VerifyingPaymasterData.stub(validUntil: sponsorship.validUntil, validAfter: sponsorship.validAfter)
            var result = paymasterFields(data.bytes)
            result["isFinal"] = false
            if let name = policy.sponsorName { result["sponsor"] = ["name": .string(name)] }
            return .object(result)
        }
    }

    /// `pm_getPaymasterData`: every check and the reservation in one store transaction, and the signature.
    private func sign(_ operation: UserOperation) async throws -> JSONValue {
        let configuration = self.configuration
        let key = self.key
        let policy = configuration.policy
        let now = try await clock()
        let outcome = try await store.reserve(
            sender: operation.sender, nonce: operation.nonce, now: now,
            decide: { usage in policy.decide(operation, stage: .final, now: now, usage: usage) },
            sign: { sponsorship in try Self.sign(operation, sponsorship, configuration, key) })
        switch outcome {
        case .failure(let refusal): throw refusal
        case .success(let paymasterData): return .object(paymasterFields(paymasterData))
        }
    }

    /// The paymasterData signing `operation` for `sponsorship`'s window, and the userOpHash of the operation with it.
    private static func sign(
        _ operation: UserOperation, _ sponsorship: Sponsorship, _ configuration: SponsorConfiguration, _ key: PrivateKey
    ) throws -> (userOperationHash: Bytes32, signed: [UInt8]) {
        var operation = operation
        operation.paymaster = UserOperation.Paymaster(
            address: configuration.paymaster, verificationGasLimit: configuration.policy.paymasterVerificationGasLimit,
            postOpGasLimit: configuration.policy.paymasterPostOpGasLimit, data: [])
        let hash = try VerifyingPaymaster.hash(
            of: operation.packed(), chainID: configuration.chainID, validUntil: sponsorship.validUntil,
            validAfter: sponsorship.validAfter)
        let signature = key.sign(hash: SimpleAccount.signingHash(hash))
        let data = try VerifyingPaymasterData(
            validUntil: sponsorship.validUntil, validAfter: sponsorship.validAfter, signature: signature.bytes).bytes
        operation.paymaster?.data = data
        return (try operation.packed().hash(entryPoint: configuration.entryPoint, chainID: configuration.chainID), data)
    }

    /// ERC-7677's v0.7 paymaster fields for `paymasterData`.
    private func paymasterFields(_ paymasterData: [UInt8]) -> [String: JSONValue] {
        [
            "paymaster": .string(configuration.paymaster.description),
            "paymasterData": .string(Hex.encode(paymasterData)),
            "paymasterVerificationGasLimit": .string(configuration.policy.paymasterVerificationGasLimit.hexString),
            "paymasterPostOpGasLimit": .string(configuration.policy.paymasterPostOpGasLimit.hexString),
        ]
    }

    /// `{reason, limit, remaining, retryAfter}`, absent values as null.
    static func data(of refusal: SponsorRefusal) -> JSONValue {
        [
            "reason": .string(refusal.reason.rawValue), "limit": refusal.limit.map(JSONValue.string) ?? .null,
            "remaining": refusal.remaining.map(JSONValue.string) ?? .null,
            "retryAfter": refusal.retryAfter.map { .number("\($0)") } ?? .null,
        ]
    }

    private static func result(id: JSONValue, _ result: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id, "result": result]
    }

    private static func error(id: JSONValue, _ code: SponsorErrorCode, _ message: String, data: JSONValue? = nil) -> JSONValue {
        var error: [String: JSONValue] = ["code": .number("\(code.rawValue)"), "message": .string(message)]
        if let data { error["data"] = data }
        return ["jsonrpc": "2.0", "id": id, "error": .object(error)]
    }
}
