import PodiumABI
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import Testing

/// The prize distributor on the devnet through its typed binding: payouts, the seed's event, and every revert
/// reason.
@Suite(.serialized) struct PrizeDistributorTests {
    let set: DeployedSet
    let distributor: PrizeDistributor
    let winners: [Address] = (3...7).map { DevnetAccounts.privateKeys[$0].address }
    /// DESIGN.md's places 1–5 of a 140 GLICO daily pool: 4000, 2400, 1600, 1200, 800 basis points.
    let amounts: [UInt256] = [4000, 2400, 1600, 1200, 800].map { DeployedSet.glico * 140 * UInt256($0) / 10_000 }

    init() async throws {
        set = try await DeployedSet.start()
        distributor = set.deployment.distributor
        try await set.mint(DeployedSet.glico * 1000, to: distributor.address)
    }

    func pay(_ winners: [Address], _ amounts: [UInt256], prizeType: UInt8 = PrizeDistributor.daily, period: UInt256 = 20261120) -> ContractCall {
        distributor.distributePrizes(winners: winners, amounts: amounts, prizeType: prizeType, periodId: period)
    }

    @Test func paysFiveWinnersOnceAndEmitsTheSeedEvent() async throws {
        #expect(try await distributor.token() == set.record.contracts["GlicoToken"]?.address)
        #expect(try await distributor.gameWallet() == DeployedSet.config.gameWallet)
        #expect(try await distributor.isPeriodPaid(prizeType: PrizeDistributor.daily, periodId: 20261120) == false)

        let receipt = try await pay(winners, amounts).sendAndWait(from: set.gameWallet)
        let block = try #require(try await set.client.block(.number(receipt.blockNumber)))
        let paid = try distributor.events(PrizeDistributor.PrizesDistributed.self, in: receipt)
        #expect(paid.count == 1)
        #expect(paid.first?.prizeType == 0 && paid.first?.winners == winners && paid.first?.amounts == amounts)
        #expect(paid.first?.timestamp == UInt256(block.timestamp))
        let period = try distributor.events(PrizeDistributor.PeriodPaid.self, in: receipt)
        #expect(period.map(\.periodId) == [20261120] && period.map(\.total) == [DeployedSet.glico * 140])
        // The token's own Transfer events, one per winner, from the distributor.
        let transfers = try set.deployment.token.events(GlicoToken.Transfer.self, in: receipt)
        #expect(transfers.map(\.to) == winners && transfers.map(\.value) == amounts)
        #expect(transfers.allSatisfy { $0.from == distributor.address })

        for (winner, amount) in zip(winners, amounts) {
            #expect(try await set.glicoBalance(winner) == amount)
        }
        #expect(try await set.glicoBalance(distributor.address) == DeployedSet.glico * 860)
        #expect(try await distributor.isPeriodPaid(prizeType: PrizeDistributor.daily, periodId: 20261120) == true)
        // The state as it was before the payout, read at the block before it.
        #expect(try await distributor.isPeriodPaid(prizeType: 0, periodId: 20261120, at: .number(receipt.blockNumber - 1)) == false)

        // The same period again is refused; the weekly board's period with the same number is separate.
        #expect(await revertMessage { _ = try await pay(winners, amounts).sendAndWait(from: set.gameWallet) } == "period already paid")
        _ = try await pay(winners, amounts, prizeType: PrizeDistributor.weekly).sendAndWait(from: set.gameWallet)
    }

    @Test func refusesWhatTheRulesForbid() async throws {
        let stranger = try await set.account(8)
        let six = winners + [DevnetAccounts.privateKeys[8].address]
        let cases: [(String, TransactionSender, ContractCall)] = [
            ("only game wallet", stranger, pay(winners, amounts)),
            ("only game wallet", set.owner, pay(winners, amounts)),
            ("bad prize type", set.gameWallet, pay(winners, amounts, prizeType: 2)),
            ("mismatched arrays", set.gameWallet, pay(winners, Array(amounts.prefix(4)))),
            ("too many winners", set.gameWallet, pay(six, amounts + [1])),
            ("no winners", set.gameWallet, pay([], [])),
            ("insufficient balance", set.gameWallet, pay(winners, amounts.map { $0 * 100 })),
        ]
        for (reason, sender, call) in cases {
            #expect(await revertMessage { _ = try await call.sendAndWait(from: sender) } == reason)
        }
    }

    @Test func ownerPausesAndCaps() async throws {
        let stranger = try await set.account(8)
        for call in [distributor.pause(), distributor.unpause(), distributor.setPeriodCap(1)] {
            #expect(await revertMessage { _ = try await call.sendAndWait(from: stranger) } == "only owner")
        }

        let paused = try await distributor.pause().sendAndWait(from: set.owner)
        #expect(try distributor.events(PrizeDistributor.Paused.self, in: paused).map(\.account) == [set.owner.address])
        #expect(try await distributor.paused() == true)
        #expect(await revertMessage { _ = try await pay(winners, amounts).sendAndWait(from: set.gameWallet) } == "paused")
        let unpaused = try await distributor.unpause().sendAndWait(from: set.owner)
        #expect(try distributor.events(PrizeDistributor.Unpaused.self, in: unpaused).map(\.account) == [set.owner.address])

        let cap = DeployedSet.glico * 100
        let capped = try await distributor.setPeriodCap(cap).sendAndWait(from: set.owner)
        #expect(try distributor.events(PrizeDistributor.PeriodCapChanged.self, in: capped).map(\.cap) == [cap])
        #expect(try await distributor.periodCap() == cap)
        #expect(await revertMessage { _ = try await pay(winners, amounts).sendAndWait(from: set.gameWallet) } == "over period cap")
        let underCap = amounts.map { $0 / 2 }
        _ = try await pay(winners, underCap, period: 20261121).sendAndWait(from: set.gameWallet)

        // A new game wallet takes over; the old one is refused.
        let newWallet = try await set.account(9)
        let changed = try await distributor.setGameWallet(newWallet.address).sendAndWait(from: set.owner)
        #expect(try distributor.events(PrizeDistributor.GameWalletChanged.self, in: changed).map(\.wallet) == [newWallet.address])
        #expect(await revertMessage {
            _ = try await pay(winners, underCap, period: 20261122).sendAndWait(from: set.gameWallet)
        } == "only game wallet")
        _ = try await pay(winners, underCap, period: 20261122).sendAndWait(from: newWallet)
    }
}
