import CSecp256k1
import PodiumPrimitives

extension PrivateKey {
    /// Signs a 32-byte hash: deterministic ECDSA (RFC 6979 nonces, libsecp256k1's default) with low s (EIP-2) and
    /// the recovery id.
    public func sign(hash: Bytes32) -> Signature {
        var signature = secp256k1_ecdsa_recoverable_signature()
        let context = Secp256k1Context.shared.pointer
        let signed = hash.withUnsafeBytes { digest in
            withUnsafeSecretBytes { key in
                secp256k1_ecdsa_sign_recoverable(
                    context, &signature, digest.assumingMemoryBound(to: UInt8.self).baseAddress!, key, nil, nil)
            }
        }
        precondition(signed == 1, "secp256k1_ecdsa_sign_recoverable failed for a verified key")
        var compact = (Bytes32.zero, Bytes32.zero)
        var recoveryID: Int32 = 0
        return withUnsafeMutableBytes(of: &compact) { raw in
            _ = secp256k1_ecdsa_recoverable_signature_serialize_compact(
                context, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), &recoveryID, &signature)
            let bytes = UnsafeRawBufferPointer(raw)
            return Signature(
                r: UInt256(bigEndianWord: UnsafeRawBufferPointer(rebasing: bytes[0..<32])),
                s: UInt256(bigEndianWord: UnsafeRawBufferPointer(rebasing: bytes[32..<64])),
                yParity: recoveryID == 1)
        }
    }
}

extension Signature {
    /// The public key that signed `hash`; refuses r or s outside 1 ..< n and s above n/2 (EIP-2).
    public func recoverPublicKey(hash: Bytes32) throws(SignerError) -> PublicKey {
        try checkRanges()
        let context = Secp256k1Context.shared.pointer
        var recoverable = secp256k1_ecdsa_recoverable_signature()
        var point = secp256k1_pubkey()
        let recovered = withCompactBytes { compact in
            hash.withUnsafeBytes { digest in
                // Parsing cannot fail: r and s are below n, the only condition libsecp256k1 checks.
                _ = secp256k1_ecdsa_recoverable_signature_parse_compact(
                    context, &recoverable, compact, yParity ? 1 : 0)
                return secp256k1_ecdsa_recover(
                    context, &point, &recoverable, digest.assumingMemoryBound(to: UInt8.self).baseAddress!)
            }
        }
        guard recovered == 1 else { throw .recoveryFailed }
        return PublicKey(point)
    }

    /// The address of the account that signed `hash` (what `ecrecover` returns), with the checks of
    /// `recoverPublicKey(hash:)`.
    public func recoverAddress(hash: Bytes32) throws(SignerError) -> Address {
        try recoverPublicKey(hash: hash).address
    }

    /// True when this is a valid low-s signature of `hash` by the account `signer`.
    public func verify(hash: Bytes32, signer: Address) -> Bool {
        (try? recoverAddress(hash: hash)) == signer
    }

    /// Throws unless 1 ≤ r < n and 1 ≤ s ≤ n/2.
    func checkRanges() throws(SignerError) {
        guard r != .zero && r < Secp256k1Curve.order else { throw .signatureROutOfRange }
        guard s != .zero && s < Secp256k1Curve.order else { throw .signatureSOutOfRange }
        guard hasLowS else { throw .signatureHighS }
    }

    /// Calls `body` with r ‖ s, 64 big-endian bytes, as libsecp256k1's compact form.
    func withCompactBytes<R>(_ body: (UnsafePointer<UInt8>) -> R) -> R {
        var compact = (Bytes32(r), Bytes32(s))
        return withUnsafeBytes(of: &compact) { body($0.assumingMemoryBound(to: UInt8.self).baseAddress!) }
    }
}

extension PublicKey {
    /// True when `signature` is a valid low-s ECDSA signature of `hash` by this key (libsecp256k1's
    /// `ecdsa_verify`, which refuses high s itself); the recovery id is not used.
    public func isValidSignature(_ signature: Signature, hash: Bytes32) -> Bool {
        let context = Secp256k1Context.shared.pointer
        var parsed = secp256k1_ecdsa_signature()
        var point = secp256k1_pubkey()
        let uncompressed = [0x04] + bytes
        let parsedPoint = secp256k1_ec_pubkey_parse(context, &point, uncompressed, 65)
        precondition(parsedPoint == 1, "a PublicKey is always a point on the curve")
        return signature.withCompactBytes { compact in
            hash.withUnsafeBytes { digest in
                secp256k1_ecdsa_signature_parse_compact(context, &parsed, compact) == 1
                    && secp256k1_ecdsa_verify(
                        context, &parsed, digest.assumingMemoryBound(to: UInt8.self).baseAddress!, &point) == 1
            }
        }
    }
}
