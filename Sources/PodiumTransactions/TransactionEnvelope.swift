import PodiumPrimitives
import PodiumSigner

/// A signed transaction of any supported type, as raw bytes decode to it (EIP-2718).
public enum TransactionEnvelope: Hashable, Sendable {
    /// A legacy transaction, with or without EIP-155.
    case legacy(Signed<LegacyTransaction>)
    /// An EIP-2930 transaction.
    case eip2930(Signed<EIP2930Transaction>)
    /// An EIP-1559 transaction.
    case eip1559(Signed<EIP1559Transaction>)

    /// Decodes raw signed bytes of any supported type, strictly; the first byte picks the type.
    public init(rawBytes: some Collection<UInt8>) throws(TransactionError) {
        switch try EIP2718.type(of: rawBytes) {
        case .legacy: self = .legacy(try Signed(rawBytes: rawBytes))
        case .eip2930: self = .eip2930(try Signed(rawBytes: rawBytes))
        case .eip1559: self = .eip1559(try Signed(rawBytes: rawBytes))
        }
    }

    /// The EIP-2718 type.
    public var type: TransactionType {
        switch self {
        case .legacy: .legacy
        case .eip2930: .eip2930
        case .eip1559: .eip1559
        }
    }

    /// The raw signed bytes.
    public var rawBytes: [UInt8] {
        switch self {
        case .legacy(let signed): signed.rawBytes
        case .eip2930(let signed): signed.rawBytes
        case .eip1559(let signed): signed.rawBytes
        }
    }

    /// The transaction hash: keccak256 of the raw signed bytes.
    public var hash: TxHash { Keccak256.hash(rawBytes) }

    /// The signature.
    public var signature: Signature {
        switch self {
        case .legacy(let signed): signed.signature
        case .eip2930(let signed): signed.signature
        case .eip1559(let signed): signed.signature
        }
    }

    /// The sender, recovered from the signature (see `Signed.sender()`).
    public func sender() throws(TransactionError) -> Address {
        switch self {
        case .legacy(let signed): try signed.sender()
        case .eip2930(let signed): try signed.sender()
        case .eip1559(let signed): try signed.sender()
        }
    }
}
