/// One entry of a contract's ABI (Solidity ABI spec, "JSON": the `type` field).
public enum ABIItem: Hashable, Sendable {
    /// `type: "function"`.
    case function(ABIFunction)
    /// `type: "event"`.
    case event(ABIEvent)
    /// `type: "error"`.
    case error(ABIError)
    /// `type: "constructor"`.
    case constructor(ABIConstructor)
    /// `type: "fallback"`.
    case fallback(ABIFallback)
    /// `type: "receive"`.
    case receive

    /// The kind as the JSON `type` field spells it.
    public var kind: String {
        switch self {
        case .function: "function"
        case .event: "event"
        case .error: "error"
        case .constructor: "constructor"
        case .fallback: "fallback"
        case .receive: "receive"
        }
    }
}

/// A contract's constructor: the arguments appended to the creation code.
public struct ABIConstructor: Hashable, Sendable {
    /// The constructor's parameters.
    public var inputs: [ABIParameter]
    /// `payable` when deployment may send ether, else `nonpayable`.
    public var stateMutability: ABIStateMutability

    /// A constructor with these parameters.
    public init(inputs: [ABIParameter] = [], stateMutability: ABIStateMutability = .nonpayable) {
        self.inputs = inputs
        self.stateMutability = stateMutability
    }
}

/// A contract's fallback function, called when no selector matches.
public struct ABIFallback: Hashable, Sendable {
    /// `payable` when it accepts ether, else `nonpayable`.
    public var stateMutability: ABIStateMutability

    /// A fallback function.
    public init(stateMutability: ABIStateMutability = .nonpayable) {
        self.stateMutability = stateMutability
    }
}
