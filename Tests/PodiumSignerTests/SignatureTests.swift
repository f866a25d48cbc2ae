import PodiumPrimitives
import PodiumSigner
import Testing

/// Signatures: the 65-byte form and its v values, EIP-155's v, and the checks recovery and verification make.
@Suite struct SignatureTests {
    /// n, the order of secp256k1's base point (SEC 2, 2.4.1).
    static let order: UInt256 = 0xFFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFE_BAAE_DCE6_AF48_A03B_BFD2_5E8C_D036_4141

    static let key = try! PrivateKey(hex: String(repeating: "46", count: 32))
    static let hash = Keccak256.hash("podium")

    @Test func parsesAndWritesTheSixtyFiveByteForm() throws {
        let signature = Self.key.sign(hash: Self.hash)
        let bytes = signature.bytes
        #expect(bytes.count == 65 && bytes[64] == signature.v)
        #expect(try Signature(bytes) == signature)
        #expect(try Signature(hex: signature.description) == signature)
        for v: UInt8 in [0, 1, 27, 28] {
            let parsed = try Signature(bytes.prefix(64) + [v])
            #expect(parsed.yParity == (v == 1 || v == 28))
            #expect(parsed.r == signature.r && parsed.s == signature.s)
        }
    }

    @Test(arguments: [2, 26, 29, 35, 255] as [UInt8])
    func rejectsOtherRecoveryBytes(v: UInt8) {
        #expect(throws: SignerError.invalidRecoveryByte(v)) { try Signature([UInt8](repeating: 1, count: 64) + [v]) }
    }

    @Test func rejectsWrongLengthsAndText() {
        #expect(throws: SignerError.signatureWrongByteCount(64)) { try Signature([UInt8](repeating: 1, count: 64)) }
        #expect(throws: SignerError.signatureWrongByteCount(66)) { try Signature([UInt8](repeating: 1, count: 66)) }
        #expect(throws: SignerError.signatureNotHex(.oddLength(3))) { try Signature(hex: "0xabc") }
    }

    @Test func writesEIP155V() {
        let even = Signature(r: 1, s: 1, yParity: false), odd = Signature(r: 1, s: 1, yParity: true)
        #expect(even.v(chainID: 1) == 37 && odd.v(chainID: 1) == 38)
        #expect(even.v(chainID: 31337) == 62709)
        #expect(odd.v(chainID: .max) == UInt256(UInt64.max) * 2 + 36)
        #expect(even.v == 27 && odd.v == 28)
    }

    @Test func signsWithLowSAndRecoversTheSigner() throws {
        let signature = Self.key.sign(hash: Self.hash)
        #expect(signature.hasLowS)
        #expect(try signature.recoverAddress(hash: Self.hash) == Self.key.address)
        #expect(try signature.recoverPublicKey(hash: Self.hash) == Self.key.publicKey)
        #expect(signature.verify(hash: Self.hash, signer: Self.key.address))
        #expect(Self.key.publicKey.isValidSignature(signature, hash: Self.hash))
        #expect(Self.key.sign(hash: Self.hash) == signature, "RFC 6979 is deterministic")
    }

    @Test func rejectsHighS() throws {
        let low = Self.key.sign(hash: Self.hash)
        // (r, n − s) with the other parity is the same point's other valid ECDSA signature; EIP-2 refuses it.
        let high = Signature(r: low.r, s: Self.order - low.s, yParity: !low.yParity)
        #expect(!high.hasLowS)
        #expect(throws: SignerError.signatureHighS) { try high.recoverAddress(hash: Self.hash) }
        #expect(!high.verify(hash: Self.hash, signer: Self.key.address))
        #expect(!Self.key.publicKey.isValidSignature(high, hash: Self.hash))
    }

    @Test func rejectsROrSOutOfRange() {
        let s: UInt256 = 1
        let cases: [(Signature, SignerError)] = [
            (Signature(r: 0, s: s, yParity: false), .signatureROutOfRange),
            (Signature(r: Self.order, s: s, yParity: false), .signatureROutOfRange),
            (Signature(r: .max, s: s, yParity: false), .signatureROutOfRange),
            (Signature(r: 1, s: 0, yParity: false), .signatureSOutOfRange),
            (Signature(r: 1, s: Self.order, yParity: false), .signatureSOutOfRange),
            (Signature(r: 1, s: .max, yParity: true), .signatureSOutOfRange),
        ]
        for (signature, error) in cases {
            #expect(throws: error) { try signature.recoverAddress(hash: Self.hash) }
            #expect(!signature.verify(hash: Self.hash, signer: Self.key.address))
            #expect(!Self.key.publicKey.isValidSignature(signature, hash: Self.hash))
        }
    }

    @Test func failsToRecoverWhenRIsNoCurvePoint() {
        // 5³ + 7 is not a square modulo p, so no point has x = 5.
        #expect(throws: SignerError.recoveryFailed) {
            try Signature(r: 5, s: 1, yParity: false).recoverAddress(hash: Self.hash)
        }
    }

    @Test func verificationFailsForAnotherHashOrSigner() {
        let signature = Self.key.sign(hash: Self.hash)
        let other = Keccak256.hash("podium!")
        #expect(!signature.verify(hash: other, signer: Self.key.address))
        #expect(!signature.verify(hash: Self.hash, signer: .zero))
        #expect(!Self.key.publicKey.isValidSignature(signature, hash: other))
    }

    @Test func signsConcurrentlyFromManyTasks() async throws {
        let expected = (0..<64).map { Self.key.sign(hash: Keccak256.hash("task \($0)")) }
        let signatures = await withTaskGroup(of: (Int, Signature).self) { group in
            for i in 0..<64 { group.addTask { (i, Self.key.sign(hash: Keccak256.hash("task \(i)"))) } }
            var results = [Signature?](repeating: nil, count: 64)
            for await (i, signature) in group { results[i] = signature }
            return results
        }
        #expect(signatures == expected)
    }
}
