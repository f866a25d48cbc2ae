@_exported import ArgumentParser
import PodiumPrimitives

/// The `podium` command: Ethereum tools with Foundry `cast` names, and Podium's own jobs.
public struct Podium: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Ethereum toolchain and chain indexer for games that pay leaderboard prizes on-chain.",
        subcommands: [Keccak.self]
    )

    public init() {}
}

/// `podium keccak <DATA>`.
struct Keccak: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Hash data with Keccak-256.")

    @Argument(help: "The data to hash: 0x-prefixed hex is bytes, anything else UTF-8 text.")
    var data: String

    func run() throws {
        let digest = Hex.hasPrefix(data) ? Keccak256.hash(try Hex.decode(data)) : Keccak256.hash(data)
        print(digest)
    }
}
