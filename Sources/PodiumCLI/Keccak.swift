import ArgumentParser
import Foundation
import PodiumPrimitives

/// `podium keccak <DATA>`, as `cast keccak`.
struct Keccak: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hash data with Keccak-256.",
        discussion: """
            Prints 0x and 64 lowercase hex digits. Without DATA, or with -, the data is read from stdin (its final \
            line break left out): 0x-prefixed hex is bytes there too, and any other input is hashed byte for byte, \
            UTF-8 or not.
            """
    )

    @Argument(help: "The data to hash: 0x-prefixed hex is taken as bytes, anything else as UTF-8 text.")
    var data: String?

    func run() throws {
        let input = try StdinArgument.bytes(data, what: "DATA")
        if let text = String(validating: input, as: UTF8.self) {
            print(try Keccak256.hash(BytesArgument.parse(text.trimmingCharacters(in: .whitespaces))))
        } else {
            print(Keccak256.hash(input))
        }
    }
}
