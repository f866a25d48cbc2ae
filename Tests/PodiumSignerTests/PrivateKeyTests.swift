import Foundation
import PodiumPrimitives
import PodiumSigner
import Testing

/// Private keys: the range check against the curve order, the text, environment and file sources, and that the key
/// never shows in descriptions or errors.
@Suite struct PrivateKeyTests {
    /// n, the order of secp256k1's base point (SEC 2, 2.4.1).
    static let order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"

    static let outOfRange = [
        String(repeating: "0", count: 64),
        order,
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142",
        String(repeating: "f", count: 64),
    ]

    @Test(arguments: outOfRange)
    func rejectsKeysOutsideOneToOrderMinusOne(hex: String) {
        #expect(throws: SignerError.privateKeyOutOfRange) { try PrivateKey(hex: hex) }
        #expect(throws: SignerError.privateKeyOutOfRange) { try PrivateKey(Hex.decode(hex)) }
    }

    @Test(arguments: [
        String(repeating: "0", count: 63) + "1",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140",
    ])
    func acceptsTheEndsOfTheRange(hex: String) throws {
        let key = try PrivateKey(hex: hex)
        #expect(key.revealHex() == "0x" + hex)
    }

    @Test func keyOneIsTheGeneratorsAccount() throws {
        // 1·G: its address is well known (the "0x7E5F…" account of private key 1).
        let key = try PrivateKey(hex: "0x" + String(repeating: "0", count: 63) + "1")
        #expect(key.address.description == "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")
        #expect(key.publicKey.x.description == "0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
    }

    @Test func rejectsWrongByteCounts() {
        #expect(throws: SignerError.privateKeyWrongByteCount(31)) { try PrivateKey([UInt8](repeating: 1, count: 31)) }
        #expect(throws: SignerError.privateKeyWrongByteCount(33)) { try PrivateKey([UInt8](repeating: 1, count: 33)) }
    }

    @Test func hexErrorsGiveShapeNotContent() {
        let secretish = "0x4646464646464646464646464646464646464646464646464646464646464g46"
        #expect(throws: SignerError.privateKeyInvalidCharacter(offset: 63)) { try PrivateKey(hex: secretish) }
        #expect(throws: SignerError.privateKeyWrongDigitCount(62)) {
            try PrivateKey(hex: "0x" + String(repeating: "46", count: 31))
        }
        #expect(throws: SignerError.privateKeyWrongDigitCount(63)) {
            try PrivateKey(hex: String(repeating: "4", count: 63))
        }
        #expect(throws: SignerError.privateKeyWrongDigitCount(0)) { try PrivateKey(hex: "") }
        let description = SignerError.privateKeyInvalidCharacter(offset: 63).description
        #expect(!description.contains("4646") && !description.contains("g"))
    }

    @Test func acceptsSurroundingWhitespaceAndEitherPrefix() throws {
        let key = try PrivateKey(hex: "  0X" + String(repeating: "46", count: 32) + "\n")
        #expect(key == (try PrivateKey(hex: String(repeating: "46", count: 32))))
        #expect(key != (try PrivateKey(hex: String(repeating: "47", count: 32))))
    }

    @Test func descriptionsAndReflectionAreRedacted() throws {
        let hex = String(repeating: "46", count: 32)
        let key = try PrivateKey(hex: hex)
        var dumped = ""
        dump(key, to: &dumped)
        for text in [key.description, key.debugDescription, "\(key)", String(reflecting: key), dumped,
                     "\([key])", "\(Optional(key) as Any)"] {
            #expect(!text.lowercased().contains("4646"), "leaked: \(text)")
            #expect(text.contains("redacted"), "\(text)")
        }
    }

    @Test func readsTheEnvironment() throws {
        let hex = String(repeating: "46", count: 32)
        let key = try PrivateKey(environment: "PODIUM_TEST_KEY", in: ["PODIUM_TEST_KEY": "0x" + hex])
        #expect(key == (try PrivateKey(hex: hex)))
        #expect(throws: SignerError.environmentVariableNotSet("PODIUM_TEST_KEY")) {
            try PrivateKey(environment: "PODIUM_TEST_KEY", in: [:])
        }
    }

    @Test func readsAFile() throws {
        let hex = String(repeating: "46", count: 32)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("podium-key-\(UUID().uuidString)")
        try ("0x" + hex + "\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try PrivateKey(contentsOfFile: url.path) == (try PrivateKey(hex: hex)))

        let missing = url.path + "-missing"
        do throws(SignerError) {
            _ = try PrivateKey(contentsOfFile: missing)
            Issue.record("read a missing file")
        } catch {
            guard case .unreadableKeyFile(let path, _) = error else { return #expect(Bool(false), "\(error)") }
            #expect(path == missing)
        }
    }

    @Test func publicKeyParsesEveryEncodingAndRejectsPointsOffTheCurve() throws {
        let key = try PrivateKey(hex: String(repeating: "46", count: 32))
        let publicKey = key.publicKey
        #expect(try PublicKey(publicKey.bytes) == publicKey)
        #expect(try PublicKey([0x04] + publicKey.bytes) == publicKey)
        #expect(try PublicKey(publicKey.compressed) == publicKey)
        #expect(publicKey.description == Hex.encode(publicKey.bytes))
        var offCurve = publicKey.bytes
        offCurve[63] ^= 1
        #expect(throws: SignerError.invalidPublicKey(byteCount: 64)) { try PublicKey(offCurve) }
        #expect(throws: SignerError.invalidPublicKey(byteCount: 20)) { try PublicKey([UInt8](repeating: 4, count: 20)) }
    }
}
