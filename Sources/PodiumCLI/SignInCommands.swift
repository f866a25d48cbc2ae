import ArgumentParser
import Foundation
import PodiumSIWE
import PodiumSigner

/// `podium siwe <SUBCOMMAND>`: Sign-In with Ethereum messages (EIP-4361).
struct SignIn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "siwe",
        abstract: "Check Sign-In with Ethereum messages (EIP-4361).",
        subcommands: [SignInVerify.self]
    )
}

/// `podium siwe verify --message-file <FILE> --signature <SIGNATURE> [--domain D] [--nonce N] [--chain-id C]
/// [--at TIME]`: what a relying party checks before it opens a session.
struct SignInVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a signed Sign-In with Ethereum message: its format, the expected values, its time window and "
            + "its signature.",
        discussion: """
            The message is the text of FILE, less one final line break if the file ends with one (the message \
            itself ends without). It must follow EIP-4361's format exactly, with an EIP-55 checksummed address. \
            --domain, --nonce and --chain-id, when given, must be the message's; the time (--at, else now) must be \
            at or after Not Before and before Expiration Time; SIGNATURE must be the address's personal_sign \
            (EIP-191) signature of the message. Exits 0 and prints "Validation succeeded…" when all hold; otherwise \
            prints the first failure on stderr and exits 1.
            """
    )

    @Option(help: ArgumentHelp("The file holding the message.", valueName: "FILE"))
    var messageFile: String

    @Option(help: ArgumentHelp("The signature: 0x and 130 hex digits (r, s, v).", valueName: "SIGNATURE"))
    var signature: String

    @Option(help: "The domain the message must be for.")
    var domain: String?

    @Option(help: "The nonce the message must carry.")
    var nonce: String?

    @Option(name: .customLong("chain-id"), help: "The chain id the message must be for.")
    var chainID: UInt64?

    @Option(help: ArgumentHelp("The time to check at, RFC 3339 (default: now).", valueName: "TIME"))
    var at: String?

    func run() throws {
        let data = try FileArgument.read(messageFile, what: "message file")
        guard var text = String(validating: data, as: UTF8.self) else {
            throw CommandFailure("message file \(messageFile) is not UTF-8 text")
        }
        if text.hasSuffix("\n") { text.removeLast() }
        let message: SignInWithEthereumMessage
        do {
            message = try SignInWithEthereumMessage(parsing: text)
        } catch {
            throw CommandFailure("invalid message in \(messageFile): \(error)")
        }
        let parsed = try parseArgument("signature", signature) { try Signature(hex: $0) }
        var now = SignInWithEthereumMessage.Timestamp(Date())
        if let at {
            do {
                now = try SignInWithEthereumMessage.Timestamp(rfc3339: at)
            } catch {
                throw CommandFailure("--at: \(error)")
            }
        }
        do {
            try message.verify(signature: parsed, domain: domain, nonce: nonce, chainID: chainID, at: now)
        } catch {
            throw CommandFailure("Validation failed: \(error).")
        }
        print("Validation succeeded. Address \(message.address) signed in to \(message.domain).")
    }
}
