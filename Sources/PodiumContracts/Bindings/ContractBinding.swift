import PodiumABI
import PodiumPrimitives
import PodiumRPC

/// A typed binding of a deployed contract: Swift methods for its functions and structs for its events, encoded and
/// decoded on the ABI module's typed path. Reads go through `client`; writes come back as `ContractCall`s, which a
/// `TransactionSender` sends or a smart account batches.
public protocol ContractBinding: Sendable {
    /// Where the contract is.
    var address: Address { get }
    /// The node it is read through.
    var client: RPCClient { get }
}

extension ContractBinding {
    /// Calls the function with canonical signature `signature` through `eth_call` at `block` and decodes its one
    /// output as `Output`. Throws `RPCError` (a revert is `.node`) or `ABIDecodingError`.
    public func read<each Argument: ABICodable, Output: ABICodable>(
        _ signature: String, _ arguments: repeat each Argument, as output: Output.Type, at block: BlockTag
    ) async throws -> Output {
        let call = write(signature, repeat each arguments)
        let data = try await client.call(CallRequest(to: address, input: call.input), at: block)
        return try ABI.decode(Output.self, from: data)
    }

    /// The call of the function with canonical signature `signature` and `arguments`, encoded, to send.
    public func write<each Argument: ABICodable>(
        _ signature: String, _ arguments: repeat each Argument
    ) -> ContractCall {
        ContractCall(to: address, input: Selector(signature: signature).bytes + ABI.encode(repeat each arguments))
    }

    /// The logs of `receipt` that this contract emitted as event `Event`, decoded, in order. A log of this contract
    /// with `Event`'s first topic that does not decode as `Event` throws, rather than being left out.
    public func events<Event: ABIEventType>(
        _ type: Event.Type, in receipt: RPCReceipt
    ) throws(ABIDecodingError) -> [Event] {
        try events(type, in: receipt.logs.map(\.log))
    }

    /// The logs among `logs` that this contract emitted as event `Event`, decoded, in order; as
    /// `events(_:in:)` for a receipt.
    public func events<Event: ABIEventType>(_ type: Event.Type, in logs: [ChainLog]) throws(ABIDecodingError) -> [Event] {
        let topic0 = Event.topic0
        var events: [Event] = []
        for log in logs where log.address == address && log.topics.first == topic0 {
            events.append(try Event(log: log))
        }
        return events
    }
}
