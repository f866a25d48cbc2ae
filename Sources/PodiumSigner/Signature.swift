import PodiumPrimitives

/// A recoverable ECDSA signature over secp256k1 as Ethereum carries it: r, s and the parity of the y coordinate of
/// the point R, which lets the signer's public key be recovered (SEC 1, 4.1.6; Yellow Paper, appendix F).
///
/// Any r and s are representable, so a decoded transaction can hold what it holds; the range and low-s checks
/// happen where the signature is used (`recoverAddress(hash:)`, `verify(hash:signer:)`).
public struct Signature: Hashable, Sendable {
    /// The x coordinate of R, reduced modulo n.
    public let r: UInt256
    /// The proof value; libsecp256k1 always signs with s ≤ n/2 (EIP-2's low s).
    public let s: UInt256
    /// The parity of R's y coordinate (the recovery id): false for even, true for odd.
    public let yParity: Bool

    /// A signature from its parts, unchecked.
    public init(r: UInt256, s: UInt256, yParity: Bool) {
        (self.r, self.s, self.yParity) = (r, s, yParity)
    }

    /// Parses the 65-byte form r ‖ s ‖ v, where v is 27 or 28 (as `personal_sign` and `eth_sign` return it) or
    /// 0 or 1 (the bare recovery id).
    public init(_ bytes: some Collection<UInt8>) throws(SignerError) {
        let bytes = Array(bytes)
        guard bytes.count == 65 else { throw .signatureWrongByteCount(bytes.count) }
        let v = bytes[64]
        guard [0, 1, 27, 28].contains(v) else { throw .invalidRecoveryByte(v) }
        let (r, s) = bytes.withUnsafeBytes {
            (UInt256(bigEndianWord: UnsafeRawBufferPointer(rebasing: $0[0..<32])),
             UInt256(bigEndianWord: UnsafeRawBufferPointer(rebasing: $0[32..<64])))
        }
        self.init(r: r, s: s, yParity: v == 1 || v == 28)
    }

    /// Parses `0x` and 130 hex digits of r ‖ s ‖ v (the `0x` is optional).
    public init(hex text: some StringProtocol) throws(SignerError) {
        let bytes: [UInt8]
        do throws(HexError) {
            bytes = try Hex.decode(text)
        } catch {
            throw .signatureNotHex(error)
        }
        try self.init(bytes)
    }

    /// 27 or 28: v as `personal_sign`, EIP-712 wallets and pre-EIP-155 transactions write it.
    public var v: UInt8 { yParity ? 28 : 27 }

    /// r ‖ s ‖ v with v 27 or 28: the 65 bytes wallets return for messages.
    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 65) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            r.storeBigEndianWord(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<32]))
            s.storeBigEndianWord(into: UnsafeMutableRawBufferPointer(rebasing: raw[32..<64]))
            buffer[64] = v
            count = 65
        }
    }

    /// True when s ≤ n/2, the only form Ethereum accepts (EIP-2).
    public var hasLowS: Bool { s <= Secp256k1Curve.halfOrder }
}

extension Signature: CustomStringConvertible {
    /// `0x` and the 130 hex digits of r ‖ s ‖ v (v 27 or 28).
    public var description: String { Hex.encode(bytes) }
}

extension Signature {
    /// v as an EIP-155 legacy transaction writes it: yParity + chainID · 2 + 35.
    public func v(chainID: ChainID) -> UInt256 {
        UInt256(chainID) * 2 + UInt256(yParity ? 36 : 35)
    }
}
