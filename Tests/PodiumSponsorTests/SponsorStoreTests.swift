import Foundation
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumSponsor
import Testing

/// A fresh store file in the temporary directory.
func temporaryStorePath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("podium-sponsor-\(UUID().uuidString).sqlite").path
}

/// A hash unique to `index`.
func hash(_ index: Int) -> Bytes32 { Keccak256.hash(Array("sponsorship \(index)".utf8)) }

@Suite struct SponsorStoreTests {
    /// Reserves `operation` under `policy` at `now`, signing nothing: the userOpHash is `hash(index)`.
    static func reserve(
        _ store: SponsorStore, _ policy: SponsorPolicy, _ operation: UserOperation, now: UInt64, index: Int
    ) async throws -> Result<Sponsorship, SponsorRefusal> {
        try await store.reserve(
            sender: operation.sender, nonce: operation.nonce, now: now,
            decide: { policy.decide(operation, stage: .final, now: now, usage: $0) },
            sign: { (hash(index), $0) })
    }

    static let cost = UInt256(280_000) * Fixture.gwei

    @Test func concurrentRequestsForTheLastPurchasesNeverOverspendTheWalletCount() async throws {
        let store = try SponsorStore(path: temporaryStorePath())
        let policy = Fixture.policy  // 3 a wallet a day
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<100 {
                group.addTask {
                    let outcome = try await Self.reserve(store, policy, Fixture.operation(), now: Fixture.now, index: index)
                    if case .failure(let refusal) = outcome { #expect(refusal.reason == .walletDailyLimit) }
                    return (try? outcome.get()) != nil
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 3)
        #expect(try await store.walletCount(sender: Fixture.sender, day: Fixture.now / 86_400) == 3)
        #expect(try await store.budget(day: Fixture.now / 86_400).reserved == Self.cost * UInt256(3))
    }

    @Test func concurrentRequestsNeverOverspendTheBudget() async throws {
        let store = try SponsorStore(path: temporaryStorePath())
        var budgeted = Fixture.policy
        budgeted.walletDailyLimit = 1_000
        budgeted.dailyBudget = Self.cost * UInt256(7) + UInt256(1)  // room for 7
        let policy = budgeted
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<100 {
                group.addTask {
                    // 100 different wallets, so only the budget binds.
                    var sender = [UInt8](repeating: 0x20, count: 19)
                    sender.append(UInt8(index))
                    let operation = Fixture.operation(sender: try Address(sender))
                    let outcome = try await Self.reserve(store, policy, operation, now: Fixture.now, index: index)
                    if case .failure(let refusal) = outcome { #expect(refusal.reason == .dailyBudget) }
                    return (try? outcome.get()) != nil
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 7)
        let budget = try await store.budget(day: Fixture.now / 86_400)
        #expect(budget.reserved == Self.cost * UInt256(7) && budget.spent == .zero)
    }

    @Test func limitsHoldAcrossReopening() async throws {
        let path = temporaryStorePath()
        let policy = Fixture.policy
        do {
            let store = try SponsorStore(path: path)
            for index in 0..<2 {
                #expect((try? await Self.reserve(store, policy, Fixture.operation(), now: Fixture.now, index: index).get()) != nil)
            }
        }
        let reopened = try SponsorStore(path: path)
        #expect((try? await Self.reserve(reopened, policy, Fixture.operation(), now: Fixture.now + 1, index: 2).get()) != nil)
        let fourth = try await Self.reserve(reopened, policy, Fixture.operation(), now: Fixture.now + 2, index: 3)
        guard case .failure(let refusal) = fourth else { Issue.record("a fourth operation was sponsored"); return }
        #expect(refusal.reason == .walletDailyLimit)
        // The next UTC day starts afresh.
        let tomorrow = Fixture.now + 86_400
        #expect((try? await Self.reserve(reopened, policy, Fixture.operation(), now: tomorrow, index: 4).get()) != nil)
        #expect(try await SponsorStore(path: path).walletCount(sender: Fixture.sender, day: tomorrow / 86_400) == 1)
    }

    @Test func settlingReleasesTheReservationAndSpendsTheActualCost() async throws {
        let store = try SponsorStore(path: temporaryStorePath())
        let day = Fixture.now / 86_400
        _ = try await Self.reserve(store, Fixture.policy, Fixture.operation(), now: Fixture.now, index: 0)
        _ = try await Self.reserve(store, Fixture.policy, Fixture.operation(), now: Fixture.now, index: 1)
        #expect(try await store.settle(userOperationHash: hash(0), actualGasCost: UInt256(12_345)) == .settled)
        #expect(try await store.settle(userOperationHash: hash(0), actualGasCost: UInt256(12_345)) == .alreadySettled)
        #expect(try await store.settle(userOperationHash: hash(99), actualGasCost: UInt256(1)) == .unknown)
        var budget = try await store.budget(day: day)
        #expect(budget.reserved == Self.cost && budget.spent == UInt256(12_345))
        #expect(try await store.reservation(userOperationHash: hash(0))?.status == .settled)

        // Past validUntil + grace the other reservation is released: its count and its cost.
        let later = Fixture.now + 600 + SponsorStore.expiryGrace + 1
        #expect(try await store.expire(now: later) == 1)
        budget = try await store.budget(day: day)
        #expect(budget.reserved == .zero && budget.spent == UInt256(12_345))
        #expect(try await store.walletCount(sender: Fixture.sender, day: day) == 1)
        // Mined after all: it counts again, at its actual cost.
        #expect(try await store.settle(userOperationHash: hash(1), actualGasCost: UInt256(5)) == .settled)
        budget = try await store.budget(day: day)
        #expect(budget.reserved == .zero && budget.spent == UInt256(12_350))
        #expect(try await store.walletCount(sender: Fixture.sender, day: day) == 2)
    }

}
