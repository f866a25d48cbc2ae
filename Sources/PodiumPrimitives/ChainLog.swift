/// A log as the chain records it: the emitting contract, up to four topics and the data (the consensus form,
/// without the block and transaction it came from; `RPCLog` adds those).
public struct ChainLog: Hashable, Sendable {
    /// The contract that emitted the log.
    public var address: Address
    /// The indexed words: for a Solidity or Vyper event, topic 0 is the event's selector.
    public var topics: [Bytes32]
    /// The ABI-encoded non-indexed arguments.
    public var data: [UInt8]

    public init(address: Address, topics: [Bytes32], data: [UInt8]) {
        self.address = address
        self.topics = topics
        self.data = data
    }
}

/// Where a log sits in the chain's total order: block, then transaction, then log index within the block. Sorting
/// positions sorts logs as the chain emitted them, so an indexer can use it as a checkpoint.
public struct LogPosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var blockNumber: UInt64
    public var transactionIndex: UInt64
    /// The log's index in its block (not in its transaction), as JSON-RPC's `logIndex` counts.
    public var logIndex: UInt64

    public init(blockNumber: UInt64, transactionIndex: UInt64, logIndex: UInt64) {
        self.blockNumber = blockNumber
        self.transactionIndex = transactionIndex
        self.logIndex = logIndex
    }

    public static func < (lhs: LogPosition, rhs: LogPosition) -> Bool {
        (lhs.blockNumber, lhs.transactionIndex, lhs.logIndex) < (rhs.blockNumber, rhs.transactionIndex, rhs.logIndex)
    }

    /// `block:transaction:log`, as in `120:3:7`.
    public var description: String { "\(blockNumber):\(transactionIndex):\(logIndex)" }
}
