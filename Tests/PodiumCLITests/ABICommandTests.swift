import Foundation
import PodiumTestSupport
import Testing

/// The ABI commands run as a user runs them, against outside references: the Solidity documentation's worked
/// examples, well-known selectors and topics, eth-abi 6.0.0 (Tests/oracles/abi.py) on random arguments, and Foundry's
/// own test vectors; bad input must fail with exactly one line on stderr.
@Suite struct ABICommandTests {
    // MARK: Solidity documentation examples

    /// One example of Tests/PodiumABITests/Vectors/solidity-abi-spec-examples.txt.
    struct SpecExample: Sendable, CustomTestStringConvertible {
        /// `baz(uint32,bool)`, or `int16,bytes1,…` for the packed example.
        let title: String
        let isPacked: Bool
        let values: [JSONValue]
        let selector: String
        let encoding: String

        var testDescription: String { title }
        /// The signature the commands take.
        var signature: String { isPacked ? "f(\(title))" : title }
    }

    static func specExamples() throws -> [SpecExample] {
        let url = PythonOracle.repositoryRoot.appendingPathComponent(
            "Tests/PodiumABITests/Vectors/solidity-abi-spec-examples.txt")
        return try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n").filter { !$0.hasPrefix("#") }
            guard let first = lines.first else { return nil }
            func field(_ name: String) -> String {
                lines.first { $0.hasPrefix(name + " ") }.map { String($0.dropFirst(name.count + 1)) } ?? ""
            }
            return SpecExample(
                title: String(first.drop { $0 != " " }.dropFirst()), isPacked: first.hasPrefix("packed "),
                values: try JSONDecoder().decode([JSONValue].self, from: Data(field("values").utf8)),
                selector: field("selector"),
                encoding: lines.filter { $0.allSatisfy(\.isHexDigit) }.joined())
        }
    }

    @Test(arguments: try specExamples().filter { !$0.isPacked })
    func callsEncodeAndDecodeAsDocumented(_ example: SpecExample) async throws {
        let arguments = example.values.map { $0.argument(top: true) }
        let calldata = try await Self.succeed(["calldata", example.signature] + arguments)
        #expect(calldata == "0x" + example.selector + example.encoding)
        #expect(try await Self.succeed(["abi-encode", example.signature] + arguments) == "0x" + example.encoding)
        #expect(try await Self.succeed(["sig", example.signature]) == "0x" + example.selector)
        let decoded = try await Self.succeed(["decode-calldata", example.signature, calldata, "--json"])
        #expect(try JSONDecoder().decode([JSONValue].self, from: Data(decoded.utf8)) == example.values)
        let inputs = try await Self.succeed([
            "decode-abi", "--input", example.signature, "0x" + example.encoding, "--json",
        ])
        #expect(inputs == decoded)
    }

    @Test func samExampleAsTheIssueWritesIt() async throws {
        let output = try await Self.succeed(["calldata", "sam(bytes,bool,uint256[])", "0x64617665", "true", "[1,2,3]"])
        let example = try #require(try Self.specExamples().first { $0.title == "sam(bytes,bool,uint256[])" })
        #expect(output == "0x" + example.selector + example.encoding)
        let text = try await Self.succeed(["decode-calldata", "sam(bytes,bool,uint256[])", output])
        #expect(text == "0x64617665\ntrue\n[1, 2, 3]")
    }

    @Test func packedExampleEncodesAsDocumented() async throws {
        let example = try #require(try Self.specExamples().first(where: \.isPacked))
        let arguments = example.values.map { $0.argument(top: true) }
        #expect(arguments == ["-1", "0x42", "3", "Hello, world!"])
        let output = try await Self.succeed(["abi-encode", "--packed", example.signature] + arguments)
        #expect(output == "0x" + example.encoding)
    }

    // MARK: Selectors and topics

    @Test(arguments: [
        "transfer(address,uint256)",
        "function transfer(address to, uint256 amount) returns (bool)",
        "transfer(address to, uint256 amount)(bool)",
        "function transfer(address,uint) external",
    ])
    func transferSelector(signature: String) async throws {
        #expect(try await Self.succeed(["sig", signature]) == "0xa9059cbb")
    }

    @Test func knownSelectorsAndTopics() async throws {
        // The custom error of Foundry's decode-error test, and ERC-20's Transfer event.
        #expect(
            try await Self.succeed(["sig", "error InsufficientBalance(uint256 available, uint256 required)"])
                == "0xcf479181")
        let transfer = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
        #expect(try await Self.succeed(["sig-event", "Transfer(address,address,uint256)"]) == transfer)
        #expect(
            try await Self.succeed(
                ["sig-event", "event Transfer(address indexed from, address indexed to, uint256 value)"]) == transfer)
        let prizes =
            "event PrizesDistributed(uint8 indexed prizeType, address[] winners, uint256[] amounts, uint256 timestamp)"
        let expected = try ABIOracle.keccak(["PrizesDistributed(uint8,address[],uint256[],uint256)"])[0]
        #expect(try await Self.succeed(["sig-event", prizes]) == expected)
    }

    // MARK: eth-abi on random arguments

    /// Random signatures and arguments typed as a user types them: `abi-encode` must give eth-abi's encoding,
    /// `calldata` the selector before it, and `decode-abi --json` of eth-abi's bytes the same values.
    @Test func randomArgumentsAgreeWithEthABI() async throws {
        var generator = SeededGenerator()
        let cases = (0..<40).map { _ in
            let types = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                ArgumentType.random(depth: 2, using: &generator)
            }
            return (types: types, samples: types.map { $0.sample(using: &generator) })
        }
        let encodings = try ABIOracle.encode(cases.map { ($0.types.map(\.name), $0.samples.map(\.json)) })
        // Eight cases at a time, each running two processes.
        for batch in stride(from: 0, to: cases.count, by: 8) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in batch..<min(batch + 8, cases.count) {
                    let (types, samples) = cases[index]
                    let context: Comment = "case \(index) \(types.map(\.name)), seed \(generator.seed)"
                    let list = types.map(\.name).joined(separator: ",")
                    let encoding = try #require(encodings[index], context)
                    group.addTask {
                        let encoded = try await Self.succeed(["abi-encode", "f(\(list))"] + samples.map(\.argument))
                        #expect(encoded == encoding, context)
                        let decoded = try await Self.succeed(["decode-abi", "f()(\(list))", encoding, "--json"])
                        let json = try JSONDecoder().decode([JSONValue].self, from: Data(decoded.utf8))
                        let expected = zip(types, samples).map { type, sample in type.normalized(sample.json) }
                        #expect(zip(types, json).map { type, value in type.normalized(value) } == expected, context)
                    }
                }
                try await group.waitForAll()
            }
        }
        let (types, samples) = cases[0]
        let signature = "g(\(types.map(\.name).joined(separator: ",")))"
        let selector = try await Self.succeed(["sig", signature])
        let calldata = try await Self.succeed(["calldata", signature] + samples.map(\.argument))
        #expect(calldata == selector + (encodings[0] ?? "").dropFirst(2))
    }

    // MARK: Revert data

    /// The Solidity documentation's `Error(string)` example ("Error handling: Assert, Require, Revert and
    /// Exceptions").
    @Test func explainsTheDocumentedErrorString() async throws {
        let data =
            "0x08c379a0"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "000000000000000000000000000000000000000000000000000000000000001a"
            + "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000"
        #expect(try await Self.succeed(["decode-error", data]) == "Error(string): \"Not enough Ether provided.\"")
    }

    /// Panic codes and their meanings (Solidity docs, "Panic via assert and Error via require").
    @Test(arguments: [
        (0x01, "Panic(0x01: assertion failed)"),
        (0x11, "Panic(0x11: arithmetic underflow or overflow)"),
        (0x12, "Panic(0x12: division or modulo by zero)"),
        (0x32, "Panic(0x32: array index out of bounds)"),
        (0x51, "Panic(0x51: call to a zero-initialized internal function)"),
        (0x99, "Panic(0x99)"),
    ])
    func explainsPanicCodes(code: Int, explanation: String) async throws {
        let data = "0x4e487b71" + String(repeating: "0", count: 62) + String(format: "%02x", code)
        #expect(try await Self.succeed(["decode-error", data]) == explanation)
    }

    @Test func explainsCustomErrorsFromSignatureOrABI() async throws {
        // Foundry's `error_decode_with_sourcify` vector: InsufficientBalance(256, 4294967296).
        let foundry =
            "0xcf479181"
            + "0000000000000000000000000000000000000000000000000000000000000100"
            + "0000000000000000000000000000000000000000000000000000000100000000"
        #expect(
            try await Self.succeed(["decode-error", foundry, "--sig", "InsufficientBalance(uint256,uint256)"])
                == "InsufficientBalance(256, 4294967296)")
        #expect(
            try await Self.succeed(
                ["decode-error", foundry, "--sig", "error InsufficientBalance(uint256 available, uint256 required)"])
                == "InsufficientBalance(available: 256, required: 4294967296)")

        // OpenZeppelin 5's ERC20InsufficientBalance, encoded by eth-abi, looked up in the Foundry artifact.
        let selector = String(try ABIOracle.keccak(["ERC20InsufficientBalance(address,uint256,uint256)"])[0].prefix(10))
        let sender = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
        let arguments = try #require(
            try ABIOracle.encode(
                [(["address", "uint256", "uint256"], [.text(sender), .text("1"), .text("2")])])[0])
        let artifact = PythonOracle.repositoryRoot.appendingPathComponent(
            "Tests/PodiumABITests/Vectors/erc20.foundry.json")
        #expect(
            try await Self.succeed(["decode-error", selector + String(arguments.dropFirst(2)), "--abi", artifact.path])
                == "ERC20InsufficientBalance(sender: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, balance: 1, needed: 2)"
        )
        #expect(try await Self.succeed(["decode-error", "0x"]) == "empty revert data")
    }

    // MARK: Logs

    @Test func decodesAPrizesDistributedLogBuiltByEthABI() async throws {
        let signature =
            "PrizesDistributed(uint8 indexed prizeType, address[] winners, uint256[] amounts, uint256 timestamp)"
        let winners = [
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
            "0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb", "0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb",
            "0x0000000000000000000000000000000000000001",
        ]
        let amounts = ["5000000000000000000", "2500000000000000000", "1000000000000000000", "500000000000000000", "1"]
        let encoded = try ABIOracle.encode([
            (
                ["address[]", "uint256[]", "uint256"],
                [.list(winners.map(JSONValue.text)), .list(amounts.map(JSONValue.text)), .text("1700000000")]
            ),
            (["uint8"], [.text("2")]),
        ])
        let data = try #require(encoded[0])
        let prizeTypeTopic = try #require(encoded[1])
        let topic0 = try ABIOracle.keccak(["PrizesDistributed(uint8,address[],uint256[],uint256)"])[0]

        let checksummed =
            "[0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359, "
            + "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB, 0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb, "
            + "0x0000000000000000000000000000000000000001]"
        let body = checksummed + "\n[" + amounts.joined(separator: ", ") + "]\n1700000000"
        #expect(try await Self.succeed(["decode-event", "--sig", signature, data]) == body)
        #expect(
            try await Self.succeed([
                "decode-event", "--sig", signature, data, "--topic", topic0, "--topic", prizeTypeTopic,
            ])
                == "2\n" + body)
        #expect(
            try await Self.succeed(["decode-event", "--sig", signature, data, "--topic", prizeTypeTopic]) == "2\n"
                + body)
        let json = try await Self.succeed([
            "decode-event", "--sig", signature, data, "--topic", prizeTypeTopic, "--json",
        ])
        #expect(
            try JSONDecoder().decode([JSONValue].self, from: Data(json.utf8)).map { $0.lowercased }
                == [
                    .text("2"), .list(winners.map(JSONValue.text)), .list(amounts.map(JSONValue.text)),
                    .text("1700000000"),
                ])
    }

    @Test func indexedDynamicValuesPrintAsTheirHash() async throws {
        let hash = try ABIOracle.keccak(["alice"])[0]
        let data = try #require(try ABIOracle.encode([(["uint256"], [.text("7")])])[0])
        let output = try await Self.succeed(
            ["decode-event", "--sig", "event Scored(string indexed player, uint256 points)", data, "--topic", hash])
        #expect(output == hash + "\n7")
    }

    // MARK: Bad input

    static let badChecksum = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"
    static let transferCall =
        "0xa9059cbb"
        + "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
        + "0000000000000000000000000000000000000000000000000000000000000001"

    @Test(arguments: [
        (
            ["calldata", "transfer(address,uint256)", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"],
            "transfer(address,uint256) takes 2 arguments, found 1"
        ),
        (["abi-encode", "f(uint8)", "256"], "argument 1: 256 is out of range for uint8 (0 to 255)"),
        (["abi-encode", "function f(uint8 level)", "256"], "argument 1, level: 256 is out of range for uint8"),
        (["calldata", "transfer(address,uint256)", badChecksum, "1"], "invalid EIP-55 checksum"),
        (["abi-encode", "f(bytes)", "0xzz"], "invalid hex \"0xzz\""),
        (["decode-abi", "f()(uint256)", "0xzz"], "invalid data \"0xzz\""),
        (["decode-abi", "f()(uint256)", "0x0001"], "data too short"),
        (["decode-abi", "f(uint256)", "0x00"], "declares no outputs"),
        (["decode-calldata", "transfer(address,uint256)", String(transferCall.dropLast(2))], "data too short"),
        (["decode-calldata", "approve(address,uint256)", transferCall], "selector 0xa9059cbb is not 0x095ea7b3"),
        (["abi-encode", "f(uint256[])", "[1,2"], "unexpected end"),
        (["abi-encode", "f(uint256[])", "[1,2]]"], "unexpected \"]\""),
        (["abi-encode", "f((uint256,bool)[])", "[(1,true]"], "unexpected \"]\""),
        (["abi-encode", "--packed", "f((uint256,bool))", "(1,true)"], "not supported in packed mode"),
        (["sig", "transfer(address,uint7)"], "invalid integer width"),
        (["sig", "event Transfer(address,address,uint256)"], "use sig-event"),
        (["sig-event", "Transfer(address"], "invalid event signature"),
        (["decode-error", "0xdeadbeef"], "unknown selector 0xdeadbeef"),
        (["decode-error", "0x1234"], "too short for a selector"),
        (["decode-error", "0x08c379a0"], "cannot decode revert data"),
        (["decode-error", "0xdeadbeef", "--sig", "Other(uint256)"], "is not Other(uint256)"),
        (["decode-error", "0x", "--sig", "E()", "--abi", "abi.json"], "not both"),
        (["decode-error", "0xdeadbeef", "--abi", "/nonexistent/abi.json"], "cannot read ABI file"),
        (
            ["decode-event", "--sig", "Transfer(address indexed,address indexed,uint256)", "0x", "--topic", "0x01"],
            "invalid topic"
        ),
        (
            [
                "decode-event", "--sig", "Transfer(address indexed,address indexed,uint256)", "0x",
                "--topic", "0x" + String(repeating: "0", count: 64),
            ], "takes 3 topics"
        ),
        (["decode-event", "--sig", "Transfer(address indexed,address indexed,uint256)", "0x00"], "data too short"),
    ])
    func rejectsBadInputOnOneLine(arguments: [String], fragment: String) async throws {
        let result = try await PodiumProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("podium: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(fragment), "\(result.stderr)")
    }

    @Test(arguments: [
        "sig", "sig-event", "abi-encode", "calldata", "decode-abi", "abi-decode", "decode-calldata", "calldata-decode",
        "decode-event", "decode-error",
    ])
    func everyCommandHasHelp(command: String) async throws {
        let result = try await PodiumProcess.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("OVERVIEW: "))
        #expect(result.stdout.contains("USAGE: podium "))
    }

    // MARK: Helpers

    /// Runs `podium arguments…`, expects success with nothing on stderr, and returns stdout without its final
    /// newline.
    /// An explicit empty output list decodes to nothing, as cast prints it; no output list at all is refused
    /// (rejectsBadInputOnOneLine).
    @Test func anEmptyOutputListIsNotAMissingOne() async throws {
        #expect(try await Self.succeed(["decode-abi", "f()()", "0x"]) == "")
        #expect(try await Self.succeed(["decode-abi", "function f() returns ()", "0x", "--json"]) == "[]")
        #expect(try await Self.succeed(["decode-abi", "f(uint256)()", "0x" + String(repeating: "0", count: 64)]) == "")
        #expect(try await PodiumProcess.run(["decode-abi", "f()", "0x"]).status != 0)
    }

    static func succeed(_ arguments: [String]) async throws -> String {
        let result = try await PodiumProcess.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(result.stderr.isEmpty, "\(arguments)")
        return result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout
    }
}

/// A JSON value as the vector file and the oracle write them (see `OracleJSON`).
typealias JSONValue = OracleJSON

extension OracleJSON {
    /// The value as a command-line argument, where it holds no tuples and no strings that need quotes: text as it
    /// is, lists as `[a,b]`.
    func argument(top: Bool) -> String {
        switch self {
        case .text(let text): text
        case .bool(let truth): truth ? "true" : "false"
        case .list(let items): "[" + items.map { $0.argument(top: false) }.joined(separator: ",") + "]"
        }
    }

    /// The value with every text in lowercase, to compare checksummed addresses with lowercase ones.
    var lowercased: JSONValue {
        switch self {
        case .text(let text): .text(text.lowercased())
        case .bool: self
        case .list(let items): .list(items.map(\.lowercased))
        }
    }
}

/// A random value of an `ArgumentType`: its JSON for the oracle, and the argument text a user would type for it.
struct ArgumentSample: Sendable {
    let json: JSONValue
    /// The text as a whole argument.
    let argument: String
    /// The text inside an array or tuple.
    let nested: String
}

/// ABI types for the random command-line tests, written out independently of PodiumABI.
indirect enum ArgumentType: Sendable {
    case uint(Int)
    case int(Int)
    case address, bool
    case fixedBytes(Int)
    case bytes, string
    case array(ArgumentType)
    case fixedArray(ArgumentType, Int)
    case tuple([ArgumentType])

    /// The canonical type name.
    var name: String {
        switch self {
        case .uint(let bits): "uint\(bits)"
        case .int(let bits): "int\(bits)"
        case .address: "address"
        case .bool: "bool"
        case .fixedBytes(let size): "bytes\(size)"
        case .bytes: "bytes"
        case .string: "string"
        case .array(let element): element.name + "[]"
        case .fixedArray(let element, let count): element.name + "[\(count)]"
        case .tuple(let components): "(" + components.map(\.name).joined(separator: ",") + ")"
        }
    }

    /// A random type nesting at most `depth` arrays and tuples.
    static func random(depth: Int, using generator: inout SeededGenerator) -> ArgumentType {
        if depth > 0 && Int.random(in: 0..<3, using: &generator) == 0 {
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: return .array(random(depth: depth - 1, using: &generator))
            case 1:
                return .fixedArray(
                    random(depth: depth - 1, using: &generator), Int.random(in: 1...3, using: &generator))
            default:
                return .tuple(
                    (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                        random(depth: depth - 1, using: &generator)
                    })
            }
        }
        switch Int.random(in: 0..<7, using: &generator) {
        case 0: return .uint(8 * Int.random(in: 1...32, using: &generator))
        case 1: return .int(8 * Int.random(in: 1...32, using: &generator))
        case 2: return .address
        case 3: return .bool
        case 4: return .fixedBytes(Int.random(in: 1...32, using: &generator))
        case 5: return .bytes
        default: return .string
        }
    }

    /// A random value, with integers at their edges or in decimal and hex, and text with the characters that
    /// matter to the argument syntax (commas, brackets, quotes, spaces) and multi-byte UTF-8.
    func sample(using generator: inout SeededGenerator) -> ArgumentSample {
        switch self {
        case .uint(let bits):
            return Self.integer(bits: bits, signed: false, using: &generator)
        case .int(let bits):
            return Self.integer(bits: bits, signed: true, using: &generator)
        case .address:
            let hex = Self.hex(generator.bytes(20))
            let typed = Bool.random(using: &generator) ? hex : "0x" + hex.dropFirst(2).uppercased()
            return ArgumentSample(json: .text(hex), argument: typed, nested: typed)
        case .bool:
            let truth = Bool.random(using: &generator)
            return ArgumentSample(json: .bool(truth), argument: "\(truth)", nested: " \(truth) ")
        case .fixedBytes(let size):
            let hex = Self.hex(generator.bytes(size))
            return ArgumentSample(json: .text(hex), argument: hex, nested: hex)
        case .bytes:
            let hex = Self.hex(generator.bytes([0, 1, 31, 32, 33, 70].randomElement(using: &generator)!))
            return ArgumentSample(json: .text(hex), argument: hex, nested: hex)
        case .string:
            let alphabet: [Character] = [
                "a", "Z", "0", " ", ",", "[", "]", "(", ")", "\"", "'", "\\", "\n", "é", "中", "😀",
            ]
            var text = String(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator)!
                })
            if text.contains("\"") && text.contains("'") { text.removeAll { $0 == "'" } }
            let quote = text.contains("\"") ? "'" : "\""
            let isBare = !text.isEmpty && text.allSatisfy { !",[]()\"' \n".contains($0) }
            let nested = isBare && Bool.random(using: &generator) ? " \(text) " : quote + text + quote
            return ArgumentSample(json: .text(text), argument: text, nested: nested)
        case .array(let element):
            return Self.list(
                (0..<Int.random(in: 0...3, using: &generator)).map { _ in element.sample(using: &generator) })
        case .fixedArray(let element, let count):
            return Self.list((0..<count).map { _ in element.sample(using: &generator) })
        case .tuple(let components):
            let samples = components.map { $0.sample(using: &generator) }
            let text = "(" + samples.map(\.nested).joined(separator: ", ") + ")"
            return ArgumentSample(json: .list(samples.map(\.json)), argument: text, nested: text)
        }
    }

    /// The value with addresses in lowercase, as the oracle writes them.
    func normalized(_ value: JSONValue) -> JSONValue {
        switch (self, value) {
        case (.address, .text(let text)): .text(text.lowercased())
        case (.array(let element), .list(let items)), (.fixedArray(let element, _), .list(let items)):
            .list(items.map { element.normalized($0) })
        case (.tuple(let components), .list(let items)): .list(zip(components, items).map { $0.normalized($1) })
        default: value
        }
    }

    private static func list(_ samples: [ArgumentSample]) -> ArgumentSample {
        let text = "[" + samples.map(\.nested).joined(separator: ",") + "]"
        return ArgumentSample(json: .list(samples.map(\.json)), argument: text, nested: text)
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        "0x" + bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// An integer of `bits` bits: an edge of the range, a small number in decimal or hex, or random digits.
    private static func integer(bits: Int, signed: Bool, using generator: inout SeededGenerator) -> ArgumentSample {
        let magnitudeBits = signed ? bits - 1 : bits
        let negative = signed && Bool.random(using: &generator)
        let decimal: String
        var typed: String?
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            // The largest magnitude: 2^bits - 1, or 2^(bits-1) for a negative and 2^(bits-1) - 1 for a positive int.
            let power = powerOfTwo(magnitudeBits)
            decimal = negative ? power : String(power.dropLast()) + String(power.last!.wholeNumberValue! - 1)
        case 1:
            let value = generator.next() >> UInt64(64 - min(magnitudeBits, 64))
            decimal = String(value)
            if Bool.random(using: &generator) { typed = (negative ? "-" : "") + "0x" + String(value, radix: 16) }
        default:
            let digits = powerOfTwo(magnitudeBits).count - 1
            let number = String(
                (0..<Int.random(in: 1...max(digits, 1), using: &generator)).map { _ in
                    Character(String(Int.random(in: 0...9, using: &generator)))
                })
            decimal = String(number.drop { $0 == "0" }.isEmpty ? "0" : number.drop { $0 == "0" })
        }
        let json = (negative && decimal != "0" ? "-" : "") + decimal
        let text = typed ?? json
        return ArgumentSample(json: .text(json), argument: text, nested: text)
    }

    /// 2^exponent in decimal digits.
    private static func powerOfTwo(_ exponent: Int) -> String {
        var digits = [1]  // least significant first
        for _ in 0..<exponent {
            var carry = 0
            for index in digits.indices {
                let doubled = digits[index] * 2 + carry
                (digits[index], carry) = (doubled % 10, doubled / 10)
            }
            if carry > 0 { digits.append(carry) }
        }
        return digits.reversed().map(String.init).joined()
    }
}

/// The eth-abi oracle, Tests/oracles/abi.py: Keccak-256 of text and standard encodings.
enum ABIOracle {
    struct Request: Encodable {
        struct Values: Encodable {
            let types: [String]
            let values: [JSONValue]
        }

        var keccak: [String]?
        var encode: [Values]?
    }

    struct Answer: Decodable {
        struct Encoded: Decodable {
            let hex: String?
        }

        let keccak: [String]?
        let encode: [Encoded]?
    }

    /// `0x` and the Keccak-256 of each text's UTF-8.
    static func keccak(_ texts: [String]) throws -> [String] {
        try PythonOracle.call("abi", Request(keccak: texts), as: Answer.self).keccak ?? []
    }

    /// eth-abi's encoding of each list of values, or nil where eth-abi refuses it.
    static func encode(_ cases: [([String], [JSONValue])]) throws -> [String?] {
        let request = Request(encode: cases.map { Request.Values(types: $0.0, values: $0.1) })
        return (try PythonOracle.call("abi", request, as: Answer.self).encode ?? []).map(\.hex)
    }
}
