import PodiumABI
import PodiumPrimitives
import PodiumProvider
import PodiumRPC

/// A deployed contract and its ABI, for contracts without a typed binding: calls by function name with `ABIValue`
/// arguments, transactions through a `TransactionSender`, and its logs decoded.
public struct Contract: Sendable {
    /// Where the contract is.
    public let address: Address
    /// Its ABI.
    public let abi: ContractABI
    /// The node it is read through.
    public let client: RPCClient

    /// The contract at `address` with `abi`, read through `client`.
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
    /// throws `SendError` (with the decoded reason) when it would revert or did, or when its outcome is unknown.
    public func sendAndWait(
        _ function: String, _ arguments: [ABIValue] = [], from sender: TransactionSender, confirmations: UInt64 = 1
    ) async throws -> RPCReceipt {
        try await sender.sendAndWait(to: address, input: self.function(function).encodeCall(arguments), confirmations: confirmations)
    }

    /// The logs of `receipt` that this contract emitted, decoded against its ABI, in order. A log of this contract
    /// that the ABI does not explain (no event with its first topic, or data that does not decode) throws
    /// `ContractError.undecodableLog` naming it, rather than being left out.
    public func events(in receipt: RPCReceipt) throws(ContractError) -> [ABIDecodedLog] {
        var decoded: [ABIDecodedLog] = []
        for (index, log) in receipt.logs.enumerated() where log.address == address {
            guard let topic0 = log.topics.first, let event = abi.event(topic0: topic0) else {
                throw .undecodableLog(index: index, reason: "no event of the ABI has its first topic")
            }
            do {
                decoded.append(try event.decodeLog(topics: log.topics, data: log.data))
            } catch {
                throw .undecodableLog(index: index, reason: "as \(event.signature): \(error)")
            }
        }
        return decoded
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

/// A function that a `Contract` cannot pick by name, or a log it cannot explain.
public enum ContractError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The ABI has no function of that name.
    case noSuchFunction(String)
    /// The ABI has several functions of that name: their signatures.
    case ambiguousFunction(String, [String])
    /// Log `index` of a receipt came from the contract and does not decode against its ABI.
    case undecodableLog(index: Int, reason: String)

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .noSuchFunction(let name): "the ABI has no function \(name)"
        case .ambiguousFunction(let name, let signatures): "\(name) is overloaded: \(signatures.joined(separator: ", "))"
        case .undecodableLog(let index, let reason): "log \(index) of the receipt does not decode \(reason)"
        }
    }
}
