import PodiumPrimitives
import PodiumRPC

/// Follows a chain into an `IndexStore`: fetches the target's logs range by range, checks the node's answers
/// against the block headers, decodes Podium's events, and commits each range with its headers and the cursor in
/// one transaction. Before each range it checks the last indexed block against the node; on a mismatch it walks
/// back to the common ancestor and rolls the index back to it, and a mismatch at or below the finalized block
/// halts the index without writing.
public struct Indexer: Sendable {
    /// How the indexer reads the chain.
    public struct Options: Sendable {
        /// The first block to index (default: the target's start block).
        public var fromBlock: UInt64?
        /// The last block to index (default: the head, less `confirmations`).
        public var toBlock: UInt64?
        /// Blocks below the head to treat as final and to leave out, for nodes without a `finalized` tag or when
        /// set; nil uses the node's `finalized` block and indexes up to the head.
        public var confirmations: UInt64?
        /// The `eth_getLogs` range to start with; halved when the node refuses a range.
        public var initialRange: UInt64 = 1_000
        /// The widest range the indexer grows to after small answers.
        public var maximumRange: UInt64 = 100_000
        /// The most logs one answer should bring: a range that brings more is halved.
        public var maximumLogsPerRange = 10_000
        /// How long to wait between polls when following the head.
        public var pollInterval: Duration = .milliseconds(500)
        /// How many times in a row a step that failed on a bad or missing answer is tried again (50 ms, then
        /// doubling to 3.2 s, between tries) before the error is thrown; when following the head there is no limit.
        public var maximumRetries = 10

        /// Options with the bounds and confirmations given.
        public init(fromBlock: UInt64? = nil, toBlock: UInt64? = nil, confirmations: UInt64? = nil) {
            (self.fromBlock, self.toBlock, self.confirmations) = (fromBlock, toBlock, confirmations)
        }
    }

    /// What one step did, for progress lines.
    public struct Progress: Sendable {
        /// The state after the step.
        public let state: IndexState
        /// Logs committed by the step.
        public let logs: Int
        /// Blocks the step rolled back (a reorg), or 0.
        public let rolledBack: UInt64
    }

    /// The node read.
    public let client: RPCClient
    /// Where the index is written.
    public let store: any IndexStorage
    /// What is indexed.
    public let target: IndexTarget
    /// How.
    public var options: Options
    /// Where the indexer's metrics go, if anywhere.
    public let metrics: IndexMetrics?

    /// An indexer of `target` from `client`'s node into `store`, keeping `metrics` current when given.
    public init(
        client: RPCClient, store: any IndexStorage, target: IndexTarget, options: Options = Options(), metrics: IndexMetrics? = nil
    ) {
        (self.client, self.store, self.target, self.options, self.metrics) = (client, store, target, options, metrics)
    }

    /// Indexes up to the head (or `toBlock`) and returns; with `follow`, keeps up with the head until `shouldStop`
    /// says so (checked between ranges, so the range in hand is finished) or the task is cancelled.
    public func run(
        follow: Bool = false, shouldStop: @Sendable () -> Bool = { false }, progress report: @Sendable (Progress) -> Void = { _ in }
    ) async throws -> IndexState {
        func progress(_ step: Progress) {
            metrics?.record(step)
            report(step)
        }
        let nodeChain = try await retrying { try await rpc { try await client.chainID() } }
        guard nodeChain == target.chainID else { throw IndexError.wrongChain(expected: target.chainID, node: nodeChain) }
        var state = try store.state(chainID: target.chainID) ?? IndexState(
            // The cursor is the last block indexed: one before the first block, UInt64.max (wrapping) before block 0.
            chainID: target.chainID, cursor: (options.fromBlock ?? target.startBlock) &- 1, head: 0, finalized: 0,
            logRange: options.initialRange)
        if let halt = state.halt { throw IndexError.halted(halt) }
        // The smallest range the node refused in this run: growth stays below it.
        var refused = UInt64.max
        // A range's commit runs while the next range is fetched and checked: `tip` is the last header of the batch
        // in flight, against which the node is checked until the commit lands.
        var inFlight: (commit: Task<Void, any Error>, progress: Progress)?
        var tip: StoredBlock?
        func land() async throws {
            guard let landing = inFlight else { return }
            inFlight = nil
            try await landing.commit.value
            progress(landing.progress)
        }
        do {
            while true {
                try Task.checkCancellation()
                if shouldStop() {
                    try await land()
                    return state
                }
                let current = state, known = tip
                var ceiling = refused
                // Nothing of a failed step was written: it is simply done again.
                let step = try await retrying(patiently: follow) { try await self.step(current, tip: known, refused: &ceiling) }
                refused = ceiling
                switch step {
                case .tipReplaced:
                    // Maybe a reorg: the stored window decides, once everything in flight is stored.
                    try await land()
                    tip = nil
                case .rolledBack(let next, let blocks):
                    state = next
                    progress(Progress(state: next, logs: 0, rolledBack: blocks))
                case .caughtUp(let next):
                    state = next
                    try await land()
                    progress(Progress(state: next, logs: 0, rolledBack: 0))
                    guard follow else { return state }
                    let wake = ContinuousClock.now + options.pollInterval
                    while ContinuousClock.now < wake, !shouldStop() { try await Task.sleep(for: .milliseconds(20)) }
                case .indexed(let batch, let last):
                    try await land()
                    let store = self.store
                    inFlight = (Task.detached { try store.commit(batch) }, Progress(state: batch.state, logs: batch.logs.count, rolledBack: 0))
                    state = batch.state
                    tip = batch.blocks.last
                    if batch.state.cursor >= last {
                        try await land()
                        if !follow { return state }
                    }
                }
            }
        } catch {
            // A commit in flight lands or fails before the error is reported, so the store is what it says.
            if let landing = inFlight { _ = try? await landing.commit.value }
            throw error
        }
    }

    /// What one step did.
    private enum Step {
        /// The range up to the head (less confirmations) is indexed: nothing to do until the head moves.
        case caughtUp(IndexState)
        /// The node no longer has the in-flight tip: the stored window must be checked once the commit lands.
        case tipReplaced
        /// A reorg was rolled back by this many blocks.
        case rolledBack(IndexState, blocks: UInt64)
        /// A range was read and checked, to be committed; `last` is the highest block this run indexes for now.
        case indexed(IndexBatch, last: UInt64)
    }

    /// One range, or one rollback. `tip`, when given, is the last indexed header (its commit may be in flight);
    /// else the store's is read.
    private func step(_ current: IndexState, tip: StoredBlock?, refused: inout UInt64) async throws -> Step {
        var state = current
        let head = try await rpc { try await client.blockNumber() }
        state.head = head
        let finalized = try await finalizedBlock(head: head)
        state.finalized = max(state.finalized, min(finalized, head))
        // The last indexed block must still be the node's; a lagging node (it does not have it yet) means wait.
        if state.cursor != UInt64.max {
            if let tip {
                guard let node = try await header(tip.number) else { return .caughtUp(state) }
                if node.hash != tip.hash { return .tipReplaced }
            } else if let stored = try store.block(chainID: state.chainID, number: state.cursor) {
                guard let node = try await header(stored.number) else { return .caughtUp(state) }
                if node.hash != stored.hash {
                    let ancestor = try await commonAncestor(below: stored, state: state)
                    let rolledBack = state.cursor - ancestor
                    state.cursor = ancestor
                    try store.rollBack(chainID: state.chainID, above: ancestor, state: state)
                    return .rolledBack(state, blocks: rolledBack)
                }
            }
        }
        let keepOut = options.confirmations ?? 0
        let last = min(options.toBlock ?? UInt64.max, head >= keepOut ? head - keepOut : 0)
        let from = state.cursor &+ 1
        guard state.cursor == UInt64.max || state.cursor < last else { return .caughtUp(state) }
        var to = min(last, from + max(state.logRange, 1) - 1)
        var logs: [RPCLog]
        while true {
            do {
                logs = try await client.logs(LogFilter(
                    fromBlock: .number(from), toBlock: .number(to), addresses: target.addresses, topics: [target.topics]))
                break
            } catch let error as RPCError {
                let asked = to - from + 1
                let range: UInt64
                switch error {
                case .node(let nodeError) where to > from:
                    guard let suggested = RangeLimit.range(after: nodeError, asked: asked) else { throw IndexError.rpc(error) }
                    range = suggested
                case .responseTooLarge where to > from:
                    range = asked / 2  // more logs than the client takes in one answer: ask for fewer blocks
                default:
                    throw IndexError.rpc(error)
                }
                metrics?.recordError(.rpc(error))
                refused = min(refused, asked)
                state.logRange = range
                to = from + range - 1
            }
        }
        // The range follows the answers: it halves when one brings more than `maximumLogsPerRange` logs (so memory
        // stays flat), and doubles after a small one up to `maximumRange`, never to a size the node refused.
        if logs.count > options.maximumLogsPerRange, state.logRange > 1 {
            state.logRange /= 2
        } else if logs.count < options.maximumLogsPerRange / 10, to - from + 1 == state.logRange {
            state.logRange = max(state.logRange, min(state.logRange * 2, options.maximumRange, refused - 1))
        }
        return .indexed(try await assemble(logs: logs, from: from, to: to, state: state), last: last)
    }

    /// The batch for the range `from...to`: the logs checked against their blocks' headers, every unfinalized
    /// header of the range (so a later reorg can be walked back), and the state after it.
    private func assemble(logs: [RPCLog], from: UInt64, to: UInt64, state: IndexState) async throws -> IndexBatch {
        var numbers = Set(logs.compactMap(\.blockNumber))
        numbers.insert(to)
        let unfinalizedStart = max(from, state.finalized &+ 1)
        if unfinalizedStart <= to { numbers.formUnion(unfinalizedStart...to) }
        let fetched = try await headersAndBlooms(numbers.sorted())
        let headers = fetched.mapValues(\.header)
        try await checkBlooms(fetched, logs: logs)
        var indexed: [IndexedLog] = []
        var seen = Set<SIMD2<UInt64>>()
        for log in logs {
            guard let position = log.position, let blockHash = log.blockHash, let transactionHash = log.transactionHash,
                !log.removed, (from...to).contains(position.blockNumber)
            else { throw IndexError.inconsistentNode("a log outside the range asked for, or without its position") }
            guard headers[position.blockNumber]?.hash == blockHash else {
                throw IndexError.inconsistentNode("a log of block \(position.blockNumber) names another block hash than its header")
            }
            guard seen.insert(SIMD2(position.blockNumber, position.logIndex)).inserted else {
                throw IndexError.inconsistentNode("two logs at \(position)")
            }
            guard target.keeps(log.log) else { continue }
            let event: PodiumEvent? = if case .event(let event) = PodiumEvent.decode(log.log) { event } else { nil }
            indexed.append(IndexedLog(
                log: log.log, position: position, blockHash: blockHash, transactionHash: transactionHash, event: event))
        }
        // Consecutive unfinalized headers must link up; a gap means answers from two branches.
        let sorted = headers.values.sorted { $0.number < $1.number }
        for (parent, child) in zip(sorted, sorted.dropFirst()) where child.number == parent.number + 1 {
            guard child.parentHash == parent.hash else {
                throw IndexError.inconsistentNode("block \(child.number) does not follow block \(parent.number)")
            }
        }
        var next = state
        next.cursor = to
        // Final blocks are kept only where a log or the cursor needs them: the window above them is what a reorg
        // check walks, and what is kept does not depend on how the ranges fell.
        let withLogs = Set(indexed.map(\.position.blockNumber))
        let kept = sorted.filter { $0.number > state.finalized || $0.number == to || withLogs.contains($0.number) }
        return IndexBatch(range: from...to, blocks: kept, logs: indexed, state: next)
    }

    /// Checks the answer against the blocks' blooms: every log must be in its block's bloom, and a block whose
    /// bloom may hold one of the target's logs but for which none came back is asked again by its hash; a log found
    /// then means the range's answer missed it.
    private func checkBlooms(_ blocks: [UInt64: (header: StoredBlock, bloom: LogsBloom?)], logs: [RPCLog]) async throws {
        var cache = BloomBitsCache()
        var blocksWithLogs = Set<UInt64>()
        for log in logs {
            guard let number = log.blockNumber else { continue }
            blocksWithLogs.insert(number)
            if let bloom = blocks[number]?.bloom, !cache.bloom(bloom, mayContain: log.log) {
                throw IndexError.inconsistentNode("a log of block \(number) is not in the block's bloom")
            }
        }
        let addressBits = target.addresses.map { cache.bits(of: $0.bytes) }
        let topicBits = target.topics.map { cache.bits(of: $0.bytes) }
        for (number, block) in blocks where !blocksWithLogs.contains(number) {
            guard let bloom = block.bloom, addressBits.contains(where: bloom.mayContain), topicBits.contains(where: bloom.mayContain)
            else { continue }
            let again = try await rpc {
                try await client.logs(LogFilter(blockHash: block.header.hash, addresses: target.addresses, topics: [target.topics]))
            }
            if !again.isEmpty {
                throw IndexError.inconsistentNode("block \(number) has \(again.count) logs the range's answer left out")
            }
        }
    }

    /// The highest block whose stored header is still the node's, walking down from `stored`; throws
    /// `reorgBelowFinality` (and records the halt) when the walk reaches the finalized block.
    private func commonAncestor(below stored: StoredBlock, state: IndexState) async throws -> UInt64 {
        var number = stored.number
        while true {
            guard let mine = try store.block(chainID: state.chainID, number: number) else {
                // Below the stored window: only finalized blocks, which no reorg may replace.
                return number
            }
            guard let node = try await header(number) else { throw IndexError.inconsistentNode("block \(number) vanished") }
            if node.hash == mine.hash { return number }
            if number <= state.finalized {
                var halted = state
                halted.halt = "reorg below finality at block \(number)"
                try store.save(halted)
                metrics?.recordHalt()
                throw IndexError.reorgBelowFinality(block: number, stored: mine.hash, node: node.hash)
            }
            guard number > 0 else { return 0 }
            number -= 1
        }
    }

    /// The finalized block: the node's `finalized` tag, or `confirmations` below the head when set.
    private func finalizedBlock(head: UInt64) async throws -> UInt64 {
        if let confirmations = options.confirmations { return head >= confirmations ? head - confirmations : 0 }
        let block = try await rpc { try await client.block(.finalized) }
        return block?.number ?? 0
    }

    /// The node's header at `number`, or nil when it has no such block (yet).
    private func header(_ number: UInt64) async throws -> StoredBlock? {
        try await headers([number])[number]
    }

    /// The node's headers at `numbers`, fetched in JSON-RPC batches of 100; a block the node lacks is left out.
    private func headers(_ numbers: [UInt64]) async throws -> [UInt64: StoredBlock] {
        try await headersAndBlooms(numbers).mapValues(\.header)
    }

    /// The headers at `numbers` with their logs blooms.
    private func headersAndBlooms(_ numbers: [UInt64]) async throws -> [UInt64: (header: StoredBlock, bloom: LogsBloom?)] {
        var found: [UInt64: (header: StoredBlock, bloom: LogsBloom?)] = [:]
        for start in stride(from: 0, to: numbers.count, by: 100) {
            let chunk = Array(numbers[start..<min(start + 100, numbers.count)])
            let answers: [Result<RPCBlock?, RPCError>] = try await rpc {
                try await client.batch(chunk.map { ("eth_getBlockByNumber", [BlockTag.number($0).json, .bool(false)]) })
            }
            for (number, answer) in zip(chunk, answers) {
                guard let block = try answer.mapError({ IndexError.rpc($0) }).get() else { continue }
                guard block.number == number else { throw IndexError.inconsistentNode("asked for block \(number), got \(block.number)") }
                found[number] = (
                    StoredBlock(number: number, hash: block.hash, parentHash: block.parentHash, timestamp: block.timestamp),
                    LogsBloom(block.logsBloom))
            }
        }
        return found
    }

    /// Runs `body` until it succeeds, again after a transient failure (`IndexError.isTransient`): up to
    /// `maximumRetries` times with pauses from 50 ms doubling to 3.2 s; `patiently` (following the head), for as
    /// long as it takes, the pauses growing to 30 s, so that indexing resumes by itself after a long outage. Each
    /// pause is jittered (half to all of it), so that many indexers do not come back at the same instant.
    private func retrying<Value>(patiently: Bool = false, _ body: () async throws -> Value) async throws -> Value {
        var failures = 0
        while true {
            do {
                return try await body()
            } catch let error as IndexError where error.isTransient && (patiently || failures < options.maximumRetries) {
                metrics?.recordError(error)
                failures += 1
                let pause = min(50 << min(failures, 10), patiently ? 30_000 : 3_200)
                try await Task.sleep(for: .milliseconds(Int.random(in: pause / 2...pause)))
            }
        }
    }

    /// A node request, its failure reported as `IndexError.rpc`; cancellation passes through.
    private func rpc<Value>(_ body: () async throws -> Value) async throws -> Value {
        do { return try await body() } catch is CancellationError { throw CancellationError() } catch let error as IndexError {
            throw error
        } catch {
            throw IndexError.rpc(error)
        }
    }
}
