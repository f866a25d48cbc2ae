import Foundation
import PodiumPrimitives
import PodiumSigner
import PodiumSIWE
import PodiumTestSupport
import Testing

/// Sign-In with Ethereum (EIP-4361): the EIP's example messages, wallet-signed messages from the reference
/// implementation's vectors, random messages signed by eth-account (Tests/oracles/signer.py, encode_defunct over
/// the message's text), malformed messages and each verification failure.
@Suite struct SignInWithEthereumTests {
    typealias Message = SignInWithEthereumMessage
    typealias Timestamp = SignInWithEthereumMessage.Timestamp

    /// The records of a Vectors/siwe-*.txt file: the header after `=== ` and the message text up to the next one.
    static func records(_ name: String) throws -> [(header: String, message: String)] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Vectors"))
        var records: [(header: String, message: String)] = []
        var lines: [Substring] = []
        func close() {
            guard !records.isEmpty else { return }
            while lines.last?.isEmpty == true { lines.removeLast() }
            records[records.count - 1].message = lines.joined(separator: "\n")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("=== ") {
                close()
                records.append((String(line.dropFirst(4)), ""))
                lines = []
            } else if !records.isEmpty {
                lines.append(line)
            }
        }
        close()
        return records
    }

    static func time(_ text: String) -> Timestamp { try! Timestamp(rfc3339: text) }

    // MARK: The EIP's examples and wallet signatures

    @Test func eipExamplesParseAndFormatBack() async throws {
        let records = try Self.records("siwe-eip4361")
        try #require(records.count == 3)
        let messages = try records.map { try Message(parsing: $0.message) }
        for (record, message) in zip(records, messages) {
            #expect(message.text == record.message, "\(record.header)")
            #expect(message.address.description == "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2")
            #expect(message.statement == "I accept the ExampleOrg Terms of Service: https://example.com/tos")
            #expect(message.uri == "https://example.com/login")
            #expect(message.chainID == 1)
            #expect(message.nonce == "32891756")
            #expect(message.issuedAt == Self.time("2021-09-30T16:25:24Z"))
            #expect(message.expirationTime == nil && message.notBefore == nil && message.requestID == nil)
            #expect(message.resources == [
                "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/",
                "https://example.com/my-web2-claim.json",
            ])
        }
        #expect(messages.map(\.scheme) == [nil, nil, "https"])
        #expect(messages.map(\.domain) == ["example.com", "example.com:3388", "example.com"])
    }

    /// Messages signed by wallets (spruceid/siwe's verification vectors): each verifies at its time, and fails with
    /// the reference implementation's negative cases (another domain, nonce or time).
    @Test func walletSignaturesVerify() async throws {
        let records = try Self.records("siwe-signed")
        try #require(records.count == 4)
        for record in records {
            let parts = record.header.split(separator: " | ")
            let value = { (key: String) in
                parts.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
            }
            let message = try Message(parsing: record.message)
            #expect(message.text == record.message, "\(parts[0])")
            let signature = try Signature(hex: try #require(value("signature")))
            let now = Self.time(value("at") ?? "2023-01-01T00:00:00Z")
            #expect(throws: Never.self, "\(parts[0])") {
                try message.verify(
                    signature: signature, domain: message.domain, nonce: message.nonce, chainID: 1, at: now)
            }
        }
        let example = try Message(parsing: records[0].message)
        let signature = try Signature(hex: try #require(records[0].header.split(separator: "=").last.map(String.init)))
        let now = Self.time("2023-01-01T00:00:00Z")
        #expect(throws: SignInWithEthereumError.domainMismatch(expected: "example.com", found: "login.xyz")) {
            try example.verify(signature: signature, domain: "example.com", at: now)
        }
        #expect(throws: SignInWithEthereumError.nonceMismatch(expected: "6548asdgf", found: "bTyXgcQxn2htgkjJn")) {
            try example.verify(signature: signature, nonce: "6548asdgf", at: now)
        }
        #expect(throws: SignInWithEthereumError.expired(at: Self.time("2100-01-07T14:31:43.952Z"))) {
            try example.verify(signature: signature, at: Self.time("2200-01-05T00:00:00Z"))
        }
    }

    /// Random messages of every shape, formatted, signed by eth-account with personal_sign over their text, parsed
    /// back to the same text and verified; the signature does not verify another message.
    @Test func randomMessagesSignedByEthAccountVerify() async throws {
        var generator = SeededGenerator()
        let keys = (0..<60).map { _ in Self.randomKey(using: &generator) }
        let cases = keys.map { Self.randomMessage(for: $0.address, using: &generator) }
        struct Personal: Codable { let key: String, message: String }
        struct Answer: Decodable { let personal: [[String: String]] }
        let request = zip(keys, cases).map { key, testCase in
            Personal(key: key.revealHex(), message: Hex.encode(Array(testCase.message.text.utf8)))
        }
        let answer = try await PythonOracle.call("signer", ["personal": request], as: Answer.self)
        try #require(answer.personal.count == cases.count)
        for (i, (key, (message, now))) in zip(keys, cases).enumerated() {
            let context: Comment = "case \(i), seed \(generator.seed):\n\(message.text)"
            let signature = try Signature(hex: try #require(answer.personal[i]["signature"]))
            #expect(key.signPersonalMessage(Array(message.text.utf8)) == signature, context)
            let parsed = try Message(parsing: message.text)
            #expect(parsed == message, context)
            #expect(parsed.text == message.text, context)
            #expect(throws: Never.self, context) {
                try parsed.verify(signature: signature, domain: message.domain, nonce: message.nonce,
                                  chainID: message.chainID, at: now)
            }
            let other = cases[(i + 1) % cases.count].message
            #expect(throws: SignInWithEthereumError.self, context) { try other.verify(signature: signature, at: now) }
        }
    }

    // MARK: Verification failures

    static let key = try! PrivateKey(hex: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")

    static func podiumMessage() -> Message {
        try! Message(
            scheme: "https", domain: "podium.example", address: key.address, statement: "Sign in to Podium.",
            uri: "https://podium.example/login", chainID: 31337, nonce: "n0nce12345",
            issuedAt: time("2026-11-20T09:00:00Z"),
            expirationTime: time("2026-11-20T10:00:00Z"), notBefore: time("2026-11-20T09:00:00.5+00:00"),
            requestID: "req-1")
    }

    @Test func eachVerificationFailureIsItsOwnError() async throws {
        let message = Self.podiumMessage()
        let bytes = Array(message.text.utf8)
        let signature = Self.key.signPersonalMessage(bytes)
        let inside = Self.time("2026-11-20T09:30:00Z")
        try message.verify(
            signature: signature, domain: "podium.example", nonce: "n0nce12345", chainID: 31337, at: inside)
        // The window is [notBefore, expirationTime), to the fraction of a second, whatever the offset.
        try message.verify(signature: signature, at: Self.time("2026-11-20T11:00:00.5+02:00"))
        try message.verify(signature: signature, at: Self.time("2026-11-20T09:59:59.999999999Z"))

        let other = try PrivateKey(hex: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")
        var highS = signature.bytes
        highS.replaceSubrange(32..<64, with: Bytes32(UInt256.max).bytes)
        let cases: [(SignInWithEthereumError, String, () throws -> Void)] = [
            (.domainMismatch(expected: "evil.example", found: "podium.example"),
             "domain mismatch: the message is for podium.example, expected evil.example",
             { try message.verify(signature: signature, domain: "evil.example", at: inside) }),
            (.nonceMismatch(expected: "other12345", found: "n0nce12345"),
             "nonce mismatch: the message has n0nce12345, expected other12345",
             { try message.verify(signature: signature, nonce: "other12345", at: inside) }),
            (.chainIDMismatch(expected: 1, found: 31337),
             "chain id mismatch: the message is for chain 31337, expected 1",
             { try message.verify(signature: signature, chainID: 1, at: inside) }),
            (.expired(at: Self.time("2026-11-20T10:00:00Z")), "expired at 2026-11-20T10:00:00Z",
             { try message.verify(signature: signature, at: Self.time("2026-11-20T10:00:00.000Z")) }),
            (.expired(at: Self.time("2026-11-20T10:00:00Z")), "expired at 2026-11-20T10:00:00Z",
             { try message.verify(signature: signature, at: Self.time("2026-11-20T05:00:01-05:00")) }),
            (.notYetValid(until: Self.time("2026-11-20T09:00:00.5Z")), "not valid before 2026-11-20T09:00:00.5+00:00",
             { try message.verify(signature: signature, at: Self.time("2026-11-20T09:00:00.4999Z")) }),
            (.signerMismatch(expected: Self.key.address, recovered: other.address),
             "the signature is by 0x70997970C51812dc3A010C7d01b50e0d17dc79C8, not by the message's address "
                + "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
             { try message.verify(signature: other.signPersonalMessage(bytes), at: inside) }),
            (.invalidSignature(.signatureSOutOfRange),
             "invalid signature: signature s is out of range: it must be in 1 ..< the secp256k1 order",
             { try message.verify(signature: Signature(highS), at: inside) }),
        ]
        for (expected, description, verify) in cases {
            #expect { try verify() } throws: { error in
                (error as? SignInWithEthereumError) == expected && "\(error)" == description
            }
        }
    }

    // MARK: Malformed messages

    /// The text of `podiumMessage()` with `original` replaced by `replacement`.
    static func podium(replacing original: String, with replacement: String) -> String {
        let text = podiumMessage().text
        precondition(text.contains(original), "\(original) is not in the message")
        return text.replacingOccurrences(of: original, with: replacement)
    }

    static let malformed: [(String, String)] = [
        ("", #"line 1: expected "<domain> wants you to sign in with your Ethereum account:""#),
        (podium(replacing: " wants you to sign in with your Ethereum account:", with: " wants you to sign in:"),
         #"line 1: expected "<domain> wants you to sign in with your Ethereum account:""#),
        (podium(replacing: "https://podium.example wants", with: " wants"),
         #"invalid domain "": not an RFC 3986 authority"#),
        (podium(replacing: "https://podium.example wants", with: "podium example wants"),
         #"invalid domain "podium example": not an RFC 3986 authority"#),
        (podium(replacing: "https://podium.example wants", with: "podium.example:80a wants"),
         #"invalid domain "podium.example:80a": not an RFC 3986 authority"#),
        (podium(replacing: "https://podium.example wants", with: "[::1::2] wants"),
         #"invalid domain "[::1::2]": not an RFC 3986 authority"#),
        (podium(replacing: "https://", with: "1https://"), #"invalid scheme "1https" (RFC 3986)"#),
        (podium(replacing: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                with: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"),
         "address 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266 is not EIP-55 checksummed (expected "
            + "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266)"),
        (podium(replacing: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                with: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226"),
         #"invalid address "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226": expected 0x and 40 hex digits"#),
        (podium(replacing: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n", with: ""),
         #"invalid address "": expected 0x and 40 hex digits"#),
        (podium(replacing: "Sign in to Podium.", with: "Sign in to \"Podium\"."),
         #"statement has "\"", which is not an RFC 3986 reserved or unreserved character"#),
        (podium(replacing: "Sign in to Podium.", with: "Sign in\nto Podium."), "line 5: expected an empty line"),
        (podium(replacing: "Sign in to Podium.", with: "Sign in to Podium – now."),
         #"statement has "–", which is not an RFC 3986 reserved or unreserved character"#),
        (podium(replacing: "Sign in to Podium.\n", with: "\nSign in to Podium.\n"), "line 5: expected an empty line"),
        (podium(replacing: "URI: https://podium.example/login\n", with: ""), #"line 6: expected "URI: …""#),
        (podium(replacing: "URI: https://podium.example/login", with: "URI: podium.example/login"),
         #"invalid URI "podium.example/login" (RFC 3986)"#),
        (podium(replacing: "URI: https://podium.example/login", with: "URI: https://podium.example/a b"),
         #"invalid URI "https://podium.example/a b" (RFC 3986)"#),
        (podium(replacing: "URI: https://podium.example/login", with: "URI: https://podium.example/%zz"),
         #"invalid URI "https://podium.example/%zz" (RFC 3986)"#),
        (podium(replacing: "Version: 1", with: "Version: 2"), #"unsupported version "2": only 1 exists"#),
        (podium(replacing: "Version: 1\nChain ID: 31337", with: "Chain ID: 31337\nVersion: 1"),
         #"line 7: expected "Version: …""#),
        (podium(replacing: "Chain ID: 31337", with: "Chain ID: ?"),
         #"invalid chain id "?": expected a decimal 64-bit number"#),
        (podium(replacing: "Chain ID: 31337", with: "Chain ID: 031337"),
         #"invalid chain id "031337": expected a decimal 64-bit number"#),
        (podium(replacing: "Chain ID: 31337", with: "Chain ID: 18446744073709551616"),
         #"invalid chain id "18446744073709551616": expected a decimal 64-bit number"#),
        (podium(replacing: "Nonce: n0nce12345", with: "Nonce: 1234567"),
         #"invalid nonce "1234567": expected at least 8 letters or digits"#),
        (podium(replacing: "Nonce: n0nce12345", with: "Nonce: n0nce-12345"),
         #"invalid nonce "n0nce-12345": expected at least 8 letters or digits"#),
        (podium(replacing: "Issued At: 2026-11-20T09:00:00Z", with: "Issued At: Wed Oct 05 2011 16:48:00 GMT+0200"),
         #"invalid time "Wed Oct 05 2011 16:48:00 GMT+0200": expected RFC 3339, as 2026-11-20T10:00:00Z"#),
        (podium(replacing: "Issued At: 2026-11-20T09:00:00Z\n", with: ""), #"line 10: expected "Issued At: …""#),
        (podium(replacing: "Expiration Time: 2026-11-20T10:00:00Z", with: "Expiration Time: 2026-02-29T10:00:00Z"),
         #"invalid time "2026-02-29T10:00:00Z": expected RFC 3339, as 2026-11-20T10:00:00Z"#),
        (podium(replacing: "Request ID: req-1", with: "Request ID: req 1"),
         #"invalid request id "req 1" (RFC 3986 pchar)"#),
        (podium(replacing: "Request ID: req-1", with: "Request ID: req-1\nNot Before: 2026-11-20T09:00:00Z"),
         "line 14 is out of place: after Issued At come, each optional and in this order, Expiration Time, Not Before, "
            + "Request ID and Resources, then the end of the message"),
        (podium(replacing: "Request ID: req-1", with: "Request ID: req-1\n"),
         "line 14 is out of place: after Issued At come, each optional and in this order, Expiration Time, Not Before, "
            + "Request ID and Resources, then the end of the message"),
        (podium(replacing: "Request ID: req-1",
                with: "Request ID: req-1\nResources:\n- https://a.example - https://b.example"),
         #"invalid URI "https://a.example - https://b.example" (RFC 3986)"#),
        (podium(replacing: "Request ID: req-1", with: "Request ID: req-1\nResources:\n- _not_a_uri_"),
         #"invalid URI "_not_a_uri_" (RFC 3986)"#),
        (podium(replacing: "Request ID: req-1", with: "Request ID: req-1\nResources:\n-https://a.example"),
         "line 15 is out of place: after Issued At come, each optional and in this order, Expiration Time, Not Before, "
            + "Request ID and Resources, then the end of the message"),
        (podiumMessage().text.replacingOccurrences(of: "\n", with: "\r\n"),
         #"line 1: expected "<domain> wants you to sign in with your Ethereum account:""#),
        (podiumMessage().text.components(separatedBy: "\nURI: ")[0], #"the message ends where "URI: …" is due"#),
    ]

    @Test(arguments: malformed)
    func malformedMessagesAreRefused(text: String, message: String) {
        #expect { try Message(parsing: text) } throws: { error in "\(error)" == message }
    }

    /// The statement's three shapes: none (two empty lines before URI), empty (three), and text.
    @Test func statementShapesFormatBack() async throws {
        for statement in [nil, "", "Hello: ok?"] as [String?] {
            let message = try Message(
                domain: "example.com", address: Self.key.address, statement: statement, uri: "https://example.com",
                chainID: 1, nonce: "abcdefgh", issuedAt: Self.time("2026-01-01T00:00:00Z"))
            let parsed = try Message(parsing: message.text)
            #expect(parsed.statement == statement)
            #expect(parsed.text == message.text)
        }
        #expect(try Message(parsing: Self.podium(replacing: "\n\nSign in to Podium.\n", with: "\n\n")).statement == nil)
    }

    // MARK: Times and RFC 3986

    @Test func timestampsAreRFC3339Instants() async throws {
        #expect(Self.time("2026-11-20T10:00:00Z") == Self.time("2026-11-20T12:30:00+02:30"))
        #expect(Self.time("2026-11-20t10:00:00.000z") == Self.time("2026-11-20T05:00:00-05:00"))
        #expect(Self.time("2026-11-20T10:00:00.1Z") < Self.time("2026-11-20T10:00:00.10000001Z"))
        #expect(Self.time("2026-11-20T10:00:00.09Z") < Self.time("2026-11-20T10:00:00.1Z"))
        #expect(Self.time("1969-12-31T23:59:59Z") < Self.time("1970-01-01T00:00:00Z"))
        #expect(Self.time("2016-12-31T23:59:60Z") == Self.time("2017-01-01T00:00:00Z"))
        #expect(Self.time("2024-02-29T00:00:00Z").text == "2024-02-29T00:00:00Z")
        for bad in ["2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T10:00:00",
                    "2026-11-20 10:00:00Z", "2026-11-20T10:00:00.Z", "2026-11-20T10:00:00+0200", "26-11-20T10:00:00Z",
                    "2026-11-20T10:00:00Z ", "2026-04-31T00:00:00Z"] {
            #expect(throws: SignInWithEthereumError.invalidTimestamp(bad)) { try Timestamp(rfc3339: bad) }
        }
        let date = Date(timeIntervalSince1970: 1_795_154_400.25)
        #expect(Timestamp(date).text == "2026-11-20T06:00:00.250Z")
        #expect(Timestamp(date) == Self.time("2026-11-20T06:00:00.25Z"))
        #expect(Timestamp(Date(timeIntervalSince1970: -0.5)).text == "1969-12-31T23:59:59.500Z")
    }

    @Test(arguments: [
        ("example.com", true), ("example.com:3388", true), ("user:pass@127.0.0.1:8080", true), ("[::1]", true),
        ("[2001:db8::7]:443", true), ("[::ffff:192.0.2.128]", true), ("[v1.fe80::a+en1]", true), ("xn--d1acj3b", true),
        ("not_rfc4501", true), ("ex%41mple.com", true), (":8080", false), ("example.com/path", false),
        ("[::1", false), ("[1:2:3:4:5:6:7:8:9]", false), ("[::ffff:192.0.2.256]", false), ("exa mple.com", false),
        ("a@b@c", false), ("%zz.com", false),
    ])
    func domainsAreRFC3986Authorities(domain: String, valid: Bool) {
        let message = try? Message(
            domain: domain, address: Self.key.address, uri: "https://example.com", chainID: 1, nonce: "abcdefgh",
            issuedAt: Self.time("2026-01-01T00:00:00Z"))
        #expect((message != nil) == valid)
        if let message { #expect((try? Message(parsing: message.text)) == message) }
    }

    @Test(arguments: [
        ("https://example.com/login?next=/home#top", true), ("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", true),
        ("did:pkh:eip155:1:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", true),
        ("ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/", true),
        ("mailto:a@example.com", true), ("http://[::1]:8080/", true), ("file:///etc/hosts", true), ("a:", true),
        ("//example.com", false), ("example.com", false), ("https://exa mple.com", false),
        ("https://example.com/<>", false),
        ("https://[::1/", false), ("1http://x", false), ("https://example.com/%4", false),
    ])
    func urisAreRFC3986(uri: String, valid: Bool) {
        let message = try? Message(
            domain: "example.com", address: Self.key.address, uri: uri, chainID: 1, nonce: "abcdefgh",
            issuedAt: Self.time("2026-01-01T00:00:00Z"), resources: [uri])
        #expect((message != nil) == valid)
    }

    // MARK: Random messages

    static func randomKey(using generator: inout SeededGenerator) -> PrivateKey {
        while true {
            if let key = try? PrivateKey(generator.bytes(32)) { return key }
        }
    }

    /// A random valid message for `address`, and a time inside its validity window.
    static func randomMessage(
        for address: Address, using generator: inout SeededGenerator
    ) -> (message: Message, now: Timestamp) {
        func pick<T>(_ options: [T]) -> T { options.randomElement(using: &generator)! }
        func text(_ alphabet: String, _ count: ClosedRange<Int>) -> String {
            let length = Int.random(in: count, using: &generator)
            return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
        }
        let alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        let uris = ["https://example.com/login", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
                    "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/",
                    "https://a.example/p?q=1&r=%20#f",
                    "did:pkh:eip155:1:\(address)"]
        let milliseconds = Int.random(in: 0...4_000_000_000_000, using: &generator)
        let base = Double(milliseconds) / 1000
        let message = try! Message(
            scheme: pick([nil, "https", "http", "app+x.y-1"]),
            domain: pick(
                ["example.com", "sub.example.co.uk:8443", "user:pw@127.0.0.1:3000", "[::1]:8080", "localhost"]),
            address: address,
            statement: pick([nil, "", text(alphanumerics + " :/?#[]@!$&'()*+,;=-._~", 1...80)]),
            uri: pick(uris),
            chainID: pick([1, 31337, ChainID.max, ChainID.random(in: 0...ChainID.max, using: &generator)]),
            nonce: text(alphanumerics, 8...32),
            issuedAt: Timestamp(Date(timeIntervalSince1970: base - Double(Int.random(in: 0...999, using: &generator)))),
            expirationTime: Bool.random(using: &generator) ? Timestamp(Date(timeIntervalSince1970: base + 1)) : nil,
            notBefore: Bool.random(using: &generator) ? Timestamp(Date(timeIntervalSince1970: base - 1)) : nil,
            requestID: pick([nil, "", text(alphanumerics + "-._~!$&'()*+,;=:@", 1...20)]),
            resources: pick([nil, [], (0..<Int.random(in: 1...3, using: &generator)).map { _ in pick(uris) }]))
        return (message, Timestamp(Date(timeIntervalSince1970: base)))
    }
}
