import Foundation
import PodiumTestSupport
import Testing

/// `wallet new`, `wallet new-mnemonic` and `wallet derive` through the built binary: every printed key pair checked
/// with eth-account (Tests/oracles/signer.py), and the test mnemonic's accounts as anvil publishes them.
@Suite struct WalletGenerationTests {
    struct KeyPair: Decodable {
        let address: String
        let private_key: String
    }

    struct Generated: Decodable {
        let mnemonic: String
        let accounts: [KeyPair]
    }

    struct OracleAnswer: Decodable {
        struct Derived: Decodable {
            let key: String
            let address: String
        }
        let fromKey: [String]?
        let fromMnemonic: [Derived]?
    }

    @Test func newKeysAreWhatEthAccountMakesOfThem() async throws {
        let output = try await ChainCommandTests.succeed(["wallet", "new", "--json", "--number", "3"])
        let pairs = try JSONDecoder().decode([KeyPair].self, from: Data(output.utf8))
        #expect(pairs.count == 3 && Set(pairs.map(\.private_key)).count == 3)
        struct Request: Encodable { let fromKey: [String] }
        let answer = try await PythonOracle.call("signer", Request(fromKey: pairs.map(\.private_key)), as: OracleAnswer.self)
        #expect(answer.fromKey == pairs.map(\.address))
    }

    @Test func aNewMnemonicDerivesAsEthAccountDerivesIt() async throws {
        let output = try await ChainCommandTests.succeed(["wallet", "new-mnemonic", "--words", "15", "--accounts", "2", "--json"])
        let generated = try JSONDecoder().decode(Generated.self, from: Data(output.utf8))
        #expect(generated.mnemonic.split(separator: " ").count == 15)
        struct Case: Encodable { let mnemonic: String; let path: String }
        struct Request: Encodable { let fromMnemonic: [Case] }
        let request = Request(fromMnemonic: (0..<2).map { Case(mnemonic: generated.mnemonic, path: "m/44'/60'/0'/0/\($0)") })
        let answer = try await PythonOracle.call("signer", request, as: OracleAnswer.self)
        #expect(answer.fromMnemonic?.map(\.address) == generated.accounts.map(\.address))
        #expect(answer.fromMnemonic?.map(\.key) == generated.accounts.map(\.private_key))
        // derive, with the phrase on stdin, gives the same accounts.
        let derived = try await PodiumProcess.run(["wallet", "derive", "-", "--accounts", "2", "--json"], stdin: Data(generated.mnemonic.utf8))
        #expect(try JSONDecoder().decode([KeyPair].self, from: Data(derived.stdout.utf8)).map(\.address) == generated.accounts.map(\.address))
    }

    @Test func theTestMnemonicGivesAnvilsAccounts() async throws {
        let phrase = "test test test test test test test test test test test junk"
        let output = try await ChainCommandTests.succeed(["wallet", "derive", phrase, "--index", "1", "--accounts", "2", "--json"])
        let pairs = try JSONDecoder().decode([KeyPair].self, from: Data(output.utf8))
        #expect(pairs.map(\.address) == [ChainCommandTests.account1, ChainCommandTests.account2])
        let byPath = try await ChainCommandTests.succeed(["wallet", "derive", phrase, "--path", "m/44'/60'/0'/0/0"])
        #expect(byPath == "Address:     \(ChainCommandTests.account0)\nPrivate key: \(ChainCommandTests.key0)")
        let bad = try await PodiumProcess.run(["wallet", "derive", "test test"])
        #expect(bad.status != 0 && bad.stderr.contains("12, 15, 18, 21 or 24 words") && !bad.stderr.contains("test test"))
    }
}
