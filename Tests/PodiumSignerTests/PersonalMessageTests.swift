import PodiumPrimitives
import PodiumSigner
import Testing

/// EIP-191: the personal_sign prefix and the version 0x01 hash EIP-712 uses.
@Suite struct PersonalMessageTests {
    /// Published examples: viem's `hashMessage` documentation ("hello world") and alloy's hashing_functions
    /// example (`eip191_hash_message(b"hello_world")`).
    @Test(arguments: [
        ("hello world", "0xd9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68"),
        ("hello_world", "0xd52de6e039c023a7c77752126e4d9d99e2a7dacea3d19e97e9c2ebcb3ecf1c00"),
    ])
    func personalMessageHashMatchesPublishedExamples(message: String, hash: String) {
        #expect(EIP191.personalMessageHash(Array(message.utf8)).description == hash)
    }

    @Test func personalMessageHashPrefixesTheDecimalLength() {
        #expect(EIP191.personalMessageHash(Array("hello".utf8))
            == Keccak256.hash("\u{19}Ethereum Signed Message:\n5hello"))
        #expect(EIP191.personalMessageHash([]) == Keccak256.hash("\u{19}Ethereum Signed Message:\n0"))
        let long = [UInt8](repeating: 0x61, count: 1234)
        #expect(EIP191.personalMessageHash(long)
            == Keccak256.hash(Array("\u{19}Ethereum Signed Message:\n1234".utf8) + long))
    }

    @Test func typedDataHashIsVersionOne() {
        let domain = Keccak256.hash("domain"), structHash = Keccak256.hash("struct")
        #expect(EIP191.typedDataHash(domainSeparator: domain, structHash: structHash)
            == Keccak256.hash([0x19, 0x01] + domain.bytes + structHash.bytes))
    }

    @Test func recoversTheSignerOfAPersonalMessage() throws {
        let key = try PrivateKey(hex: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
        let message = Array("Sign in to Podium".utf8)
        let signature = key.signPersonalMessage(message)
        #expect(signature.bytes.count == 65 && [27, 28].contains(signature.bytes[64]))
        #expect(try signature.personalMessageSigner(message)
            == (try Address(hex: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")))
        #expect(signature.verifyPersonalMessage(message, signer: key.address))
        #expect(!signature.verifyPersonalMessage(Array("Sign in to Podium.".utf8), signer: key.address))
    }
}
