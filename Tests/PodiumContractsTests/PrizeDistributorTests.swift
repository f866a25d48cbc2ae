import PodiumABI
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import Testing

/// The prize distributor on the devnet: payouts, the seed's event, and every revert reason.
@Suite(.serialized) struct PrizeDistributorTests {
    let set: DeployedSet
    let distributor: Contract
    let winners: [Address] = (3...7).map { DevnetAccounts.privateKeys[$0].address }
    /// DESIGN.md's places 1–5 of a 140 GLICO daily pool: 4000, 2400, 1600, 1200, 800 basis points.
    let amounts: [UInt256] = [4000, 2400, 1600, 1200, 800].map { DeployedSet.glico * 140 * UInt256($0) / 10_000 }

    init() async throws {
        set = try await DeployedSet.start()
        distributor = try set.contract("PrizeDistributor")
        try await set.mint(DeployedSet.glico * 1000, to: distributor.address)
    }

    func arguments(_ winners: [Address], _ amounts: [UInt256], prizeType: UInt8 = 0, period: UInt64 = 20261120) -> [ABIValue] {
        [.array(winners.map(ABIValue.address)), .array(amounts.map(ABIValue.uint256)),
         .uint(UInt256(prizeType), bits: 8), .uint256(UInt256(period))]
    }

    @Test func paysFiveWinnersOnceAndEmitsTheSeedEvent() async throws {
        #expect(try await distributor.call("token")[0].addressValue == set.record.contracts["GlicoToken"]?.address)
        #expect(try await distributor.call("gameWallet")[0].addressValue == DeployedSet.config.gameWallet)
        #expect(try await distributor.call("isPeriodPaid", [.uint(0, bits: 8), .uint256(20261120)])[0].boolValue == false)

        let receipt = try await distributor.send("distributePrizes", arguments(winners, amounts), from: set.gameWallet)
        let block = try #require(try await set.client.block(.number(receipt.blockNumber)))
        let events = distributor.events(in: receipt)
        #expect(events.map(\.event.name) == ["PrizesDistributed", "PeriodPaid"])
        #expect(events[0].event.signature == "PrizesDistributed(uint8,address[],uint256[],uint256)")
        #expect(events[0]["prizeType"] == .uint(0, bits: 8))
        #expect(events[0]["winners"] == .array(winners.map(ABIValue.address)))
        #expect(events[0]["amounts"] == .array(amounts.map(ABIValue.uint256)))
        #expect(events[0]["timestamp"] == .uint256(UInt256(block.timestamp)))
        #expect(events[1]["periodId"] == .uint256(20261120))
        #expect(events[1]["total"] == .uint256(DeployedSet.glico * 140))

        for (winner, amount) in zip(winners, amounts) {
            #expect(try await set.glicoBalance(winner) == amount)
        }
        #expect(try await set.glicoBalance(distributor.address) == DeployedSet.glico * 860)
        #expect(try await distributor.call("isPeriodPaid", [.uint(0, bits: 8), .uint256(20261120)])[0].boolValue == true)

        // The same period again is refused; the weekly board's period with the same number is separate.
        #expect(await revertMessage {
            _ = try await distributor.send("distributePrizes", arguments(winners, amounts), from: set.gameWallet)
        } == "period already paid")
        _ = try await distributor.send("distributePrizes", arguments(winners, amounts, prizeType: 1), from: set.gameWallet)
    }

    @Test func refusesWhatTheRulesForbid() async throws {
        let stranger = try await set.account(8)
        let six = winners + [DevnetAccounts.privateKeys[8].address]
        let cases: [(String, TransactionSender, [ABIValue])] = [
            ("only game wallet", stranger, arguments(winners, amounts)),
            ("only game wallet", set.owner, arguments(winners, amounts)),
            ("bad prize type", set.gameWallet, arguments(winners, amounts, prizeType: 2)),
            ("mismatched arrays", set.gameWallet, arguments(winners, Array(amounts.prefix(4)))),
            ("too many winners", set.gameWallet, arguments(six, amounts + [1])),
            ("no winners", set.gameWallet, arguments([], [])),
            ("insufficient balance", set.gameWallet, arguments(winners, amounts.map { $0 * 100 })),
        ]
        for (reason, sender, values) in cases {
            #expect(await revertMessage { _ = try await distributor.send("distributePrizes", values, from: sender) } == reason)
        }
    }

    @Test func ownerPausesAndCaps() async throws {
        let stranger = try await set.account(8)
        for function in ["pause", "unpause"] {
            #expect(await revertMessage { _ = try await distributor.send(function, from: stranger) } == "only owner")
        }
        #expect(await revertMessage { _ = try await distributor.send("setPeriodCap", [.uint256(1)], from: stranger) } == "only owner")

        let paused = try await distributor.send("pause", from: set.owner)
        #expect(distributor.events(in: paused).map(\.event.name) == ["Paused"])
        #expect(try await distributor.call("paused")[0].boolValue == true)
        #expect(await revertMessage {
            _ = try await distributor.send("distributePrizes", arguments(winners, amounts), from: set.gameWallet)
        } == "paused")
        _ = try await distributor.send("unpause", from: set.owner)

        let cap = DeployedSet.glico * 100
        let capped = try await distributor.send("setPeriodCap", [.uint256(cap)], from: set.owner)
        #expect(distributor.events(in: capped).first?["cap"] == .uint256(cap))
        #expect(await revertMessage {
            _ = try await distributor.send("distributePrizes", arguments(winners, amounts), from: set.gameWallet)
        } == "over period cap")
        let underCap = amounts.map { $0 / 2 }
        _ = try await distributor.send("distributePrizes", arguments(winners, underCap, period: 20261121), from: set.gameWallet)

        // A new game wallet takes over; the old one is refused.
        let newWallet = try await set.account(9)
        _ = try await distributor.send("setGameWallet", [.address(newWallet.address)], from: set.owner)
        #expect(await revertMessage {
            _ = try await distributor.send("distributePrizes", arguments(winners, underCap, period: 20261122), from: set.gameWallet)
        } == "only game wallet")
        _ = try await distributor.send("distributePrizes", arguments(winners, underCap, period: 20261122), from: newWallet)
    }
}
