import Crypto
import _CryptoExtras
import Foundation

/// A BIP-39 mnemonic sentence in the English wordlist, checked word by word and against its checksum. Like a
/// private key, its `description` is redacted.
public struct Mnemonic: Sendable {
    /// The words, NFKD-normalized (BIP-39 normalizes both the sentence and the passphrase).
    private let words: [String]

    /// Parses a sentence of 12, 15, 18, 21 or 24 English words separated by whitespace, checking each word and
    /// the checksum (the first ENT/32 bits of SHA-256 of the entropy).
    public init(_ phrase: String) throws(SignerError) {
        let words = phrase.decomposedStringWithCompatibilityMapping.split(whereSeparator: \.isWhitespace)
        guard [12, 15, 18, 21, 24].contains(words.count) else { throw .mnemonicWrongWordCount(words.count) }
        var bits: [Bool] = []
        bits.reserveCapacity(11 * words.count)
        for (position, word) in words.enumerated() {
            guard let index = BIP39EnglishWordlist.indices[word] else { throw .mnemonicUnknownWord(position: position) }
            bits += (0..<11).map { index >> (10 - $0) & 1 == 1 }
        }
        let checksumCount = bits.count / 33
        let entropy = stride(from: 0, to: bits.count - checksumCount, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        let digest = Array(SHA256.hash(data: entropy))
        let expected = (0..<checksumCount).map { digest[0] >> (7 - $0) & 1 == 1 }
        guard Array(bits.suffix(checksumCount)) == expected else { throw .mnemonicChecksumMismatch }
        self.words = words.map(String.init)
    }

    /// The sentence for `entropy` (16, 20, 24, 28 or 32 bytes: 12 to 24 words): its bits, then the first ENT/32 bits
    /// of its SHA-256, read 11 bits to a word (BIP-39, "Generating the mnemonic").
    public init(entropy: [UInt8]) throws(SignerError) {
        guard [16, 20, 24, 28, 32].contains(entropy.count) else { throw .mnemonicWrongWordCount(entropy.count * 3 / 4) }
        let digest = Array(SHA256.hash(data: entropy))
        var bits: [Bool] = []
        for byte in entropy {
            for bit in 0..<8 { bits.append(byte >> (7 - bit) & 1 == 1) }
        }
        for bit in 0..<entropy.count / 4 { bits.append(digest[0] >> (7 - bit) & 1 == 1) }
        var words: [Substring] = []
        for start in stride(from: 0, to: bits.count, by: 11) {
            var index = 0
            for bit in bits[start..<start + 11] { index = index << 1 | (bit ? 1 : 0) }
            words.append(BIP39EnglishWordlist.words[index])
        }
        try self.init(words.joined(separator: " "))
    }

    /// A new sentence of `wordCount` words (12, 15, 18, 21 or 24) from the system's secure random source.
    public static func generate(wordCount: Int = 12) throws(SignerError) -> Mnemonic {
        guard [12, 15, 18, 21, 24].contains(wordCount) else { throw .mnemonicWrongWordCount(wordCount) }
        var generator = SystemRandomNumberGenerator()
        return try Mnemonic(entropy: (0..<wordCount * 4 / 3).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The number of words.
    public var wordCount: Int { words.count }

    /// The 64-byte seed: PBKDF2-HMAC-SHA512 of the sentence with salt "mnemonic" ‖ passphrase, 2048 rounds, both
    /// UTF-8 NFKD (BIP-39, "From mnemonic to seed").
    public func seed(passphrase: String = "") -> [UInt8] {
        let sentence = Array(words.joined(separator: " ").utf8)
        let salt = Array(("mnemonic" + passphrase).decomposedStringWithCompatibilityMapping.utf8)
        let key: SymmetricKey
        do {
            key = try KDF.Insecure.PBKDF2.deriveKey(
                from: sentence, salt: salt, using: .sha512, outputByteCount: 64, unsafeUncheckedRounds: 2048)
        } catch {
            // BoringSSL's PBKDF2 fails only when it cannot allocate; the parameters are fixed and valid.
            preconditionFailure("PBKDF2-HMAC-SHA512 failed: \(error)")
        }
        return key.withUnsafeBytes { Array($0) }
    }

    /// The sentence, words separated by single spaces, for the rare place that must show it.
    public func revealPhrase() -> String { words.joined(separator: " ") }
}

extension Mnemonic: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Mnemonic(<n> words, redacted)`: never the words.
    public var description: String { "Mnemonic(\(words.count) words, <redacted>)" }
    /// The same as `description`.
    public var debugDescription: String { description }
    /// A mirror without children, so `dump` does not show the words.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
