import PodiumPrimitives

/// A message call for `eth_call` and `eth_estimateGas`: nothing is signed or sent.
public struct CallRequest: Hashable, Sendable {
    /// The caller (`from`); nil lets the node pick.
    public var from: Address?
    /// Nil to simulate a contract creation with `input` as init code.
    public var to: Address?
    /// The calldata, or the init code of a creation.
    public var input: [UInt8]
    /// Wei sent along; nil for none.
    public var value: UInt256?
    /// A gas limit for the simulation; nil for the node's default.
    public var gas: UInt64?

    /// A call of `to` (nil: a creation) with `input`, from `from`, with `value` wei and `gas`.
    public init(from: Address? = nil, to: Address?, input: [UInt8] = [], value: UInt256? = nil, gas: UInt64? = nil) {
        self.from = from
        self.to = to
        self.input = input
        self.value = value
        self.gas = gas
    }

    /// The call object. The calldata goes as `data`, the name every node accepts (the specification's `input` is
    /// not understood by some).
    public var json: JSONValue {
        var object: [String: JSONValue] = ["data": .data(input)]
        if let from { object["from"] = .address(from) }
        if let to { object["to"] = .address(to) }
        if let value { object["value"] = .quantity(value) }
        if let gas { object["gas"] = .quantity(gas) }
        return .object(object)
    }
}
