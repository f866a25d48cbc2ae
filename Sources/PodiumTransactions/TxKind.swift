import PodiumPrimitives

/// What a transaction does with its `to` field: create a contract (empty `to`) or call an account.
public enum TxKind: Hashable, Sendable {
    /// Contract creation: `to` is empty and the input is the init code.
    case create
    /// A call to (or a value transfer to) this account.
    case call(Address)

    /// The address called, or nil for a creation.
    public var address: Address? {
        if case .call(let address) = self { address } else { nil }
    }
}
