import PodiumAccountAbstraction
import PodiumPrimitives

/// How a `Bundler` works: the EntryPoint it serves, how often it bundles, the bounds it checks before simulating,
/// and the figures of its gas estimation.
public struct BundlerConfiguration: Sendable {
    /// The EntryPoint v0.7 it serves (Podium's, or the canonical one).
    public var entryPoint: Address
    /// How long it waits between bundles.
    public var bundleInterval: Duration
    /// The size bounds checked before any simulation (Podium's EntryPoint's by default; they also bound a bundle).
    public var limits: UserOperationLimits
    /// The preVerificationGas overheads of `eth_estimateUserOperationGas`.
    public var overheads: PreVerificationGasOverheads
    /// The first block searched for `UserOperationEvent` logs (receipts and by-hash lookups).
    public var logsFromBlock: UInt64
    /// The highest verificationGasLimit (and paymasterVerificationGasLimit) the estimation's binary search tries.
    public var maximumVerificationGas: UInt64
    /// Extra gas on top of the smallest verification limit that validates, in percent.
    public var verificationMarginPercent: UInt64
    /// Extra gas on top of a call's `eth_estimateGas`, in percent.
    public var callGasMarginPercent: UInt64
    /// The gas assumed for an inner call of an undeployed account whose `eth_estimateGas` fails (it depends on an
    /// earlier call of the same operation, such as a purchase after its approve).
    public var defaultInnerCallGas: UInt64
    /// The account's own work around its inner calls (proxy, ABI decoding, memory) for an undeployed account.
    public var accountExecutionOverhead: UInt64
    /// Verification gas added when the estimate had to run without fees and the account pays its own prefund:
    /// the transfer of missingAccountFunds to the EntryPoint and the deposit it writes, which a zero fee skips.
    public var prefundTransferAllowance: UInt64

    /// A configuration for `entryPoint`, bundling every `bundleInterval`, with Podium's bounds and these defaults:
    /// verification search up to 2,000,000 gas with a 15% margin, call estimates with 10%, 100,000 gas for an inner
    /// call that cannot be estimated, 50,000 for the account's own execution, 40,000 for the prefund transfer.
    public init(
        entryPoint: Address, bundleInterval: Duration = .milliseconds(500), limits: UserOperationLimits = .podium,
        overheads: PreVerificationGasOverheads = .default, logsFromBlock: UInt64 = 0
    ) {
        self.entryPoint = entryPoint
        self.bundleInterval = bundleInterval
        self.limits = limits
        self.overheads = overheads
        self.logsFromBlock = logsFromBlock
        maximumVerificationGas = 2_000_000
        verificationMarginPercent = 15
        callGasMarginPercent = 10
        defaultInnerCallGas = 100_000
        accountExecutionOverhead = 50_000
        prefundTransferAllowance = 40_000
    }
}
