import ArgumentParser
import PodiumPrimitives
import PodiumRLP

/// `podium to-rlp <JSON>`, as `cast to-rlp`.
struct ToRLP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-rlp",
        abstract: "RLP-encode a value given as JSON.",
        discussion: #"The value is a 0x-hex string or an array of such values, nested freely: '["0x01", ["0x"]]'."#
    )

    @Argument(help: "The value as JSON: a 0x-hex string or nested arrays of them.")
    var value: String

    func run() throws {
        let item = try parseArgument("RLP JSON", value) { try RLPItem(json: $0) }
        print(Hex.encode(item.rlpEncoded()))
    }
}

/// `podium from-rlp <HEX>`, as `cast from-rlp`.
struct FromRLP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "from-rlp",
        abstract: "Decode RLP into compact JSON.",
        discussion: "Strict: non-canonical encodings and trailing bytes are errors. Strings print as lowercase 0x-hex."
    )

    @Argument(help: "The RLP encoding, as hex (0x optional, as for the decode commands); - or nothing reads stdin.")
    var value: String?

    func run() throws {
        let bytes = try HexArgument.parse(StdinArgument.text(value, what: "RLP hex"), what: "RLP hex")
        let item = try parseArgument("RLP", Hex.encode(bytes)) { _ in try RLPItem(rlpEncoded: bytes) }
        print(item.json)
    }
}
