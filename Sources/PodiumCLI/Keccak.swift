import ArgumentParser
import PodiumPrimitives

/// `podium keccak <DATA>`, as `cast keccak`.
struct Keccak: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hash data with Keccak-256.",
        discussion: "Prints 0x and 64 lowercase hex digits."
    )

    @Argument(help: "The data to hash: 0x-prefixed hex is taken as bytes, anything else as UTF-8 text.")
    var data: String

    func run() throws {
        print(try Keccak256.hash(BytesArgument.parse(data)))
    }
}
