import PodiumABI
import PodiumPrimitives
import PodiumProvider
import PodiumRPC

/// A deployed contract and its ABI: calls by function name with `ABIValue` arguments, transactions through a
/// `TransactionSender`, and its logs decoded.
public struct Contract: Sendable {
    public let address: Address
    public let abi: ContractABI
    public let client: RPCClient

    public init(address: Address, abi: ContractABI, client: RPCClient) {
        self.address = address
        self.abi = abi
        self.client = client
    }

    /// Calls `function` (a name, unique in the ABI) with `eth_call` and decodes its outputs. A revert throws
    /// `RPCError.node`; its `revertReason(errors:)` decodes the reason.
    public func call(_ function: String, _ arguments: [ABIValue] = [], from: Address? = nil, at block: BlockTag = .latest) async throws -> [ABIValue] {
        let abiFunction = try self.function(function)
        let output = try await client.call(
            CallRequest(from: from, to: address, input: abiFunction.encodeCall(arguments)), at: block)
        return try abiFunction.decodeOutput(output)
    }

    /// Sends a transaction calling `function` from `sender`'s account, waits for its receipt and returns it;
    /// throws `SendError` (with the decoded reason) when it would revert or did.
    public func send(_ function: String, _ arguments: [ABIValue] = [], from sender: TransactionSender) async throws -> RPCReceipt {
        try await sender.sendAndWait(to: address, input: self.function(function).encodeCall(arguments))
    }

    /// The logs of `receipt` that this contract emitted and its ABI explains, decoded, in order.
    public func events(in receipt: RPCReceipt) -> [ABIDecodedLog] {
        receipt.logs.compactMap { log in
            guard log.address == address, let topic0 = log.topics.first, let event = abi.event(topic0: topic0) else {
                return nil
            }
            return try? event.decodeLog(topics: log.topics, data: log.data)
        }
    }

    /// The function named `name`.
    public func function(_ name: String) throws(ContractError) -> ABIFunction {
        let overloads = abi.functions(named: name)
        guard overloads.count == 1 else {
            throw overloads.isEmpty ? .noSuchFunction(name) : .ambiguousFunction(name, overloads.map(\.signature))
        }
        return overloads[0]
    }
}

/// A function that a `Contract` cannot pick by name.
public enum ContractError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSuchFunction(String)
    case ambiguousFunction(String, [String])

    public var description: String {
        switch self {
        case .noSuchFunction(let name): "the ABI has no function \(name)"
        case .ambiguousFunction(let name, let signatures): "\(name) is overloaded: \(signatures.joined(separator: ", "))"
        }
    }
}
