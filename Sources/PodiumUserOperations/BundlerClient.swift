import Foundation
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumRPC

/// A client of any ERC-7769 bundler (Podium's `podium bundler serve`, alto, Rundler, a provider's endpoint): the
/// six `eth_` methods of ERC-7769 ("RPC methods (eth namespace)"), typed, and a wait for an operation's receipt.
///
/// A refusal comes back as `BundlerError`, with the ERC-7769 code, the bundler's message and data, and the
/// EntryPoint's AAxx code when the message carries one. Other failures are the `RPCError`s of `client`.
public struct BundlerClient: Sendable {
    /// The bundler's JSON-RPC endpoint.
    public let client: RPCClient

    /// A client of the bundler `client` talks to.
    public init(client: RPCClient) {
        self.client = client
    }

    /// A client of the bundler at `url`, over libcurl.
    public init(url: String, timeout: Duration = .seconds(30)) throws {
        self.client = try RPCClient(url: url, timeout: timeout, retryPolicy: .none)
    }

    /// `eth_sendUserOperation(operation, entryPoint)`: hands the signed operation to the bundler and returns its
    /// userOpHash. Throws `BundlerError` when the bundler refuses it.
    public func sendUserOperation(_ operation: UserOperation, entryPoint: Address) async throws -> Bytes32 {
        let text: String = try await request("eth_sendUserOperation", [operation.json, .string(entryPoint.description)])
        return try Self.parse("userOpHash", text) { try Bytes32(hex: $0) }
    }

    /// `eth_estimateUserOperationGas(operation, entryPoint)`: the gas limits the bundler estimates; limits the
    /// operation already sets may be kept as they are (Podium's bundler keeps every non-zero one).
    public func estimateUserOperationGas(
        _ operation: UserOperation, entryPoint: Address
    ) async throws -> UserOperationGasEstimate {
        let answer: JSONValue = try await request(
            "eth_estimateUserOperationGas", [operation.json, .string(entryPoint.description)])
        return try UserOperationGasEstimate(json: answer)
    }

    /// `eth_getUserOperationByHash(hash)`: the operation as included on chain, or nil when no block holds it yet.
    public func userOperationByHash(_ hash: Bytes32) async throws -> IncludedUserOperation? {
        let answer: JSONValue = try await request("eth_getUserOperationByHash", [.string(Hex.encode(hash.bytes))])
        if answer == .null { return nil }
        return try IncludedUserOperation(json: answer)
    }

    /// `eth_getUserOperationReceipt(hash)`: what the operation did on chain, or nil while it is not included.
    public func userOperationReceipt(_ hash: Bytes32) async throws -> UserOperationReceipt? {
        let answer: JSONValue = try await request("eth_getUserOperationReceipt", [.string(Hex.encode(hash.bytes))])
        if answer == .null { return nil }
        return try UserOperationReceipt(json: answer)
    }

    /// `eth_supportedEntryPoints`: the EntryPoints the bundler serves, its preferred one first.
    public func supportedEntryPoints() async throws -> [Address] {
        let texts: [String] = try await request("eth_supportedEntryPoints", [])
        return try texts.map { text in try Self.parse("entry point", text) { try Address(hex: $0) } }
    }

    /// `eth_chainId`: the chain the bundler submits to (EIP-155).
    public func chainID() async throws -> UInt64 {
        let text: String = try await request("eth_chainId", [])
        return try Self.parse("chain id", text) { try Quantity.uint64($0) }
    }

    /// Asks for the receipt of `hash` every `pollInterval` until there is one, and returns it; throws
    /// `BundlerError.timedOut` after `timeout`, `CancellationError` when the task is cancelled.
    public func waitForReceipt(
        _ hash: Bytes32, timeout: Duration = .seconds(60), pollInterval: Duration = .milliseconds(200)
    ) async throws -> UserOperationReceipt {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let receipt = try await userOperationReceipt(hash) { return receipt }
            guard clock.now < deadline else { throw BundlerError.timedOut(hash, timeout) }
            try await Task.sleep(for: min(pollInterval, deadline - clock.now))
        }
    }

    /// Calls `method`, turning the bundler's error object into `BundlerError`.
    private func request<T: Decodable>(_ method: String, _ params: [JSONValue]) async throws -> T {
        do {
            return try await client.call(method, params, as: T.self)
        } catch RPCError.node(let error) {
            throw BundlerError(error)
        }
    }

    /// `text` read by `parse`, or `UserOperationClientError.unexpectedAnswer` naming `what`.
    static func parse<Value>(_ what: String, _ text: String, _ parse: (String) throws -> Value) throws -> Value {
        do { return try parse(text) } catch {
            throw UserOperationClientError.unexpectedAnswer("\(what) \(text.prefix(80).debugDescription): \(error)")
        }
    }
}

/// A bundler's refusal: ERC-7769's error object (code, message, data), with the code and any AAxx reason decoded.
public struct BundlerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The JSON-RPC error code as sent.
    public let rawCode: Int
    /// The bundler's message; for -32500 and the paymaster's codes, the EntryPoint's "AAxx …" reason.
    public let message: String
    /// The error's `data` member: `{paymaster}` for -32501 and -32508, `{validUntil, validAfter}` for -32503.
    public let data: JSONValue?

    /// The error object the bundler sent.
    public init(code: Int, message: String, data: JSONValue? = nil) {
        (rawCode, self.message, self.data) = (code, message, data)
    }

    /// The node error of a bundler's answer.
    public init(_ error: NodeError) {
        self.init(code: error.code, message: error.message, data: error.data)
    }

    /// A wait for a receipt that ran out of time: code 0, the hash in `data`.
    public static func timedOut(_ hash: Bytes32, _ timeout: Duration) -> BundlerError {
        BundlerError(
            code: 0, message: "no receipt for user operation \(Hex.encode(hash.bytes)) within \(timeout)",
            data: .object(["userOpHash": .string(Hex.encode(hash.bytes))]))
    }

    /// The ERC-7769 code, when it is one.
    public var code: BundlerErrorCode? { BundlerErrorCode(rawValue: rawCode) }

    /// The EntryPoint's AAxx code the message names ("AA25 invalid account nonce" gives AA25), found at its start or
    /// after a colon.
    public var entryPointCode: EntryPointErrorCode? {
        if let code = EntryPointErrorCode(reason: message) { return code }
        guard let range = message.range(of: "AA") else { return nil }
        return EntryPointErrorCode(reason: String(message[range.lowerBound...]))
    }

    /// `data.paymaster`, for the paymaster's refusals.
    public var paymaster: Address? {
        data?.objectValue?["paymaster"]?.stringValue.flatMap { try? Address(hex: $0) }
    }

    /// `bundler error -32500 (rejected by the EntryPoint's simulateValidation): AA25 invalid account nonce`.
    public var description: String {
        "bundler error \(code.map(\.description) ?? String(rawCode)): \(message)"
            + (data.map { " (data \($0.jsonText))" } ?? "")
    }
}

/// `eth_estimateUserOperationGas`'s answer (ERC-7769): the operation's gas limits, the paymaster's when it has one.
public struct UserOperationGasEstimate: Hashable, Sendable {
    /// Gas for what the EntryPoint cannot meter.
    public var preVerificationGas: UInt256
    /// Gas for the account's creation and `validateUserOp`.
    public var verificationGasLimit: UInt256
    /// Gas for the account's execution of the callData.
    public var callGasLimit: UInt256
    /// Gas for the paymaster's `validatePaymasterUserOp` (zero without a paymaster).
    public var paymasterVerificationGasLimit: UInt256
    /// Gas for the paymaster's `postOp`, when the operation has a paymaster.
    public var paymasterPostOpGasLimit: UInt256?

    /// An estimate with these limits.
    public init(
        preVerificationGas: UInt256, verificationGasLimit: UInt256, callGasLimit: UInt256,
        paymasterVerificationGasLimit: UInt256 = .zero, paymasterPostOpGasLimit: UInt256? = nil
    ) {
        (self.preVerificationGas, self.verificationGasLimit, self.callGasLimit) =
            (preVerificationGas, verificationGasLimit, callGasLimit)
        (self.paymasterVerificationGasLimit, self.paymasterPostOpGasLimit) =
            (paymasterVerificationGasLimit, paymasterPostOpGasLimit)
    }

    /// Reads ERC-7769's object; `paymasterVerificationGasLimit` may be absent or null (zero).
    public init(json: JSONValue) throws {
        let object = try JSONReading.object(json, "gas estimate")
        self.init(
            preVerificationGas: try JSONReading.quantity(object, "preVerificationGas"),
            verificationGasLimit: try JSONReading.quantity(object, "verificationGasLimit"),
            callGasLimit: try JSONReading.quantity(object, "callGasLimit"),
            paymasterVerificationGasLimit: try JSONReading.optionalQuantity(object, "paymasterVerificationGasLimit") ?? .zero,
            paymasterPostOpGasLimit: try JSONReading.optionalQuantity(object, "paymasterPostOpGasLimit"))
    }

    /// ERC-7769's object: quantities as 0x hex; `paymasterPostOpGasLimit` only when known.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "preVerificationGas": .string(preVerificationGas.hexString),
            "verificationGasLimit": .string(verificationGasLimit.hexString),
            "callGasLimit": .string(callGasLimit.hexString),
            "paymasterVerificationGasLimit": .string(paymasterVerificationGasLimit.hexString),
        ]
        if let paymasterPostOpGasLimit { members["paymasterPostOpGasLimit"] = .string(paymasterPostOpGasLimit.hexString) }
        return .object(members)
    }

    /// `operation` with every limit it leaves at zero taken from this estimate (those it sets are kept).
    public func filling(_ operation: UserOperation) -> UserOperation {
        var filled = operation
        if filled.preVerificationGas == .zero { filled.preVerificationGas = preVerificationGas }
        if filled.verificationGasLimit == .zero { filled.verificationGasLimit = verificationGasLimit }
        if filled.callGasLimit == .zero { filled.callGasLimit = callGasLimit }
        if var paymaster = filled.paymaster {
            if paymaster.verificationGasLimit == .zero { paymaster.verificationGasLimit = paymasterVerificationGasLimit }
            if paymaster.postOpGasLimit == .zero, let postOp = paymasterPostOpGasLimit { paymaster.postOpGasLimit = postOp }
            filled.paymaster = paymaster
        }
        return filled
    }
}

/// `eth_getUserOperationByHash`'s answer: the operation as a block holds it, and where.
public struct IncludedUserOperation: Hashable, Sendable {
    /// The operation, as decoded from the bundle's `handleOps` call.
    public var userOperation: UserOperation
    /// The EntryPoint it went through.
    public var entryPoint: Address
    /// The block that holds it.
    public var blockNumber: UInt64
    /// That block's hash.
    public var blockHash: Bytes32
    /// The bundle transaction.
    public var transactionHash: Bytes32

    /// Reads ERC-7769's object.
    public init(json: JSONValue) throws {
        let object = try JSONReading.object(json, "user operation")
        userOperation = try UserOperation(json: object["userOperation"] ?? .null)
        entryPoint = try JSONReading.address(object, "entryPoint")
        blockNumber = try JSONReading.uint64(object, "blockNumber")
        blockHash = try JSONReading.bytes32(object, "blockHash")
        transactionHash = try JSONReading.bytes32(object, "transactionHash")
    }
}

/// `eth_getUserOperationReceipt`'s answer (ERC-7769): the operation's `UserOperationEvent`, its revert reason, its
/// own logs, and the bundle transaction's receipt.
public struct UserOperationReceipt: Hashable, Sendable {
    /// The EntryPoint's event for the operation: hash, sender, paymaster (zero when none), nonce, success, cost, gas.
    public var event: EntryPoint.UserOperationEvent
    /// The EntryPoint it went through.
    public var entryPoint: Address
    /// The revert data of the account's call, when it reverted (`UserOperationRevertReason`).
    public var reason: [UInt8]?
    /// The logs the operation's execution emitted (those between the previous operation's event and its own).
    public var logs: [RPCLog]
    /// The bundle transaction's receipt.
    public var receipt: RPCReceipt

    /// The bundle transaction's hash.
    public var transactionHash: TxHash { receipt.transactionHash }
    /// Whether the account's call succeeded.
    public var success: Bool { event.success }

    /// Reads ERC-7769's object.
    public init(json: JSONValue) throws {
        let object = try JSONReading.object(json, "user operation receipt")
        let paymasterText = object["paymaster"]?.stringValue ?? ""
        event = EntryPoint.UserOperationEvent(
            userOpHash: try JSONReading.bytes32(object, "userOpHash"), sender: try JSONReading.address(object, "sender"),
            paymaster: paymasterText.isEmpty || paymasterText == "0x" ? .zero
                : try BundlerClient.parse("paymaster", paymasterText) { try Address(hex: $0) },
            nonce: try JSONReading.quantity(object, "nonce"), success: object["success"] == .bool(true),
            actualGasCost: try JSONReading.quantity(object, "actualGasCost"),
            actualGasUsed: try JSONReading.quantity(object, "actualGasUsed"))
        entryPoint = try JSONReading.address(object, "entryPoint")
        if let text = object["reason"]?.stringValue, text != "0x" {
            reason = try BundlerClient.parse("reason", text) { try Hex.decode($0) }
        }
        logs = try JSONReading.decode([RPCLog].self, object["logs"] ?? .array([]), "logs")
        receipt = try JSONReading.decode(RPCReceipt.self, object["receipt"] ?? .null, "receipt")
    }
}

extension EntryPoint.UserOperationEvent {
    /// The event with these values.
    public init(
        userOpHash: Bytes32, sender: Address, paymaster: Address, nonce: UInt256, success: Bool,
        actualGasCost: UInt256, actualGasUsed: UInt256
    ) {
        self = try! Self(log: ChainLog(
            address: .zero, topics: [Self.topic0, userOpHash, Bytes32(leftPadding: sender), Bytes32(leftPadding: paymaster)],
            data: nonce.bigEndianBytes + UInt256(success ? 1 : 0).bigEndianBytes + actualGasCost.bigEndianBytes
                + actualGasUsed.bigEndianBytes))
    }
}

extension Bytes32 {
    /// The 32-byte word holding `address` in its low 20 bytes, as an indexed address topic.
    init(leftPadding address: Address) {
        var bytes = [UInt8](repeating: 0, count: 12)
        address.withUnsafeBytes { bytes.append(contentsOf: $0) }
        self = try! Bytes32(bytes)
    }
}

/// Reading the members of bundler answers, each failure an `unexpectedAnswer` naming the member.
enum JSONReading {
    static func object(_ json: JSONValue, _ what: String) throws -> [String: JSONValue] {
        guard let object = json.objectValue else {
            throw UserOperationClientError.unexpectedAnswer("\(what) is not an object: \(json.jsonText.prefix(120))")
        }
        return object
    }

    static func string(_ object: [String: JSONValue], _ name: String) throws -> String {
        guard let text = object[name]?.stringValue else {
            throw UserOperationClientError.unexpectedAnswer("\(name) is missing or not a string")
        }
        return text
    }

    static func quantity(_ object: [String: JSONValue], _ name: String) throws -> UInt256 {
        try BundlerClient.parse(name, try string(object, name)) { try Quantity.uint256($0) }
    }

    static func optionalQuantity(_ object: [String: JSONValue], _ name: String) throws -> UInt256? {
        guard let value = object[name], value != .null else { return nil }
        return try quantity(object, name)
    }

    static func uint64(_ object: [String: JSONValue], _ name: String) throws -> UInt64 {
        try BundlerClient.parse(name, try string(object, name)) { try Quantity.uint64($0) }
    }

    static func address(_ object: [String: JSONValue], _ name: String) throws -> Address {
        try BundlerClient.parse(name, try string(object, name)) { try Address(hex: $0) }
    }

    static func bytes32(_ object: [String: JSONValue], _ name: String) throws -> Bytes32 {
        try BundlerClient.parse(name, try string(object, name)) { try Bytes32(hex: $0) }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: JSONValue, _ what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(json.jsonText.utf8))
        } catch {
            throw UserOperationClientError.unexpectedAnswer("\(what): \(error)")
        }
    }
}
