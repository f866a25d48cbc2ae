import PodiumPrimitives
import PodiumSigner
import PodiumTestSupport
import Testing

/// Signing, public keys, addresses and personal_sign against coincurve and eth-account (Tests/oracles/signer.py).
@Suite struct SignerDifferentialTests {
    struct SignCase: Codable { let key: String, hash: String }
    struct SignAnswer: Codable { let r: String, s: String, yParity: Int, publicKey: String, address: String }
    struct PersonalCase: Codable { let key: String, message: String }
    struct PersonalAnswer: Codable { let hash: String, signature: String }
    struct Request: Encodable { var sign: [SignCase]? = nil; var personal: [PersonalCase]? = nil }
    struct Answer: Decodable { let sign: [SignAnswer]?, personal: [PersonalAnswer]? }

    /// A random valid key: random bytes, with edge keys mixed in (1, n − 1, small and large).
    static func randomKey(using generator: inout SeededGenerator) -> PrivateKey {
        let edges = [
            String(repeating: "0", count: 63) + "1", String(repeating: "0", count: 62) + "02",
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140",
            "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0",
        ]
        if Int.random(in: 0..<10, using: &generator) == 0 {
            return try! PrivateKey(hex: edges.randomElement(using: &generator)!)
        }
        while true {
            if let key = try? PrivateKey(generator.bytes(32)) { return key }
        }
    }

    @Test func signaturesKeysAndAddressesMatchCoincurveAndEthKeys() async throws {
        var generator = SeededGenerator()
        let keys = (0..<300).map { _ in Self.randomKey(using: &generator) }
        let hashes = (0..<300).map { i in
            i < 2 ? Bytes32(lanes: i == 0 ? 0 : .max, i == 0 ? 0 : .max, i == 0 ? 0 : .max, i == 0 ? 0 : .max)
                : try! Bytes32(generator.bytes(32))
        }
        let cases = zip(keys, hashes).map { SignCase(key: $0.revealHex(), hash: $1.description) }
        let answers = try await #require(try PythonOracle.call("signer", Request(sign: cases), as: Answer.self).sign)
        for (i, (key, hash)) in zip(keys, hashes).enumerated() {
            let context: Comment = "case \(i), seed \(generator.seed)"
            let signature = key.sign(hash: hash)
            let expected = answers[i]
            #expect(Bytes32(signature.r).description == expected.r, context)
            #expect(Bytes32(signature.s).description == expected.s, context)
            #expect(signature.yParity == (expected.yParity == 1), context)
            #expect(key.publicKey.description == expected.publicKey, context)
            #expect(key.address.description == expected.address, context)
            #expect(try signature.recoverAddress(hash: hash) == key.address, context)
        }
    }

    @Test func personalSignMatchesEthAccount() async throws {
        var generator = SeededGenerator()
        let keys = (0..<100).map { _ in Self.randomKey(using: &generator) }
        var messages: [[UInt8]] = [[], Array("hello".utf8), Array("Sign in to Podium\nNonce: 42".utf8),
                                   Array("héllo wörld ✓".utf8), [UInt8](repeating: 0x19, count: 1000)]
        while messages.count < keys.count {
            messages.append(generator.bytes(Int.random(in: 0...300, using: &generator)))
        }
        let cases = zip(keys, messages).map { PersonalCase(key: $0.revealHex(), message: Hex.encode($1)) }
        let answers = try await #require(try PythonOracle.call("signer", Request(personal: cases), as: Answer.self).personal)
        for (i, (key, message)) in zip(keys, messages).enumerated() {
            let context: Comment = "case \(i), seed \(generator.seed)"
            let signature = key.signPersonalMessage(message)
            #expect(EIP191.personalMessageHash(message).description == answers[i].hash, context)
            #expect(signature.description == answers[i].signature, context)
            #expect(try Signature(hex: answers[i].signature).personalMessageSigner(message) == key.address, context)
            #expect(signature.verifyPersonalMessage(message, signer: key.address), context)
            #expect(!signature.verifyPersonalMessage(message + [0], signer: key.address), context)
        }
    }
}
