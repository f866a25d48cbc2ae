import PodiumABI
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRLP
import PodiumRPC
import PodiumSigner
import Testing

/// $GLICO, the Game Pass sale and the disperser on the devnet, through their typed bindings.
@Suite(.serialized) struct TokenSaleDisperserTests {
    let set: DeployedSet
    let token: GlicoToken
    let sale: GamePassSale
    let player: TransactionSender

    init() async throws {
        set = try await DeployedSet.start()
        token = set.deployment.token
        sale = set.deployment.sale
        player = try await set.account(5)
    }

    @Test func tokenIsAnERC20OnlyItsOwnerMints() async throws {
        #expect(try await token.name() == "Glico")
        #expect(try await token.symbol() == "GLICO")
        #expect(try await token.decimals() == 18)
        #expect(try await token.owner() == set.owner.address)
        #expect(await revertMessage { _ = try await token.mint(to: player.address, amount: 1).sendAndWait(from: player) } == "only owner")

        try await set.mint(DeployedSet.glico * 50, to: player.address)
        #expect(try await token.totalSupply() == DeployedSet.glico * 50)
        let other = DevnetAccounts.privateKeys[6].address
        let moved = try await token.transfer(to: other, amount: DeployedSet.glico).sendAndWait(from: player)
        let transfers = try token.events(GlicoToken.Transfer.self, in: moved)
        #expect(transfers.count == 1)
        #expect(transfers.first?.from == player.address && transfers.first?.to == other && transfers.first?.value == DeployedSet.glico)
        #expect(try await token.balanceOf(other) == DeployedSet.glico)
        // A log the ABI cannot explain is reported, not dropped.
        let items = try ContractArtifacts.artifact(named: "GlicoToken").abi.items.filter { if case .event = $0 { false } else { true } }
        let withoutEvents = Contract(address: token.address, abi: ContractABI(items), client: set.client)
        #expect(throws: ContractError.undecodableLog(index: 0, reason: "no event of the ABI has its first topic")) {
            try withoutEvents.events(in: moved)
        }
        #expect(await revertMessage {
            _ = try await token.transfer(to: other, amount: DeployedSet.glico * 1000).sendAndWait(from: player)
        } == "insufficient balance")

        let spender = try await set.account(6)
        #expect(await revertMessage {
            _ = try await token.transferFrom(player.address, to: other, amount: 1).sendAndWait(from: spender)
        } == "insufficient allowance")
        let approved = try await token.approve(spender: spender.address, amount: 10).sendAndWait(from: player)
        let approval = try token.events(GlicoToken.Approval.self, in: approved)
        #expect(approval.map(\.owner) == [player.address] && approval.map(\.spender) == [spender.address] && approval.map(\.value) == [10])
        #expect(try await token.allowance(owner: player.address, spender: spender.address) == 10)
        _ = try await token.transferFrom(player.address, to: other, amount: 4).sendAndWait(from: spender)
        #expect(try await token.allowance(owner: player.address, spender: spender.address) == 6)
    }

    /// Through `Contract`, the ABI-driven handle for contracts without a binding, and the typed event.
    @Test(arguments: ["GlicoToken", "PrizeDistributor", "GamePassSale"])
    func ownershipMovesOnlyByTheOwner(name: String) async throws {
        let contract = try set.contract(name)
        #expect(try await contract.call("owner")[0].addressValue == set.owner.address)
        #expect(await revertMessage {
            _ = try await contract.sendAndWait("transferOwnership", [.address(player.address)], from: player)
        } == "only owner")
        #expect(await revertMessage {
            _ = try await contract.sendAndWait("transferOwnership", [.address(Address.zero)], from: set.owner)
        } == "zero address")
        let moved = try await contract.sendAndWait("transferOwnership", [.address(player.address)], from: set.owner)
        let event = try #require(try contract.events(in: moved).first)
        #expect(event.event.name == "OwnershipTransferred")
        #expect(event["previousOwner"] == .address(set.owner.address) && event["newOwner"] == .address(player.address))
        let typed = try moved.logs.map { try OwnershipTransferred(log: $0.log) }
        #expect(typed.map(\.previousOwner) == [set.owner.address] && typed.map(\.newOwner) == [player.address])
        #expect(try await contract.call("owner")[0].addressValue == player.address)
    }

    @Test func gamePassSplitsThePriceOnChainAsDesigned() async throws {
        let price = DeploymentConfig.defaultGamePassPrice
        #expect(try await sale.price() == price)
        #expect(try await sale.treasury() == set.treasury)
        #expect(try await sale.token() == token.address)
        let distributor = set.deployment.distributor.address
        #expect(try await sale.distributor() == distributor)

        try await set.mint(price * 3, to: player.address)
        #expect(await revertMessage { _ = try await sale.buyGamePass().sendAndWait(from: player) } == "insufficient allowance")
        _ = try await token.approve(spender: sale.address, amount: price * 3).sendAndWait(from: player)
        let bought = try await sale.buyGamePass().sendAndWait(from: player)
        let block = try #require(try await set.client.block(.number(bought.blockNumber)))

        // DESIGN.md: treasury 70%, then 30% of the rest to the daily pool and the remainder to the weekly pool.
        let treasuryShare = price * 7000 / 10_000
        let daily = (price - treasuryShare) * 3000 / 10_000
        let weekly = price - treasuryShare - daily
        let purchase = try #require(try sale.events(GamePassSale.GamePassPurchased.self, in: bought).first)
        #expect(purchase.buyer == player.address)
        #expect(purchase.day == UInt256(block.timestamp / 86_400))
        #expect(purchase.price == price)
        #expect(purchase.treasuryAmount == treasuryShare)
        #expect(purchase.dailyPoolAmount == daily)
        #expect(purchase.weeklyPoolAmount == weekly)
        #expect(try await set.glicoBalance(set.treasury) == treasuryShare)
        #expect(try await set.glicoBalance(distributor) == daily + weekly)
        #expect(try await sale.passesBought(player.address) == 1)

        #expect(await revertMessage { _ = try await sale.setPrice(1).sendAndWait(from: player) } == "only owner")
        #expect(await revertMessage { _ = try await sale.setPrice(0).sendAndWait(from: set.owner) } == "zero price")
        // An odd price still splits without losing a base unit.
        let odd = UInt256(1_000_003)
        let changed = try await sale.setPrice(odd).sendAndWait(from: set.owner)
        #expect(try sale.events(GamePassSale.PriceChanged.self, in: changed).map(\.price) == [odd])
        let second = try await sale.buyGamePass().sendAndWait(from: player)
        let event = try #require(try sale.events(GamePassSale.GamePassPurchased.self, in: second).first)
        let parts = [event.treasuryAmount, event.dailyPoolAmount, event.weeklyPoolAmount]
        #expect(parts == [700_002, 90_000, 210_001] && parts.reduce(.zero, +) == odd)
    }

    @Test func disperserPaysManyRecipientsFromTheCaller() async throws {
        let disperser = set.deployment.disperser
        let recipients = (0..<8).map { Address.contractAddress(deployer: player.address, nonce: UInt64(100 + $0)) }
        let amounts = (1...8).map { UInt256($0) * DeployedSet.glico }
        try await set.mint(DeployedSet.glico * 36, to: player.address)
        _ = try await token.approve(spender: disperser.address, amount: DeployedSet.glico * 36).sendAndWait(from: player)
        #expect(await revertMessage {
            _ = try await disperser.disperseToken(token.address, recipients: recipients, amounts: Array(amounts.prefix(7))).sendAndWait(from: player)
        } == "mismatched arrays")
        let receipt = try await disperser.disperseToken(token.address, recipients: recipients, amounts: amounts).sendAndWait(from: player)
        #expect(try token.events(GlicoToken.Transfer.self, in: receipt).map(\.to) == recipients)
        for (recipient, amount) in zip(recipients, amounts) {
            #expect(try await set.glicoBalance(recipient) == amount)
        }
        #expect(try await set.glicoBalance(player.address) == .zero)
    }
}
