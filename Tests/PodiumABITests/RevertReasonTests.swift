import Foundation
import PodiumABI
import PodiumPrimitives
import Testing

/// Revert data: `Error(string)`, `Panic(uint256)` and custom errors from an ABI (Solidity docs, "Panic via assert and
/// Error via require"; ABI spec, "Errors").
@Suite struct RevertReasonTests {
    @Test func errorStringFromTheSolidityDocumentation() throws {
        // The revert data the Solidity documentation shows for `require(false, "Not enough Ether provided.")`.
        let data = try Hex.decode(
            """
            08c379a0\
            0000000000000000000000000000000000000000000000000000000000000020\
            000000000000000000000000000000000000000000000000000000000000001a\
            4e6f7420656e6f7567682045746865722070726f76696465642e000000000000
            """)
        let reason = try RevertReason(decoding: data)
        #expect(reason == .error("Not enough Ether provided."))
        #expect(reason.description == #"Error(string): "Not enough Ether provided.""#)
    }

    @Test(
        arguments: [
            (0x01, PanicCode.assertionFailed, "assertion failed"),
            (0x11, .arithmeticOverflow, "arithmetic underflow or overflow"),
            (0x12, .divisionByZero, "division or modulo by zero"), (0x21, .invalidEnumValue, "invalid enum value"),
            (0x22, .invalidStorageByteArray, "incorrectly encoded storage byte array"),
            (0x31, .popOnEmptyArray, "pop on an empty array"), (0x32, .indexOutOfBounds, "array index out of bounds"),
            (0x41, .outOfMemory, "too much memory allocated"),
            (0x51, .zeroFunctionPointer, "call to a zero-initialized internal function"),
            (0x00, .generic, "generic compiler panic"),
        ] as [(UInt64, PanicCode, String)])
    func panicCodesSayWhatWentWrong(_ code: UInt64, _ panic: PanicCode, _ meaning: String) throws {
        let data = [0x4e, 0x48, 0x7b, 0x71] + UInt256(code).bigEndianBytes
        #expect(try RevertReason(decoding: data) == .panic(panic))
        #expect(panic.rawValue == UInt256(code))
        #expect(panic.meaning == meaning)
    }

    @Test func panicDescriptions() {
        #expect(RevertReason.panic(.arithmeticOverflow).description == "Panic(0x11: arithmetic underflow or overflow)")
        #expect(RevertReason.panic(.assertionFailed).description == "Panic(0x01: assertion failed)")
        #expect(RevertReason.panic(PanicCode(rawValue: UInt256(0x99))).description == "Panic(0x99)")
    }

    @Test func customErrorsAreFoundInTheABI() throws {
        let url = try #require(
            Bundle.module.url(forResource: "erc20.foundry", withExtension: "json", subdirectory: "Vectors"))
        let abi = try ContractABI(json: try Data(contentsOf: url))
        let error = try #require(abi.errors(named: "ERC20InsufficientBalance").first)
        let sender = "0x4444444444444444444444444444444444444444"
        let answer = try ABIOracleAnswer.ask(
            ABIOracleRequest(
                keccak: [error.signature],
                encode: [
                    .init(types: ["address", "uint256", "uint256"], values: [.text(sender), .text("10"), .text("25")])
                ]))
        let selector = String(try #require(answer.keccak?.first).prefix(10))
        let data = try Hex.decode(selector + (try #require(answer.encode?.first?.hex)).dropFirst(2))
        let reason = try RevertReason(decoding: data, errors: abi.errors)
        #expect(
            reason
                == .custom(error, [.address(try Address(hex: sender)), .uint256(UInt256(10)), .uint256(UInt256(25))]))
        #expect(
            reason.description
                == "ERC20InsufficientBalance(sender: \(try Address(hex: sender)), balance: 10, needed: 25)")
        #expect(try error.decode(data) == reason.customValues)
        #expect(try RevertReason(decoding: data) == .unknown(data), "without the ABI the selector means nothing")
    }

    @Test func dataThatIsNotARevertReason() throws {
        #expect(try RevertReason(decoding: []) == .empty)
        #expect(try RevertReason(decoding: [0x08, 0xc3, 0x79]) == .unknown([0x08, 0xc3, 0x79]))
        #expect(RevertReason.empty.description == "empty revert data")
        #expect(RevertReason.unknown([0xde, 0xad]).description == "unknown revert data 0xdead")
    }

    @Test func malformedBuiltInRevertsThrowWithOffsetsInTheRevertData() {
        let badOffset = [0x08, 0xc3, 0x79, 0xa0] + UInt256(0x40).bigEndianBytes
        #expect(
            throws: ABIDecodingError(
                .offsetOutOfBounds(UInt256(0x40)), offset: 4, path: ABIPath([.field(0, name: "message")]))
        ) {
            try RevertReason(decoding: badOffset)
        }
        #expect(throws: ABIDecodingError(.truncated(needed: 32, available: 2), offset: 4)) {
            try RevertReason(decoding: [0x4e, 0x48, 0x7b, 0x71, 0, 0])
        }
    }

    @Test func customErrorsEncodeTheirRevertData() throws {
        let error = try ABIError(parsing: "error AlreadyPaid(bytes32 periodId)")
        let data = try error.encode([.fixedBytes(Bytes32(UInt256(7)), size: 32)])
        #expect(data == error.selector.bytes + UInt256(7).bigEndianBytes)
        #expect(
            try RevertReason(decoding: data, errors: [error])
                == .custom(error, [.fixedBytes(Bytes32(UInt256(7)), size: 32)]))
    }
}

extension RevertReason {
    /// The arguments of a custom error, else nil.
    fileprivate var customValues: [ABIValue]? {
        if case .custom(_, let values) = self { values } else { nil }
    }
}
