import ArgumentParser
import Foundation
import PodiumPrimitives
import PodiumProvider
import PodiumRPC

/// The `podium` command: Ethereum tools with Foundry `cast` names, and Podium's own jobs.
public struct Podium: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Ethereum toolchain and chain indexer for games that pay leaderboard prizes on-chain.",
        discussion: "Command names and argument shapes follow Foundry's cast where the two overlap.",
        version: "podium \(Podium.version)",
        groupedSubcommands: [
            CommandGroup(
                name: "Hashing and addresses",
                subcommands: [Keccak.self, ToCheckSumAddress.self, ComputeAddress.self, Create2.self]
            ),
            CommandGroup(
                name: "Units and conversions",
                subcommands: [
                    ParseUnits.self, FormatUnits.self, ToHex.self, ToDec.self, ToBase.self,
                    ToUInt256.self, ToInt256.self, ToBytes32.self, Pad.self, IntegerBound.self, MaxInt.self, MinInt.self,
                ]),
            CommandGroup(name: "Encoding", subcommands: [ToRLP.self, FromRLP.self]),
            CommandGroup(
                name: "ABI",
                subcommands: [
                    Sig.self, SigEvent.self, ABIEncode.self, Calldata.self, DecodeABI.self, DecodeCalldata.self,
                    DecodeEvent.self, DecodeError.self,
                ]
            ),
            CommandGroup(
                name: "Wallet and transactions",
                subcommands: [Wallet.self, SignIn.self, MakeTransaction.self, DecodeTransaction.self]
            ),
            CommandGroup(
                name: "Chain",
                subcommands: [
                    ChainID.self, BlockNumber.self, Balance.self, Nonce.self, Code.self, Storage.self, Block.self,
                    BaseFee.self, GasPrice.self, Tx.self, Receipt.self, Logs.self, Call.self, Estimate.self, AccessListCommand.self, Send.self,
                    Publish.self, RawRPC.self,
                ]
            ),
            CommandGroup(name: "Deployment and indexing", subcommands: [Devnet.self, Deploy.self, Index.self, Query.self]),
            CommandGroup(name: "Settlement", subcommands: [Settle.self, Reconcile.self, Report.self, Ledger.self, StandingsCommand.self]),
            CommandGroup(
                name: "Account abstraction (ERC-4337 v0.7)",
                subcommands: [GamePass.self, UserOperationCommand.self, AccountCommand.self, Paymaster.self, BundlerCommand.self]),
        ]
    )

    /// The release, as `podium --version` prints it.
    public static let version = "0.1.0"

    /// Commands whose usage and input errors exit with a status of their own, so that a scheduler can tell them
    /// from findings: `reconcile` and `report` exit 1 when the books do not balance and 2 on a usage or input error.
    static let usageStatus: [String: Int32] = ["reconcile": 2, "report": 2]

    /// The longest error line printed; a longer one (a huge input quoted back) is cut, saying how long it was.
    static let maximumMessageLength = 400

    public init() {}

    /// Parses the process's arguments and runs the chosen command. Help goes to stdout; any error becomes one line
    /// on stderr (`podium: …`) and a non-zero exit status.
    public static func runAsMain() async -> Never {
        do {
            let arguments = try CommandLineBytes.arguments()
            try refuseHelpForUnknownCommand(arguments)
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            var code = (error as? FailureWithStatus).map { ExitCode($0.status) } ?? exitCode(for: error)
            if code != .success, !(error is FailureWithStatus), let command = CommandLine.arguments.dropFirst().first,
                let status = usageStatus[command]
            {
                code = ExitCode(status)
            }
            if code == .success { exit(withError: error) }  // --help, --version
            let text = (error as? RPCError)?.explained ?? self.message(for: error)
            var message = String(text.split(whereSeparator: \.isNewline).first ?? "failed")
            if message.count > maximumMessageLength {
                message = message.prefix(maximumMessageLength - 60) + "… (\(message.count) characters in all)"
            }
            FileHandle.standardError.write(Data("podium: \(message)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }
}

extension Podium {
    /// `podium help NAME` for a NAME that is no command is an error, not the overview.
    static func refuseHelpForUnknownCommand(_ arguments: [String]) throws {
        guard arguments.count >= 2, arguments[0] == "help" else { return }
        let names = configuration.groupedSubcommands.flatMap(\.subcommands).flatMap { command in
            [command._commandName] + command.configuration.aliases
        }
        guard names.contains(arguments[1]) else {
            throw ValidationError("no command \(arguments[1].debugDescription); 'podium --help' lists them")
        }
    }
}

/// The command line as the kernel passed it: arguments are bytes on Linux, and one that is not UTF-8 would reach
/// Swift as U+FFFD replacement characters, so that `keccak` or `wallet sign` would work on other bytes than given.
enum CommandLineBytes {
    /// The arguments after the program name; throws naming the first one that is not UTF-8.
    static func arguments() throws -> [String] {
        var arguments: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CommandFailure("argument \(index) is not UTF-8 text; give bytes as 0x-hex (e.g. 0x\(Hex.encode(bytes.prefix(8), prefix: false)))")
            }
            arguments.append(text)
        }
        return arguments
    }
}
