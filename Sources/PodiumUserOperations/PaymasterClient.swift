import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumRPC

/// A client of any ERC-7677 paymaster web service (`pm_getPaymasterStubData`, `pm_getPaymasterData`) for EntryPoint
/// v0.7 operations: it sends the operation in ERC-7769's JSON with the EntryPoint, the chain id and a context, and
/// reads the v0.7 paymaster fields back, strictly, into the operation's paymaster group.
public struct PaymasterClient: Sendable {
    /// The service's JSON-RPC endpoint.
    public let client: RPCClient

    /// A client of the service `client` talks to.
    public init(client: RPCClient) { self.client = client }

    /// A client of the service at `url`.
    public init(url: String) throws { self.client = try RPCClient(url: url) }

    /// What `pm_getPaymasterStubData` answered: stub paymaster fields for gas estimation.
    public struct StubData: Hashable, Sendable {
        /// The paymaster group to estimate with (its data as long as the final data).
        public var paymaster: UserOperation.Paymaster
        /// True when the stub is already final, so `pm_getPaymasterData` need not be called.
        public var isFinal: Bool
        /// ERC-7677's `sponsor.name`, when the service gave one.
        public var sponsorName: String?
    }

    /// `pm_getPaymasterStubData(operation, entryPoint, chainID, context)`.
    public func stubData(
        for operation: UserOperation, entryPoint: Address, chainID: UInt64, context: JSONValue = [:]
    ) async throws -> StubData {
        let answer = try await request("pm_getPaymasterStubData", operation, entryPoint, chainID, context)
        let paymaster = try Self.paymaster(in: answer, method: "pm_getPaymasterStubData", default: operation.paymaster)
        var isFinal = false
        switch answer["isFinal"] {
        case .bool(let value)?: isFinal = value
        case nil, .null?: break
        default: throw UserOperationClientError.unexpectedAnswer("pm_getPaymasterStubData: isFinal is not a boolean")
        }
        let name = answer["sponsor"]?.objectValue?["name"]?.stringValue
        return StubData(paymaster: paymaster, isFinal: isFinal, sponsorName: name)
    }

    /// `pm_getPaymasterData(operation, entryPoint, chainID, context)`: the final paymaster group, to be set on the
    /// operation (`operation.paymaster = …`) before the account signs it.
    public func data(
        for operation: UserOperation, entryPoint: Address, chainID: UInt64, context: JSONValue = [:]
    ) async throws -> UserOperation.Paymaster {
        let answer = try await request("pm_getPaymasterData", operation, entryPoint, chainID, context)
        return try Self.paymaster(in: answer, method: "pm_getPaymasterData", default: operation.paymaster)
    }

    private func request(
        _ method: String, _ operation: UserOperation, _ entryPoint: Address, _ chainID: UInt64, _ context: JSONValue
    ) async throws -> [String: JSONValue] {
        let params: [JSONValue] = [
            operation.json, .string(entryPoint.description), .string("0x" + String(chainID, radix: 16)), context,
        ]
        let result: JSONValue
        do {
            result = try await client.call(method, params, as: JSONValue.self)
        } catch RPCError.node(let refusal) {
            throw UserOperationClientError.paymasterRefused(method: method, refusal)
        }
        guard case .object(let answer) = result else {
            throw UserOperationClientError.unexpectedAnswer("\(method): the result is not an object")
        }
        return answer
    }

    /// The v0.7 fields of an answer: `paymaster` and `paymasterData` required, `paymasterPostOpGasLimit` required
    /// (ERC-7677), `paymasterVerificationGasLimit` optional (else the operation's, else 0).
    private static func paymaster(
        in answer: [String: JSONValue], method: String, default current: UserOperation.Paymaster?
    ) throws -> UserOperation.Paymaster {
        func text(_ name: String) throws -> String? {
            switch answer[name] {
            case .string(let text)?: return text
            case nil, .null?: return nil
            default: throw UserOperationClientError.unexpectedAnswer("\(method): \(name) is not a string")
            }
        }
        func required(_ name: String) throws -> String {
            guard let value = try text(name) else { throw UserOperationClientError.unexpectedAnswer("\(method): no \(name)") }
            return value
        }
        func gas(_ name: String, _ value: String) throws -> UInt256 {
            guard let gas = try? Quantity.uint256(value), gas <= UserOperation.maximumGasValue else {
                throw UserOperationClientError.unexpectedAnswer("\(method): \(name) is not a gas quantity below 2^120")
            }
            return gas
        }
        guard let address = try? Address(hex: try required("paymaster")) else {
            throw UserOperationClientError.unexpectedAnswer("\(method): paymaster is not an address")
        }
        guard let data = try? Hex.decode(try required("paymasterData")) else {
            throw UserOperationClientError.unexpectedAnswer("\(method): paymasterData is not 0x-hex bytes")
        }
        let postOp = try gas("paymasterPostOpGasLimit", try required("paymasterPostOpGasLimit"))
        let verification = try text("paymasterVerificationGasLimit").map { try gas("paymasterVerificationGasLimit", $0) }
            ?? current?.verificationGasLimit ?? .zero
        return UserOperation.Paymaster(address: address, verificationGasLimit: verification, postOpGasLimit: postOp, data: data)
    }
}
