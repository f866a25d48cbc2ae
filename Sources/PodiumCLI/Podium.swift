import ArgumentParser
import Foundation
import PodiumProvider
import PodiumRPC

/// The `podium` command: Ethereum tools with Foundry `cast` names, and Podium's own jobs.
public struct Podium: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Ethereum toolchain and chain indexer for games that pay leaderboard prizes on-chain.",
        discussion: "Command names and argument shapes follow Foundry's cast where the two overlap.",
        groupedSubcommands: [
            CommandGroup(
                name: "Hashing and addresses",
                subcommands: [Keccak.self, ToCheckSumAddress.self, ComputeAddress.self]
            ),
            CommandGroup(name: "Units", subcommands: [ParseUnits.self, FormatUnits.self]),
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
                    BaseFee.self, GasPrice.self, Tx.self, Receipt.self, Logs.self, Call.self, Estimate.self, Send.self,
                    Publish.self, RawRPC.self,
                ]
            ),
            CommandGroup(name: "Deployment", subcommands: [Devnet.self, Deploy.self]),
        ]
    )

    public init() {}

    /// Parses the process's arguments and runs the chosen command. Help goes to stdout; any error becomes one line
    /// on stderr (`podium: …`) and a non-zero exit status.
    public static func runAsMain() async -> Never {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help, --version
            let text = (error as? RPCError)?.explained ?? self.message(for: error)
            let message = text.split(whereSeparator: \.isNewline).first ?? "failed"
            FileHandle.standardError.write(Data("podium: \(message)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
