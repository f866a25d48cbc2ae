import Foundation
@testable import PodiumSigner
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// BIP-32 derivation against the BIP's test vectors, and derivation paths.
@Suite struct HDKeyTests {
    /// Base58 (Bitcoin's alphabet) to bytes, keeping leading "1"s as zero bytes; the checksum is not checked.
    static func base58Decode(_ text: Substring) -> [UInt8] {
        let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
        var bytes: [UInt8] = []  // little-endian
        for character in text {
            var carry = alphabet.firstIndex(of: character)!
            for i in bytes.indices {
                carry += Int(bytes[i]) * 58
                bytes[i] = UInt8(carry & 0xff)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xff))
                carry >>= 8
            }
        }
        return Array(repeating: 0, count: text.prefix { $0 == "1" }.count) + bytes.reversed()
    }

    /// (seed, path, chain code, private key) for every line of the BIP's two test vectors.
    static func vectors() throws -> [(seed: [UInt8], path: String, chainCode: [UInt8], key: [UInt8])] {
        var seed: [UInt8] = []
        var vectors: [(seed: [UInt8], path: String, chainCode: [UInt8], key: [UInt8])] = []
        for line in try vectorLines("bip32", in: .module) {
            let fields = line.split(separator: " ")
            if fields[0] == "seed" {
                seed = try Hex.decode(fields[1])
                continue
            }
            // 4 version, 1 depth, 4 fingerprint, 4 child number, 32 chain code, 33 key (0x00 ‖ k), 4 checksum.
            let extended = base58Decode(fields[1])
            #expect(extended.count == 82 && extended[45] == 0)
            vectors.append((seed, String(fields[0]), Array(extended[13..<45]), Array(extended[46..<78])))
        }
        return vectors
    }

    @Test func derivesTheBIP32TestVectors() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count == 12)
        for (seed, path, chainCode, key) in vectors {
            let node = try ExtendedPrivateKey(seed: seed).derived(DerivationPath(parsing: path))
            #expect(node.privateKey.withUnsafeBytes { Array($0) } == key, "\(path)")
            #expect(node.chainCode == chainCode, "\(path)")
            #expect(node.description == "ExtendedPrivateKey(\(path), <redacted>)")
        }
    }

    @Test func rejectsSeedsOutsideSixteenToSixtyFourBytes() {
        for count in [0, 15, 65] {
            #expect(throws: SignerError.seedWrongByteCount(count)) {
                try ExtendedPrivateKey(seed: [UInt8](repeating: 1, count: count))
            }
        }
    }

    @Test(arguments: ["m/44'/60'/0'/0/7", "m/44h/60H/0'/0/7"])
    func parsesPathsWithAnyHardenedMark(text: String) throws {
        let path = try DerivationPath(parsing: text)
        #expect(path == .ethereum(index: 7))
        #expect(path.description == "m/44'/60'/0'/0/7")
        #expect(path.components[0].rawIndex == 0x8000_002c && path.components[4].rawIndex == 7)
        #expect(try DerivationPath(parsing: "m").components.isEmpty)
    }

    @Test(arguments: ["", "44'/60'", "m/", "m//1", "m/1/", "n/1", "m/-1", "m/01", "m/2147483648", "m/1''",
                      "m/0x10", "m/ 1", "m/١"])
    func rejectsMalformedPaths(text: String) {
        #expect(throws: SignerError.invalidDerivationPath(text)) { try DerivationPath(parsing: text) }
    }
}
