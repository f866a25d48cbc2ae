import Foundation
import PodiumPrimitives
import PodiumSigner
import PodiumTestSupport
import Testing

/// The devnet's accounts against anvil's published list, and BIP-39 + BIP-32 against eth-account.
@Suite struct DevnetAccountsTests {
    @Test func firstAccountIsAnvilsFirst() {
        #expect(DevnetAccounts.privateKeys[0].address.description == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
    }

    @Test func accountsMatchAnvilsList() async throws {
        let lines = try vectorLines("anvil-accounts", in: .module)
        #expect(lines.count == DevnetAccounts.count && DevnetAccounts.privateKeys.count == DevnetAccounts.count)
        for line in lines {
            let fields = line.split(separator: " ")
            let index = try #require(Int(fields[0]))
            let key = DevnetAccounts.privateKeys[index]
            #expect(key.address.description == fields[1])
            #expect(key.revealHex() == fields[2])
            #expect(try DevnetAccounts.privateKey(index: UInt32(index)) == key)
        }
    }

    struct HDCase: Encodable { let entropy: String, passphrase: String, path: String }
    struct HDAnswer: Decodable { let mnemonic: String, key: String, address: String }
    struct Request: Encodable { let hd: [HDCase] }
    struct Answer: Decodable { let hd: [HDAnswer] }

    @Test func derivationMatchesEthAccountOnRandomMnemonicsAndPaths() async throws {
        var generator = SeededGenerator()
        let cases = (0..<24).map { i in
            let path = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                "/\(UInt32.random(in: 0..<(1 << 31), using: &generator))" + (Bool.random(using: &generator) ? "'" : "")
            }
            return HDCase(
                entropy: Hex.encode(generator.bytes(4 * [4, 5, 6, 7, 8][i % 5])),
                passphrase: i % 3 == 0 ? "" : (i % 3 == 1 ? "TREZOR" : "pässwörd ✓"),
                path: i % 4 == 0 ? "m/44'/60'/0'/0/\(i)" : "m" + path.joined())
        }
        let answers = try await PythonOracle.call("signer", Request(hd: cases), as: Answer.self).hd
        for (i, (request, answer)) in zip(cases, answers).enumerated() {
            let context: Comment = "case \(i) (\(request.path)), seed \(generator.seed)"
            let seed = try Mnemonic(answer.mnemonic).seed(passphrase: request.passphrase)
            let key = try ExtendedPrivateKey(seed: seed).derived(DerivationPath(parsing: request.path)).privateKey
            #expect(key.revealHex() == answer.key, context)
            #expect(key.address.description == answer.address, context)
        }
    }
}
