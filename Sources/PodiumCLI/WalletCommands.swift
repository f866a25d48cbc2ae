import ArgumentParser
import Foundation
import PodiumPrimitives
import PodiumEIP712
import PodiumSigner

/// `podium wallet <SUBCOMMAND>`, as `cast wallet`: keys, addresses and message signatures.
struct Wallet: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Derive addresses, sign and verify messages, list the devnet accounts.",
        discussion: privateKeyHelp,
        subcommands: [
            WalletNew.self, WalletNewMnemonic.self, WalletDerive.self, WalletAddress.self, WalletSign.self,
            WalletVerify.self, WalletListDevnet.self,
        ]
    )
}

/// How the signing commands take their key, for their help.
let privateKeyHelp = """
    The signing commands take the key from --private-key, or when it is absent from the environment variable \
    \(PrivateKeyOptions.environmentVariable); there is no default key. A key is never printed, not even in an error \
    message (only list-dev prints the public devnet keys).
    """

/// `--private-key <KEY>`, falling back on `$PODIUM_PRIVATE_KEY`.
struct PrivateKeyOptions: ParsableArguments {
    /// The environment variable read when `--private-key` is absent.
    static let environmentVariable = "PODIUM_PRIVATE_KEY"

    @Option(
        help: ArgumentHelp(
            "The private key: 64 hex digits, 0x optional (default: $\(environmentVariable)).", valueName: "KEY"))
    var privateKey: String?

    /// The key from `--private-key` or the environment; errors describe its shape, never its text.
    func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PrivateKey {
        let (text, source) =
            if let privateKey { (privateKey, "--private-key") }
            else if let value = environment[Self.environmentVariable] { (value, "$\(Self.environmentVariable)") }
            else {
                throw CommandFailure("no private key: pass --private-key or set \(Self.environmentVariable)")
            }
        do {
            return try PrivateKey(hex: text)
        } catch {
            throw CommandFailure("invalid private key in \(source): \(error)")
        }
    }
}

/// `podium wallet address --private-key <KEY>`, as `cast wallet address`.
struct WalletAddress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "address",
        abstract: "Print the EIP-55 address of a private key.",
        discussion: privateKeyHelp,
        aliases: ["addr"]
    )

    @OptionGroup var key: PrivateKeyOptions

    func run() throws {
        print(try key.load().address)
    }
}

/// `podium wallet sign --private-key <KEY> <MESSAGE>`, as `cast wallet sign`; with `--typed-data <FILE>`, as
/// `cast wallet sign --data --from-file <FILE>`.
struct WalletSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a message as personal_sign does (EIP-191), or typed data as eth_signTypedData_v4 (EIP-712).",
        discussion: """
            MESSAGE is bytes when it is 0x-hex, else UTF-8 text. The signature is of keccak256("\\x19Ethereum \
            Signed Message:\\n" + length + message), printed as 0x and 65 bytes r, s, v with v 27 or 28.\n\n\
            \(typedDataHelp) The signature is of keccak256(0x1901 + domain separator + hashStruct(message)).\n\n
            """ + privateKeyHelp
    )

    @OptionGroup var key: PrivateKeyOptions

    @Option(help: ArgumentHelp("A JSON file of EIP-712 typed data to sign instead of a message.", valueName: "FILE"))
    var typedData: String?

    @Argument(help: ArgumentHelp("The message: 0x-hex bytes, or text.", valueName: "MESSAGE"))
    var message: String?

    func run() throws {
        switch (message, typedData) {
        case (let message?, nil):
            let bytes = try BytesArgument.parse(message)
            print(try key.load().signPersonalMessage(bytes))
        case (nil, let file?):
            let data = try TypedDataFile.read(file)
            print(try key.load().signTypedData(data))
        case (nil, nil):
            throw CommandFailure("missing MESSAGE: pass a message, or --typed-data FILE")
        case (_?, _?):
            throw CommandFailure("pass either a MESSAGE or --typed-data FILE, not both")
        }
    }
}

/// `podium wallet verify --address <ADDRESS> <MESSAGE> <SIGNATURE>`, as `cast wallet verify`; with
/// `--typed-data <FILE> <SIGNATURE>`, for EIP-712 typed data.
struct WalletVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that an address signed a message (EIP-191) or typed data (EIP-712).",
        discussion: """
            MESSAGE, or the typed data of --typed-data FILE in its place, is read as wallet sign reads it. Exits 0 \
            and prints "Validation succeeded…" only when SIGNATURE (65 bytes, v 27/28 or 0/1, low s) recovers \
            ADDRESS; otherwise prints "Validation failed…" on stderr and exits 1.
            """
    )

    @Option(name: [.short, .long], help: "The address expected to have signed.")
    var address: String

    @Option(help: ArgumentHelp("A JSON file of EIP-712 typed data, in place of MESSAGE.", valueName: "FILE"))
    var typedData: String?

    @Argument(help: ArgumentHelp("The message: 0x-hex bytes, or text.", valueName: "MESSAGE"))
    var message: String?

    @Argument(help: ArgumentHelp("The signature: 0x and 130 hex digits (r, s, v).", valueName: "SIGNATURE"))
    var signature: String?

    func run() throws {
        let signer = try ChainArgument.address(address)
        let (hash, signatureText, subject) = try signed()
        let parsed = try parseArgument("signature", signatureText) { try Signature(hex: $0) }
        guard parsed.verify(hash: hash, signer: signer) else {
            throw CommandFailure("Validation failed. Address \(signer) did not sign this \(subject).")
        }
        print("Validation succeeded. Address \(signer) signed this \(subject).")
    }

    /// The hash that was signed, the signature's text, and what was signed: MESSAGE SIGNATURE, or SIGNATURE alone
    /// (the one positional argument) with --typed-data.
    private func signed() throws -> (hash: Bytes32, signature: String, subject: String) {
        switch (typedData, message, signature) {
        case (nil, let message?, let signature?):
            return (EIP191.personalMessageHash(try BytesArgument.parse(message)), signature, "message")
        case (let file?, let signature?, nil):
            return (try TypedDataFile.read(file).signingHash, signature, "typed data")
        case (_?, _?, _?):
            throw CommandFailure("--typed-data takes the place of MESSAGE: pass only the SIGNATURE")
        default:
            throw CommandFailure("expected MESSAGE and SIGNATURE, or --typed-data FILE and SIGNATURE")
        }
    }
}

/// What `--typed-data` takes, for the commands' help.
let typedDataHelp = """
    With --typed-data FILE, FILE holds EIP-712 typed data as eth_signTypedData_v4 takes it: JSON with types, \
    primaryType, domain and message. Integers may be JSON numbers (read exactly, any size) or decimal or 0x-hex \
    strings; bytes are 0x-hex.
    """

/// `--typed-data <FILE>`: EIP-712 typed data read from a JSON file and checked.
enum TypedDataFile {
    static func read(_ path: String) throws -> EIP712TypedData {
        let json = try FileArgument.read(path, what: "typed data file")
        do {
            return try EIP712TypedData(json: json)
        } catch {
            throw CommandFailure("invalid typed data in \(path): \(error)")
        }
    }
}

/// `podium wallet list-dev`: the devnet's accounts as anvil lists them when it starts.
struct WalletListDevnet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-dev",
        abstract: "Print the devnet accounts: index, address and private key, as anvil does when it starts.",
        discussion: """
            These are the first \(DevnetAccounts.count) accounts of the public test mnemonic that anvil and Hardhat \
            fund: anyone can spend from them, so use them on local chains only.
            """
    )

    func run() {
        let rule = String(repeating: "=", count: 18)
        print("Available Accounts\n\(rule)\n")
        for (index, key) in DevnetAccounts.privateKeys.enumerated() { print("(\(index)) \(key.address)") }
        print("\nPrivate Keys\n\(rule)\n")
        for (index, key) in DevnetAccounts.privateKeys.enumerated() { print("(\(index)) \(key.revealHex())") }
        print("\nWallet\n\(rule)")
        print("Mnemonic:          \(DevnetAccounts.mnemonic.revealPhrase())")
        print("Derivation path:   m/44'/60'/0'/0/")
    }
}

/// `podium wallet new [--json]`, as `cast wallet new`.
struct WalletNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a key pair from the system's secure random source and print its address and private key.",
        discussion: "The private key is printed once, on stdout: keep it, as nothing else stores it.")
    @Option(help: "How many key pairs.") var number = 1
    @Flag(help: "Print a JSON array of {address, private_key}.") var json = false

    func run() throws {
        guard (1...100).contains(number) else { throw ValidationError("--number must be 1 to 100") }
        WalletPrinter.print((0..<number).map { _ in PrivateKey.generate() }, json: json)
    }
}

/// `podium wallet new-mnemonic [--words N] [--accounts N]`, as `cast wallet new-mnemonic`.
struct WalletNewMnemonic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-mnemonic",
        abstract: "Create a BIP-39 mnemonic and print it with its first accounts (m/44'/60'/0'/0/i).")
    @Option(help: "Words: 12, 15, 18, 21 or 24.") var words = 12
    @Option(help: "How many accounts to derive.") var accounts = 1
    @Flag(help: "Print JSON: {mnemonic, accounts: [{address, private_key}]}.") var json = false

    func run() throws {
        let mnemonic = try parseArgument("--words", "\(words)") { _ in try Mnemonic.generate(wordCount: words) }
        let keys = try WalletDerive.keys(of: mnemonic, passphrase: "", indices: 0..<UInt32(clamping: accounts))
        if json {
            print(JSONValue.object(["mnemonic": .string(mnemonic.revealPhrase()), "accounts": WalletPrinter.json(keys)]).prettyText)
        } else {
            print("Phrase:\n\(mnemonic.revealPhrase())\n")
            WalletPrinter.print(keys, json: false)
        }
    }
}

/// `podium wallet derive <MNEMONIC> [--accounts N] [--index I]`, as `cast wallet derive`.
struct WalletDerive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Derive accounts from a BIP-39 mnemonic: m/44'/60'/0'/0/i, or the --path given.",
        discussion: "MNEMONIC may be - to read it from stdin, so that it stays out of the shell's history.")
    @Argument(help: ArgumentHelp("The mnemonic sentence, or - for stdin.", valueName: "MNEMONIC")) var phrase: String
    @Option(help: "How many accounts, from --index on.") var accounts: UInt32 = 1
    @Option(help: "The first account's index.") var index: UInt32 = 0
    @Option(help: ArgumentHelp("A full derivation path instead (m/44'/60'/0'/0/7).", valueName: "PATH")) var path: String?
    @Option(help: "The BIP-39 passphrase.") var passphrase = ""
    @Flag(help: "Print a JSON array of {address, private_key}.") var json = false

    func run() throws {
        guard (1...1000).contains(accounts), index.addingReportingOverflow(accounts).overflow == false else {
            throw ValidationError("--accounts must be 1 to 1000, with --index + --accounts below 2^32")
        }
        let text = try StdinArgument.text(phrase == "-" ? nil : phrase, what: "MNEMONIC")
        let mnemonic = try parseArgument("mnemonic", "(\(text.split(separator: " ").count) words)") { _ in try Mnemonic(text) }
        if let path {
            let parsed = try parseArgument("derivation path", path) { try DerivationPath(parsing: $0) }
            let key = try ExtendedPrivateKey(seed: mnemonic.seed(passphrase: passphrase)).derived(parsed).privateKey
            WalletPrinter.print([key], json: json)
        } else {
            WalletPrinter.print(try Self.keys(of: mnemonic, passphrase: passphrase, indices: index..<index + accounts), json: json)
        }
    }

    /// The keys at m/44'/60'/0'/0/i for each i of `indices`.
    static func keys(of mnemonic: Mnemonic, passphrase: String, indices: Range<UInt32>) throws -> [PrivateKey] {
        let master = try ExtendedPrivateKey(seed: mnemonic.seed(passphrase: passphrase))
        return try indices.map { try master.derived(.ethereum(index: $0)).privateKey }
    }
}

/// Prints key pairs as cast's wallet commands do: address and private key, or a JSON array of both.
enum WalletPrinter {
    /// `[{"address", "private_key"}, …]`.
    static func json(_ keys: [PrivateKey]) -> JSONValue {
        .array(keys.map { .object(["address": .string($0.address.description), "private_key": .string($0.revealHex())]) })
    }

    static func print(_ keys: [PrivateKey], json: Bool) {
        if json {
            Swift.print(Self.json(keys).prettyText)
            return
        }
        for (position, key) in keys.enumerated() {
            if position > 0 { Swift.print() }
            Swift.print("Address:     \(key.address)\nPrivate key: \(key.revealHex())")
        }
    }
}
