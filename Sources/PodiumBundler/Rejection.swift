import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumUserOperations

/// The ERC-7769 error objects the bundler answers with (`BundlerError`, shared with `BundlerClient`).
enum Rejection {
    /// -32602 with `message`.
    static func invalidFields(_ message: String) -> BundlerError {
        BundlerError(code: BundlerErrorCode.invalidFields.rawValue, message: message)
    }

    /// -32500 with `message`.
    static func entryPoint(_ message: String) -> BundlerError {
        BundlerError(code: BundlerErrorCode.rejectedByEntryPoint.rawValue, message: message)
    }

    /// -32603, a failure of the bundler or its node rather than of the operation.
    static func internalError(_ error: any Error) -> BundlerError {
        BundlerError(code: -32603, message: "internal error: \(error)")
    }

    /// The answer to an operation the EntryPoint refused in simulation with `error`: the code from
    /// `EntryPointErrorCode.bundlerErrorCode` (-32500 when it has none), the AAxx reason as the message (with the
    /// account's or paymaster's own revert after it), and ERC-7769's data: `{paymaster}` for the paymaster's codes,
    /// `{validUntil, validAfter}` for a time range (read from a verifying paymaster's data when it has one).
    static func simulation(_ error: EntryPointError, operation: UserOperation) -> BundlerError {
        guard let code = error.code else {
            return entryPoint("handleOps simulation reverted: \(error)")
        }
        let bundlerCode = code.bundlerErrorCode ?? .rejectedByEntryPoint
        var message = error.reason ?? code.reason
        if let inner = error.innerReason, inner != .empty { message += " (\(inner))" }
        var data: [String: JSONValue] = [:]
        if let paymaster = operation.paymaster, code.party == .paymaster {
            data["paymaster"] = .string(paymaster.address.description)
        }
        if bundlerCode == .outOfTimeRange {
            let window = operation.paymaster.flatMap { try? VerifyingPaymasterData(parsing: $0.data) }
            data["validUntil"] = window.map { .string(UInt256($0.validUntil).hexString) } ?? .null
            data["validAfter"] = window.map { .string(UInt256($0.validAfter).hexString) } ?? .null
        }
        return BundlerError(code: bundlerCode.rawValue, message: message, data: data.isEmpty ? nil : .object(data))
    }
}
