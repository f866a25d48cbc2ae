import PodiumPrimitives

/// One call a smart account makes for its operation: the target, the wei sent and the calldata (an argument of
/// SimpleAccount's `execute`, one element of `executeBatch`).
public struct AccountCall: Hashable, Sendable {
    /// The contract or account called.
    public var to: Address
    /// The wei the account sends with the call.
    public var value: UInt256
    /// The calldata.
    public var input: [UInt8]

    /// The call of `to` with `input`, carrying `value` wei.
    public init(to: Address, value: UInt256 = .zero, input: [UInt8]) {
        (self.to, self.value, self.input) = (to, value, input)
    }
}
