import PodiumABI
import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumRPC

/// Where the indexer stands on one chain, as `index_state` keeps it.
public struct IndexState: Equatable, Sendable {
    /// The chain.
    public var chainID: UInt64
    /// The last block indexed: everything up to it is in the tables.
    public var cursor: UInt64
    /// The node's head when last asked.
    public var head: UInt64
    /// The finalized block when last asked; it never goes backwards.
    public var finalized: UInt64
    /// The `eth_getLogs` block range that works with this node.
    public var logRange: UInt64
    /// Why the indexer stopped for good (a reorg below finality), or nil.
    public var halt: String?

    /// A state with every field given.
    public init(chainID: UInt64, cursor: UInt64, head: UInt64, finalized: UInt64, logRange: UInt64, halt: String? = nil) {
        (self.chainID, self.cursor, self.head, self.finalized, self.logRange, self.halt) =
            (chainID, cursor, head, finalized, logRange, halt)
    }
}

/// A block header the indexer relied on.
public struct StoredBlock: Equatable, Sendable {
    /// The height.
    public let number: UInt64
    /// The header's hash.
    public let hash: BlockHash
    /// The parent's hash.
    public let parentHash: BlockHash
    /// Seconds since the epoch.
    public let timestamp: UInt64

    /// A header with every field given.
    public init(number: UInt64, hash: BlockHash, parentHash: BlockHash, timestamp: UInt64) {
        (self.number, self.hash, self.parentHash, self.timestamp) = (number, hash, parentHash, timestamp)
    }
}

/// A log to store, where it sits, and its decoding when it is one of Podium's events.
public struct IndexedLog: Sendable {
    /// The log.
    public let log: ChainLog
    /// Where it sits in the chain.
    public let position: LogPosition
    /// The hash of its block.
    public let blockHash: BlockHash
    /// Its transaction.
    public let transactionHash: TxHash
    /// Its decoding, when it is one of Podium's events.
    public let event: PodiumEvent?
}

/// What one batch commits: headers, logs and the state after it.
public struct IndexBatch: Sendable {
    /// The blocks the batch covers: everything in them is indexed once it commits.
    public var range: ClosedRange<UInt64>
    /// The headers to keep: the blocks of its logs, the unfinalized ones and the last (the new cursor).
    public var blocks: [StoredBlock]
    /// The logs, in chain order.
    public var logs: [IndexedLog]
    /// The state after the batch.
    public var state: IndexState
}

/// Podium's events, decoded into their tables.
public enum PodiumEvent: Sendable {
    case prizesDistributed(PrizeDistributor.PrizesDistributed)
    case periodPaid(PrizeDistributor.PeriodPaid)
    case gamePassPurchased(GamePassSale.GamePassPurchased)
    case transfer(GlicoToken.Transfer)
    case userOperation(EntryPoint.UserOperationEvent)
    case accountDeployed(EntryPoint.AccountDeployed)

    /// The version of the decoding into the tables, recorded in `index_state` (2: the EntryPoint's events).
    static let decoderVersion = 2

    /// What a log is to the decoder.
    enum Decoding {
        /// One of Podium's events.
        case event(PodiumEvent)
        /// Another log: it is kept in `logs` only.
        case other
        /// A log with the first topic of one of Podium's events that does not decode as it: kept in `logs` only,
        /// and counted.
        case undecodable
    }

    /// What `log` is: one of Podium's events when its first topic says so and it decodes.
    static func decode(_ log: ChainLog) -> Decoding {
        guard let topic0 = log.topics.first else { return .other }
        do {
            switch topic0 {
            case PrizeDistributor.PrizesDistributed.topic0: return .event(.prizesDistributed(try .init(log: log)))
            case PrizeDistributor.PeriodPaid.topic0: return .event(.periodPaid(try .init(log: log)))
            case GamePassSale.GamePassPurchased.topic0: return .event(.gamePassPurchased(try .init(log: log)))
            case GlicoToken.Transfer.topic0: return .event(.transfer(try .init(log: log)))
            case EntryPoint.UserOperationEvent.topic0: return .event(.userOperation(try .init(log: log)))
            case EntryPoint.AccountDeployed.topic0: return .event(.accountDeployed(try .init(log: log)))
            default: return .other
            }
        } catch {
            return .undecodable
        }
    }
}

/// Why indexing stopped.
public enum IndexError: Error, Sendable, CustomStringConvertible {
    /// The database file could not be opened, read or written.
    case store(path: String, underlying: any Error)
    /// The database was migrated by a newer Podium.
    case newerDatabase(path: String, migration: String)
    /// A stored value is not what this code wrote.
    case corrupt(String)
    /// The index config (or the deployment record it comes from) cannot be used.
    case config(String)
    /// The node is on another chain than the index or the config.
    case wrongChain(expected: UInt64, node: UInt64)
    /// A reorg replaced a block at or below the finalized one: nothing was written.
    case reorgBelowFinality(block: UInt64, stored: BlockHash, node: BlockHash)
    /// The index halted earlier and stays halted until it is rebuilt.
    case halted(String)
    /// The node's answers did not fit together after several tries.
    case inconsistentNode(String)
    /// A node request failed.
    case rpc(any Error)

    /// Whether trying the step again may succeed: the node's answer was lost, refused for load, malformed or
    /// inconsistent. A reorg below finality, a halt, a wrong chain and store errors are not.
    public var isTransient: Bool {
        switch self {
        case .inconsistentNode: true
        case .rpc(let error):
            if let error = error as? RPCError {
                switch error {
                case .transport, .httpStatus, .decoding, .nullResult, .responseTooLarge: true
                case .node, .configuration: false
                }
            } else { false }
        case .store, .newerDatabase, .corrupt, .config, .wrongChain, .reorgBelowFinality, .halted: false
        }
    }

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .store(let path, let underlying): "index \(path): \(underlying)"
        case .newerDatabase(let path, let migration):
            "index \(path) was written by a newer Podium (schema \(migration)); use that version or a new file"
        case .corrupt(let detail): "the index is corrupt: \(detail)"
        case .config(let detail): "index config: \(detail)"
        case .wrongChain(let expected, let node): "the node is chain \(node), the index is for chain \(expected)"
        case .reorgBelowFinality(let block, let stored, let node):
            "reorg below finality at block \(block): the index holds \(Hex.encode(stored.bytes)), the node now \(Hex.encode(node.bytes)); nothing was written"
        case .halted(let why): "the index is halted: \(why)"
        case .inconsistentNode(let detail): "the node's answers do not fit together: \(detail)"
        case .rpc(let error): "\(error)"
        }
    }
}
