import Foundation
@testable import PodiumCLI
import PodiumTestSupport
import Testing

/// `podium wallet …` against eth-account (Tests/oracles/cli_signing.py) and the accounts anvil publishes.
@Suite struct WalletCommandTests {
    /// anvil's first account, from its startup listing (and Foundry's docs).
    static let anvilKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
    static let anvilAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"

    @Test func addressAndPersonalSignMatchEthAccount() async throws {
        var generator = SeededGenerator()
        let keys = [Self.anvilKey] + (0..<3).map { _ in SigningOracle.randomKey(using: &generator) }
        let messages = ["hello", "", "0x", "0xdeadbeef", "héllo wörld 👋", "0xDEADbeef00", String(repeating: "a", count: 300)]
        let cases = zip(messages, keys + keys).map { message, key in
            SigningOracle.MessageCase(key: key, message: SigningOracle.messageHex(message))
        }
        let answer = try SigningOracle.call(.init(address: keys, signMessage: cases))
        let context: Comment = "seed \(generator.seed)"

        for (key, expected) in zip(keys, try #require(answer.address)) {
            #expect(try await Self.succeed(["wallet", "address", "--private-key", key]) == expected, context)
        }
        #expect(answer.address?.first == Self.anvilAddress)
        for ((message, signCase), expected) in zip(zip(messages, cases), try #require(answer.signMessage)) {
            let signature = try await Self.succeed(["wallet", "sign", "--private-key", signCase.key, message])
            #expect(signature == expected, "\(message.debugDescription), \(context)")
        }
    }

    @Test func verifyAcceptsEthAccountSignaturesOnly() async throws {
        let messages = ["hello", "0xdeadbeef"]
        let answer = try SigningOracle.call(
            .init(signMessage: messages.map { .init(key: Self.anvilKey, message: SigningOracle.messageHex($0)) }))
        let signatures = try #require(answer.signMessage)
        for (message, signature) in zip(messages, signatures) {
            let valid = try await PodiumProcess.run(["wallet", "verify", "--address", Self.anvilAddress, message, signature])
            #expect(valid.status == 0)
            #expect(valid.stdout == "Validation succeeded. Address \(Self.anvilAddress) signed this message.\n")

            // Another message, another address, and a flipped bit in s.
            var tampered = Array(signature)
            tampered[100] = tampered[100] == "0" ? "1" : "0"
            for arguments in [
                [Self.anvilAddress, message + "00", signature],
                ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", message, signature],
                [Self.anvilAddress, message, String(tampered)],
            ] {
                let invalid = try await PodiumProcess.run(["wallet", "verify", "--address"] + arguments)
                #expect(invalid.status == 1, "\(arguments)")
                #expect(invalid.stdout.isEmpty)
                #expect(invalid.stderr == "podium: Validation failed. Address \(arguments[0]) did not sign this message.\n")
            }
        }
    }

    /// The ten accounts anvil lists at startup, each key checked against its address by eth-account.
    @Test func listDevPrintsAnvilAccounts() async throws {
        let output = try await Self.succeed(["wallet", "list-dev"])
        let addresses = [
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
            "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
            "0x976EA74026E726554dB657fA54763abd0C3a0aa9", "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
            "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f", "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
        ]
        let lines = output.split(separator: "\n").map(String.init)
        let listed = lines.filter { $0.hasPrefix("(") }.map { $0.split(separator: " ").map(String.init) }
        #expect(listed.count == 20)
        #expect(listed.prefix(10).map { $0[0] } == (0..<10).map { "(\($0))" })
        #expect(listed.prefix(10).map { $0[1] } == addresses)
        let keys = listed.suffix(10).map { $0[1] }
        #expect(keys.first == Self.anvilKey)
        let derived = try SigningOracle.call(.init(address: keys))
        #expect(derived.address == addresses)
        #expect(lines.contains("Mnemonic:          test test test test test test test test test test test junk"))
    }

    @Test func keyComesFromEnvironmentWhenFlagIsAbsent() async throws {
        let fromEnvironment = try await PodiumProcess.run(
            ["wallet", "address"], environment: ["PODIUM_PRIVATE_KEY": Self.anvilKey])
        #expect(fromEnvironment.stdout == Self.anvilAddress + "\n")

        let flagWins = try await PodiumProcess.run(
            ["wallet", "address", "--private-key", "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"],
            environment: ["PODIUM_PRIVATE_KEY": Self.anvilKey])
        #expect(flagWins.stdout == "0x70997970C51812dc3A010C7d01b50e0d17dc79C8\n")

        let none = try await PodiumProcess.run(["wallet", "address"], environment: [:])
        #expect(none.status != 0)
        #expect(none.stderr == "podium: no private key: pass --private-key or set PODIUM_PRIVATE_KEY\n")

        let bad = try await PodiumProcess.run(["wallet", "sign", "hi"], environment: ["PODIUM_PRIVATE_KEY": "0x1234"])
        #expect(bad.status != 0)
        #expect(bad.stderr == "podium: invalid private key in $PODIUM_PRIVATE_KEY: a private key is 64 hex digits, got 4\n")
    }

    /// Bad keys and signatures: one line on stderr, a non-zero exit, and never the key's digits.
    @Test(arguments: [
        ["wallet", "address", "--private-key", "0x" + String(repeating: "0", count: 64)],
        ["wallet", "address", "--private-key", "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"],  // n
        ["wallet", "address", "--private-key", String(WalletCommandTests.anvilKey.dropLast(2))],  // 31 bytes
        ["wallet", "address", "--private-key", WalletCommandTests.anvilKey + "00"],  // 33 bytes
        ["wallet", "sign", "--private-key", "0xzz" + String(WalletCommandTests.anvilKey.dropFirst(4)), "hi"],
        ["wallet", "sign", "--private-key", WalletCommandTests.anvilKey, "0x123"],
        ["wallet", "sign", "--private-key", WalletCommandTests.anvilKey],
        ["wallet", "verify", "--address", WalletCommandTests.anvilAddress, "hi", "0x" + String(repeating: "11", count: 64)],
        ["wallet", "verify", "--address", WalletCommandTests.anvilAddress, "hi", "0x" + String(repeating: "11", count: 66)],
        ["wallet", "verify", "--address", WalletCommandTests.anvilAddress, "hi",
         "0x" + String(repeating: "11", count: 64) + "1d"],  // v 29
        ["wallet", "verify", "--address", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb9226", "hi",
         "0x" + String(repeating: "11", count: 65)],
    ])
    func rejectsBadInput(arguments: [String]) async throws {
        let result = try await PodiumProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("podium: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        if let key = arguments.firstIndex(of: "--private-key").map({ arguments[$0 + 1] }) {
            #expect(!result.stderr.contains(key.dropFirst(4).prefix(16)))
        }
    }

    // MARK: Typed data (EIP-712)

    /// EIP-712's Mail example, from PodiumEIP712Tests' vector file without its comment lines, in a temporary file.
    static func mailFile() throws -> URL {
        let vector = PythonOracle.repositoryRoot
            .appendingPathComponent("Tests/PodiumEIP712Tests/Vectors/eip712-mail.txt")
        let json = try String(contentsOf: vector, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        return try temporaryFile(json.joined(separator: "\n"))
    }

    /// A file holding `text` in the temporary directory; the caller removes it.
    static func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("podium-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The signature EIP-712 publishes for the Mail example with the key keccak256("cow") (assets/eip-712/Example.js:
    /// v 28, r, s), and the same document signed with anvil's first key as eth-account signs it.
    @Test func signTypedDataMatchesTheEIPAndEthAccount() async throws {
        let file = try Self.mailFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let cowKey = "0xc85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4"  // keccak256("cow")
        let published = "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
            + "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562" + "1c"
        let signed = try await Self.succeed(["wallet", "sign", "--private-key", cowKey, "--typed-data", file.path])
        #expect(signed == published)
        #expect(try await Self.succeed(["wallet", "address", "--private-key", cowKey])
            == "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")

        struct Case: Encodable { let json: String, key: String }
        struct Answer: Decodable { let documents: [[String: String]] }
        let json = try String(contentsOf: file, encoding: .utf8)
        let answer = try await PythonOracle.call(
            "eip712", ["documents": [Case(json: json, key: Self.anvilKey)]], as: Answer.self)
        let expected = try #require(answer.documents.first?["signature"])
        #expect(try await Self.succeed(["wallet", "sign", "--private-key", Self.anvilKey, "--typed-data", file.path])
            == expected)
        let fromEnvironment = try await PodiumProcess.run(
            ["wallet", "sign", "--typed-data", file.path], environment: ["PODIUM_PRIVATE_KEY": Self.anvilKey])
        #expect(fromEnvironment.stdout == expected + "\n")
    }

    @Test func verifyTypedDataAcceptsItsSignerOnly() async throws {
        let file = try Self.mailFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let signature = try await Self.succeed(
            ["wallet", "sign", "--private-key", Self.anvilKey, "--typed-data", file.path])

        let valid = try await PodiumProcess.run(
            ["wallet", "verify", "--address", Self.anvilAddress, "--typed-data", file.path, signature])
        #expect(valid.status == 0)
        #expect(valid.stdout == "Validation succeeded. Address \(Self.anvilAddress) signed this typed data.\n")

        let other = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
        let wrongSigner = try await PodiumProcess.run(
            ["wallet", "verify", "--address", other, "--typed-data", file.path, signature])
        #expect(wrongSigner.status == 1)
        #expect(wrongSigner.stderr == "podium: Validation failed. Address \(other) did not sign this typed data.\n")

        // The same signature is not one of the personal_sign message made of the file's text.
        let text = try String(contentsOf: file, encoding: .utf8)
        let asMessage = try await PodiumProcess.run(
            ["wallet", "verify", "--address", Self.anvilAddress, text, signature])
        #expect(asMessage.status == 1)

        let changed = try Self.temporaryFile(text.replacingOccurrences(of: "Hello, Bob!", with: "Hello, Bob."))
        defer { try? FileManager.default.removeItem(at: changed) }
        let tampered = try await PodiumProcess.run(
            ["wallet", "verify", "--address", Self.anvilAddress, "--typed-data", changed.path, signature])
        #expect(tampered.status == 1)
    }

    /// Misused or malformed typed data: one line naming the problem (and the value's path), a non-zero exit.
    @Test func typedDataErrorsAreOneLine() async throws {
        let file = try Self.mailFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try String(contentsOf: file, encoding: .utf8)
        let badWallet = try Self.temporaryFile(
            text.replacingOccurrences(of: "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", with: "0x12"))
        defer { try? FileManager.default.removeItem(at: badWallet) }
        let signature = "0x" + String(repeating: "11", count: 65)
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("podium-missing.json").path
        let cases: [([String], String)] = [
            (["wallet", "sign", "--private-key", Self.anvilKey, "--typed-data", file.path, "hello"],
             "pass either a MESSAGE or --typed-data FILE, not both"),
            (["wallet", "sign", "--private-key", Self.anvilKey],
             "missing MESSAGE: pass a message, or --typed-data FILE"),
            (["wallet", "sign", "--private-key", Self.anvilKey, "--typed-data", missing],
             "cannot read typed data file \(missing): no such file"),
            (["wallet", "sign", "--private-key", Self.anvilKey, "--typed-data", badWallet.path],
             #"invalid typed data in \#(badWallet.path): message.to.wallet: expected address, got "0x12""#),
            (["wallet", "verify", "--address", Self.anvilAddress, "--typed-data", file.path, "hello", signature],
             "--typed-data takes the place of MESSAGE: pass only the SIGNATURE"),
            (["wallet", "verify", "--address", Self.anvilAddress, "--typed-data", file.path],
             "expected MESSAGE and SIGNATURE, or --typed-data FILE and SIGNATURE"),
            (["wallet", "verify", "--address", Self.anvilAddress, "hello"],
             "expected MESSAGE and SIGNATURE, or --typed-data FILE and SIGNATURE"),
        ]
        for (arguments, message) in cases {
            let result = try await PodiumProcess.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr == "podium: \(message)\n", "\(arguments)")
        }
    }

    // MARK: Sign-In with Ethereum (EIP-4361)

    static let signInMessage = """
        podium.example wants you to sign in with your Ethereum account:
        \(anvilAddress)

        Sign in to Podium.

        URI: https://podium.example/login
        Version: 1
        Chain ID: 31337
        Nonce: n0nce12345
        Issued At: 2026-11-20T09:00:00Z
        Expiration Time: 2026-11-20T10:00:00Z
        """

    /// Runs `podium siwe verify arguments…` in this process (the command is not in `podium`'s list yet).
    static func signInVerify(_ arguments: [String]) throws {
        var command = try SignInVerify.parseAsRoot(arguments)
        try command.run()
    }

    /// A message signed by eth-account (personal_sign over its text) verifies, from a file that ends with a line
    /// break as editors write it; each failed check is one line saying why.
    @Test func signInVerifyChecksAnEthAccountSignature() async throws {
        let file = try Self.temporaryFile(Self.signInMessage + "\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let signed = try SigningOracle.call(.init(signMessage: [
            .init(key: Self.anvilKey, message: SigningOracle.messageHex(Self.signInMessage)),
            .init(key: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
                  message: SigningOracle.messageHex(Self.signInMessage)),
        ]))
        let (signature, otherSignature) = try (#require(signed.signMessage?.first), #require(signed.signMessage?.last))
        let base = ["--message-file", file.path, "--signature", signature]
        try Self.signInVerify(
            base + ["--domain", "podium.example", "--nonce", "n0nce12345", "--chain-id", "31337"]
                + ["--at", "2026-11-20T09:30:00Z"])

        let badFile = try Self.temporaryFile(
            Self.signInMessage.replacingOccurrences(of: "Version: 1", with: "Version: 2"))
        defer { try? FileManager.default.removeItem(at: badFile) }
        let at = ["--at", "2026-11-20T09:30:00Z"]
        let cases: [([String], String)] = [
            (base + ["--at", "2026-11-20T10:00:00Z"], "Validation failed: expired at 2026-11-20T10:00:00Z."),
            (base + at + ["--domain", "evil.example"],
             "Validation failed: domain mismatch: the message is for podium.example, expected evil.example."),
            (base + at + ["--nonce", "other12345"],
             "Validation failed: nonce mismatch: the message has n0nce12345, expected other12345."),
            (base + at + ["--chain-id", "1"],
             "Validation failed: chain id mismatch: the message is for chain 31337, expected 1."),
            (["--message-file", file.path, "--signature", otherSignature] + at,
             "Validation failed: the signature is by 0x70997970C51812dc3A010C7d01b50e0d17dc79C8, not by the "
                + "message's address \(Self.anvilAddress)."),
            (["--message-file", badFile.path, "--signature", signature] + at,
             #"invalid message in \#(badFile.path): unsupported version "2": only 1 exists"#),
            (["--message-file", "/nonexistent/siwe.txt", "--signature", signature],
             "cannot read message file /nonexistent/siwe.txt: no such file"),
            (base + ["--at", "yesterday"],
             #"--at: invalid time "yesterday": expected RFC 3339, as 2026-11-20T10:00:00Z"#),
        ]
        for (arguments, message) in cases {
            #expect("\(arguments)", performing: { try Self.signInVerify(arguments) }, throws: { "\($0)" == message })
        }
    }

    // MARK: Helpers

    /// Runs podium and returns its output without the final newline, expecting success.
    static func succeed(_ arguments: [String]) async throws -> String {
        let result = try await PodiumProcess.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return String(result.stdout.dropLast())
    }
}

/// Tests/oracles/cli_signing.py: eth-account's addresses, personal_sign signatures and signed transactions.
enum SigningOracle {
    /// A message to sign: the key and the message's bytes as 0x-hex.
    struct MessageCase: Encodable {
        let key: String
        let message: String
    }

    /// What to ask, any part left out.
    struct Request: Encodable {
        var address: [String]?
        var signMessage: [MessageCase]?
        var signTransaction: [TransactionCase]?
    }

    /// The answers, one per case of each part asked.
    struct Answer: Decodable {
        let address: [String]?
        let signMessage: [String]?
        let signTransaction: [SignedTransaction]?
    }

    static func call(_ request: Request) throws -> Answer {
        try PythonOracle.call("cli_signing", request, as: Answer.self)
    }

    /// The bytes the CLI reads from a message argument: 0x-hex as bytes, else the UTF-8 text, as 0x-hex.
    static func messageHex(_ message: String) -> String {
        message.hasPrefix("0x") ? message.lowercased() : hex(Array(message.utf8))
    }

    /// A random valid private key: its first byte is below 0xf0, so the key is below the curve order.
    static func randomKey(using generator: inout SeededGenerator) -> String {
        var bytes = generator.bytes(32)
        bytes[0] = UInt8.random(in: 1..<0xf0, using: &generator)
        return hex(bytes)
    }

    /// `0x` and lowercase hex digits.
    static func hex(_ bytes: [UInt8]) -> String {
        "0x" + bytes.map { String(format: "%02x", $0) }.joined()
    }
}
