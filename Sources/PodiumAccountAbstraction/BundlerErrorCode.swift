/// A bundler's JSON-RPC error code for a refused user operation: ERC-7769 ("eth_sendUserOperation", return value),
/// plus two of ERC-4337's earlier RPC section that bundlers still answer (-32506 and -32521).
public enum BundlerErrorCode: Int, CaseIterable, Hashable, Sendable {
    /// -32602: invalid UserOperation struct or fields.
    case invalidFields = -32602
    /// -32500: rejected by the EntryPoint's `simulateValidation`, during account creation or validation; the
    /// message is the `FailedOp`'s "AAxx" reason.
    case rejectedByEntryPoint = -32500
    /// -32501: rejected by the paymaster's `validatePaymasterUserOp`; `data.paymaster` names it.
    case rejectedByPaymaster = -32501
    /// -32502: an ERC-7562 opcode validation rule was broken.
    case opcodeViolation = -32502
    /// -32503: out of time range: the account or paymaster returned a validity window that has expired or will
    /// soon; `data.validUntil`, `data.validAfter` (and `data.paymaster` when it was the paymaster's).
    case outOfTimeRange = -32503
    /// -32504: the paymaster (or aggregator) is throttled or banned by ERC-7562's reputation rules;
    /// `data.paymaster`.
    case throttledOrBanned = -32504
    /// -32505: the paymaster's (or aggregator's) stake or unstake delay is too low; `data.paymaster`,
    /// `data.minimumStake`, `data.minimumUnstakeDelay`.
    case stakeTooLow = -32505
    /// -32506: the account asked for an unsupported signature aggregator (ERC-4337's earlier list; ERC-7769 drops
    /// it).
    case unsupportedAggregator = -32506
    /// -32507: the account's signature check failed (or the paymaster's, when its data carries a signature).
    case signatureCheckFailed = -32507
    /// -32508: the paymaster's deposit cannot cover all its pending user operations.
    case paymasterBalanceInsufficient = -32508
    /// -32521: the operation's execution reverted (or ran out of gas), as `eth_estimateUserOperationGas` reports
    /// it (ERC-4337's earlier list).
    case executionReverted = -32521

    /// What the code means, in a few words.
    public var meaning: String {
        switch self {
        case .invalidFields: "invalid user operation fields"
        case .rejectedByEntryPoint: "rejected by the EntryPoint's simulateValidation"
        case .rejectedByPaymaster: "rejected by the paymaster's validatePaymasterUserOp"
        case .opcodeViolation: "ERC-7562 opcode validation rule violated"
        case .outOfTimeRange: "user operation out of time range"
        case .throttledOrBanned: "paymaster or aggregator throttled or banned"
        case .stakeTooLow: "paymaster or aggregator stake or unstake delay too low"
        case .unsupportedAggregator: "unsupported signature aggregator"
        case .signatureCheckFailed: "signature check failed"
        case .paymasterBalanceInsufficient: "paymaster balance cannot cover its pending user operations"
        case .executionReverted: "user operation execution reverted"
        }
    }
}

extension BundlerErrorCode: CustomStringConvertible {
    /// `-32501 (rejected by the paymaster's validatePaymasterUserOp)`.
    public var description: String { "\(rawValue) (\(meaning))" }
}
