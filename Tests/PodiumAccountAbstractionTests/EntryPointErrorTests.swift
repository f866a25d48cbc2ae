import PodiumABI
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// EntryPoint v0.7's reverts decoded from eth-abi-built vectors (Vectors/entrypoint-reverts.txt), the AAxx table
/// and its mapping to ERC-7769's error codes, and the one-line description a person reads.
@Suite struct EntryPointErrorTests {
    @Test func selectorsAreTheKeccakOfTheErrorSignatures() {
        #expect(EntryPointError.failedOpSelector == Selector(rawValue: 0x2202_66b6))
        #expect(EntryPointError.failedOpWithRevertSelector == Selector(rawValue: 0x65c8_fd4d))
        #expect(EntryPointError.senderAddressResultSelector == Selector(rawValue: 0x6ca7_b806))
        let hash = Keccak256.hash("FailedOp(uint256,string)")
        #expect(EntryPointError.failedOpSelector.bytes == Array(hash.bytes.prefix(4)))
    }

    @Test func decodesTheVectorsBuiltWithEthAbi() throws {
        let lines = try vectorLines("entrypoint-reverts", in: .module)
        #expect(lines.count == 10)
        for line in lines {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let decoded = try EntryPointError(revertData: Hex.decode(fields[4]))
            let expected: EntryPointError =
                switch fields[0] {
                case "FailedOp": .failedOp(index: try UInt256(decimal: fields[1]), reason: fields[2])
                case "FailedOpWithRevert":
                    .failedOpWithRevert(
                        index: try UInt256(decimal: fields[1]), reason: fields[2], inner: try Hex.decode(fields[3]))
                case "SenderAddressResult": .senderAddressResult(try Address(hex: fields[2]))
                default: .other(.error(fields[2]))
                }
            #expect(decoded == expected, "\(fields[0]) \(fields[2])")
            if fields[0] != "SenderAddressResult" { #expect(decoded.reason == fields[2]) }
        }
    }

    static func vector(_ reason: String) throws -> EntryPointError {
        let line = try #require(try vectorLines("entrypoint-reverts", in: .module).first { $0.contains("|\(reason)|") })
        return try EntryPointError(revertData: Hex.decode(line.split(separator: "|").last!))
    }

    @Test func describesTheCodeItsMeaningThePartyAndTheInnerRevert() throws {
        let sponsorRefused = try Self.vector("AA33 reverted")
        #expect(sponsorRefused.code == .paymasterReverted)
        #expect(sponsorRefused.innerReason == .error("not sponsored"))
        #expect(sponsorRefused.description == "AA33 reverted (operation 0): the paymaster's validatePaymasterUserOp "
            + "reverted or ran out of gas; at fault: paymaster; inner revert: Error(string): \"not sponsored\"")
        let overflow = try EntryPointError(revertData: Hex.decode(try vectorLines("entrypoint-reverts", in: .module)
            .first { $0.hasPrefix("FailedOpWithRevert|1|") }!.split(separator: "|").last!))
        #expect(overflow.innerReason == .panic(.arithmeticOverflow))
        #expect(overflow.description.hasSuffix(
            "at fault: account; inner revert: Panic(0x11: arithmetic underflow or overflow)"))
        let nonce = try Self.vector("AA25 invalid account nonce")
        #expect(nonce.description
            == "AA25 invalid account nonce (operation 0): the nonce is not the next in its key's sequence; "
            + "at fault: account")
        #expect(nonce.operationIndex == 0 && nonce.innerReason == nil)
        let beneficiary = try Self.vector("AA90 invalid beneficiary")
        #expect(beneficiary.code == .invalidBeneficiary && beneficiary.operationIndex == nil)
        #expect(beneficiary.description
            == "AA90 invalid beneficiary: handleOps was given the zero address as beneficiary; at fault: bundler")
        let unknown = try Self.vector("not an AA reason")
        #expect(unknown.code == nil && unknown.description == "not an AA reason (operation 1)")
        #expect(try EntryPointError(revertData: []).description == "EntryPoint reverted: empty revert data")
        let sender = try EntryPointError(revertData: Hex.decode(
            "0x6ca7b806000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266"))
        #expect(sender.description
            == "SenderAddressResult: the account is at 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
    }

    @Test func innerRevertThatDoesNotDecodeIsKeptAsBytes() throws {
        let lines = try vectorLines("entrypoint-reverts", in: .module)
        let line = try #require(lines.first { $0.contains("|0xdeadbeef|") })
        let error = try EntryPointError(revertData: Hex.decode(line.split(separator: "|").last!))
        #expect(error.innerReason == .unknown([0xde, 0xad, 0xbe, 0xef]))
        let truncatedError = RevertReason.errorSelector.bytes + [0, 1]
        let failed = EntryPointError.failedOpWithRevert(index: 0, reason: "AA23 reverted", inner: truncatedError)
        #expect(failed.innerReason == .unknown(truncatedError))
    }

    @Test func refusesTruncatedArgumentsOfAKnownSelector() throws {
        let truncated = EntryPointError.failedOpSelector.bytes + [UInt8](repeating: 0, count: 40)
        let error = try #require(throws: ABIDecodingError.self) { try EntryPointError(revertData: truncated) }
        #expect(error.offset >= 4)
    }

    @Test func tableHasEveryV07CodeWithItsExactReason() {
        let reasons = EntryPointErrorCode.allCases.map(\.reason)
        #expect(reasons == [
            "AA10 sender already constructed", "AA13 initCode failed or OOG", "AA14 initCode must return sender",
            "AA15 initCode must create sender", "AA20 account not deployed", "AA21 didn't pay prefund",
            "AA22 expired or not due", "AA23 reverted", "AA24 signature error", "AA25 invalid account nonce",
            "AA26 over verificationGasLimit", "AA30 paymaster not deployed", "AA31 paymaster deposit too low",
            "AA32 paymaster expired or not due", "AA33 reverted", "AA34 signature error",
            "AA36 over paymasterVerificationGasLimit", "AA90 invalid beneficiary", "AA91 failed send to beneficiary",
            "AA92 internal call only", "AA93 invalid paymasterAndData", "AA94 gas values overflow", "AA95 out of gas",
            "AA96 invalid aggregator",
        ])
        for code in EntryPointErrorCode.allCases {
            #expect(code.reason.hasPrefix(code.rawValue + " "))
            #expect(EntryPointErrorCode(reason: code.reason) == code)
        }
        #expect(EntryPointErrorCode(reason: "AA99 something") == nil)
        #expect(EntryPointErrorCode(reason: "") == nil)
    }

    @Test(arguments: EntryPointErrorCode.allCases)
    func eachCodeHasThePartyAndBundlerCodeOfItsGroup(code: EntryPointErrorCode) {
        let group = code.rawValue.dropFirst(2).first!
        switch (group, code) {
        case ("1", .senderAlreadyConstructed): #expect(code.party == .account)
        case ("1", _): #expect(code.party == .factory)
        case ("2", _): #expect(code.party == .account)
        case ("3", _): #expect(code.party == .paymaster)
        case (_, .invalidPaymasterAndData), (_, .gasValuesOverflow):
            #expect(code.party == .account && code.bundlerErrorCode == .invalidFields)
        default: #expect(code.party == .bundler && code.bundlerErrorCode == nil)
        }
        switch code {
        case .expiredOrNotDue, .paymasterExpiredOrNotDue: #expect(code.bundlerErrorCode == .outOfTimeRange)
        case .signatureError, .paymasterSignatureError: #expect(code.bundlerErrorCode == .signatureCheckFailed)
        case _ where group == "3": #expect(code.bundlerErrorCode == .rejectedByPaymaster)
        case _ where group == "1" || group == "2": #expect(code.bundlerErrorCode == .rejectedByEntryPoint)
        default: break
        }
        #expect(!code.meaning.isEmpty)
    }

    @Test func bundlerCodesAreERC7769s() {
        #expect(BundlerErrorCode.allCases.map(\.rawValue)
            == [-32602, -32500, -32501, -32502, -32503, -32504, -32505, -32506, -32507, -32508, -32521])
        #expect(BundlerErrorCode(rawValue: -32501)?.description
            == "-32501 (rejected by the paymaster's validatePaymasterUserOp)")
    }
}
