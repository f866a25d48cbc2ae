import PodiumLedger
import PodiumPrimitives
import Testing

/// Each DESIGN.md reconciliation status from the situation that defines it, one expected period and the chain's
/// payouts under its id.
@Suite struct PayoutMatcherTests {
    static let day = try! Period(parsing: "2026-11-20", board: .daily)
    static let alice = try! Address(hex: "0x90F79bf6EB2c4f870365E785982E1f101E93b906")
    static let bob = try! Address(hex: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65")
    static let carol = try! Address(hex: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc")
    static let paidTx = try! Bytes32(hex: "0x" + String(repeating: "ab", count: 32))
    static let otherTx = try! Bytes32(hex: "0x" + String(repeating: "cd", count: 32))

    static func expected(_ state: PayoutMatcher.LedgerState) -> PayoutMatcher.Expected {
        PayoutMatcher.Expected(
            period: day, places: [.init(place: 1, wallet: alice, amount: 40), .init(place: 2, wallet: bob, amount: 24)], state: state,
            transactionHash: state == .pending ? nil : paidTx, blockNumber: state == .paid ? 9 : nil)
    }

    static func observed(_ winners: [Address], _ amounts: [UInt256], tx: Bytes32 = paidTx, final: Bool = true, periodID: UInt256 = 20261120) -> PayoutMatcher.Observed {
        PayoutMatcher.Observed(board: .daily, periodID: periodID, winners: winners, amounts: amounts, transactionHash: tx, blockNumber: 9, isFinal: final)
    }

    static func statuses(_ expected: [PayoutMatcher.Expected], _ observed: [PayoutMatcher.Observed]) -> [ReconciliationStatus] {
        PayoutMatcher.match(expected: expected, observed: observed).map(\.status)
    }

    @Test func paidAsSettledMatches() {
        #expect(Self.statuses([Self.expected(.paid)], [Self.observed([Self.alice, Self.bob], [40, 24])]) == [.matched, .matched])
    }

    @Test func notFinalOrNotSentIsPending() {
        #expect(Self.statuses([Self.expected(.paid)], [Self.observed([Self.alice, Self.bob], [40, 24], final: false)]) == [.pending, .pending])
        #expect(Self.statuses([Self.expected(.pending)], []) == [.pending, .pending])
    }

    @Test func aFailedPayoutNothingReplacedIsMissing() {
        #expect(Self.statuses([Self.expected(.failed)], []) == [.missingOnchain, .missingOnchain])
    }

    @Test func aRevertedPayoutIsAFailedTransaction() {
        #expect(Self.statuses([Self.expected(.reverted)], []) == [.failedTransaction, .failedTransaction])
    }

    @Test func recordedAsPaidButAbsentIsAFailedTransaction() {
        let findings = PayoutMatcher.match(expected: [Self.expected(.paid)], observed: [])
        #expect(findings.map(\.status) == [.failedTransaction, .failedTransaction])
        #expect(findings[0].transactionHash == Self.paidTx && findings[0].blockNumber == 9)
    }

    @Test func aPayoutNoSettlementExplainsIsUnexpected() {
        let stray = Self.observed([Self.carol], [5], tx: Self.otherTx, periodID: 20991231)
        let findings = PayoutMatcher.match(expected: [Self.expected(.paid)], observed: [Self.observed([Self.alice, Self.bob], [40, 24]), stray])
        #expect(findings.map(\.status) == [.matched, .matched, .unexpectedOnchain])
        #expect(findings[2].period?.description == "2099-12-31" && findings[2].actualWallet == Self.carol && findings[2].actualAmount == 5)
        // Without its PeriodPaid (the seed's contract) a payout has no period at all.
        var seedStyle = stray
        seedStyle.periodID = nil
        #expect(Self.statuses([], [seedStyle]) == [.unexpectedOnchain])
    }

    @Test func wrongAmountAndWrongRecipient() {
        let findings = PayoutMatcher.match(expected: [Self.expected(.failed)], observed: [Self.observed([Self.alice, Self.carol], [41, 24], tx: Self.otherTx)])
        #expect(findings.map(\.status) == [.amountMismatch, .recipientMismatch])
        #expect(findings[0].expectedAmount == 40 && findings[0].actualAmount == 41 && findings[0].transactionHash == Self.otherTx)
        #expect(findings[1].expectedWallet == Self.bob && findings[1].actualWallet == Self.carol)
    }

    @Test func aSecondPayoutOfThePeriodIsADuplicate() {
        let again = Self.observed([Self.alice, Self.bob], [40, 24], tx: Self.otherTx)
        #expect(Self.statuses([Self.expected(.paid)], [Self.observed([Self.alice, Self.bob], [40, 24]), again])
            == [.matched, .matched, .duplicate, .duplicate])
    }

    @Test func placesPaidBeyondOrShortOfTheSettlement() {
        #expect(Self.statuses([Self.expected(.paid)], [Self.observed([Self.alice, Self.bob, Self.carol], [40, 24, 1])]) == [.matched, .matched, .unexpectedOnchain])
        #expect(Self.statuses([Self.expected(.paid)], [Self.observed([Self.alice], [40])]) == [.matched, .missingOnchain])
    }

    @Test func periodIDsNameTheirPeriods() {
        #expect(Period(board: .daily, periodID: 20261120)?.description == "2026-11-20")
        #expect(Period(board: .weekly, periodID: 202653)?.description == "2026-W53")
        #expect(Period(board: .weekly, periodID: 202553) == nil)  // 2025 has 52 ISO weeks
        #expect(Period(board: .daily, periodID: 20260230) == nil)
        #expect(Period(board: .daily, periodID: UInt256.max) == nil)
    }
}
