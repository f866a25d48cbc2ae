import Foundation
import PodiumTestSupport
import Testing

/// `podium mktx` and `podium decode-tx` against eth-account's `sign_transaction` (Tests/oracles/cli_signing.py).
@Suite struct TransactionCommandTests {
    static let key = WalletCommandTests.anvilKey

    /// EIP-155's worked example: nonce 9, 20 gwei, 21000 gas, 1 ether to 0x3535…35 on chain 1, key 0x4646…46; the
    /// EIP gives its v, r and s in decimal, as decode-tx prints them.
    static let eip155Example =
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"

    /// Random transactions of each type: mktx must sign them to eth-account's bytes, and decode-tx --json of those
    /// bytes must give every field, the sender and the hash as eth-account has them.
    @Test func mktxAndDecodeTxAgreeWithEthAccount() async throws {
        var generator = SeededGenerator()
        var cases = (0..<12).map { TransactionCase.random(type: $0 % 3, create: $0 < 3, using: &generator) }
        var unprotected = TransactionCase.random(type: 0, create: false, using: &generator)
        unprotected.chainId = nil  // decode-tx only: mktx always signs with a chain id
        let signed = try #require(try SigningOracle.call(.init(signTransaction: cases + [unprotected])).signTransaction)
        cases.append(unprotected)

        for batch in stride(from: 0, to: cases.count, by: 8) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in batch..<min(batch + 8, cases.count) {
                    let (transaction, answer) = (cases[index], signed[index])
                    let context: Comment = "case \(index) (type \(transaction.type)), seed \(generator.seed)"
                    group.addTask {
                        if transaction.chainId != nil {
                            let raw = try await WalletCommandTests.succeed(transaction.mktxArguments)
                            #expect(raw == answer.raw, context)
                        }
                        let decoded = try await WalletCommandTests.succeed(["decode-tx", answer.raw, "--json"])
                        let fields = try JSONDecoder().decode([String: DecodedField].self, from: Data(decoded.utf8))
                        #expect(fields == answer.expected, context)
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func decodesEIP155ExampleInFieldOrder() async throws {
        let output = try await WalletCommandTests.succeed(["decode-transaction", Self.eip155Example])
        #expect(output == """
            type     0
            chainId  1
            nonce    9
            gas      21000
            gasPrice 20000000000
            to       0x3535353535353535353535353535353535353535
            value    1000000000000000000
            input    0x
            v        37
            r        18515461264373351373200002665853028612451056578545711640558177340181847433846
            s        46948507304638947509940763649030358759909902576025900602547168820602576006531
            from     0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F
            hash     0x33469b22e9f636356c4160a87eb19df52b7412e8eac32a4a55ffe88ea8350788
            """)
        let json = try await WalletCommandTests.succeed(["decode-tx", Self.eip155Example, "--json"])
        #expect(json.hasPrefix(#"{"type":"0","chainId":"1","nonce":"9","gas":"21000","gasPrice":"20000000000","to":"#))
        #expect(!json.contains(" ") && !json.contains("\n"))
    }

    /// The EIP-155 example rebuilt by mktx, and amounts written with units.
    @Test func mktxRebuildsEIP155ExampleWithUnits() async throws {
        let raw = try await WalletCommandTests.succeed([
            "mktx", "--private-key", "0x" + String(repeating: "46", count: 32), "--chain-id", "1", "--nonce", "9",
            "--gas-limit", "0x5208", "--legacy", "--gas-price", "20gwei", "--value", "1ether",
            "0x3535353535353535353535353535353535353535",
        ])
        #expect(raw == Self.eip155Example)
    }

    @Test func keyFromEnvironmentSignsTheSameTransaction() async throws {
        let arguments = ["mktx", "--chain-id", "31337", "--nonce", "0", "--gas-limit", "21000",
                         "--max-fee-per-gas", "2gwei", "--priority-gas-price", "1gwei", WalletCommandTests.anvilAddress]
        let withFlag = try await WalletCommandTests.succeed(arguments + ["--private-key", Self.key])
        let fromEnvironment = try await PodiumProcess.run(arguments, environment: ["PODIUM_PRIVATE_KEY": Self.key])
        #expect(fromEnvironment.stdout == withFlag + "\n")
    }

    @Test(arguments: [
        String(eip155Example.dropLast(2)),  // truncated
        eip155Example + "00",  // trailing byte
        eip155Example.replacingOccurrences(of: "28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276",
                                           with: String(repeating: "f", count: 64)),  // r above the curve order
        eip155Example.replacingOccurrences(of: "67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
                                           with: "98341627668089e51348fccfb4c7ff31c55912f2d2e47ef09652acf665fad3be"),  // high s
        "0x02c0",  // typed, no fields
        "0x05c0",  // unknown type
        "0x",
        "",
        "0xf86",
        "0xzz",
    ])
    func decodeTxRejectsBadTransactions(raw: String) async throws {
        let result = try await PodiumProcess.run(["decode-tx", raw])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("podium: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    static let to = "0x3535353535353535353535353535353535353535"
    static let common = ["mktx", "--private-key", key, "--chain-id", "1", "--nonce", "0", "--gas-limit", "21000"]

    @Test(arguments: [
        common + ["--gas-price", "1", to],  // type 0 or 1? --legacy or --access-list decides
        common + ["--legacy", to],
        common + ["--legacy", "--gas-price", "1", "--max-fee-per-gas", "2", to],
        common + ["--legacy", "--gas-price", "1", "--access-list", "[]", to],
        common + ["--gas-price", "1", "--max-fee-per-gas", "2", "--priority-gas-price", "1", to],
        common + ["--max-fee-per-gas", "2", to],
        common + ["--priority-gas-price", "2", to],
        common + ["--max-fee-per-gas", "1", "--priority-gas-price", "2", to],  // priority above the cap
        common + ["--max-fee-per-gas", "2", "--priority-gas-price", "1"],  // no TO
        common + ["--max-fee-per-gas", "2", "--priority-gas-price", "1", "--create", "0x00", to],
        common + ["--max-fee-per-gas", "2", "--priority-gas-price", "1", "--create", "0x00", "--data", "0x00"],
        common + ["--max-fee-per-gas", "2", "--priority-gas-price", "1", "--data", "0x0", to],
        common + ["--max-fee-per-gas", "2", "--priority-gas-price", "1", "--value", "-1", to],
        common + ["--max-fee-per-gas", "2", "--priority-gas-price", "1", "--value", "1.5wei", to],
        common + ["--max-fee-per-gas", "2", "--priority-gas-price", "1", "--value", "2^256", to],
        common + ["--max-fee-per-gas", "2", "--priority-gas-price", "1", "--access-list", "[{\"address\":1}]", to],
        common + ["--max-fee-per-gas", "2", "--priority-gas-price", "1", "--access-list", "{", to],
        common + ["--max-fee-per-gas", "2", "--priority-gas-price", "1", "0x35353535"],
        ["mktx", "--private-key", key, "--chain-id", "1", "--nonce", "0x10000000000000000", "--gas-limit", "1",
         "--max-fee-per-gas", "2", "--priority-gas-price", "1", to],
        ["mktx", "--private-key", key, "--chain-id", "1", "--nonce", "0", "--gas-limit", "-1",
         "--max-fee-per-gas", "2", "--priority-gas-price", "1", to],
        ["mktx", "--private-key", key, "--chain-id", "1", "--gas-limit", "1",
         "--max-fee-per-gas", "2", "--priority-gas-price", "1", to],  // no nonce
        ["mktx", "--private-key", "0x" + String(repeating: "0", count: 64), "--chain-id", "1", "--nonce", "0",
         "--gas-limit", "1", "--max-fee-per-gas", "2", "--priority-gas-price", "1", to],
    ])
    func mktxRejectsBadArguments(arguments: [String]) async throws {
        let result = try await PodiumProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("podium: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!result.stderr.contains(Self.key.dropFirst(2).prefix(16)))
    }
}

/// A transaction for cli_signing.py, integers as decimal strings or 0x-hex, bytes as 0x-hex.
struct TransactionCase: Encodable, Sendable {
    /// One access-list entry in the JSON-RPC form.
    struct AccessEntry: Codable, Equatable, Sendable {
        let address: String
        let storageKeys: [String]
    }

    let key: String
    let type: Int
    var chainId: String?
    let nonce: String
    let gas: String
    var gasPrice: String?
    var maxPriorityFeePerGas: String?
    var maxFeePerGas: String?
    let to: String?
    let value: String
    let input: String
    var accessList: [AccessEntry]?

    /// A random transaction of `type`; a creation when `create`. Numbers are written in decimal or hex at random.
    static func random(type: Int, create: Bool, using generator: inout SeededGenerator) -> TransactionCase {
        func number(_ value: UInt64) -> String {
            Bool.random(using: &generator) ? String(value) : "0x" + String(value, radix: 16)
        }
        func anyNumber(upTo bits: UInt64) -> UInt64 {
            [0, 1, UInt64.random(in: 0...bits, using: &generator)][Int.random(in: 0..<3, using: &generator)]
        }
        let chainIDs: [UInt64] = [1, 31337, 11_155_111, UInt64.random(in: 1..<(1 << 32), using: &generator)]
        let chainID = chainIDs[Int.random(in: 0..<chainIDs.count, using: &generator)]
        let valueBytes = generator.bytes(Int.random(in: 0...32, using: &generator))
        let input = generator.bytes(Int.random(in: create ? 1...200 : 0...100, using: &generator))
        var transaction = TransactionCase(
            key: SigningOracle.randomKey(using: &generator), type: type, chainId: number(chainID),
            nonce: number(anyNumber(upTo: .max)), gas: number(UInt64.random(in: 21_000...30_000_000, using: &generator)),
            to: create ? nil : SigningOracle.hex(generator.bytes(20)),
            value: valueBytes.isEmpty ? "0" : SigningOracle.hex(valueBytes), input: SigningOracle.hex(input))
        if type == 2 {
            let priority = anyNumber(upTo: 1 << 62)
            transaction.maxPriorityFeePerGas = number(priority)
            transaction.maxFeePerGas = number(priority + anyNumber(upTo: 1 << 62))
        } else {
            transaction.gasPrice = number(anyNumber(upTo: .max))
        }
        if type != 0 {
            transaction.accessList = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                AccessEntry(
                    address: SigningOracle.hex(generator.bytes(20)),
                    storageKeys: (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                        SigningOracle.hex(generator.bytes(32))
                    })
            }
        }
        return transaction
    }

    /// `podium mktx …` for this transaction.
    var mktxArguments: [String] {
        var arguments = ["mktx", "--private-key", key, "--chain-id", chainId!, "--nonce", nonce, "--gas-limit", gas,
                         "--value", value]
        switch type {
        case 0: arguments += ["--legacy", "--gas-price", gasPrice!]
        case 1: arguments += ["--gas-price", gasPrice!]
        default: arguments += ["--max-fee-per-gas", maxFeePerGas!, "--priority-gas-price", maxPriorityFeePerGas!]
        }
        if let accessList, type == 1 || !accessList.isEmpty {
            let json = try! JSONEncoder().encode(accessList)
            arguments += ["--access-list", String(decoding: json, as: UTF8.self)]
        }
        return arguments + (to.map { ["--data", input, $0] } ?? ["--create", input])
    }
}

/// cli_signing.py's answer for one transaction: eth-account's raw bytes and what decode-tx --json must print.
struct SignedTransaction: Decodable, Sendable {
    let raw: String
    let expected: [String: DecodedField]
}

/// A value in decode-tx's JSON: a string, null (a creation's `to`), or an access list.
enum DecodedField: Decodable, Equatable, Sendable {
    case text(String)
    case null
    case accessList([TransactionCase.AccessEntry])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .accessList(try container.decode([TransactionCase.AccessEntry].self))
        }
    }
}
