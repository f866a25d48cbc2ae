import PodiumABI
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumSponsor
import Testing

/// Fixed values for the policy tests: a sale, a token, a factory, a price of 20 GLICO, a Game Pass operation.
enum Fixture {
    static let sale = try! Address(hex: "0x00000000000000000000000000000000000005a1")
    static let token = try! Address(hex: "0x0000000000000000000000000000000000000070")
    static let factory = try! Address(hex: "0x00000000000000000000000000000000000000fa")
    static let other = try! Address(hex: "0x00000000000000000000000000000000000000bb")
    static let sender = try! Address(hex: "0x1000000000000000000000000000000000000001")
    static let price = UInt256(20) * UInt256(1_000_000_000_000_000_000)
    static let gwei = UInt256(1_000_000_000)
    /// 2026-11-20T12:00:00Z.
    static let now: UInt64 = 1_795_176_000

    static let policy = SponsorPolicy(
        sale: sale, token: token, gamePassPrice: price, factory: factory, walletDailyLimit: 3,
        dailyBudget: UInt256(1_000_000_000_000_000), maximumOperationCost: UInt256(300_000_000_000_000),
        maximumFeePerGas: UInt256(2) * gwei)

    static let buy = AccountCall(to: sale, input: SponsorPolicy.buyGamePassInput)
    static func approve(_ spender: Address = sale, _ amount: UInt256 = price) -> AccountCall {
        AccountCall(to: token, input: SponsorPolicy.approveSelector.bytes + ABI.encode(spender, amount))
    }

    /// An operation with `callData` and gas within the policy: (60,000 + 100,000 + 60,000 + 0 + 60,000) × 1 gwei.
    static func operation(_ callData: [UInt8] = SimpleAccount.execute(buy), sender: Address = sender) -> UserOperation {
        UserOperation(
            sender: sender, nonce: .zero, callData: callData, callGasLimit: UInt256(100_000),
            verificationGasLimit: UInt256(60_000), preVerificationGas: UInt256(60_000), maxFeePerGas: gwei,
            maxPriorityFeePerGas: gwei)
    }
}

@Suite struct SponsorPolicyTests {
    let policy = Fixture.policy

    func refusal(_ decision: SponsorDecision) -> SponsorRefusal? {
        if case .refuse(let refusal) = decision { refusal } else { nil }
    }

    @Test func sponsorsThePurchaseWithItsMaximumCostAndWindow() throws {
        let decision = policy.decide(Fixture.operation(), stage: .final, now: Fixture.now, usage: SponsorUsage())
        guard case .sponsor(let sponsorship) = decision else { Issue.record("refused: \(decision)"); return }
        #expect(sponsorship.shape == .purchase)
        #expect(sponsorship.maximumCost == UInt256(280_000) * Fixture.gwei)
        #expect(sponsorship.validUntil == Fixture.now + 600)
        #expect(sponsorship.validAfter == Fixture.now - 30)
        #expect(sponsorship.day == Fixture.now / 86_400)
    }

    @Test func acceptsApproveThenPurchase() throws {
        for amount in [Fixture.price, UInt256(1), UInt256.zero] {
            let callData = SimpleAccount.executeBatch([Fixture.approve(Fixture.sale, amount), Fixture.buy])
            #expect(try policy.shape(of: callData).get() == .approveAndPurchase)
        }
        // SimpleAccount also takes an empty values array.
        let noValues = SimpleAccount.executeBatchSelector.bytes
            + ABI.encode([Fixture.token, Fixture.sale], [UInt256](), [ABIBytes(Fixture.approve().input), ABIBytes(Fixture.buy.input)])
        #expect(try policy.shape(of: noValues).get() == .approveAndPurchase)
    }

    static let refusedShapes: [(String, [UInt8])] = [
        ("approve above the price", SimpleAccount.executeBatch([Fixture.approve(Fixture.sale, Fixture.price + UInt256(1)), Fixture.buy])),
        ("approve to another spender", SimpleAccount.executeBatch([Fixture.approve(Fixture.other), Fixture.buy])),
        ("an extra call", SimpleAccount.executeBatch([Fixture.approve(), Fixture.buy, Fixture.buy])),
        ("purchase then approve", SimpleAccount.executeBatch([Fixture.buy, Fixture.approve()])),
        ("a batch of the purchase alone", SimpleAccount.executeBatch([Fixture.buy])),
        ("a call to another contract", SimpleAccount.execute(AccountCall(to: Fixture.other, input: SponsorPolicy.buyGamePassInput))),
        ("approve on another token", SimpleAccount.executeBatch([AccountCall(to: Fixture.other, input: Fixture.approve().input), Fixture.buy])),
        ("value on the purchase", SimpleAccount.execute(AccountCall(to: Fixture.sale, value: UInt256(1), input: SponsorPolicy.buyGamePassInput))),
        ("value on approve", SimpleAccount.executeBatch([AccountCall(to: Fixture.token, value: UInt256(1), input: Fixture.approve().input), Fixture.buy])),
        ("another function of the sale", SimpleAccount.execute(AccountCall(to: Fixture.sale, input: Selector(signature: "setPrice(uint256)").bytes + ABI.encode(UInt256(1))))),
        ("buyGamePass with trailing bytes", SimpleAccount.execute(AccountCall(to: Fixture.sale, input: SponsorPolicy.buyGamePassInput + [0]))),
        ("execute with trailing bytes", SimpleAccount.execute(Fixture.buy) + [0]),
        ("transfer instead of approve", SimpleAccount.executeBatch([AccountCall(to: Fixture.token, input: Selector(signature: "transfer(address,uint256)").bytes + ABI.encode(Fixture.sale, UInt256(1))), Fixture.buy])),
        ("empty callData", []),
        ("another account function", [0xde, 0xad, 0xbe, 0xef]),
    ]

    @Test(arguments: refusedShapes.indices)
    func refusesOtherShapes(_ index: Int) {
        let (name, callData) = Self.refusedShapes[index]
        let decision = policy.decide(Fixture.operation(callData), stage: .stub, now: Fixture.now, usage: SponsorUsage())
        #expect(refusal(decision)?.reason == .notGamePassPurchase, "\(name)")
    }

    @Test func refusesAnotherFactoryAndCreationWithoutOne() {
        var operation = Fixture.operation()
        operation.factory = UserOperation.Factory(address: Fixture.other, data: [1])
        #expect(refusal(policy.decide(operation, stage: .stub, now: Fixture.now, usage: SponsorUsage()))?.reason == .factoryNotSponsored)
        operation.factory = UserOperation.Factory(address: Fixture.factory, data: [1])
        operation.verificationGasLimit = UInt256(260_000)
        operation.maxFeePerGas = UInt256(1)
        if case .refuse(let refusal) = policy.decide(operation, stage: .final, now: Fixture.now, usage: SponsorUsage()) {
            Issue.record("\(refusal)")
        }
        var noFactory = policy
        noFactory.factory = nil
        #expect(refusal(noFactory.decide(operation, stage: .stub, now: Fixture.now, usage: SponsorUsage()))?.reason == .factoryNotSponsored)
    }

    @Test func refusesOutsideTheCampaign() throws {
        var campaign = policy
        campaign.campaignStart = Fixture.now + 100
        campaign.campaignEnd = Fixture.now + 1_000
        let early = try #require(refusal(campaign.decide(Fixture.operation(), stage: .stub, now: Fixture.now, usage: SponsorUsage())))
        #expect(early.reason == .campaignNotStarted && early.retryAfter == 100)
        let late = try #require(refusal(campaign.decide(Fixture.operation(), stage: .stub, now: Fixture.now + 1_000, usage: SponsorUsage())))
        #expect(late.reason == .campaignEnded && late.retryAfter == nil)
        // Near the end, validUntil stops before it.
        guard case .sponsor(let sponsorship) = campaign.decide(Fixture.operation(), stage: .final, now: Fixture.now + 900, usage: SponsorUsage())
        else { Issue.record("refused"); return }
        #expect(sponsorship.validUntil == Fixture.now + 999)
    }

    @Test func refusesAFeeAboveTheCap() throws {
        var operation = Fixture.operation()
        operation.maxFeePerGas = UInt256(2) * Fixture.gwei + UInt256(1)
        let refused = try #require(refusal(policy.decide(operation, stage: .stub, now: Fixture.now, usage: SponsorUsage())))
        #expect(refused.reason == .feeTooHigh && refused.limit == "2000000000")
    }

    @Test(arguments: [\UserOperation.verificationGasLimit, \.callGasLimit, \.preVerificationGas])
    func refusesGasLimitsAboveTheFactorOfTheEstimate(_ field: WritableKeyPath<UserOperation, UInt256> & Sendable) throws {
        var operation = Fixture.operation()
        operation.maxFeePerGas = UInt256(1)
        operation[keyPath: field] = UInt256(1)
        let estimate = Fixture.policy.estimates.purchase
        let allowed = field == \UserOperation.verificationGasLimit ? estimate.verificationGasLimit
            : field == \UserOperation.callGasLimit ? estimate.callGasLimit : estimate.preVerificationGas
        operation[keyPath: field] = allowed * UInt256(2)
        if case .refuse(let refused) = policy.decide(operation, stage: .final, now: Fixture.now, usage: SponsorUsage()) {
            Issue.record("exactly 200% refused: \(refused)")
        }
        operation[keyPath: field] = allowed * UInt256(2) + UInt256(1)
        let refused = try #require(refusal(policy.decide(operation, stage: .final, now: Fixture.now, usage: SponsorUsage())))
        #expect(refused.reason == .gasLimitTooHigh && refused.limit == "\(allowed * UInt256(2))")
        // The stub stage does not check gas, which the wallet has not estimated yet.
        #expect(refusal(policy.decide(operation, stage: .stub, now: Fixture.now, usage: SponsorUsage())) == nil)
    }

    @Test func refusesAnOperationCostAboveTheCap() throws {
        var generous = policy
        generous.gasLimitFactorPercent = 10_000
        var operation = Fixture.operation()
        operation.maxFeePerGas = UInt256(2) * Fixture.gwei
        operation.callGasLimit = UInt256(1_000_000)  // (60k + 1M + 60k + 60k) × 2 gwei = 2.36e15 > 3e14
        let refused = try #require(refusal(generous.decide(operation, stage: .final, now: Fixture.now, usage: SponsorUsage())))
        #expect(refused.reason == .operationCostTooHigh && refused.limit == "300000000000000")
    }

    @Test func neverTrapsOnHugeValues() throws {
        var huge = policy
        (huge.gasLimitFactorPercent, huge.maximumFeePerGas, huge.maximumOperationCost) = (.max, .max, .max)
        huge.estimates.purchase = GasEstimate(verificationGasLimit: .max, callGasLimit: .max, preVerificationGas: .max)
        huge.paymasterVerificationGasLimit = .max
        var operation = Fixture.operation()
        let big = UserOperation.maximumGasValue
        (operation.verificationGasLimit, operation.callGasLimit, operation.preVerificationGas, operation.maxFeePerGas) = (big, big, big, big)
        #expect(huge.maximumCost(of: operation) == nil)
        let refused = try #require(refusal(huge.decide(operation, stage: .final, now: .max, usage: SponsorUsage(walletCount: .max, budgetUsed: .max))))
        #expect(refused.reason == .operationCostTooHigh)
    }

    @Test func refusesTheSenderPastItsDailyCount() throws {
        let usage = SponsorUsage(walletCount: 3)
        let refused = try #require(refusal(policy.decide(Fixture.operation(), stage: .final, now: Fixture.now, usage: usage)))
        #expect(refused.reason == .walletDailyLimit && refused.limit == "3" && refused.remaining == "0")
        #expect(refused.retryAfter == 43_200)  // noon to midnight UTC
        #expect(refusal(policy.decide(Fixture.operation(), stage: .stub, now: Fixture.now, usage: usage))?.reason == .walletDailyLimit)
        #expect(refusal(policy.decide(Fixture.operation(), stage: .final, now: Fixture.now, usage: SponsorUsage(walletCount: 2))) == nil)
    }

    @Test func refusesPastTheDailyBudget() throws {
        let cost = UInt256(280_000) * Fixture.gwei
        let fits = SponsorUsage(budgetUsed: UInt256(1_000_000_000_000_000) - cost)
        #expect(refusal(policy.decide(Fixture.operation(), stage: .final, now: Fixture.now, usage: fits)) == nil)
        let over = SponsorUsage(budgetUsed: UInt256(1_000_000_000_000_000) - cost + UInt256(1))
        let refused = try #require(refusal(policy.decide(Fixture.operation(), stage: .final, now: Fixture.now, usage: over)))
        #expect(refused.reason == .dailyBudget && refused.remaining == "\(cost - UInt256(1))" && refused.retryAfter == 43_200)
        // The stub refuses only an exhausted budget.
        #expect(refusal(policy.decide(Fixture.operation(), stage: .stub, now: Fixture.now, usage: over)) == nil)
        let spent = SponsorUsage(budgetUsed: UInt256(1_000_000_000_000_000))
        #expect(refusal(policy.decide(Fixture.operation(), stage: .stub, now: Fixture.now, usage: spent))?.reason == .dailyBudget)
    }

    @Test func readsAPolicyFile() throws {
        let file = try JSONValue(json: Array("""
            {"walletDailyLimit": 5, "dailyBudget": "0.5ether", "maximumOperationCost": "1000000", "maximumFeePerGas": "30gwei",
             "gasLimitFactorPercent": 150, "validitySeconds": 300, "campaignStart": "2026-11-20T00:00:00Z",
             "campaignEnd": 1795262400, "gamePassPrice": "2.5", "factory": null, "sponsorName": "Podium",
             "estimates": {"purchase": {"callGasLimit": 90000}, "accountCreation": 150000}}
            """.utf8))
        let read = try policy.applying(file: file)
        #expect(read.walletDailyLimit == 5 && read.dailyBudget == UInt256(500_000_000_000_000_000))
        #expect(read.maximumOperationCost == UInt256(1_000_000) && read.maximumFeePerGas == UInt256(30) * Fixture.gwei)
        #expect(read.gasLimitFactorPercent == 150 && read.validity == 300)
        #expect(read.campaignStart == 1_795_132_800 && read.campaignEnd == 1_795_262_400)
        #expect(read.gamePassPrice == UInt256(2_500_000_000_000_000_000) && read.factory == nil && read.sponsorName == "Podium")
        #expect(read.estimates.purchase.callGasLimit == UInt256(90_000))
        #expect(read.estimates.purchase.verificationGasLimit == policy.estimates.purchase.verificationGasLimit)
        #expect(read.estimates.accountCreation == UInt256(150_000))
        for bad in [#"{"walletDailyLimt": 1}"#, #"{"validitySeconds": 601}"#, #"{"dailyBudget": "1.5wei"}"#, #"{"gasLimitFactorPercent": 99}"#] {
            #expect(throws: SponsorPolicyError.self) { try policy.applying(file: try JSONValue(json: Array(bad.utf8))) }
        }
    }
}
