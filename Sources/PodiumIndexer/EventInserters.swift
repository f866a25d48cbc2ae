import GRDB
import PodiumPrimitives

/// The INSERTs of one commit: a raw log into `logs`, and a decoded event into its table (`prize_winners` too, for
/// `PrizesDistributed`). Each statement is prepared once per connection and bound through `RowInserter`.
struct EventInserters {
    private var log: RowInserter
    private var prizesDistributed: RowInserter
    private var prizeWinner: RowInserter
    private var periodPaid: RowInserter
    private var gamePassPurchase: RowInserter
    private var tokenTransfer: RowInserter
    private var userOperation: RowInserter
    private var accountDeployment: RowInserter

    /// The inserters of the write `db`.
    init(_ db: Database) throws {
        log = try RowInserter(db, sql: """
            INSERT INTO logs (chain_id, block_number, block_hash, transaction_hash, transaction_index, log_index,
            address, topic0, topic1, topic2, topic3, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        prizesDistributed = try RowInserter(db, sql: """
            INSERT INTO prizes_distributed (log_id, chain_id, block_number, contract, prize_type, timestamp, total)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        prizeWinner = try RowInserter(db, sql: "INSERT INTO prize_winners (log_id, place, winner, amount) VALUES (?, ?, ?, ?)")
        periodPaid = try RowInserter(db, sql: """
            INSERT INTO period_paid (log_id, chain_id, block_number, contract, prize_type, period_id, total)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        gamePassPurchase = try RowInserter(db, sql: """
            INSERT INTO game_pass_purchases (log_id, chain_id, block_number, contract, buyer, day, price,
            treasury_amount, daily_pool_amount, weekly_pool_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        tokenTransfer = try RowInserter(db, sql: """
            INSERT INTO token_transfers (log_id, chain_id, block_number, token, sender, receiver, value)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        userOperation = try RowInserter(db, sql: """
            INSERT INTO user_operations (log_id, chain_id, block_number, entry_point, user_op_hash, sender, paymaster, nonce,
            success, actual_gas_cost, actual_gas_used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        accountDeployment = try RowInserter(db, sql: """
            INSERT INTO account_deployments (log_id, chain_id, block_number, entry_point, user_op_hash, sender, factory,
            paymaster) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Inserts the raw log of `entry`; returns its row id, the key of its decoded rows.
    mutating func insert(_ entry: IndexedLog, chain: Int64) throws -> Int64 {
        log.bind(chain)
        log.bind(entry.position.blockNumber)
        log.bind(entry.blockHash)
        log.bind(entry.transactionHash)
        log.bind(entry.position.transactionIndex)
        log.bind(entry.position.logIndex)
        log.bind(entry.log.address)
        for index in 0..<4 {
            if index < entry.log.topics.count { log.bind(entry.log.topics[index]) } else { log.bindNull() }
        }
        log.bind(entry.log.data)
        return try log.insert()
    }

    /// Inserts `event`, decoded from the log stored as `logID`, into its table.
    mutating func insert(_ event: PodiumEvent, logID: Int64, chain: Int64, entry: IndexedLog) throws {
        switch event {
        case .prizesDistributed(let prizes):
            let total = prizes.amounts.reduce(into: UInt256.zero) { sum, amount in sum = sum &+ amount }
            bindEventColumns(&prizesDistributed, logID: logID, chain: chain, entry: entry)
            prizesDistributed.bind(Int64(prizes.prizeType))
            prizesDistributed.bind(prizes.timestamp)
            prizesDistributed.bind(total)
            try prizesDistributed.insert()
            for (place, (winner, amount)) in zip(prizes.winners, prizes.amounts).enumerated() {
                prizeWinner.bind(logID)
                prizeWinner.bind(Int64(place + 1))
                prizeWinner.bind(winner)
                prizeWinner.bind(amount)
                try prizeWinner.insert()
            }
        case .periodPaid(let paid):
            bindEventColumns(&periodPaid, logID: logID, chain: chain, entry: entry)
            periodPaid.bind(Int64(paid.prizeType))
            periodPaid.bind(paid.periodId)
            periodPaid.bind(paid.total)
            try periodPaid.insert()
        case .gamePassPurchased(let purchase):
            bindEventColumns(&gamePassPurchase, logID: logID, chain: chain, entry: entry)
            gamePassPurchase.bind(purchase.buyer)
            gamePassPurchase.bind(purchase.day)
            gamePassPurchase.bind(purchase.price)
            gamePassPurchase.bind(purchase.treasuryAmount)
            gamePassPurchase.bind(purchase.dailyPoolAmount)
            gamePassPurchase.bind(purchase.weeklyPoolAmount)
            try gamePassPurchase.insert()
        case .transfer(let transfer):
            bindEventColumns(&tokenTransfer, logID: logID, chain: chain, entry: entry)
            tokenTransfer.bind(transfer.from)
            tokenTransfer.bind(transfer.to)
            tokenTransfer.bind(transfer.value)
            try tokenTransfer.insert()
        case .userOperation(let operation):
            bindEventColumns(&userOperation, logID: logID, chain: chain, entry: entry)
            userOperation.bind(operation.userOpHash)
            userOperation.bind(operation.sender)
            userOperation.bind(operation.paymaster)
            userOperation.bind(operation.nonce)
            userOperation.bind(Int64(operation.success ? 1 : 0))
            userOperation.bind(operation.actualGasCost)
            userOperation.bind(operation.actualGasUsed)
            try userOperation.insert()
        case .accountDeployed(let deployed):
            bindEventColumns(&accountDeployment, logID: logID, chain: chain, entry: entry)
            accountDeployment.bind(deployed.userOpHash)
            accountDeployment.bind(deployed.sender)
            accountDeployment.bind(deployed.factory)
            accountDeployment.bind(deployed.paymaster)
            try accountDeployment.insert()
        }
    }

    /// The columns every decoded table starts with: the log's id, the chain, the block and the emitting contract.
    private func bindEventColumns(_ inserter: inout RowInserter, logID: Int64, chain: Int64, entry: IndexedLog) {
        inserter.bind(logID)
        inserter.bind(chain)
        inserter.bind(entry.position.blockNumber)
        inserter.bind(entry.log.address)
    }
}
