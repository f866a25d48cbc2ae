import Foundation
import PodiumPrimitives
import PodiumSigner
import PodiumEIP712
import PodiumTestSupport
import Testing

/// EIP-712 typed data: the EIP's Mail example and its published values, random documents against eth-account
/// (Tests/oracles/eip712.py), and malformed documents with their errors.
@Suite struct EIP712Tests {
    /// The Mail example's JSON (Vectors/eip712-mail.txt without its comment lines).
    static func mailJSON() throws -> String {
        try vectorLines("eip712-mail", in: .module).joined(separator: "\n")
    }

    /// The Mail example with the values EIP-712's reference implementation (assets/eip-712/Example.js) asserts.
    @Test func mailExampleMatchesTheEIP() async throws {
        let data = try EIP712TypedData(json: Array(Self.mailJSON().utf8))
        #expect(try data.types.encodeType("Mail")
            == "Mail(Person from,Person to,string contents)Person(string name,address wallet)")
        #expect(try data.types.typeHash("Mail").description
            == "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2")
        #expect(try Hex.encode(data.types.encodeData("Mail", data.message)) == """
            0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2fc71e5fa27ff56c350aa531bc129ebdf613b772b\
            6604664f5d8dbe21b85eb0c8cd54f074a4af31b4411ff6a60c9719dbd559c221c8ac3492d9d872b041d703d1b5aadf3154a261abdd\
            9086fc627b61efca26ae5702701d05cd2305f7c52a2fc8
            """)
        #expect(data.messageHash.description == "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e")
        #expect(try data.types.hashStruct("Mail", data.message) == data.messageHash)
        #expect(data.domainSeparator.description
            == "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f")
        #expect(data.signingHash.description == "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2")

        let key = try PrivateKey(Keccak256.hash("cow").bytes)
        #expect(key.address.description == "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")
        let signature = key.signTypedData(data)
        #expect(signature.v == 28)
        let r = "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
        let s = "0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562"
        #expect(Bytes32(signature.r).description == r && Bytes32(signature.s).description == s)
        #expect(try signature.typedDataSigner(data) == key.address)
        #expect(signature.verifyTypedData(data, signer: key.address))
        #expect(!signature.verifyTypedData(data, signer: .zero))
    }

    /// The same example through eth-account, so the oracle and the EIP agree before the random documents rely on it.
    @Test func mailExampleMatchesEthAccount() async throws {
        let key = try PrivateKey(Keccak256.hash("cow").bytes)
        let answer = try #require(
            try Oracle.call(.init(documents: [.init(json: Self.mailJSON(), key: key.revealHex())])).documents?.first)
        let data = try EIP712TypedData(json: Array(Self.mailJSON().utf8))
        #expect(answer.domainSeparator == data.domainSeparator.description)
        #expect(answer.messageHash == data.messageHash.description)
        #expect(answer.signingHash == "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2")
        #expect(answer.signature == key.signTypedData(data).description)
    }

    /// Random struct graphs (nested, self-referencing, in arrays of arrays), every atomic type and random values
    /// written in every accepted form, against eth-account's encode_typed_data(full_message=…) and sign_message.
    @Test func randomDocumentsMatchEthAccount() async throws {
        var random = RandomTypedData(generator: SeededGenerator())
        let documents = (0..<250).map { _ in random.document(cycleThroughPrimary: false) }
        let keys = (0..<250).map { _ in random.key() }
        let request = zip(documents, keys).map { Oracle.Case(json: $0, key: $1.revealHex()) }
        let answers = try #require(try Oracle.call(.init(documents: request)).documents)
        try check(documents, keys, answers, seed: random.generator.seed)
    }

    /// Documents whose primary type is on a cycle (A → B → A), which encode_typed_data cannot take: against
    /// eth-account's hash_struct and hash_domain.
    @Test func cyclicTypesMatchEthAccount() async throws {
        var random = RandomTypedData(generator: SeededGenerator())
        let documents = (0..<40).map { _ in random.document(cycleThroughPrimary: true) }
        let keys = (0..<40).map { _ in random.key() }
        let request = zip(documents, keys).map { Oracle.Case(json: $0, key: $1.revealHex()) }
        let answers = try #require(try Oracle.call(.init(structs: request)).structs)
        try check(documents, keys, answers, seed: random.generator.seed)
    }

    private func check(_ documents: [String], _ keys: [PrivateKey], _ answers: [Oracle.Answer], seed: UInt64) throws {
        try #require(answers.count == documents.count)
        for (i, (json, key)) in zip(documents, keys).enumerated() {
            let context: Comment = "document \(i), seed \(seed):\n\(json)"
            let data = try EIP712TypedData(json: Array(json.utf8))
            let answer = answers[i]
            #expect(try data.types.encodeType(data.primaryType) == answer.encodeType, context)
            #expect(try Hex.encode(data.types.encodeData(data.primaryType, data.message)) == answer.encodeData, context)
            #expect(data.domainSeparator.description == answer.domainSeparator, context)
            #expect(data.messageHash.description == answer.messageHash, context)
            #expect(data.signingHash.description == answer.signingHash, context)
            let signature = key.signTypedData(data)
            #expect(signature.description == answer.signature, context)
            #expect(try signature.typedDataSigner(data) == key.address, context)
        }
    }

    // MARK: Types

    /// encodeType lists the primary type, then every struct reached from it once, sorted by name (byte order:
    /// `$` < digits < upper case < `_` < lower case), whatever the order of declaration or of reference.
    @Test func encodeTypeSortsReferencedStructsByName() async throws {
        let types = try EIP712Types([
            "Tree": [.init(name: "root", type: "Node"), .init(name: "labels", type: "_label[2][]")],
            "Node": [.init(name: "children", type: "Node[]"), .init(name: "leaf", type: "Leaf"),
                     .init(name: "b", type: "bytes7")],
            "Leaf": [.init(name: "value", type: "int40"), .init(name: "owner", type: "$Owner")],
            "_label": [.init(name: "text", type: "string")],
            "$Owner": [.init(name: "who", type: "address"), .init(name: "back", type: "Tree")],
            "Unused": [.init(name: "x", type: "bool")],
        ])
        #expect(try types.encodeType("Tree") == "Tree(Node root,_label[2][] labels)$Owner(address who,Tree back)"
            + "Leaf(int40 value,$Owner owner)Node(Node[] children,Leaf leaf,bytes7 b)_label(string text)")
        #expect(try types.encodeType("Leaf") == "Leaf(int40 value,$Owner owner)$Owner(address who,Tree back)"
            + "Node(Node[] children,Leaf leaf,bytes7 b)Tree(Node root,_label[2][] labels)_label(string text)")
        #expect(try types.encodeType("Unused") == "Unused(bool x)")
        #expect(try types.typeHash("Unused") == Keccak256.hash("Unused(bool x)"))
        #expect(throws: EIP712Error(.undefinedType("Nope"))) { try types.encodeType("Nope") }
    }

    /// An empty array hashes as keccak256 of nothing, a null struct as 32 zero bytes (eth_signTypedData_v4), and
    /// nested arrays hash their elements' words.
    @Test func arraysAndNullStructsEncodeAsTheEIPSays() async throws {
        let types = try EIP712Types([
            "List": [.init(name: "next", type: "List"), .init(name: "items", type: "uint8[][2]")],
        ])
        let value = JSONValue.object([
            "next": .null,
            "items": .array([.array([]), .array([.number("1"), .string("0x2")])]),
        ])
        let word = { (n: UInt64) in Bytes32(UInt256(n)).bytes }
        let items = Keccak256.hash(Keccak256.hash([UInt8]()).bytes + Keccak256.hash(word(1) + word(2)).bytes)
        #expect(try types.encodeData("List", value) == types.typeHash("List").bytes + Bytes32.zero.bytes + items.bytes)
    }

    /// Integers are read exactly from JSON numbers of any length and from decimal and hex strings; JSON numbers
    /// with a fraction or exponent are refused rather than rounded.
    @Test func integersAreExact() async throws {
        let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
        let types = try EIP712Types(["N": [.init(name: "u", type: "uint256"), .init(name: "i", type: "int256")]])
        func data(_ u: JSONValue, _ i: JSONValue) throws(EIP712Error) -> [UInt8] {
            try types.encodeData("N", .object(["u": u, "i": i]))
        }
        let minInt = "-57896044618658097711785492504343953926634992332820282019728792003956564819968"
        let minWord: [UInt8] = [0x80] + [UInt8](repeating: 0, count: 31)
        let expected = try types.typeHash("N").bytes + UInt256.max.bigEndianBytes + minWord
        #expect(try data(.number(max), .number(minInt)) == expected)
        #expect(try data(.string(max), .string(minInt)) == expected)
        let (maxHex, minHex) = ("0x" + String(repeating: "F", count: 64), "-0x8" + String(repeating: "0", count: 63))
        #expect(try data(.string(maxHex), .string(minHex)) == expected)
        #expect(try data(.number("0"), .number("-1")).suffix(32) == [UInt8](repeating: 0xff, count: 32))
        #expect(try data(.string("007"), .number("-0")).prefix(64).suffix(32) == Bytes32(UInt256(7)).bytes)

        let tooBig = "115792089237316195423570985008687907853269984665640564039457584007913129639936"
        #expect(throws: EIP712Error(.outOfRange(type: "uint256", value: tooBig), at: "message.u")) {
            try data(.number(tooBig), .number("0"))
        }
        #expect(throws: EIP712Error(.notAnInteger(type: "uint256", found: "1e3"), at: "message.u")) {
            try data(.number("1e3"), .number("0"))
        }
        #expect(throws: EIP712Error(.notAnInteger(type: "int256", found: "1.0"), at: "message.i")) {
            try data(.number("1"), .number("1.0"))
        }
        #expect(throws: EIP712Error(.typeMismatch(expected: "uint256", found: "\"1e3\""), at: "message.u")) {
            try data(.string("1e3"), .number("0"))
        }
    }

    /// Each width's bounds: the extremes are accepted, one past them is refused.
    @Test(arguments: [8, 16, 24, 64, 128, 160, 248, 256])
    func integerWidthsAreRangeChecked(bits: Int) async throws {
        let types = try EIP712Types(
            ["N": [.init(name: "u", type: "uint\(bits)"), .init(name: "i", type: "int\(bits)")]])
        let top = bits == 256 ? UInt256.max : (UInt256(1) << bits) - UInt256(1)
        let half = UInt256(1) << (bits - 1)
        func encode(_ u: String, _ i: String) throws(EIP712Error) {
            _ = try types.encodeData("N", .object(["u": .string(u), "i": .string(i)]))
        }
        try encode(top.description, (half - UInt256(1)).description)
        try encode("0", "-" + half.description)
        if bits < 256 {
            let over = (top + UInt256(1)).description
            #expect(throws: EIP712Error(.outOfRange(type: "uint\(bits)", value: over), at: "message.u")) {
                try encode(over, "0")
            }
        }
        #expect(throws: EIP712Error(.outOfRange(type: "uint\(bits)", value: "-1"), at: "message.u")) {
            try encode("-1", "0")
        }
        #expect(throws: EIP712Error(.outOfRange(type: "int\(bits)", value: half.description), at: "message.i")) {
            try encode("0", half.description)
        }
        let below = "-" + (half + UInt256(1)).description
        #expect(throws: EIP712Error(.outOfRange(type: "int\(bits)", value: below), at: "message.i")) {
            try encode("0", below)
        }
    }

    /// A domain without a declared EIP712Domain type is hashed with the members it has, in the EIP's order,
    /// which is the hash of the same domain declared.
    @Test func undeclaredDomainUsesTheMembersPresent() async throws {
        let declared = try EIP712TypedData(json: Array(Self.mailJSON().utf8))
        let undeclared = try EIP712TypedData(
            types: EIP712Types(declared.types.structs.filter { $0.key != "EIP712Domain" }),
            primaryType: "Mail", domain: declared.domain, message: declared.message)
        #expect(undeclared.domainSeparator == declared.domainSeparator)
        #expect(undeclared.types.structs["EIP712Domain"] == declared.types.structs["EIP712Domain"])

        let empty = try EIP712TypedData(
            types: EIP712Types(["M": []]), primaryType: "M", domain: .object([:]), message: .object([:]))
        #expect(empty.domainSeparator == Keccak256.hash(Keccak256.hash("EIP712Domain()").bytes))
        #expect(empty.messageHash == Keccak256.hash(Keccak256.hash("M()").bytes))
    }

    // MARK: Malformed documents

    /// A Mail document with `replacement` substituted for `original`, which must occur in it.
    static func mail(replacing original: String, with replacement: String) throws -> String {
        let json = try mailJSON()
        precondition(json.contains(original), "\(original) is not in the Mail example")
        return json.replacingOccurrences(of: original, with: replacement)
    }

    /// A document with these types, primary type Main, an empty domain and this message.
    static func document(_ types: String, _ message: String) -> String {
        #"{"types": {\#(types)}, "primaryType": "Main", "domain": {}, "message": \#(message)}"#
    }

    static let malformed: [(String, String)] = [
        // Values.
        (try! mail(replacing: #""0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB""#, with: #""0x12""#),
         #"message.to.wallet: expected address, got "0x12""#),
        (try! mail(replacing: #""0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB""#,
                   with: #""0xBbBbBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB""#),
         "message.to.wallet: invalid EIP-55 checksum: expected 0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"),
        (try! mail(replacing: #""0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB""#,
                   with: #""bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb""#),
         #"message.to.wallet: expected address, got "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb""#),
        (try! mail(replacing: #""Hello, Bob!""#, with: "42"), "message.contents: expected string, got 42"),
        (try! mail(replacing: #""name": "Cow", "#, with: ""), #"message.from: missing field "name""#),
        (try! mail(replacing: #""name": "Bob""#, with: #""name": "Bob", "walet": "0x""#),
         #"message.to: field "walet" is not in type Person"#),
        (try! mail(replacing: #""to": {"name""#, with: #""to": [], "x": {"name""#),
         #"message: field "x" is not in type Mail"#),
        (try! mail(replacing: #""to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"}"#,
                   with: #""to": ["Bob"]"#),
         "message.to: expected Person, got an array of 1"),
        (try! mail(replacing: #""contents": "Hello, Bob!""#, with: #""contents": null"#),
         "message.contents: expected string, got null"),
        (document(#""Main": [{"name": "w", "type": "address[]"}]"#,
                  #"{"w": ["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", "0x12"]}"#),
         #"message.w[1]: expected address, got "0x12""#),
        (document(#""Main": [{"name": "n", "type": "uint8"}]"#, #"{"n": 256}"#),
         "message.n: 256 is out of range for uint8"),
        (document(#""Main": [{"name": "n", "type": "int8"}]"#, #"{"n": "-129"}"#),
         "message.n: -129 is out of range for int8"),
        (document(#""Main": [{"name": "n", "type": "uint64"}]"#, #"{"n": 1.5}"#),
         "message.n: expected uint64, got 1.5: write integers without fraction or exponent, or as a decimal or "
            + "0x-hex string"),
        (document(#""Main": [{"name": "n", "type": "uint64"}]"#, #"{"n": " 1"}"#),
         #"message.n: expected uint64, got " 1""#),
        (document(#""Main": [{"name": "n", "type": "uint64"}]"#, #"{"n": true}"#),
         "message.n: expected uint64, got true"),
        (document(#""Main": [{"name": "b", "type": "bool"}]"#, #"{"b": "true"}"#),
         #"message.b: expected bool, got "true""#),
        (document(#""Main": [{"name": "b", "type": "bytes4"}]"#, #"{"b": "0x0102"}"#),
         "message.b: expected bytes4, got 2 bytes"),
        (document(#""Main": [{"name": "b", "type": "bytes"}]"#, #"{"b": "0x123"}"#),
         #"message.b: expected bytes, got "0x123""#),
        (document(#""Main": [{"name": "b", "type": "bytes"}]"#, #"{"b": "hello"}"#),
         #"message.b: expected bytes, got "hello""#),
        (document(#""Main": [{"name": "p", "type": "uint8[2][]"}]"#, #"{"p": [[1, 2], [3]]}"#),
         "message.p[1]: expected uint8[2], got 1 elements"),
        (document(#""Main": [{"name": "p", "type": "uint8[2][]"}]"#, #"{"p": [1, 2]}"#),
         "message.p[0]: expected uint8[2], got 1"),
        (document(#""Main": [{"name": "next", "type": "Main"}, {"name": "n", "type": "uint8"}]"#,
                  #"{"next": {"next": {"next": null, "n": 1}, "n": 300}, "n": 3}"#),
         "message.next.n: 300 is out of range for uint8"),
        (document(#""Main": []"#, #"[]"#), "message: expected Main, got an array of 0"),
        // Types.
        (try! mail(replacing: #"{"name": "from", "type": "Person"}"#, with: #"{"name": "from", "type": "Persn"}"#),
         #"types.Mail[0].type: undefined type "Persn""#),
        (document(#""Main": [{"name": "n", "type": "uint"}]"#, "{}"), #"types.Main[0].type: undefined type "uint""#),
        (document(#""Main": [{"name": "n", "type": "uint7"}]"#, "{}"), #"types.Main[0].type: undefined type "uint7""#),
        (document(#""Main": [{"name": "n", "type": "bytes33"}]"#, "{}"),
         #"types.Main[0].type: undefined type "bytes33""#),
        (document(#""Main": [{"name": "n", "type": "uint8[0]"}]"#, "{}"),
         #"types.Main[0].type: "uint8[0]" is not a type: expected a name and [] or [k] suffixes"#),
        (document(#""Main": [{"name": "n", "type": "uint8[01]"}]"#, "{}"),
         #"types.Main[0].type: "uint8[01]" is not a type: expected a name and [] or [k] suffixes"#),
        (document(#""Main": [{"name": "n", "type": "uint8["}]"#, "{}"),
         #"types.Main[0].type: "uint8[" is not a type: expected a name and [] or [k] suffixes"#),
        (document(#""Main": [{"name": "n", "type": "uint8 []"}]"#, "{}"),
         #"types.Main[0].type: "uint8 []" is not a type: expected a name and [] or [k] suffixes"#),
        (document(#""Main": [{"name": "n", "type": "(uint8,bool)"}]"#, "{}"),
         #"types.Main[0].type: "(uint8,bool)" is not a type: expected a name and [] or [k] suffixes"#),
        (document(#""Main": [{"name": "a b", "type": "bool"}]"#, "{}"),
         #"types.Main[0].name: "a b" is not an identifier"#),
        (document(#""Main": [{"name": "a", "type": "bool"}, {"name": "a", "type": "bool"}]"#, "{}"),
         #"types.Main[1].name: field "a" is declared twice"#),
        (document(#""Main": [], "1x": []"#, "{}"), #"types.1x: "1x" is not an identifier"#),
        (document(#""Main": [], "bytes32": []"#, "{}"),
         "types.bytes32: a struct cannot be named bytes32, an atomic type"),
        (document(#""Main": [{"name": "a"}]"#, "{}"), #"types.Main[0]: missing field "type""#),
        (document(#""Main": [{"name": "a", "type": 5}]"#, "{}"), "types.Main[0].type: expected a string, got 5"),
        (document(#""Main": {}"#, "{}"), "types.Main: expected an array of fields, got an empty object"),
        (#"{"types": [], "primaryType": "Main", "domain": {}, "message": {}}"#,
         "types: expected an object of struct types, got an array of 0"),
        // The document and the domain.
        (#"{"types": {"Main": []}, "domain": {}, "message": {}}"#, #"missing field "primaryType""#),
        (#"{"types": {"Main": []}, "primaryType": "Main", "domain": {}}"#, #"missing field "message""#),
        (#"{"types": {"Main": []}, "primaryType": "Mail", "domain": {}, "message": {}}"#,
         #"primaryType: undefined type "Mail""#),
        (#"{"types": {"Main": []}, "primaryType": 1, "domain": {}, "message": {}}"#,
         "primaryType: expected a struct name, got 1"),
        (#"{"types": {"Main": []}, "primaryType": "EIP712Domain", "domain": {}, "message": {}}"#,
         "primaryType: EIP712Domain is the domain's type, not a message type"),
        (#"{"types": {"Main": []}, "primaryType": "Main", "domain": {"chainId": 1, "httpOrigin": "x"}, "message": {}}"#,
         #"domain: "httpOrigin" is not an EIP712Domain field (name, version, chainId, verifyingContract, salt)"#),
        (#"{"types": {"Main": []}, "primaryType": "Main", "domain": [], "message": {}}"#,
         "domain: expected EIP712Domain, got an array of 0"),
        (try! mail(replacing: #""chainId": 1"#, with: #""chainId": "one""#),
         #"domain.chainId: expected uint256, got "one""#),
        (try! mail(replacing: #""version": "1","#, with: ""), #"domain: missing field "version""#),
        (try! mail(replacing: #""chainId": 1,"#, with: #""chainId": 1, "salt": "0x","#),
         #"domain: field "salt" is not in type EIP712Domain"#),
        (try! mail(replacing: #"{"name": "chainId", "type": "uint256"}"#,
                   with: #"{"name": "chainId", "type": "uint64"}"#),
         "types.EIP712Domain[2]: EIP712Domain field chainId is uint256, not uint64"),
        (try! mail(replacing: #"{"name": "name", "type": "string"},"#, with: "")
            .replacingOccurrences(of: #"{"name": "version", "type": "string"},"#,
                                  with: #"{"name": "version", "type": "string"}, {"name": "name", "type": "string"},"#),
         "types.EIP712Domain[1]: EIP712Domain fields must be in the order name, version, chainId, "
            + "verifyingContract, salt"),
        // JSON.
        ("", "invalid JSON at byte 0: unexpected end of input"),
        ("[1, 2", "invalid JSON at byte 5: unexpected end of input"),
        (#"{"a": 1} x"#, "invalid JSON at byte 9: unexpected text after the value"),
        (#"{"a": 1, "a": 2}"#, #"invalid JSON at byte 9: duplicate key "a""#),
        (#"{"a": 01}"#, "invalid JSON at byte 7: expected ',' or '}'"),
        (#"{"a": .5}"#, "invalid JSON at byte 6: unexpected character '.'"),
        (#"{"a": "\x"}"#, #"invalid JSON at byte 8: invalid escape \'x'"#),
        (#"{"a": "\ud800"}"#, "invalid JSON at byte 13: unpaired surrogate escape"),
        ("{\"a\": \"tab\there\"}", "invalid JSON at byte 10: control character 0x09 in a string"),
        ("[" + String(repeating: "[", count: 64) + String(repeating: "]", count: 65),
         "invalid JSON at byte 64: arrays and objects nest deeper than 64"),
        ("[1]", "expected a typed-data object, got an array of 1"),
    ]

    @Test(arguments: malformed)
    func malformedDocumentsAreRefusedWithTheirPath(json: String, message: String) {
        #expect { try EIP712TypedData(json: Array(json.utf8)) } throws: { error in
            "\(error)" == message
        }
    }

    @Test func nonUTF8IsRefused() {
        #expect(throws: EIP712Error(.invalidJSON("the text is not UTF-8", offset: 0))) {
            try EIP712TypedData(json: Array(#"{"a": ""#.utf8) + [0xff, 0x22, 0x7d])
        }
    }

    /// Escapes, surrogate pairs and raw UTF-8 all give the string's scalars; numbers keep their text.
    @Test func jsonIsReadExactly() async throws {
        let json = #"{"s": "a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00é😀", "#
            + #""n": [-0, 12345678901234567890123, 1.5e-3, true, null]}"#
        #expect(try JSONValue(json: Array(json.utf8)) == .object([
            "s": .string("a\"\\/\u{08}\u{0C}\n\r\té😀é😀"),
            "n": .array([.number("-0"), .number("12345678901234567890123"), .number("1.5e-3"), .bool(true), .null]),
        ]))
    }
}

/// Tests/oracles/eip712.py.
private enum Oracle {
    struct Case: Encodable { let json: String, key: String }
    struct Request: Encodable { var documents: [Case]? = nil; var structs: [Case]? = nil }
    struct Answer: Decodable {
        let encodeType: String, encodeData: String, domainSeparator: String, messageHash: String
        let signingHash: String, signature: String
    }
    struct Response: Decodable { let documents: [Answer]?, structs: [Answer]? }

    static func call(_ request: Request) throws -> Response {
        try PythonOracle.call("eip712", request, as: Response.self)
    }
}

/// Random typed-data documents as JSON text: a graph of 1 to 5 structs with random identifiers, members of every
/// atomic type or of other structs (themselves included), up to two array suffixes, and a message whose values
/// take every accepted spelling (integers as JSON numbers, decimal and hex strings; checksummed and lowercase
/// addresses; upper- and lowercase hex; strings with escapes), objects with their keys in random order.
///
/// Every struct but the first is referred to by an earlier one, and (unless `cycleThroughPrimary`) none refers to
/// the first but itself, so the first is the primary type eth-account derives.
private struct RandomTypedData {
    var generator: SeededGenerator
    /// How many struct values a message may still hold; past it, struct values are null and dynamic arrays empty.
    private var budget = 0

    init(generator: SeededGenerator) {
        self.generator = generator
    }

    mutating func key() -> PrivateKey {
        while true {
            if let key = try? PrivateKey(generator.bytes(32)) { return key }
        }
    }

    /// Struct definitions by name: each member's name and type string.
    typealias Definitions = [String: [(name: String, type: String)]]

    mutating func document(cycleThroughPrimary: Bool) -> String {
        let count = Int.random(in: (cycleThroughPrimary ? 2 : 1)...5, using: &generator)
        var names: [String] = []
        while names.count < count {
            let name = identifier()
            if !names.contains(name) && !Self.atomicNames.contains(name) && name != "EIP712Domain" {
                names.append(name)
            }
        }
        var fields: [[(name: String, type: String)]] = names.map { _ in [] }
        func addField(to owner: Int, base: String) {
            var name = identifier()
            while fields[owner].contains(where: { $0.name == name }) { name = identifier() }
            let position = Int.random(in: 0...fields[owner].count, using: &generator)
            fields[owner].insert((name, base + arraySuffixes()), at: position)
        }
        for owner in names.indices {
            for _ in 0..<Int.random(in: 0...4, using: &generator) { addField(to: owner, base: atomicType()) }
        }
        for child in names.indices.dropFirst() {
            addField(to: Int.random(in: 0..<child, using: &generator), base: names[child])
        }
        for _ in 0..<Int.random(in: 0...2, using: &generator) {
            let owner = Int.random(in: 0..<count, using: &generator)
            addField(to: owner, base: names[owner == 0 ? 0 : Int.random(in: 1..<count, using: &generator)])
        }
        if cycleThroughPrimary { addField(to: Int.random(in: 1..<count, using: &generator), base: names[0]) }

        let definitions = Definitions(uniqueKeysWithValues: zip(names, fields))
        let domain = Self.domainFields.filter { _ in Bool.random(using: &generator) }
        func list(_ fields: [(name: String, type: String)]) -> String {
            "[" + fields.map { #"{"name": "\#($0.name)", "type": "\#($0.type)"}"# }.joined(separator: ", ") + "]"
        }
        var types = names.map { ($0, list(definitions[$0]!)) }
        if Bool.random(using: &generator) { types.append(("EIP712Domain", list(domain))) }
        budget = 12
        let message = value(ofStruct: names[0], definitions, depth: 0, allowNull: false)
        let domainValue = object(domain.map { ($0.name, atomicValue($0.type)) })
        return object([
            ("types", object(types)), ("primaryType", json(names[0])), ("domain", domainValue), ("message", message),
        ])
    }

    // MARK: Types

    static let domainFields = [("name", "string"), ("version", "string"), ("chainId", "uint256"),
                               ("verifyingContract", "address"), ("salt", "bytes32")].map { (name: $0.0, type: $0.1) }

    static let atomicNames: Set<String> = Set(["address", "bool", "bytes", "string"]
        + (1...32).flatMap { ["uint\(8 * $0)", "int\(8 * $0)", "bytes\($0)"] })

    mutating func identifier() -> String {
        let first = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$")
        let rest = first + Array("0123456789")
        return String(first.randomElement(using: &generator)!)
            + String((0..<Int.random(in: 0...6, using: &generator)).map { _ in rest.randomElement(using: &generator)! })
    }

    mutating func atomicType() -> String {
        switch Int.random(in: 0..<7, using: &generator) {
        case 0: "uint\(8 * Int.random(in: 1...32, using: &generator))"
        case 1: "int\(8 * Int.random(in: 1...32, using: &generator))"
        case 2: "address"
        case 3: "bool"
        case 4: "bytes\(Int.random(in: 1...32, using: &generator))"
        case 5: "bytes"
        default: "string"
        }
    }

    /// No suffix most of the time, else one or two of `[]` and `[k]`.
    mutating func arraySuffixes() -> String {
        let count = [0, 0, 0, 1, 1, 2].randomElement(using: &generator)!
        return (0..<count).map { _ in
            Bool.random(using: &generator) ? "[]" : "[\(Int.random(in: 1...3, using: &generator))]"
        }.joined()
    }

    // MARK: Values

    mutating func value(ofStruct name: String, _ definitions: Definitions, depth: Int, allowNull: Bool) -> String {
        if allowNull && (budget <= 0 || depth > 4 || Int.random(in: 0..<8, using: &generator) == 0) { return "null" }
        budget -= 1
        let members = definitions[name]!.map { ($0.name, value(ofType: $0.type, definitions, depth: depth + 1)) }
        return object(members.shuffled(using: &generator))
    }

    mutating func value(ofType type: String, _ definitions: Definitions, depth: Int) -> String {
        if let open = type.lastIndex(of: "[") {
            let element = String(type[..<open])
            let size = Int(type[type.index(after: open)..<type.index(before: type.endIndex)])
            let count = size ?? (budget <= 0 || depth > 4 ? 0 : Int.random(in: 0...3, using: &generator))
            let elements = (0..<count).map { _ in value(ofType: element, definitions, depth: depth + 1) }
            return "[" + elements.joined(separator: ", ") + "]"
        }
        if definitions[type] != nil { return value(ofStruct: type, definitions, depth: depth, allowNull: true) }
        return atomicValue(type)
    }

    mutating func atomicValue(_ type: String) -> String {
        switch type {
        case "address":
            let address = try! Address(generator.bytes(20))
            return json(Bool.random(using: &generator) ? address.description : address.lowercaseHex)
        case "bool":
            return Bool.random(using: &generator) ? "true" : "false"
        case "bytes":
            return json(hex(generator.bytes([0, 1, 5, 31, 32, 33, 64, 100].randomElement(using: &generator)!)))
        case "string":
            return json(text())
        default:
            break
        }
        if type.hasPrefix("bytes"), let size = Int(type.dropFirst(5)) { return json(hex(generator.bytes(size))) }
        let signed = type.hasPrefix("int")
        let bits = Int(type.dropFirst(signed ? 3 : 4))!
        let pattern = unsigned(bits: bits)
        if signed && pattern >> (bits - 1) == UInt256(1) {
            let magnitude = (UInt256.max >> (256 - bits)) - pattern + UInt256(1)
            return Bool.random(using: &generator) ? "-" + magnitude.description : json("-" + magnitude.description)
        }
        let digits = String(pattern.hexString.dropFirst(2))
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: return pattern.description
        case 1: return json(pattern.description)
        default: return json("0x" + (Bool.random(using: &generator) ? digits : digits.uppercased()))
        }
    }

    /// A number below 2^bits: often 0, 1 or the largest, else random bits of a random length.
    mutating func unsigned(bits: Int) -> UInt256 {
        let top = UInt256.max >> (256 - bits)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: return .zero
        case 1: return UInt256(1)
        case 2: return top
        default:
            let random = UInt256(limbs: generator.next(), generator.next(), generator.next(), generator.next())
            return random >> Int.random(in: (256 - bits)...255, using: &generator)
        }
    }

    /// `0x` and the bytes' hex digits, sometimes in upper case.
    mutating func hex(_ bytes: [UInt8]) -> String {
        let digits = Hex.encode(bytes, prefix: false)
        return "0x" + (Bool.random(using: &generator) ? digits.uppercased() : digits)
    }

    /// Text mixing ASCII, JSON's special characters, control characters and multi-byte UTF-8.
    mutating func text() -> String {
        let alphabet: [Character] = [
            "a", "Z", "0", " ", ",", "\"", "\\", "/", "é", "€", "中", "😀", "\u{0}", "\n", "\u{1F}",
        ]
        let count = Int.random(in: 0...12, using: &generator)
        return String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
    }

    // MARK: JSON text

    /// A JSON string: quotes, backslashes and control characters escaped, other characters raw or, at random,
    /// as `\u` escapes (surrogate pairs above U+FFFF).
    mutating func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/" where Bool.random(using: &generator): out += "\\/"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20 || (scalar.value > 0x7e && Bool.random(using: &generator)):
                for unit in String(scalar).utf16 { out += "\\u" + String(format: "%04x", unit) }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON object of members already written as JSON, with random whitespace.
    mutating func object(_ members: [(String, String)]) -> String {
        let space = [" ", "", "\n  ", "\t"].randomElement(using: &generator)!
        let written = members.map { json($0.0) + ":" + space + $0.1 }
        return "{" + space + written.joined(separator: "," + space) + space + "}"
    }
}
