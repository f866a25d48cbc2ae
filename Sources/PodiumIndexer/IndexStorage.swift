/// What the indexer needs of a store, and all it needs: the state and its cursor, the stored window of headers a
/// reorg check walks, a batch committed at once, and a rollback above a block. `IndexStore` is the SQLite one; a
/// store on another database (PostgreSQL, with the same tables) implements these five operations, each atomic.
public protocol IndexStorage: Sendable {
    /// The indexer's state for `chainID`, or nil before the first batch.
    func state(chainID: UInt64) throws(IndexError) -> IndexState?
    /// The stored header at `number`, when the indexer relied on that block.
    func block(chainID: UInt64, number: UInt64) throws(IndexError) -> StoredBlock?
    /// Commits a batch's headers, raw and decoded rows and the state that moves the cursor, all or nothing.
    func commit(_ batch: IndexBatch) throws(IndexError)
    /// Deletes everything above block `number` and records `state`, all or nothing.
    func rollBack(chainID: UInt64, above number: UInt64, state: IndexState) throws(IndexError)
    /// Records `state` (a halt) without touching any row.
    func save(_ state: IndexState) throws(IndexError)
}

extension IndexStore: IndexStorage {}
