import PodiumPrimitives
import PodiumRLP
import PodiumSigner

/// A field of a transaction, named as the JSON-RPC transaction object names it.
public enum TransactionField: String, Sendable {
    /// The chain id (typed transactions; in v for legacy ones).
    case chainId
    /// The sender's transaction count.
    case nonce
    /// The gas price (legacy and EIP-2930).
    case gasPrice
    /// EIP-1559's priority fee cap.
    case maxPriorityFeePerGas
    /// EIP-1559's total fee cap.
    case maxFeePerGas
    /// The gas limit.
    case gas
    /// The recipient, empty for a creation.
    case to
    /// The wei transferred.
    case value
    /// The call data or init code.
    case input
    /// EIP-2930's access list.
    case accessList
    /// A legacy transaction's v.
    case v
    /// A typed transaction's signature parity.
    case yParity
    /// The signature's r.
    case r
    /// The signature's s.
    case s
}

/// Why one entry of an access list is malformed (EIP-2930: `[address, [storageKey, …]]`).
public enum AccessListProblem: Equatable, Sendable, CustomStringConvertible {
    /// The entry is not a list of exactly two items.
    case notAPair
    /// The address is not a 20-byte string.
    case invalidAddress
    /// The storage keys are not a list.
    case storageKeysNotAList
    /// The storage key at this position is not a 32-byte string.
    case invalidStorageKey(index: Int)

    /// What is wrong, in a few words.
    public var description: String {
        switch self {
        case .notAPair: "not a list of an address and storage keys"
        case .invalidAddress: "the address is not 20 bytes"
        case .storageKeysNotAList: "the storage keys are not a list"
        case .invalidStorageKey(let index): "storage key \(index) is not 32 bytes"
        }
    }
}

/// Why bytes are not a transaction this module accepts, or why its sender cannot be recovered. Offsets count bytes
/// from the start of the raw transaction, the EIP-2718 type byte included.
public enum TransactionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There were no bytes.
    case emptyInput
    /// A first byte in 0x00…0x7f that is not a supported EIP-2718 type (1 for EIP-2930, 2 for EIP-1559).
    case unknownType(UInt8)
    /// A transaction of another type than the one being decoded; carries the first byte.
    case wrongType(expected: TransactionType, actual: UInt8)
    /// The transaction's fields at this offset are not an RLP list.
    case notAList(offset: Int)
    /// Bytes that are not canonical RLP; the error's offsets count from the start of the RLP list (after the type
    /// byte of a typed transaction).
    case malformedRLP(RLPError)
    /// Bytes after the end of the transaction, from this offset.
    case trailingBytes(offset: Int)
    /// A field list of the wrong length for its type.
    case wrongFieldCount(TransactionType, expected: Int, actual: Int)
    /// A field that must be a byte string is a list.
    case expectedBytes(TransactionField)
    /// A field that must be a list is a byte string.
    case expectedList(TransactionField)
    /// An integer field with a leading zero byte (RLP writes integers minimally; zero is the empty string).
    case nonCanonicalInteger(TransactionField)
    /// An integer field wider than its type allows (8 bytes for nonce, gas and chain id; 32 for amounts).
    case integerTooWide(TransactionField, byteCount: Int, maxByteCount: Int)
    /// A `to` that is neither empty (contract creation) nor 20 bytes; carries its byte count.
    case invalidToLength(Int)
    /// A malformed access-list entry, at this position.
    case invalidAccessList(entry: Int, AccessListProblem)
    /// A legacy v that is neither 27/28 nor chainId · 2 + 35/36 for a 64-bit chain id (EIP-155).
    case invalidV(UInt256)
    /// A typed transaction's yParity that is neither 0 nor 1.
    case invalidYParity(UInt256)
    /// The signature does not recover a sender (out-of-range r or s, high s, or no point).
    case invalidSignature(SignerError)

    /// One line naming the problem and where it is.
    public var description: String {
        switch self {
        case .emptyInput: "empty input: a transaction needs at least one byte"
        case .unknownType(let type): "unknown transaction type 0x\(String(type, radix: 16))"
        case .wrongType(let expected, let actual):
            "expected a \(expected) transaction, found first byte 0x\(String(actual, radix: 16))"
        case .notAList(let offset): "transaction fields at offset \(offset) are not an RLP list"
        case .malformedRLP(let error): "malformed transaction: \(error)"
        case .trailingBytes(let offset): "trailing bytes after the transaction, from offset \(offset)"
        case .wrongFieldCount(let type, let expected, let actual):
            "a signed \(type) transaction has \(expected) fields, got \(actual)"
        case .expectedBytes(let field): "transaction field \(field.rawValue) must be a byte string, found a list"
        case .expectedList(let field): "transaction field \(field.rawValue) must be a list, found a byte string"
        case .nonCanonicalInteger(let field): "transaction field \(field.rawValue) has a leading zero byte"
        case .integerTooWide(let field, let count, let max):
            "transaction field \(field.rawValue) is \(count) bytes, wider than \(max)"
        case .invalidToLength(let count): "transaction field to is empty or 20 bytes, got \(count)"
        case .invalidAccessList(let entry, let problem):
            "access list entry \(entry): \(problem)"
        case .invalidV(let v): "invalid legacy v \(v): expected 27, 28 or chainId * 2 + 35 or 36"
        case .invalidYParity(let parity): "invalid yParity \(parity): expected 0 or 1"
        case .invalidSignature(let error): "invalid transaction signature: \(error)"
        }
    }
}
