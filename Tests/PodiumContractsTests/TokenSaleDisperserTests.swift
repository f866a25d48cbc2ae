import PodiumABI
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRLP
import PodiumRPC
import PodiumSigner
import Testing

/// $GLICO, the Game Pass sale and the disperser on the devnet.
@Suite(.serialized) struct TokenSaleDisperserTests {
    let set: DeployedSet
    let token: Contract
    let sale: Contract
    let player: TransactionSender

    init() async throws {
        set = try await DeployedSet.start()
        token = try set.contract("GlicoToken")
        sale = try set.contract("GamePassSale")
        player = try await set.account(5)
    }

    @Test func tokenIsAnERC20OnlyItsOwnerMints() async throws {
        #expect(try await token.call("name") == [.string("Glico")])
        #expect(try await token.call("symbol") == [.string("GLICO")])
        #expect(try await token.call("decimals")[0].uintValue == 18)
        #expect(await revertMessage { _ = try await token.send("mint", [.address(player.address), .uint256(1)], from: player) } == "only owner")

        try await set.mint(DeployedSet.glico * 50, to: player.address)
        #expect(try await token.call("totalSupply")[0].uintValue == DeployedSet.glico * 50)
        let other = DevnetAccounts.privateKeys[6].address
        let moved = try await token.send("transfer", [.address(other), .uint256(DeployedSet.glico)], from: player)
        let transfer = try #require(token.events(in: moved).first)
        #expect(transfer.event.signature == "Transfer(address,address,uint256)")
        #expect(transfer["sender"] == .address(player.address) && transfer["receiver"] == .address(other))
        #expect(try await set.glicoBalance(other) == DeployedSet.glico)
        #expect(await revertMessage {
            _ = try await token.send("transfer", [.address(other), .uint256(DeployedSet.glico * 1000)], from: player)
        } == "insufficient balance")

        let spender = try await set.account(6)
        #expect(await revertMessage {
            _ = try await token.send("transferFrom", [.address(player.address), .address(other), .uint256(1)], from: spender)
        } == "insufficient allowance")
        let approved = try await token.send("approve", [.address(spender.address), .uint256(10)], from: player)
        #expect(token.events(in: approved).first?.event.name == "Approval")
        #expect(try await token.call("allowance", [.address(player.address), .address(spender.address)])[0].uintValue == 10)
        _ = try await token.send("transferFrom", [.address(player.address), .address(other), .uint256(4)], from: spender)
        #expect(try await token.call("allowance", [.address(player.address), .address(spender.address)])[0].uintValue == 6)
    }

    @Test(arguments: ["GlicoToken", "PrizeDistributor", "GamePassSale"])
    func ownershipMovesOnlyByTheOwner(name: String) async throws {
        let contract = try set.contract(name)
        #expect(try await contract.call("owner")[0].addressValue == set.owner.address)
        #expect(await revertMessage {
            _ = try await contract.send("transferOwnership", [.address(player.address)], from: player)
        } == "only owner")
        #expect(await revertMessage {
            _ = try await contract.send("transferOwnership", [.address(Address.zero)], from: set.owner)
        } == "zero address")
        let moved = try await contract.send("transferOwnership", [.address(player.address)], from: set.owner)
        let event = try #require(contract.events(in: moved).first)
        #expect(event.event.name == "OwnershipTransferred")
        #expect(event["previousOwner"] == .address(set.owner.address) && event["newOwner"] == .address(player.address))
        #expect(try await contract.call("owner")[0].addressValue == player.address)
    }

    @Test func gamePassSplitsThePriceOnChainAsDesigned() async throws {
        let price = DeploymentConfig.defaultGamePassPrice
        #expect(try await sale.call("price")[0].uintValue == price)
        #expect(try await sale.call("treasury")[0].addressValue == set.treasury)
        let distributor = try set.contract("PrizeDistributor").address
        #expect(try await sale.call("distributor")[0].addressValue == distributor)

        try await set.mint(price * 3, to: player.address)
        #expect(await revertMessage { _ = try await sale.send("buyGamePass", from: player) } == "insufficient allowance")
        _ = try await token.send("approve", [.address(sale.address), .uint256(price * 3)], from: player)
        let bought = try await sale.send("buyGamePass", from: player)
        let block = try #require(try await set.client.block(.number(bought.blockNumber)))

        // DESIGN.md: treasury 70%, then 30% of the rest to the daily pool and the remainder to the weekly pool.
        let treasuryShare = price * 7000 / 10_000
        let daily = (price - treasuryShare) * 3000 / 10_000
        let weekly = price - treasuryShare - daily
        let purchase = try #require(sale.events(in: bought).first { $0.event.name == "GamePassPurchased" })
        #expect(purchase["buyer"] == .address(player.address))
        #expect(purchase["day"] == .uint256(UInt256(block.timestamp / 86_400)))
        #expect(purchase["price"] == .uint256(price))
        #expect(purchase["treasuryAmount"] == .uint256(treasuryShare))
        #expect(purchase["dailyPoolAmount"] == .uint256(daily))
        #expect(purchase["weeklyPoolAmount"] == .uint256(weekly))
        #expect(try await set.glicoBalance(set.treasury) == treasuryShare)
        #expect(try await set.glicoBalance(distributor) == daily + weekly)
        #expect(try await sale.call("passesBought", [.address(player.address)])[0].uintValue == 1)

        #expect(await revertMessage { _ = try await sale.send("setPrice", [.uint256(1)], from: player) } == "only owner")
        #expect(await revertMessage { _ = try await sale.send("setPrice", [.uint256(0)], from: set.owner) } == "zero price")
        // An odd price still splits without losing a base unit.
        let odd = UInt256(1_000_003)
        let changed = try await sale.send("setPrice", [.uint256(odd)], from: set.owner)
        #expect(sale.events(in: changed).first?["price"] == .uint256(odd))
        let second = try await sale.send("buyGamePass", from: player)
        let event = try #require(sale.events(in: second).first { $0.event.name == "GamePassPurchased" })
        let parts = ["treasuryAmount", "dailyPoolAmount", "weeklyPoolAmount"].map { event[$0]!.uintValue! }
        #expect(parts == [700_002, 90_000, 210_001] && parts.reduce(.zero, +) == odd)
    }

    @Test func disperserPaysManyRecipientsFromTheCaller() async throws {
        let disperser = try set.contract("Disperser")
        let recipients = (0..<8).map { Address.contractAddress(deployer: player.address, nonce: UInt64(100 + $0)) }
        let amounts = (1...8).map { UInt256($0) * DeployedSet.glico }
        try await set.mint(DeployedSet.glico * 36, to: player.address)
        _ = try await token.send("approve", [.address(disperser.address), .uint256(DeployedSet.glico * 36)], from: player)
        let arguments: [ABIValue] = [.address(token.address), .array(recipients.map(ABIValue.address)), .array(amounts.map(ABIValue.uint256))]
        #expect(await revertMessage {
            _ = try await disperser.send("disperseToken", [arguments[0], arguments[1], .array(Array(amounts.prefix(7)).map(ABIValue.uint256))], from: player)
        } == "mismatched arrays")
        let receipt = try await disperser.send("disperseToken", arguments, from: player)
        #expect(token.events(in: receipt).count == 8)
        for (recipient, amount) in zip(recipients, amounts) {
            #expect(try await set.glicoBalance(recipient) == amount)
        }
        #expect(try await set.glicoBalance(player.address) == .zero)
    }
}
