import ArgumentParser
import Foundation
import PodiumABI
import PodiumPrimitives

/// `podium decode-error <HEX> [--sig SIG | --abi FILE]`, as `cast decode-error`.
struct DecodeError: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode-error",
        abstract: "Explain the revert data of a failed call.",
        discussion: """
            Prints one line: Error(string): "message" for require and revert with a message; Panic(0x11: \
            arithmetic underflow or overflow) for a failed assert, an overflow, a division by zero, …; a custom \
            error with its arguments, InsufficientBalance(available: 1, required: 2); or "empty revert data". \
            Error(string) and Panic(uint256) are always known; custom errors come from --sig, or from the errors of \
            a JSON ABI or a Foundry or Hardhat artifact given with --abi. Data that starts with any other selector, \
            or is shorter than one, is an error naming it (non-zero exit), as is data that does not decode.
            """
    )

    @Argument(help: ArgumentHelp("The revert data, as hex; - or nothing reads stdin.", valueName: "DATA"))
    var data: String?

    @Option(
        help: ArgumentHelp(
            "A custom error's signature: 'InsufficientBalance(uint256 available, uint256 required)'.",
            valueName: "SIG"))
    var sig: String?

    @Option(
        help: ArgumentHelp(
            "A JSON ABI file, or a Foundry or Hardhat artifact, whose custom errors to look up.",
            valueName: "FILE"))
    var abi: String?

    func validate() throws {
        if sig != nil && abi != nil { throw ValidationError("give --sig or --abi, not both") }
    }

    func run() throws {
        let bytes = try HexArgument.parse(StdinArgument.text(data, what: "revert data"), what: "revert data")
        let errors = try customErrors()
        let reason = try decodeData("revert data") { try RevertReason(decoding: bytes, errors: errors) }
        guard case .unknown(let unknown) = reason else {
            print(reason)
            return
        }
        guard unknown.count >= 4 else {
            throw CommandFailure("revert data of \(unknown.count) bytes is too short for a selector")
        }
        let selector = Hex.encode(unknown.prefix(4))
        if let error = errors.first, sig != nil {
            throw CommandFailure(
                "selector \(selector) is not \(error.signature) (\(error.selector)), Error(string) or Panic(uint256)")
        } else if let abi {
            throw CommandFailure("selector \(selector) is not Error(string), Panic(uint256) or an error in \(abi)")
        }
        throw CommandFailure(
            "unknown selector \(selector): not Error(string) or Panic(uint256); give the error with --sig or --abi")
    }

    /// The custom errors of --sig or --abi.
    private func customErrors() throws -> [ABIError] {
        if let sig { return [try SignatureArgument.error(sig)] }
        guard let abi else { return [] }
        let json = try FileArgument.read(abi, what: "ABI file")
        return try parseArgument("ABI file", abi) { _ in try ContractABI(json: json) }.errors
    }
}
