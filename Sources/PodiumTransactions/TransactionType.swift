/// An EIP-2718 transaction type: the first byte of a typed transaction; legacy transactions have none.
public enum TransactionType: UInt8, Hashable, Sendable, CustomStringConvertible {
    /// A legacy transaction (an RLP list, with EIP-155's chain id in v or without it); type 0 in JSON-RPC.
    case legacy = 0
    /// An EIP-2930 access-list transaction, type 1.
    case eip2930 = 1
    /// An EIP-1559 fee-market transaction, type 2.
    case eip1559 = 2

    /// `legacy`, `EIP-2930`, `EIP-1559`.
    public var description: String {
        switch self {
        case .legacy: "legacy"
        case .eip2930: "EIP-2930"
        case .eip1559: "EIP-1559"
        }
    }
}
