import PodiumABI
import PodiumPrimitives

/// What EntryPoint v0.7 reverts with (IEntryPoint.sol): `FailedOp(uint256 opIndex, string reason)`,
/// `FailedOpWithRevert(uint256 opIndex, string reason, bytes inner)` when the account or paymaster itself reverted,
/// `SenderAddressResult(address sender)` from `getSenderAddress`, or anything else a revert can say (a `require`
/// message such as "AA90 invalid beneficiary", a panic).
public enum EntryPointError: Error, Hashable, Sendable {
    /// Operation `index` failed validation for `reason` ("AA25 invalid account nonce").
    case failedOp(index: UInt256, reason: String)
    /// Operation `index` failed for `reason` ("AA23 reverted", "AA33 reverted") because the account or paymaster
    /// reverted with `inner`.
    case failedOpWithRevert(index: UInt256, reason: String, inner: [UInt8])
    /// `getSenderAddress(initCode)`'s answer: the account the initCode deploys is at this address.
    case senderAddressResult(Address)
    /// Revert data none of the above: `Error(string)`, `Panic(uint256)`, empty or unknown.
    case other(RevertReason)

    /// The selector of `FailedOp(uint256,string)`, 0x220266b6.
    public static let failedOpSelector = Selector(signature: "FailedOp(uint256,string)")
    /// The selector of `FailedOpWithRevert(uint256,string,bytes)`, 0x65c8fd4d.
    public static let failedOpWithRevertSelector = Selector(signature: "FailedOpWithRevert(uint256,string,bytes)")
    /// The selector of `SenderAddressResult(address)`, 0x6ca7b806.
    public static let senderAddressResultSelector = Selector(signature: "SenderAddressResult(address)")

    /// Explains `revertData`; throws when it starts with one of the three selectors (or `Error`'s or `Panic`'s)
    /// but its arguments do not decode.
    public init(revertData: some Sequence<UInt8>) throws(ABIDecodingError) {
        let data = Array(revertData)
        let selector = data.withUnsafeBytes { Selector(prefixOf: $0) }
        switch selector {
        case Self.failedOpSelector:
            let (index, reason) = try decodeCall(data, selector: Self.failedOpSelector, as: (UInt256, String).self)
            self = .failedOp(index: index, reason: reason)
        case Self.failedOpWithRevertSelector:
            let (index, reason, inner) = try decodeCall(
                data, selector: Self.failedOpWithRevertSelector, as: (UInt256, String, ABIBytes).self)
            self = .failedOpWithRevert(index: index, reason: reason, inner: inner.bytes)
        case Self.senderAddressResultSelector:
            self = .senderAddressResult(
                try decodeCall(data, selector: Self.senderAddressResultSelector, as: Address.self))
        default:
            self = .other(try RevertReason(decoding: data))
        }
    }

    /// The failing operation's index in the bundle, for `failedOp` and `failedOpWithRevert`.
    public var operationIndex: UInt256? {
        switch self {
        case .failedOp(let index, _), .failedOpWithRevert(let index, _, _): index
        default: nil
        }
    }

    /// The reason string: a `FailedOp`'s, or an `Error(string)`'s message.
    public var reason: String? {
        switch self {
        case .failedOp(_, let reason), .failedOpWithRevert(_, let reason, _), .other(.error(let reason)): reason
        default: nil
        }
    }

    /// The AAxx code the reason starts with.
    public var code: EntryPointErrorCode? { reason.flatMap(EntryPointErrorCode.init(reason:)) }

    /// What the account or paymaster reverted with, for `failedOpWithRevert`: its `Error(string)`, `Panic` or raw
    /// bytes (`unknown` when they do not decode).
    public var innerReason: RevertReason? {
        guard case .failedOpWithRevert(_, _, let inner) = self else { return nil }
        return (try? RevertReason(decoding: inner)) ?? .unknown(inner)
    }
}

extension EntryPointError: CustomStringConvertible {
    /// One line naming the reason, the operation, what the code means, who is at fault and the inner revert:
    /// `AA33 reverted (operation 0): the paymaster's validatePaymasterUserOp reverted or ran out of gas; at fault:
    /// paymaster; inner revert: Error(string): "not sponsored"`.
    public var description: String {
        switch self {
        case .senderAddressResult(let address): return "SenderAddressResult: the account is at \(address)"
        case .other(let revert) where code == nil: return "EntryPoint reverted: \(revert)"
        default: break
        }
        var text = reason ?? ""
        if let index = operationIndex { text += " (operation \(index))" }
        if let code { text += ": \(code.meaning); at fault: \(code.party)" }
        if let innerReason { text += "; inner revert: \(innerReason)" }
        return text
    }
}
