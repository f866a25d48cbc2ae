import Foundation
import GRDB
import PodiumPrimitives

/// The sponsor's state in one SQLite file (WAL), through GRDB: each signed sponsorship (its reservation), the
/// per-sender count and the budget of each UTC day, and how far the chain's `UserOperationEvent`s were read.
///
/// Every decision runs inside one write transaction (`reserve`), so concurrent requests for the last allowed
/// purchase sponsor exactly one, and a restart (a new store on the same file) forgets nothing. Amounts are 32-byte
/// big-endian BLOBs; addresses and hashes are BLOBs; times are Unix seconds; days are UTC day numbers.
public final class SponsorStore: Sendable {
    /// The file.
    public let path: String
    private let database: DatabasePool

    /// Seconds past a reservation's validUntil before it is released: time for its bundle to be mined and its
    /// `UserOperationEvent` read, so a late settlement is rare (and handled when it happens).
    public static let expiryGrace: UInt64 = 120

    /// Opens (creating it when missing) the store at `path` and brings its schema up to date; refuses a file that a
    /// newer Podium migrated further.
    public init(path: String) throws(SponsorStoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            database = try DatabasePool(path: path, configuration: configuration)
            let migrator = Self.migrator
            try database.read { db in
                if let unknown = try migrator.appliedIdentifiers(db).subtracting(Set(migrator.migrations)).sorted().first {
                    throw SponsorStoreError.newerDatabase(path: path, migration: unknown)
                }
            }
            try migrator.migrate(database)
        } catch let error as SponsorStoreError {
            throw error
        } catch {
            throw .store(path: path, underlying: "\(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE sponsorships (
                    user_operation_hash BLOB PRIMARY KEY, sender BLOB NOT NULL, nonce BLOB NOT NULL,
                    day INTEGER NOT NULL, shape TEXT NOT NULL, maximum_cost BLOB NOT NULL, actual_cost BLOB,
                    valid_after INTEGER NOT NULL, valid_until INTEGER NOT NULL, signed_at INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('reserved', 'settled', 'expired'))) WITHOUT ROWID;
                CREATE INDEX sponsorships_reserved ON sponsorships (valid_until) WHERE status = 'reserved';
                CREATE TABLE wallet_days (
                    sender BLOB NOT NULL, day INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (sender, day))
                    WITHOUT ROWID;
                CREATE TABLE budget_days (day INTEGER PRIMARY KEY, reserved BLOB NOT NULL, spent BLOB NOT NULL);
                CREATE TABLE settlement_cursor (
                    chain_id INTEGER NOT NULL, paymaster BLOB NOT NULL, next_block INTEGER NOT NULL,
                    PRIMARY KEY (chain_id, paymaster));
                """)
        }
        return migrator
    }

    // MARK: Deciding

    /// What `sender` and the whole sponsor have used on the UTC day of `now` (a read; nothing is expired or reserved).
    public func usage(sender: Address, now: UInt64) async throws -> SponsorUsage {
        let day = SponsorPolicy.day(of: now)
        return try await run { db in try Self.usage(db, sender: sender, day: day) }
    }

    /// In one write transaction: releases the reservations past validUntil + `expiryGrace`, reads `sender`'s and the
    /// day's usage, asks `decide`; when it sponsors, `sign` makes the signed answer and its userOpHash, and the
    /// reservation is recorded (the sender's count + 1, the operation's maximum cost reserved from the day's
    /// budget). A refusal records nothing. Throws `SponsorStoreError` when the database fails, or what `sign` throws.
    public func reserve<Signed: Sendable>(
        sender: Address, nonce: UInt256, now: UInt64, decide: @escaping @Sendable (SponsorUsage) -> SponsorDecision,
        sign: @escaping @Sendable (Sponsorship) throws -> (userOperationHash: Bytes32, signed: Signed)
    ) async throws -> Result<Signed, SponsorRefusal> {
        let day = SponsorPolicy.day(of: now)
        return try await run { db in
            try Self.expire(db, now: now)
            switch decide(try Self.usage(db, sender: sender, day: day)) {
            case .refuse(let refusal):
                return .failure(refusal)
            case .sponsor(let sponsorship):
                let (hash, signed) = try sign(sponsorship)
                try db.execute(
                    sql: """
                        INSERT INTO sponsorships (user_operation_hash, sender, nonce, day, shape, maximum_cost, valid_after,
                            valid_until, signed_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'reserved')
                        """,
                    arguments: [
                        Self.blob(hash), Self.blob(sender), Self.blob(nonce), Int64(sponsorship.day), sponsorship.shape.rawValue,
                        Self.blob(sponsorship.maximumCost), Int64(sponsorship.validAfter), Int64(sponsorship.validUntil),
                        Int64(clamping: now),
                    ])
                try Self.count(db, sender: sender, day: sponsorship.day, by: 1)
                try Self.changeBudget(db, day: sponsorship.day, reserved: (sponsorship.maximumCost, add: true))
                return .success(signed)
            }
        }
    }

    // MARK: Settling

    /// What `settle` did.
    public enum Settlement: Hashable, Sendable {
        /// The reservation now counts at its actual cost.
        case settled
        /// It was settled before: nothing changed.
        case alreadySettled
        /// No sponsorship has that userOpHash (another signer's operation, say): nothing changed.
        case unknown
    }

    /// Settles the sponsorship of `userOperationHash` at `actualGasCost` wei (its `UserOperationEvent`): its reserved
    /// maximum cost is released and the actual cost spent, on the day it was signed. An expired reservation that
    /// was mined after all counts again (its sender's count and the actual cost).
    @discardableResult
    public func settle(userOperationHash: Bytes32, actualGasCost: UInt256) async throws -> Settlement {
        try await run { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT sender, day, maximum_cost, status FROM sponsorships WHERE user_operation_hash = ?",
                arguments: [Self.blob(userOperationHash)])
            else { return .unknown }
            let day = UInt64(row["day"] as Int64)
            let status: String = row["status"]
            switch status {
            case "settled": return .alreadySettled
            case "reserved":
                try Self.changeBudget(db, day: day, reserved: (try Self.uint256(row["maximum_cost"]), add: false))
            default:
                try Self.count(db, sender: try Self.address(row["sender"]), day: day, by: 1)
            }
            try Self.changeBudget(db, day: day, spent: actualGasCost)
            try db.execute(
                sql: "UPDATE sponsorships SET status = 'settled', actual_cost = ? WHERE user_operation_hash = ?",
                arguments: [Self.blob(actualGasCost), Self.blob(userOperationHash)])
            return .settled
        }
    }

    /// Releases the reservations whose validUntil + `expiryGrace` is before `now`; returns how many.
    @discardableResult
    public func expire(now: UInt64) async throws -> Int {
        try await run { db in try Self.expire(db, now: now) }
    }

    /// The first block whose `UserOperationEvent`s of `paymaster` on `chainID` are still to be read (0 at first).
    public func settlementCursor(chainID: UInt64, paymaster: Address) async throws -> UInt64 {
        try await run { db in
            try Int64.fetchOne(
                db, sql: "SELECT next_block FROM settlement_cursor WHERE chain_id = ? AND paymaster = ?",
                arguments: [Int64(bitPattern: chainID), Self.blob(paymaster)]
            ).map { UInt64($0) } ?? 0
        }
    }

    /// Settles `events` (userOpHash, actualGasCost) and moves the cursor to `nextBlock`, in one transaction; returns
    /// how many were this sponsor's and newly settled.
    @discardableResult
    public func settle(
        _ events: [(userOperationHash: Bytes32, actualGasCost: UInt256)], chainID: UInt64, paymaster: Address, nextBlock: UInt64
    ) async throws -> Int {
        var settled = 0
        for event in events where try await settle(userOperationHash: event.userOperationHash, actualGasCost: event.actualGasCost) == .settled {
            settled += 1
        }
        try await run { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO settlement_cursor (chain_id, paymaster, next_block) VALUES (?, ?, ?)",
                arguments: [Int64(bitPattern: chainID), Self.blob(paymaster), Int64(clamping: nextBlock)])
        }
        return settled
    }

    // MARK: Reading

    /// One recorded sponsorship.
    public struct Reservation: Hashable, Sendable {
        /// Its state: reserved at signing, settled from the chain, or expired unused.
        public enum Status: String, Hashable, Sendable { case reserved, settled, expired }
        public var sender: Address
        public var day: UInt64
        public var maximumCost: UInt256
        public var actualCost: UInt256?
        public var validUntil: UInt64
        public var status: Status
    }

    /// The sponsorship of `userOperationHash`, if this sponsor signed it.
    public func reservation(userOperationHash: Bytes32) async throws -> Reservation? {
        try await run { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM sponsorships WHERE user_operation_hash = ?", arguments: [Self.blob(userOperationHash)])
            else { return nil }
            let actual: Data? = row["actual_cost"]
            return Reservation(
                sender: try Self.address(row["sender"]), day: UInt64(row["day"] as Int64),
                maximumCost: try Self.uint256(row["maximum_cost"]), actualCost: try actual.map(Self.uint256),
                validUntil: UInt64(row["valid_until"] as Int64), status: Reservation.Status(rawValue: row["status"]) ?? .reserved)
        }
    }

    /// The wei reserved (signed, not yet settled) and spent (settled) on UTC day `day`.
    public func budget(day: UInt64) async throws -> (reserved: UInt256, spent: UInt256) {
        try await run { db in try Self.budget(db, day: day) }
    }

    /// Sponsored operations of `sender` on UTC day `day` (reserved or settled).
    public func walletCount(sender: Address, day: UInt64) async throws -> UInt64 {
        try await run { db in try Self.usage(db, sender: sender, day: day).walletCount }
    }

    // MARK: Inside transactions

    private static func usage(_ db: Database, sender: Address, day: UInt64) throws -> SponsorUsage {
        let count = try Int64.fetchOne(
            db, sql: "SELECT count FROM wallet_days WHERE sender = ? AND day = ?", arguments: [blob(sender), Int64(day)]) ?? 0
        let (reserved, spent) = try budget(db, day: day)
        let (used, overflow) = reserved.addingReportingOverflow(spent)
        return SponsorUsage(walletCount: UInt64(max(count, 0)), budgetUsed: overflow ? .max : used)
    }

    private static func budget(_ db: Database, day: UInt64) throws -> (reserved: UInt256, spent: UInt256) {
        guard let row = try Row.fetchOne(db, sql: "SELECT reserved, spent FROM budget_days WHERE day = ?", arguments: [Int64(day)])
        else { return (.zero, .zero) }
        return (try uint256(row["reserved"]), try uint256(row["spent"]))
    }

    private static func count(_ db: Database, sender: Address, day: UInt64, by change: Int64) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO wallet_days (sender, day, count) VALUES (?, ?, 0)", arguments: [blob(sender), Int64(day)])
        try db.execute(
            sql: "UPDATE wallet_days SET count = max(count + ?, 0) WHERE sender = ? AND day = ?",
            arguments: [change, blob(sender), Int64(day)])
    }

    private static func changeBudget(
        _ db: Database, day: UInt64, reserved: (amount: UInt256, add: Bool)? = nil, spent: UInt256? = nil
    ) throws {
        var (reservedNow, spentNow) = try budget(db, day: day)
        if let reserved {
            // Saturating: the stored sums only ever hold amounts this store added, so neither bound is reached.
            reservedNow = reserved.add
                ? reservedNow.addingReportingOverflow(reserved.amount).overflow ? .max : reservedNow &+ reserved.amount
                : reservedNow.subtractingReportingOverflow(reserved.amount).overflow ? .zero : reservedNow &- reserved.amount
        }
        if let spent {
            spentNow = spentNow.addingReportingOverflow(spent).overflow ? .max : spentNow &+ spent
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO budget_days (day, reserved, spent) VALUES (?, ?, ?)",
            arguments: [Int64(day), blob(reservedNow), blob(spentNow)])
    }

    @discardableResult
    private static func expire(_ db: Database, now: UInt64) throws -> Int {
        guard now > expiryGrace else { return 0 }
        let rows = try Row.fetchAll(
            db, sql: "SELECT user_operation_hash, sender, day, maximum_cost FROM sponsorships WHERE status = 'reserved' AND valid_until < ?",
            arguments: [Int64(clamping: now - expiryGrace)])
        for row in rows {
            let day = UInt64(row["day"] as Int64)
            try count(db, sender: try address(row["sender"]), day: day, by: -1)
            try changeBudget(db, day: day, reserved: (try uint256(row["maximum_cost"]), add: false))
            try db.execute(
                sql: "UPDATE sponsorships SET status = 'expired' WHERE user_operation_hash = ?",
                arguments: [row["user_operation_hash"] as Data])
        }
        return rows.count
    }

    // MARK: Values

    private static func blob(_ value: UInt256) -> Data { Data(value.bigEndianBytes) }
    private static func blob(_ value: Address) -> Data { value.withUnsafeBytes { Data($0) } }
    private static func blob(_ value: Bytes32) -> Data { value.withUnsafeBytes { Data($0) } }

    private static func uint256(_ data: Data) throws -> UInt256 {
        guard data.count == 32, let value = UInt256(bigEndianBytes: data) else {
            throw SponsorStoreError.corrupt("an amount of \(data.count) bytes, not 32")
        }
        return value
    }

    private static func address(_ data: Data) throws -> Address {
        guard data.count == 20, let address = try? Address(Array(data)) else {
            throw SponsorStoreError.corrupt("an address of \(data.count) bytes, not 20")
        }
        return address
    }

    /// Runs `body` in one write transaction, off the caller's thread; database failures become `SponsorStoreError`.
    private func run<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.write(body)
        } catch let error as DatabaseError {
            throw SponsorStoreError.store(path: path, underlying: "\(error)")
        }
    }
}

/// Why the sponsor's store failed.
public enum SponsorStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// SQLite or GRDB failed on the file.
    case store(path: String, underlying: String)
    /// A newer Podium migrated the file further than this one knows.
    case newerDatabase(path: String, migration: String)
    /// A stored value is not what the schema says.
    case corrupt(String)

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .store(let path, let underlying): "sponsor store \(path): \(underlying)"
        case .newerDatabase(let path, let migration):
            "sponsor store \(path) was migrated by a newer Podium (\(migration)); use that version"
        case .corrupt(let detail): "sponsor store holds \(detail)"
        }
    }
}
