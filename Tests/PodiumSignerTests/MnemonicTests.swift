import Foundation
@testable import PodiumSigner
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// BIP-39: the reference vectors, the wordlist, and each way a sentence is refused.
@Suite struct MnemonicTests {
    static func trezorVectors() throws -> [(mnemonic: String, seed: String)] {
        try vectorLines("bip39-trezor", in: .module).map { line in
            let fields = line.split(separator: "|").map(String.init)
            return (fields[1], fields[2])
        }
    }

    @Test func seedsMatchTheReferenceVectors() async throws {
        let vectors = try Self.trezorVectors()
        #expect(vectors.count == 24)
        for (phrase, seed) in vectors {
            let mnemonic = try Mnemonic(phrase)
            #expect(Hex.encode(mnemonic.seed(passphrase: "TREZOR"), prefix: false) == seed, "\(phrase)")
            #expect(mnemonic.revealPhrase() == phrase)
        }
    }

    /// The reference vectors' entropy makes their sentences (BIP-39, "Generating the mnemonic").
    @Test func entropyMakesTheReferenceSentences() throws {
        for line in try vectorLines("bip39-trezor", in: .module) {
            let fields = line.split(separator: "|").map(String.init)
            #expect(try Mnemonic(entropy: Hex.decode(fields[0])).revealPhrase() == fields[1])
        }
        #expect(throws: SignerError.self) { try Mnemonic(entropy: [UInt8](repeating: 0, count: 17)) }
        let generated = try Mnemonic.generate(wordCount: 24)
        #expect(generated.wordCount == 24)
        #expect(try Mnemonic(generated.revealPhrase()).revealPhrase() == generated.revealPhrase())
    }

    @Test func normalizesWhitespace() async throws {
        let spaced = try Mnemonic("  test test\ttest test test test test test test\ntest test   junk ")
        #expect(spaced.revealPhrase() == DevnetAccounts.mnemonic.revealPhrase())
        #expect(spaced.seed() == DevnetAccounts.mnemonic.seed())
    }

    @Test(arguments: [0, 1, 11, 13, 23, 25])
    func rejectsWordCountsBIP39DoesNotDefine(count: Int) {
        let phrase = Array(repeating: "abandon", count: count).joined(separator: " ")
        #expect(throws: SignerError.mnemonicWrongWordCount(count)) { try Mnemonic(phrase) }
    }

    @Test func rejectsUnknownWordsByPositionWithoutQuotingThem() {
        let phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandonn about"
        #expect(throws: SignerError.mnemonicUnknownWord(position: 10)) { try Mnemonic(phrase) }
        #expect(throws: SignerError.mnemonicUnknownWord(position: 0)) {
            try Mnemonic("Test test test test test test test test test test test junk")
        }
        #expect(!SignerError.mnemonicUnknownWord(position: 10).description.contains("abandon"))
    }

    @Test func rejectsABadChecksum() {
        // Twelve "abandon" is all-zero entropy with checksum bits 0000, but SHA-256 of 16 zero bytes starts 0011.
        let phrase = Array(repeating: "abandon", count: 12).joined(separator: " ")
        #expect(throws: SignerError.mnemonicChecksumMismatch) { try Mnemonic(phrase) }
        #expect(throws: SignerError.mnemonicChecksumMismatch) {
            try Mnemonic("test test test test test test test test test test test test")
        }
    }

    @Test func descriptionIsRedacted() async throws {
        let mnemonic = DevnetAccounts.mnemonic
        var dumped = ""
        dump(mnemonic, to: &dumped)
        for text in [mnemonic.description, String(reflecting: mnemonic), "\(mnemonic)", dumped] {
            #expect(!text.contains("test") && !text.contains("junk"), "leaked: \(text)")
        }
        #expect(mnemonic.wordCount == 12)
    }

    @Test func wordlistIsEthAccountsBIP39EnglishList() async throws {
        struct Request: Encodable { let wordlist = true }
        struct Answer: Decodable { let wordlist: [String] }
        let reference = try await PythonOracle.call("signer", Request(), as: Answer.self).wordlist
        #expect(reference.count == 2048)
        #expect(BIP39EnglishWordlist.indices.count == 2048)
        for (index, word) in reference.enumerated() {
            #expect(BIP39EnglishWordlist.indices[Substring(word)] == index, "\(word)")
        }
    }
}
