import PodiumABI
import PodiumAccountAbstraction
import PodiumPrimitives

/// What the sponsor pays for, as values: the Game Pass call shapes, per-wallet and daily limits, the cost and fee
/// caps, the gas limits allowed against Podium's own estimate, the validity window and the campaign dates.
///
/// A pure state machine: `decide(_:stage:now:usage:)` takes the operation, the time and what has already been used,
/// and returns a decision; it does no I/O and never traps on client data (every sum and product is overflow-checked).
public struct SponsorPolicy: Hashable, Sendable {
    /// The Game Pass sale whose `buyGamePass()` is sponsored.
    public var sale: Address
    /// The $GLICO token an `approve(sale, amount)` may precede the purchase on.
    public var token: Address
    /// The Game Pass price in GLICO base units: the largest approval sponsored.
    public var gamePassPrice: UInt256
    /// The account factory whose account creation (initCode) is sponsored with a purchase; nil sponsors none.
    public var factory: Address?
    /// The most operations one sender is sponsored per UTC day.
    public var walletDailyLimit: UInt64
    /// The most wei sponsored operations may cost per UTC day (reserved at signing at their maximum cost, then
    /// settled at their actual cost).
    public var dailyBudget: UInt256
    /// The most wei one operation may cost: (verificationGasLimit + callGasLimit + paymasterVerificationGasLimit +
    /// paymasterPostOpGasLimit + preVerificationGas) × maxFeePerGas, EntryPoint v0.7's prefund, which bounds the
    /// actual cost, the 10% penalty on unused execution gas included.
    public var maximumOperationCost: UInt256
    /// The highest maxFeePerGas sponsored, in wei.
    public var maximumFeePerGas: UInt256
    /// Podium's own gas estimate for each shape, which the operation's limits may exceed by `gasLimitFactorPercent`.
    public var estimates: GasEstimates
    /// How far above the estimate an operation's gas limits may be, in percent of it (150: 1.5 × the estimate).
    public var gasLimitFactorPercent: UInt64
    /// Seconds from signing to the signature's validUntil; at most `maximumValidity`.
    public var validity: UInt64
    /// Seconds before signing that validAfter is set to, for clocks a little behind.
    public var validAfterSlack: UInt64
    /// The first second of the campaign (Unix time), or nil for no start.
    public var campaignStart: UInt64?
    /// The second the campaign ends (Unix time, exclusive), or nil for no end.
    public var campaignEnd: UInt64?
    /// The paymasterVerificationGasLimit the service gives every operation.
    public var paymasterVerificationGasLimit: UInt256
    /// The paymasterPostOpGasLimit the service gives every operation (Podium's paymaster has no postOp: 0 by default).
    public var paymasterPostOpGasLimit: UInt256
    /// The sponsor's name, returned by `pm_getPaymasterStubData` as ERC-7677's `sponsor.name`, or nil.
    public var sponsorName: String?

    /// Ten minutes: the longest validity a signature gets.
    public static let maximumValidity: UInt64 = 600
    /// Seconds in a UTC day.
    public static let secondsPerDay: UInt64 = 86_400

    /// A policy for `sale` and `token` at `gamePassPrice`, with every other setting at its default: 3 operations a
    /// wallet a day, 1 ether a day, 0.01 ether an operation, 100 gwei per gas, limits up to 2 × `GasEstimates.podium`,
    /// 10 minutes of validity, 30 s of slack, no campaign dates, a 60,000-gas paymaster verification and no postOp.
    public init(
        sale: Address, token: Address, gamePassPrice: UInt256, factory: Address? = nil, walletDailyLimit: UInt64 = 3,
        dailyBudget: UInt256 = UInt256(1_000_000_000_000_000_000), maximumOperationCost: UInt256 = UInt256(10_000_000_000_000_000),
        maximumFeePerGas: UInt256 = UInt256(100_000_000_000), estimates: GasEstimates = .podium,
        gasLimitFactorPercent: UInt64 = 200, validity: UInt64 = maximumValidity, validAfterSlack: UInt64 = 30,
        campaignStart: UInt64? = nil, campaignEnd: UInt64? = nil, paymasterVerificationGasLimit: UInt256 = UInt256(60_000),
        paymasterPostOpGasLimit: UInt256 = .zero, sponsorName: String? = nil
    ) {
        (self.sale, self.token, self.gamePassPrice, self.factory) = (sale, token, gamePassPrice, factory)
        (self.walletDailyLimit, self.dailyBudget, self.maximumOperationCost) = (walletDailyLimit, dailyBudget, maximumOperationCost)
        (self.maximumFeePerGas, self.estimates, self.gasLimitFactorPercent) = (maximumFeePerGas, estimates, gasLimitFactorPercent)
        (self.validity, self.validAfterSlack, self.campaignStart, self.campaignEnd) = (validity, validAfterSlack, campaignStart, campaignEnd)
        (self.paymasterVerificationGasLimit, self.paymasterPostOpGasLimit) = (paymasterVerificationGasLimit, paymasterPostOpGasLimit)
        self.sponsorName = sponsorName
    }

    /// The UTC day number (days since 1970-01-01) of Unix time `now`.
    public static func day(of now: UInt64) -> UInt64 { now / secondsPerDay }

    /// Seconds from `now` to the next UTC midnight.
    public static func secondsToNextDay(from now: UInt64) -> UInt64 { secondsPerDay - now % secondsPerDay }
}

/// Podium's estimate of an operation's gas, per shape (from measurement of Podium's contracts, see README).
public struct GasEstimate: Hashable, Sendable {
    /// The account's validateUserOp (and the EntryPoint's verification overhead).
    public var verificationGasLimit: UInt256
    /// The account's execution of the calls.
    public var callGasLimit: UInt256
    /// What the bundler charges beyond metered gas.
    public var preVerificationGas: UInt256

    /// An estimate of these three.
    public init(verificationGasLimit: UInt256, callGasLimit: UInt256, preVerificationGas: UInt256) {
        (self.verificationGasLimit, self.callGasLimit, self.preVerificationGas) =
            (verificationGasLimit, callGasLimit, preVerificationGas)
    }
}

/// Podium's gas estimates for the two Game Pass shapes, and what creating the account adds to verification.
public struct GasEstimates: Hashable, Sendable {
    /// `execute(sale, 0, buyGamePass())`.
    public var purchase: GasEstimate
    /// `executeBatch([token, sale], [0, 0], [approve(sale, price), buyGamePass()])`.
    public var approveAndPurchase: GasEstimate
    /// The verification gas an operation with initCode adds (the factory's CREATE2 of the account).
    public var accountCreation: UInt256

    /// These estimates.
    public init(purchase: GasEstimate, approveAndPurchase: GasEstimate, accountCreation: UInt256) {
        (self.purchase, self.approveAndPurchase, self.accountCreation) = (purchase, approveAndPurchase, accountCreation)
    }

    /// Defaults with room above what Podium's EntryPoint.vy, SimpleAccount.vy and GamePassSale.vy use on the devnet
    /// (the end-to-end purchase tests pass the policy with the bundler's own estimates); a deployment on other
    /// contracts sets its own in the policy file.
    public static let podium = GasEstimates(
        purchase: GasEstimate(verificationGasLimit: UInt256(60_000), callGasLimit: UInt256(100_000), preVerificationGas: UInt256(60_000)),
        approveAndPurchase: GasEstimate(
            verificationGasLimit: UInt256(60_000), callGasLimit: UInt256(130_000), preVerificationGas: UInt256(60_000)),
        accountCreation: UInt256(200_000))

    /// The estimate of `shape`.
    public func estimate(_ shape: GamePassShape) -> GasEstimate {
        switch shape {
        case .purchase: purchase
        case .approveAndPurchase: approveAndPurchase
        }
    }
}

/// The two call shapes sponsored.
public enum GamePassShape: String, Hashable, Sendable, CaseIterable {
    /// `execute(sale, 0, buyGamePass())`.
    case purchase
    /// `executeBatch([token, sale], [0, 0] or [], [approve(sale, amount ≤ price), buyGamePass()])`.
    case approveAndPurchase
}

/// Which ERC-7677 request is being answered.
public enum SponsorStage: String, Hashable, Sendable {
    /// `pm_getPaymasterStubData`: the call shape, the campaign and what is left are checked; nothing is reserved.
    case stub
    /// `pm_getPaymasterData`: everything is checked and the operation's maximum cost is reserved.
    case final
}

/// What one sender and the whole sponsor have used on a UTC day.
public struct SponsorUsage: Hashable, Sendable {
    /// Operations sponsored for the sender that day (reserved or settled).
    public var walletCount: UInt64
    /// Wei of the day's budget used: reserved at maximum cost plus settled at actual cost.
    public var budgetUsed: UInt256

    /// Usage of `walletCount` operations and `budgetUsed` wei.
    public init(walletCount: UInt64 = 0, budgetUsed: UInt256 = .zero) {
        (self.walletCount, self.budgetUsed) = (walletCount, budgetUsed)
    }
}

/// An approved sponsorship: the shape found, the cost reserved and the signature's window.
public struct Sponsorship: Hashable, Sendable {
    /// The call shape.
    public var shape: GamePassShape
    /// The operation's maximum cost in wei (EntryPoint v0.7's prefund), reserved from the day's budget.
    public var maximumCost: UInt256
    /// The UTC day it counts against.
    public var day: UInt64
    /// The first second the paymaster's signature is valid.
    public var validAfter: UInt64
    /// The last second the paymaster's signature is valid.
    public var validUntil: UInt64
}

/// Why the policy refused an operation: a stable reason code, a sentence, and the limit, what is left of it and
/// when to try again, as JSON-RPC error data carries them.
public struct SponsorRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable reason codes (`data.reason` of the JSON-RPC error).
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        /// callData is not one of the two Game Pass shapes.
        case notGamePassPurchase = "not-game-pass-purchase"
        /// initCode names another factory than the one sponsored.
        case factoryNotSponsored = "factory-not-sponsored"
        /// Before the campaign's start.
        case campaignNotStarted = "campaign-not-started"
        /// At or after the campaign's end.
        case campaignEnded = "campaign-ended"
        /// maxFeePerGas above the cap.
        case feeTooHigh = "max-fee-per-gas"
        /// A gas limit above the allowed factor of Podium's estimate.
        case gasLimitTooHigh = "gas-limit-above-estimate"
        /// The operation's maximum cost above the per-operation cap.
        case operationCostTooHigh = "operation-cost"
        /// The sender had its operations for the UTC day.
        case walletDailyLimit = "wallet-daily-limit"
        /// The day's gas budget cannot cover the operation.
        case dailyBudget = "daily-budget"
    }

    /// The reason code.
    public var reason: Reason
    /// One sentence a person reads.
    public var message: String
    /// The limit that applied, as a decimal number (wei, gas, a count, or a Unix time), when there is one.
    public var limit: String?
    /// What is left of the limit, as a decimal number, when it is a quantity.
    public var remaining: String?
    /// Seconds after which the same request may succeed (a new UTC day, the campaign's start), or nil for never.
    public var retryAfter: UInt64?

    /// A refusal with these details.
    public init(_ reason: Reason, _ message: String, limit: String? = nil, remaining: String? = nil, retryAfter: UInt64? = nil) {
        (self.reason, self.message, self.limit, self.remaining, self.retryAfter) = (reason, message, limit, remaining, retryAfter)
    }

    /// `reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}

/// What the policy decided.
public enum SponsorDecision: Hashable, Sendable {
    /// Sponsor it, as described.
    case sponsor(Sponsorship)
    /// Refuse it, for this reason.
    case refuse(SponsorRefusal)
}

// MARK: Deciding

extension SponsorPolicy {
    /// `buyGamePass()`'s 4-byte calldata.
    public static let buyGamePassInput = Selector(signature: "buyGamePass()").bytes
    /// The selector of ERC-20's `approve(address,uint256)`.
    public static let approveSelector = Selector(signature: "approve(address,uint256)")

    /// The Game Pass shape of `callData`, exactly: `execute(sale, 0, buyGamePass())`, or `executeBatch` of
    /// `approve(sale, amount ≤ price)` on the token then `buyGamePass()` on the sale (values all zero, or the empty
    /// values array SimpleAccount allows), each canonically ABI-encoded; anything else is a refusal.
    public func shape(of callData: [UInt8]) -> Result<GamePassShape, SponsorRefusal> {
        func refuse(_ why: String) -> Result<GamePassShape, SponsorRefusal> {
            .failure(SponsorRefusal(.notGamePassPurchase, "only a Game Pass purchase is sponsored: \(why)"))
        }
        let calls: [AccountCall]
        do {
            calls = try SimpleAccount.calls(in: callData)
        } catch {
            return refuse("callData is not SimpleAccount's execute or executeBatch (\(error))")
        }
        let purchase = AccountCall(to: sale, value: .zero, input: Self.buyGamePassInput)
        let selector = callData.count >= 4 ? Array(callData[..<4]) : []
        if selector == SimpleAccount.executeSelector.bytes {
            guard calls == [purchase] else { return refuse("execute must call buyGamePass() on the sale \(sale) with no value") }
            guard callData == SimpleAccount.execute(purchase) else { return refuse("execute's arguments are not canonically encoded") }
            return .success(.purchase)
        }
        guard calls.count == 2 else { return refuse("executeBatch must make exactly two calls, approve then buyGamePass, not \(calls.count)") }
        let approve = calls[0]
        guard approve.to == token else { return refuse("the first call must be on the token \(token)") }
        guard approve.value == .zero, calls[1].value == .zero else { return refuse("the calls must carry no value") }
        guard approve.input.count == 68, Array(approve.input[..<4]) == Self.approveSelector.bytes else {
            return refuse("the first call must be approve(address,uint256)")
        }
        guard let (spender, amount) = Self.approveArguments(approve.input) else {
            return refuse("approve's arguments are not canonically encoded")
        }
        guard spender == sale else { return refuse("approve must name the sale \(sale) as spender") }
        guard amount <= gamePassPrice else { return refuse("approve of \(amount) is above the price \(gamePassPrice)") }
        guard calls[1] == purchase else { return refuse("the second call must be buyGamePass() on the sale \(sale)") }
        let values = ABI.encode(calls.map(\.to), calls.map(\.value), calls.map { ABIBytes($0.input) })
        let noValues = ABI.encode(calls.map(\.to), [UInt256](), calls.map { ABIBytes($0.input) })
        let arguments = Array(callData[4...])
        guard arguments == values || arguments == noValues else { return refuse("executeBatch's arguments are not canonically encoded") }
        return .success(.approveAndPurchase)
    }

    /// The spender and amount of `approve(address,uint256)` calldata, when canonically encoded.
    private static func approveArguments(_ input: [UInt8]) -> (Address, UInt256)? {
        guard let decoded = try? ABI.decode((Address, UInt256).self, from: input[4...]),
            input == approveSelector.bytes + ABI.encode(decoded.0, decoded.1)
        else { return nil }
        return decoded
    }

    /// The operation's maximum cost in wei, with the paymaster limits the service gives it: (verificationGasLimit +
    /// callGasLimit + paymasterVerificationGasLimit + paymasterPostOpGasLimit + preVerificationGas) × maxFeePerGas;
    /// nil when it overflows 256 bits.
    public func maximumCost(of operation: UserOperation) -> UInt256? {
        var gas = UInt256.zero
        for limit in [
            operation.verificationGasLimit, operation.callGasLimit, paymasterVerificationGasLimit, paymasterPostOpGasLimit,
            operation.preVerificationGas,
        ] {
            let (sum, overflow) = gas.addingReportingOverflow(limit)
            if overflow { return nil }
            gas = sum
        }
        let (cost, overflow) = gas.multipliedReportingOverflow(by: operation.maxFeePerGas)
        return overflow ? nil : cost
    }

    /// Decides whether to sponsor `operation` at Unix time `now`, given what its sender and the day have used.
    ///
    /// Checks in this order: the call shape and factory, the campaign dates, maxFeePerGas, then (final stage only)
    /// each gas limit against the estimate, the operation's maximum cost; then the sender's daily count and the
    /// day's budget (at the stub stage: whether anything is left at all; at the final stage: whether this operation
    /// fits).
    public func decide(_ operation: UserOperation, stage: SponsorStage, now: UInt64, usage: SponsorUsage) -> SponsorDecision {
        let shape: GamePassShape
        switch self.shape(of: operation.callData) {
        case .success(let found): shape = found
        case .failure(let refusal): return .refuse(refusal)
        }
        if let factory = operation.factory?.address, factory != self.factory {
            return .refuse(SponsorRefusal(
                .factoryNotSponsored,
                self.factory.map { "only accounts of the factory \($0) are created" } ?? "account creation is not sponsored"))
        }
        if let start = campaignStart, now < start {
            return .refuse(SponsorRefusal(.campaignNotStarted, "the campaign starts at \(start)", limit: "\(start)", retryAfter: start - now))
        }
        if let end = campaignEnd, now >= end {
            return .refuse(SponsorRefusal(.campaignEnded, "the campaign ended at \(end)", limit: "\(end)"))
        }
        if operation.maxFeePerGas > maximumFeePerGas {
            return .refuse(SponsorRefusal(
                .feeTooHigh, "maxFeePerGas \(operation.maxFeePerGas) is above \(maximumFeePerGas)", limit: "\(maximumFeePerGas)"))
        }
        let day = Self.day(of: now)
        let nextDay = Self.secondsToNextDay(from: now)
        var cost = UInt256.zero
        if stage == .final {
            let estimate = estimates.estimate(shape)
            let verification = estimate.verificationGasLimit.addingReportingOverflow(
                operation.factory == nil ? .zero : estimates.accountCreation).partialValue
            for (name, value, estimated) in [
                ("verificationGasLimit", operation.verificationGasLimit, verification),
                ("callGasLimit", operation.callGasLimit, estimate.callGasLimit),
                ("preVerificationGas", operation.preVerificationGas, estimate.preVerificationGas),
            ] {
                // value ≤ estimate × factor / 100, without division: value × 100 ≤ estimate × factor.
                let (scaled, overflow) = value.multipliedReportingOverflow(by: UInt256(100))
                let (allowed, allowedOverflow) = estimated.multipliedReportingOverflow(by: UInt256(gasLimitFactorPercent))
                let limit = allowedOverflow ? UInt256.max : allowed / UInt256(100)
                if overflow || (!allowedOverflow && scaled > allowed) {
                    return .refuse(SponsorRefusal(
                        .gasLimitTooHigh, "\(name) \(value) is above \(gasLimitFactorPercent)% of Podium's estimate \(estimated)",
                        limit: "\(limit)"))
                }
            }
            guard let maximum = maximumCost(of: operation), maximum <= maximumOperationCost else {
                return .refuse(SponsorRefusal(
                    .operationCostTooHigh,
                    "the operation may cost \(maximumCost(of: operation).map { "\($0)" } ?? "over 2^256") wei, above \(maximumOperationCost)",
                    limit: "\(maximumOperationCost)"))
            }
            cost = maximum
        }
        guard usage.walletCount < walletDailyLimit else {
            return .refuse(SponsorRefusal(
                .walletDailyLimit, "\(operation.sender) had its \(walletDailyLimit) sponsored operations today (UTC)",
                limit: "\(walletDailyLimit)", remaining: "0", retryAfter: nextDay))
        }
        let (left, overspent) = dailyBudget.subtractingReportingOverflow(usage.budgetUsed)
        let remaining = overspent ? UInt256.zero : left
        if remaining == .zero || cost > remaining {
            return .refuse(SponsorRefusal(
                .dailyBudget, "today's sponsorship budget cannot cover \(cost) wei", limit: "\(dailyBudget)",
                remaining: "\(remaining)", retryAfter: nextDay))
        }
        var validUntil = now.addingReportingOverflow(min(validity, Self.maximumValidity)).partialValue
        if let end = campaignEnd { validUntil = min(validUntil, end - 1) }
        validUntil = min(validUntil, VerifyingPaymasterData.maximumTimestamp)
        let validAfter = now >= validAfterSlack ? now - validAfterSlack : 0
        return .sponsor(Sponsorship(shape: shape, maximumCost: cost, day: day, validAfter: validAfter, validUntil: validUntil))
    }
}
