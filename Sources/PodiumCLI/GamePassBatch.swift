import Foundation
import PodiumABI
import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import PodiumUserOperations

/// `podium gamepass buy --player-keys-file FILE`: one sponsored Game Pass purchase per key, made `concurrency` at a
/// time from one process, each through the paymaster service (ERC-7677) and the bundler (ERC-7769) as a single
/// purchase is, so the bundler packs several into each `handleOps`.
///
/// What one process does once instead of per purchase: the chain id, the deployment record, the price and the fees
/// (read once: the purchases of a run share a block or two); the bundler's gas estimate, asked once per operation
/// shape (account created or not, number of calls) and reused for the others of that shape. Each concurrent lane
/// has its own connections to the node, the paymaster service and the bundler. The operations are sent without
/// waiting for each other's inclusion; their `UserOperationEvent`s and `GamePassPurchased` events are then read
/// from the chain, from the block the run started at.
struct GamePassBatch {
    let keys: [PrivateKey]
    let salt: UInt256
    let bundlerURL: String
    let paymasterURL: String
    let concurrency: Int
    let each: Bool
    let timeout: Duration
    let contracts: AccountAbstractionOptions
    let rpc: RPCOptions

    /// The keys of `path`: one 64-hex-digit key (0x optional) a line; blank lines and `#` lines skipped. An error
    /// names the line, never its text.
    static func readKeys(_ path: String) throws -> [PrivateKey] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure("cannot read the player keys file \(path): \(error.localizedDescription)")
        }
        var keys: [PrivateKey] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let key = try? PrivateKey(hex: trimmed) else {
                throw CommandFailure("\(path), line \(index + 1): not a private key (64 hex digits)")
            }
            keys.append(key)
        }
        guard !keys.isEmpty else { throw CommandFailure("\(path) holds no player keys") }
        return keys
    }

    /// One purchase's outcome.
    struct Purchase: Sendable {
        var account: Address
        var userOpHash: Bytes32?
        var failure: String?
    }

    func run() async throws {
        let started = ContinuousClock.now
        let client = try rpc.client()
        let chainID = try await client.chainID()
        guard let record = try contracts.record(chainID: chainID) else {
            throw CommandFailure("no deployment record for chain \(chainID) in \(contracts.deployments): run podium deploy first")
        }
        let podium = try PodiumDeployment(record: record, client: client)
        let deployment = try contracts.contracts(chainID: chainID, client: client)
        let price = try await podium.sale.price()
        let fees = try await FeeEstimator(client: client).suggestedFees()
        let startBlock = try await client.blockNumber()
        let limits = GasLimitCache()

        // Lane i buys for keys i, i + lanes, …, over its own connections.
        let lanes = min(concurrency, keys.count)
        var purchases = [Purchase?](repeating: nil, count: keys.count)
        let (keys, salt) = (self.keys, self.salt)
        try await withThrowingTaskGroup(of: [(Int, Purchase)].self) { group in
            for lane in 0..<lanes {
                let node = try rpc.client()
                let laneDeployment = try contracts.contracts(chainID: chainID, client: node)
                let lanePodium = try PodiumDeployment(record: record, client: node)
                let bundler = try BundlerClient(url: bundlerURL)
                let sponsor = try PaymasterClient(url: paymasterURL)
                group.addTask {
                    var done: [(Int, Purchase)] = []
                    for index in stride(from: lane, to: keys.count, by: lanes) {
                        done.append((index, await Self.buy(
                            key: keys[index], salt: salt, node: node, deployment: laneDeployment, podium: lanePodium,
                            price: price, fees: fees, bundler: bundler, sponsor: sponsor, chainID: chainID, limits: limits)))
                    }
                    return done
                }
            }
            for try await done in group {
                for (index, purchase) in done { purchases[index] = purchase }
            }
        }
        var results = purchases.map { $0! }

        // The sent operations' events, read from the chain as bundles are mined.
        let pending = Dictionary(
            results.enumerated().compactMap { index, purchase in purchase.userOpHash.map { ($0, index) } },
            uniquingKeysWith: { first, _ in first })
        var events: [Bytes32: (event: EntryPoint.UserOperationEvent, log: RPCLog)] = [:]
        let deadline = ContinuousClock.now + timeout
        var next = startBlock + 1
        while events.count < pending.count {
            let head = try await client.blockNumber()
            if head >= next {
                let logs = try await client.logs(LogFilter(
                    fromBlock: .number(next), toBlock: .number(head), addresses: [deployment.entryPoint.address],
                    topics: [[EntryPoint.UserOperationEvent.topic0]]))
                for log in logs where !log.removed {
                    let event = try EntryPoint.UserOperationEvent(log: log.log)
                    if pending[event.userOpHash] != nil { events[event.userOpHash] = (event, log) }
                }
                next = head + 1
            }
            if events.count == pending.count { break }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        var purchased: [TxHash: [Address: (day: UInt256, block: UInt64)]] = [:]
        if let last = events.values.compactMap({ $0.log.blockNumber }).max() {
            let logs = try await client.logs(LogFilter(
                fromBlock: .number(startBlock + 1), toBlock: .number(last), addresses: [podium.sale.address],
                topics: [[GamePassSale.GamePassPurchased.topic0]]))
            for log in logs where !log.removed {
                guard let transaction = log.transactionHash, let block = log.blockNumber else { continue }
                let event = try GamePassSale.GamePassPurchased(log: log.log)
                purchased[transaction, default: [:]][event.buyer] = (event.day, block)
            }
        }

        // One line per purchase (--each), one per day.
        var days: [UInt256: (purchases: Int, bundles: Set<TxHash>)] = [:]
        for index in results.indices {
            guard results[index].failure == nil, let hash = results[index].userOpHash else { continue }
            guard let (event, log) = events[hash], let transaction = log.transactionHash else {
                results[index].failure = "not included within \(timeout)"
                continue
            }
            guard event.success else {
                results[index].failure = "included in \(transaction), but the purchase reverted inside the account"
                continue
            }
            guard event.paymaster == deployment.paymaster.address else {
                results[index].failure = "included in \(transaction), but paid by \(event.paymaster), not the paymaster"
                continue
            }
            guard let bought = purchased[transaction]?[results[index].account] else {
                results[index].failure = "included in \(transaction), but no GamePassPurchased event of the account"
                continue
            }
            if each {
                print("purchase \(results[index].account) userOpHash \(hash) transaction \(transaction) block \(bought.block)")
            }
            days[bought.day, default: (0, [])].purchases += 1
            days[bought.day, default: (0, [])].bundles.insert(transaction)
        }
        let seconds = (ContinuousClock.now - started) / .milliseconds(100)
        let elapsed = "\(Int(seconds.rounded()) / 10).\(Int(seconds.rounded()) % 10) s"
        for day in days.keys.sorted() {
            let (count, bundles) = days[day]!
            print("day \(Self.date(ofDay: day)): \(count) purchase\(count == 1 ? "" : "s") in \(bundles.count) bundle\(bundles.count == 1 ? "" : "s"), \(elapsed)")
        }
        let failures = results.filter { $0.failure != nil }
        for failure in failures {
            FileHandle.standardError.write(Data("podium: purchase for \(failure.account) failed: \(failure.failure!)\n".utf8))
        }
        if !failures.isEmpty {
            throw CommandFailure("\(failures.count) of \(results.count) purchases failed")
        }
    }

    /// Builds, has sponsored, signs and sends one purchase; a failure is recorded, not thrown.
    private static func buy(
        key: PrivateKey, salt: UInt256, node: RPCClient, deployment: AccountAbstractionDeployment, podium: PodiumDeployment,
        price: UInt256, fees: FeeEstimator.Fees, bundler: BundlerClient, sponsor: PaymasterClient, chainID: UInt64,
        limits: GasLimitCache
    ) async -> Purchase {
        var purchase = Purchase(account: .zero)
        do {
            let account = try await SmartAccount(
                owner: key, salt: salt, contracts: deployment, bundler: bundler, sponsor: sponsor, chainID: chainID)
            purchase.account = account.address
            async let code = node.code(at: account.address)
            async let nonce = deployment.entryPoint.nonce(of: account.address)
            async let allowance = podium.token.allowance(owner: account.address, spender: podium.sale.address)
            let deployed = try await !code.isEmpty
            let buy = podium.sale.buyGamePass()
            var calls = [AccountCall(to: buy.to, input: buy.input)]
            if try await allowance < price {
                let approve = podium.token.approve(spender: podium.sale.address, amount: price)
                calls.insert(AccountCall(to: approve.to, input: approve.input), at: 0)
            }
            let shape = GasLimitCache.Shape(deployed: deployed, calls: calls.count)
            let known = await limits.claim(shape)
            let operation: UserOperation
            do {
                operation = try await account.prepare(
                    calls, limits: known, fees: fees, deployed: deployed, nonce: try await nonce)
            } catch {
                if known == nil { await limits.publish(shape, nil) }
                throw error
            }
            if known == nil {
                await limits.publish(shape, UserOperationGasEstimate(
                    preVerificationGas: operation.preVerificationGas, verificationGasLimit: operation.verificationGasLimit,
                    callGasLimit: operation.callGasLimit))
            }
            purchase.userOpHash = try await bundler.sendUserOperation(operation, entryPoint: deployment.entryPoint.address)
        } catch {
            purchase.failure = "\(error)"
        }
        return purchase
    }

    /// `2026-11-21` for UTC day number `day` (days since 1970-01-01), by the civil-from-days algorithm.
    static func date(ofDay day: UInt256) -> String {
        guard day <= UInt256(UInt64(Int32.max)) else { return "day \(day)" }
        let z = Int(day.limbs.0) + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(dayOfMonth))"
    }
}

/// The account's gas limits per operation shape, estimated by the bundler for the first operation of a shape and
/// reused for the others: the first to ask estimates (`claim` answers nil) and publishes; the others wait for it.
actor GasLimitCache {
    /// What decides an operation's gas: whether its account exists yet, and how many calls it makes.
    struct Shape: Hashable {
        var deployed: Bool
        var calls: Int
    }

    private var known: [Shape: UserOperationGasEstimate] = [:]
    private var waiting: [Shape: [CheckedContinuation<UserOperationGasEstimate?, Never>]] = [:]

    /// The limits of `shape`, waiting while another caller estimates them; nil: the caller is to estimate them and
    /// `publish` what it found (or nil when it failed, which makes each waiting caller estimate for itself).
    func claim(_ shape: Shape) async -> UserOperationGasEstimate? {
        if let limits = known[shape] { return limits }
        guard waiting[shape] != nil else {
            waiting[shape] = []
            return nil
        }
        return await withCheckedContinuation { waiting[shape]!.append($0) }
    }

    /// The estimate of `shape` (nil: none), to every caller waiting for it.
    func publish(_ shape: Shape, _ limits: UserOperationGasEstimate?) {
        if let limits { known[shape] = limits }
        let waiters = waiting.removeValue(forKey: shape) ?? []
        for waiter in waiters { waiter.resume(returning: limits) }
    }
}
