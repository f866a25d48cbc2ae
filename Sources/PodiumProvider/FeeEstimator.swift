import PodiumPrimitives
import PodiumRPC

/// EIP-1559 fees for the next block, priced as wallets price them: the median priority fee of recent blocks (at
/// least `minimumPriorityFee` when they show none) and a cap of twice the next base fee plus that tip. Every step
/// on the node's numbers checks for overflow, so a hostile answer is an error, never a trap.
public struct FeeEstimator: Sendable {
    /// EIP-1559 fee caps for one transaction.
    public struct Fees: Hashable, Sendable {
        /// The tip cap per gas.
        public let maxPriorityFeePerGas: UInt256
        /// The total fee cap per gas.
        public let maxFeePerGas: UInt256
    }

    /// The node asked for fee history.
    public let client: RPCClient
    /// How many recent blocks' tips are looked at.
    public var blockCount: UInt64 = 10
    /// The tip used when recent blocks paid none (1 gwei).
    public var minimumPriorityFee = UInt256(1_000_000_000)

    /// An estimator asking `client`'s node.
    public init(client: RPCClient) {
        self.client = client
    }

    /// The fees to offer now; throws `RPCError` for the node query and `SendError.invalidNodeData` when its
    /// numbers cannot be priced.
    public func suggestedFees() async throws -> Fees {
        let history = try await client.feeHistory(blockCount: blockCount, percentiles: [50])
        return try Self.fees(from: history, minimumPriorityFee: minimumPriorityFee)
    }

    /// The fees `history` calls for (pure, so tests can give it any numbers).
    public static func fees(from history: FeeHistory, minimumPriorityFee: UInt256) throws(SendError) -> Fees {
        guard let nextBaseFee = history.baseFeePerGas.last else {
            throw .invalidNodeData("eth_feeHistory gave no base fee; the chain must support EIP-1559")
        }
        let tips = history.reward.compactMap(\.first).filter { $0 > .zero }.sorted()
        let priority = tips.isEmpty ? minimumPriorityFee : tips[tips.count / 2]
        let doubled = nextBaseFee.multipliedReportingOverflow(by: 2)
        let cap = doubled.partialValue.addingReportingOverflow(priority)
        guard !doubled.overflow, !cap.overflow else {
            throw .invalidNodeData("eth_feeHistory's base fee \(nextBaseFee) and tip \(priority) overflow a 256-bit fee cap")
        }
        return Fees(maxPriorityFeePerGas: priority, maxFeePerGas: cap.partialValue)
    }

    /// `estimate` plus `marginPercent` percent of it, or an error when that does not fit in 64 bits.
    public static func gasLimit(estimate: UInt64, marginPercent: UInt64) throws(SendError) -> UInt64 {
        let (product, productOverflow) = estimate.multipliedReportingOverflow(by: marginPercent)
        let (limit, sumOverflow) = estimate.addingReportingOverflow(product / 100)
        guard !productOverflow, !sumOverflow else {
            throw .invalidNodeData("eth_estimateGas answered \(estimate) gas; with a \(marginPercent)% margin it overflows 64 bits")
        }
        return limit
    }
}
