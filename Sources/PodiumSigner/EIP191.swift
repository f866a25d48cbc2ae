import PodiumPrimitives

/// EIP-191 signed data: `0x19` ‖ version ‖ version-specific data ‖ data, hashed with Keccak-256, so a signed
/// message can never be a valid transaction.
public enum EIP191 {
    /// The hash `personal_sign` signs (version `0x45`, "E"):
    /// keccak256("\x19Ethereum Signed Message:\n" ‖ decimal byte count of `message` ‖ `message`).
    public static func personalMessageHash(_ message: some Collection<UInt8>) -> Bytes32 {
        var hasher = Keccak256()
        hasher.update("\u{19}Ethereum Signed Message:\n\(message.count)")
        hasher.update(message)
        return hasher.finalize()
    }

    /// The hash EIP-712 signs (version `0x01`): keccak256(`0x19 0x01` ‖ domainSeparator ‖ hashStruct(message)).
    public static func typedDataHash(domainSeparator: Bytes32, structHash: Bytes32) -> Bytes32 {
        var hasher = Keccak256()
        hasher.update([0x19, 0x01])
        domainSeparator.withUnsafeBytes { hasher.update($0) }
        structHash.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }
}

extension PrivateKey {
    /// Signs `message` as `personal_sign` does (EIP-191 version `0x45`); `bytes` of the result is the 65-byte
    /// signature with v 27 or 28 that wallets return.
    public func signPersonalMessage(_ message: some Collection<UInt8>) -> Signature {
        sign(hash: EIP191.personalMessageHash(message))
    }
}

extension Signature {
    /// The account that signed `message` with `personal_sign` (EIP-191 version `0x45`).
    public func personalMessageSigner(_ message: some Collection<UInt8>) throws(SignerError) -> Address {
        try recoverAddress(hash: EIP191.personalMessageHash(message))
    }

    /// True when this is a valid low-s `personal_sign` signature of `message` by `signer` (EIP-191).
    public func verifyPersonalMessage(_ message: some Collection<UInt8>, signer: Address) -> Bool {
        verify(hash: EIP191.personalMessageHash(message), signer: signer)
    }
}
