import Foundation
import PodiumPrimitives

/// Why a policy file was refused: the member and what is wrong with it.
public struct SponsorPolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The member (or "the file").
    public var member: String
    /// What is wrong.
    public var reason: String

    /// A refusal of `member`.
    public init(member: String, reason: String) { (self.member, self.reason) = (member, reason) }

    /// `policy member: reason`.
    public var description: String { "policy \(member): \(reason)" }
}

extension SponsorPolicy {
    /// The members a policy file may have.
    public static let fileMembers = [
        "sale", "token", "factory", "gamePassPrice", "walletDailyLimit", "dailyBudget", "maximumOperationCost",
        "maximumFeePerGas", "gasLimitFactorPercent", "validitySeconds", "validAfterSlackSeconds", "campaignStart",
        "campaignEnd", "paymasterVerificationGasLimit", "paymasterPostOpGasLimit", "estimates", "sponsorName",
    ]

    /// `self` with the members of the policy file `json` applied; an unknown member is refused by name.
    ///
    /// Addresses are `0x` hex; `gamePassPrice` a decimal GLICO amount (`"20"`); wei amounts (`dailyBudget`,
    /// `maximumOperationCost`, `maximumFeePerGas`) a wei integer or a decimal with a unit (`"0.5ether"`, `"30gwei"`);
    /// counts, seconds and gas JSON integers (or decimal strings); campaign dates Unix seconds or ISO-8601
    /// (`"2026-11-20T00:00:00Z"`); `estimates` `{"purchase": {"verificationGasLimit", "callGasLimit",
    /// "preVerificationGas"}, "approveAndPurchase": {…}, "accountCreation": N}`, any part left out keeping its value.
    public func applying(file json: JSONValue) throws(SponsorPolicyError) -> SponsorPolicy {
        guard case .object(let members) = json else {
            throw SponsorPolicyError(member: "the file", reason: "must be a JSON object")
        }
        if let unknown = members.keys.filter({ !Self.fileMembers.contains($0) }).sorted().first {
            throw SponsorPolicyError(member: unknown, reason: "unknown member; a policy has \(Self.fileMembers.joined(separator: ", "))")
        }
        var policy = self
        let file = PolicyFile(members: members)
        if let value = try file.address("sale") { policy.sale = value }
        if let value = try file.address("token") { policy.token = value }
        if members["factory"] == .null { policy.factory = nil } else if let value = try file.address("factory") { policy.factory = value }
        if let value = try file.amount("gamePassPrice", decimals: 18, units: false) { policy.gamePassPrice = value }
        if let value = try file.integer("walletDailyLimit") { policy.walletDailyLimit = value }
        if let value = try file.amount("dailyBudget") { policy.dailyBudget = value }
        if let value = try file.amount("maximumOperationCost") { policy.maximumOperationCost = value }
        if let value = try file.amount("maximumFeePerGas") { policy.maximumFeePerGas = value }
        if let value = try file.integer("gasLimitFactorPercent") {
            guard value >= 100 else { throw SponsorPolicyError(member: "gasLimitFactorPercent", reason: "must be at least 100") }
            policy.gasLimitFactorPercent = value
        }
        if let value = try file.integer("validitySeconds") {
            guard (1...Self.maximumValidity).contains(value) else {
                throw SponsorPolicyError(member: "validitySeconds", reason: "must be 1 to \(Self.maximumValidity) (10 minutes)")
            }
            policy.validity = value
        }
        if let value = try file.integer("validAfterSlackSeconds") { policy.validAfterSlack = value }
        if let value = try file.time("campaignStart") { policy.campaignStart = value }
        if let value = try file.time("campaignEnd") { policy.campaignEnd = value }
        if let start = policy.campaignStart, let end = policy.campaignEnd, end <= start {
            throw SponsorPolicyError(member: "campaignEnd", reason: "must be after campaignStart")
        }
        if let value = try file.integer("paymasterVerificationGasLimit") { policy.paymasterVerificationGasLimit = UInt256(value) }
        if let value = try file.integer("paymasterPostOpGasLimit") { policy.paymasterPostOpGasLimit = UInt256(value) }
        if let value = members["sponsorName"], value != .null {
            guard case .string(let name) = value else { throw SponsorPolicyError(member: "sponsorName", reason: "must be a string") }
            policy.sponsorName = name
        }
        if let value = members["estimates"], value != .null {
            guard case .object(let estimates) = value else { throw SponsorPolicyError(member: "estimates", reason: "must be an object") }
            for key in estimates.keys where !["purchase", "approveAndPurchase", "accountCreation"].contains(key) {
                throw SponsorPolicyError(member: "estimates.\(key)", reason: "unknown member")
            }
            let inner = PolicyFile(members: estimates, prefix: "estimates.")
            if let value = try inner.integer("accountCreation") { policy.estimates.accountCreation = UInt256(value) }
            policy.estimates.purchase = try inner.estimate("purchase", policy.estimates.purchase)
            policy.estimates.approveAndPurchase = try inner.estimate("approveAndPurchase", policy.estimates.approveAndPurchase)
        }
        return policy
    }
}

/// Typed reads of a policy file's members.
private struct PolicyFile {
    let members: [String: JSONValue]
    var prefix = ""

    func fail(_ name: String, _ reason: String) -> SponsorPolicyError { SponsorPolicyError(member: prefix + name, reason: reason) }

    func text(_ name: String) throws(SponsorPolicyError) -> String? {
        switch members[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .number(let digits)?: return digits
        default: throw fail(name, "must be a string or a number")
        }
    }

    func address(_ name: String) throws(SponsorPolicyError) -> Address? {
        guard let text = try text(name) else { return nil }
        do { return try Address(hex: text) } catch { throw fail(name, "\(text.debugDescription) is not an address: \(error)") }
    }

    func integer(_ name: String) throws(SponsorPolicyError) -> UInt64? {
        guard let text = try text(name) else { return nil }
        guard let value = UInt64(text) else { throw fail(name, "\(text.debugDescription) is not a whole number") }
        return value
    }

    /// A wei amount (`12345`, `"0.5ether"`, `"30gwei"`), or with `units: false` a decimal in `decimals`.
    func amount(_ name: String, decimals: Int = 0, units: Bool = true) throws(SponsorPolicyError) -> UInt256? {
        guard let text = try text(name) else { return nil }
        var number = Substring(text), scale = decimals
        if units, let (unit, unitDecimals) = Units.etherUnits.filter({ text.hasSuffix($0.key) }).max(by: { $0.key.count < $1.key.count }) {
            number = number.dropLast(unit.count)
            scale = unitDecimals
        }
        do { return try Units.parse(number, decimals: scale) } catch { throw fail(name, "\(text.debugDescription): \(error)") }
    }

    /// Unix seconds, or an ISO-8601 date and time with a zone.
    func time(_ name: String) throws(SponsorPolicyError) -> UInt64? {
        guard let text = try text(name) else { return nil }
        if let seconds = UInt64(text) { return seconds }
        guard let date = ISO8601DateFormatter().date(from: text), date.timeIntervalSince1970 >= 0 else {
            throw fail(name, "\(text.debugDescription) is neither Unix seconds nor an ISO-8601 time such as 2026-11-20T00:00:00Z")
        }
        return UInt64(date.timeIntervalSince1970)
    }

    func estimate(_ name: String, _ current: GasEstimate) throws(SponsorPolicyError) -> GasEstimate {
        guard let value = members[name], value != .null else { return current }
        guard case .object(let fields) = value else { throw fail(name, "must be an object") }
        let inner = PolicyFile(members: fields, prefix: prefix + name + ".")
        for key in fields.keys where !["verificationGasLimit", "callGasLimit", "preVerificationGas"].contains(key) {
            throw inner.fail(key, "unknown member")
        }
        var estimate = current
        if let gas = try inner.integer("verificationGasLimit") { estimate.verificationGasLimit = UInt256(gas) }
        if let gas = try inner.integer("callGasLimit") { estimate.callGasLimit = UInt256(gas) }
        if let gas = try inner.integer("preVerificationGas") { estimate.preVerificationGas = UInt256(gas) }
        return estimate
    }
}
