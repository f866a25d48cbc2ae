import PodiumIndexer
import PodiumLedger
import PodiumLedgerStore
import PodiumPrimitives
import PodiumRPC

/// Why a settlement could not go further. Every case says what to do next; none of them means money may have gone
/// out unrecorded: an outcome the chain has not told yet is `outcomeUnknown`, never a failure.
public enum SettlementError: Error, Sendable, CustomStringConvertible {
    /// The index has not followed the chain yet.
    case noIndex(chainID: UInt64)
    /// The index stopped on a reorg deeper than the finality depth.
    case indexHalted(String)
    /// The period has not ended by the last final block's time (or at all): its purchases are not all final.
    case notFinal(Period, finalizedBlock: UInt64, finalizedTime: UTCInstant)
    /// The period began before the distributor existed.
    case beforeDeployment(Period, first: Period)
    /// The board's previous period is not settled, so this one's carry-in is unknown.
    case previousUnsettled(Period, previous: Period)
    /// No standings were imported for the period.
    case noStandings(Period)
    /// The pool does not fit 256 bits.
    case poolOverflow(Period)
    /// The paying account is not the distributor's game wallet.
    case notGameWallet(payer: Address, gameWallet: Address)
    /// The distributor's owner paused it: nothing is paid until it is unpaused.
    case paused(Period)
    /// The period's payout exceeds the distributor's per-period cap.
    case overCap(Period, paid: UInt256, cap: UInt256)
    /// The distributor holds less than the period pays.
    case insufficientBalance(Period, paid: UInt256, balance: UInt256)
    /// The distributor already paid the period through a transaction this ledger did not send.
    case paidElsewhere(Period, transaction: Bytes32?)
    /// The payout transaction was mined and reverted, or the node refused it: recorded as FAILED.
    case payoutFailed(Period, transaction: Bytes32?, reason: String)
    /// Nothing was sent (the node refused to estimate the payout, say): the payout stays intended (PENDING).
    case notSent(Period, reason: String)
    /// The payout transaction was signed and may be in flight: re-run to resolve it from the chain.
    case outcomeUnknown(Period, transaction: Bytes32, detail: String)
    /// The deployment record lacks a contract settlement needs.
    case missingContract(String)
    /// The ledger, the index or the node failed.
    case ledger(LedgerError)
    case index(IndexError)
    case node(String)

    /// One line a person can act on.
    public var description: String {
        switch self {
        case .noIndex(let chainID): "the index holds nothing for chain \(chainID): run podium index first"
        case .indexHalted(let reason): "the index is halted (\(reason)): see podium index status"
        case .notFinal(let period, let block, let time):
            "\(period.board.rawValue) \(period) has not ended by the last final block (\(block), \(time)): its purchases are not all final yet; run podium index and try again after \(period.end)"
        case .beforeDeployment(let period, let first):
            "\(period.board.rawValue) \(period) began before the distributor was deployed; the board's first period is \(first)"
        case .previousUnsettled(let period, let previous):
            "settle \(previous.board.rawValue) \(previous) first: \(period)'s carry-in is its carry-out (podium settle --due settles in order)"
        case .noStandings(let period):
            "no standings imported for \(period.board.rawValue) \(period): podium standings import FILE --board \(period.board.rawValue) --period \(period) (an empty file with a header records that nobody played)"
        case .poolOverflow(let period): "the pool of \(period) exceeds 2^256 - 1 base units"
        case .notGameWallet(let payer, let wallet): "\(payer) is not the distributor's game wallet \(wallet): only it can pay"
        case .paused(let period): "the distributor is paused by its owner: \(period) stays PENDING; run settle again once it is unpaused"
        case .overCap(let period, let paid, let cap):
            "\(period) pays \(Units.format(paid, decimals: 18)) GLICO, over the distributor's period cap of \(Units.format(cap, decimals: 18)): it stays PENDING until the owner raises the cap"
        case .insufficientBalance(let period, let paid, let balance):
            "the distributor holds \(Units.format(balance, decimals: 18)) GLICO, less than the \(Units.format(paid, decimals: 18)) that \(period) pays: fund it, then run settle again"
        case .paidElsewhere(let period, let transaction):
            "the distributor already paid \(period.board.rawValue) \(period) (period id \(period.periodID)) in \(transaction.map(\.description) ?? "a transaction not yet indexed"), which this ledger did not send: recorded as FAILED; see podium reconcile"
        case .payoutFailed(let period, let transaction, let reason):
            "the payout of \(period) failed\(transaction.map { " (\($0))" } ?? ""): \(reason); recorded as FAILED, run settle again to retry"
        case .notSent(let period, let reason):
            "the payout of \(period) was not sent (\(reason)); it stays PENDING: run settle again once the cause is fixed"
        case .outcomeUnknown(let period, let transaction, let detail):
            "the payout of \(period) was sent as \(transaction) but its outcome is unknown (\(detail)); it is journaled: run settle again to resolve it from the chain (it will not pay twice)"
        case .missingContract(let name): "the deployment record has no \(name): run podium deploy"
        case .ledger(let error): error.description
        case .index(let error): error.description
        case .node(let message): message
        }
    }
}
